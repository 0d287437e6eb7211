#pragma once
// Shared by the benches (bench/*_bench.cc): error handling that ends the run, percentiles, machine
// facts, the spread of item states, and the generator of a large organization written straight to
// SQLite (not through the command path) for the compliance benchmark.

#include <cstdint>
#include <string>
#include <vector>

#include "base/clock.h"
#include "base/status.h"
#include "base/time.h"

namespace mamori::bench {

// ---- running a bench ------------------------------------------------------------------------------

// The name Die prefixes its message with ("list_filter_bench").
void SetBenchName(const char* name);
// Prints "<bench>: what" on stderr and exits 1.
[[noreturn]] void Die(const std::string& what);

template <typename T>
T Check(Result<T> r, const char* what) {
  if (!r.ok()) Die(std::string(what) + ": " + r.status().ToString());
  return std::move(r).value();
}
void Check(const Status& s, const char* what);

// The p-quantile (0 < p <= 1) of v by the nearest-rank method. REQUIRES: v not empty.
double Percentile(std::vector<double> v, double p);
// "1.23 0.98 0.50": the 1, 5 and 15 minute load averages.
std::string LoadAverage();
// The CPU's model name from /proc/cpuinfo ("" when unknown).
std::string CpuModel();
// Size of a file in bytes, 0 if it does not exist.
int64_t FileBytes(const std::string& path);

// ---- how items are spread over the states -----------------------------------------------------------

struct Share {
  const char* state;
  double weight;  // relative
};
extern const std::vector<Share> kMediumStates;
extern const std::vector<Share> kDeviceStates;
// States whose item has an open (current) ledger row.
bool HasCurrentRow(const std::string& state);
// States after which nothing more happens to the item (destruction pending included).
bool IsFinal(const std::string& state);

// ---- a large organization for the compliance benchmark ---------------------------------------------

struct OrgSpec {
  int64_t persons = 100'000;
  int64_t units = 2'000;  // approximately: a company, divisions, departments, sections and facilities
  int64_t items = 1'000'000;
  int64_t events = 10'000'000;  // ledger_entries rows
  uint64_t seed = 20261203;
  // The first is org.profile; the data are written for defense-contractor's roles, the other profiles'
  // rules run on the same items, ledgers and people.
  std::vector<std::string> profiles{"defense-contractor", "mod-internal"};
};

struct OrgStats {
  double seconds = 0;  // generation, ANALYZE and checkpoint included
  int64_t db_bytes = 0;
  std::string now;     // the instant the data was generated around (UTC text)
  int64_t units = 0, persons = 0, accounts = 0, designations = 0, items = 0, entries = 0;
  int64_t reconciliations = 0, discrepancies = 0, occurrences = 0;
  // Rows written to break a rule on purpose, by rule code (what a full evaluation should find at least).
  std::vector<std::pair<std::string, int64_t>> planted;
};

// Creates `var` (App::Init on spec.profiles) and fills it with a generated organization as of `now`:
// a company tree of ~spec.units units, spec.persons people, designations for the defense-contractor
// roles, accounts for a share of the people, spec.items media and devices, spec.events ledger rows in
// time order (use/return cycles with erasure checks, take-outs and loans with approvals, a few per cent
// breaking the profile's rules), yearly stock reconciliations with some discrepancies and obligation
// occurrences. Rows are inserted with SQL in large transactions with foreign keys on (the indexes of
// items and ledger_entries are dropped first and rebuilt at the end), then ANALYZE. Progress goes to
// stderr; memory stays at a few hundred MB whatever the sizes. The data are relative to `now`: open the
// store with a clock anchored there to see them as generated.
// REQUIRES: `var` does not exist yet. Errors of App::Init/Open are returned; a failing SQL statement
// ends the process (Die).
Result<OrgStats> GenerateOrg(const std::string& var, const OrgSpec& spec, Micros now);

}  // namespace mamori::bench
