#pragma once
// The command path's transaction context. Every state change is a command: authenticate (the
// caller) → authorize (Tx::Authorize, against designations) → check invariants (the command) →
// write (Tx::Put) → append a trail event (the engine), all in one transaction. A command that
// returns an error has written nothing: the engine rolls it back to its savepoint.

#include <map>
#include <vector>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "base/clock.h"
#include "base/status.h"
#include "store/store.h"

namespace mamori {

using Json = nlohmann::json;
using Record = std::map<std::string, Value>;

// Who runs a command. `system` is the local administrator at the CLI (init, demo, user add):
// whoever can write var/ already owns the installation.
struct Actor {
  int64_t account_id = 0;
  int64_t person_id = 0;
  std::string username;
  bool system = false;
  // "user:alice" or "system:cli" — the actor column of the trail.
  std::string Label() const { return system ? "system:" + username : "user:" + username; }
};

class Catalog;
class ProfileFiles;

// Tables whose rows the trail covers: every write to them is recorded in the writing event, and
// `mamori verify` checks each row against the last event that wrote it. Excluded columns (secrets)
// are neither recorded nor checked.
struct CoveredTable {
  std::string name;
  std::vector<std::string> excluded;
};
const std::vector<CoveredTable>& CoveredTables();
const CoveredTable* FindCovered(std::string_view table);

// Canonical JSON of a row: the covered columns only, INTEGER → number, TEXT → string, NULL → null.
Json RowToJson(const Row& row, const CoveredTable& table);
Json RecordToJson(const Record& rec);
// The rows of a query as a JSON array of objects (column → number, text or null).
Result<Json> QueryJson(Conn& conn, const std::string& sql, const Params& params);

class Tx {
 public:
  // `profiles`: where the organization's profiles come from (nullptr = embedded in the binary).
  Tx(Conn& conn, Micros now, const Actor& actor, const Catalog& catalog, const ProfileFiles* profiles = nullptr)
      : conn_(conn), now_(now), actor_(actor), catalog_(catalog), profiles_(profiles) {}

  Conn& conn() { return conn_; }
  Micros now() const { return now_; }
  std::string now_text() const;
  const Actor& actor() const { return actor_; }
  const Catalog& catalog() const { return catalog_; }
  const ProfileFiles* profile_files() const { return profiles_; }

  // Deny by default: a command must call Authorize (or be run by the system actor and call
  // AuthorizeSystem) before the engine accepts its writes. Checks that the actor holds, now, a
  // designation of a role granting `permission` whose scope contains `unit_id` (or is org-wide).
  // kForbidden with the permission's clause otherwise.
  Status Authorize(std::string_view permission, int64_t unit_id);
  // Like Authorize but does not fail: true if allowed.
  Result<bool> Can(std::string_view permission, int64_t unit_id);
  // For commands only the local administrator may run. kForbidden for any other actor.
  Status AuthorizeSystem();
  // For commands whose authorization is checked against the entity itself (e.g. the designated
  // witness confirming a destruction, a user changing their own password). `why` is recorded.
  void AuthorizedBy(std::string why) { authorized_ = true, authz_note_ = std::move(why); }
  bool authorized() const { return authorized_; }

  // Upserts a row of a covered table (the record must hold every column, "id" included) and
  // records the row as stored in the event's effects.
  Status Put(std::string_view table, const Record& row);
  // Writes to an uncovered table (sessions, tokens). Not recorded in effects.
  Status ExecUncovered(std::string_view sql, const Params& params) { return conn_.Exec(sql, params); }
  // The row with this id, all columns; kNotFound naming the table otherwise.
  Result<Record> Get(std::string_view table, int64_t id);
  // max(id)+1 of a table: safe because one writer thread runs all commands.
  Result<int64_t> NextId(std::string_view table);

  void SetEntity(std::string entity) { entity_ = std::move(entity); }
  const std::string& entity() const { return entity_; }
  Json& output() { return output_; }
  Json TakeEffects() { return std::move(effects_); }
  // The rows written so far (each {"t": table, "id": id, "row": {...}}).
  const Json& effects() const { return effects_; }
  const std::string& authz_note() const { return authz_note_; }

 private:
  Conn& conn_;
  Micros now_;
  const Actor& actor_;
  const Catalog& catalog_;
  const ProfileFiles* profiles_;
  bool authorized_ = false;
  std::string authz_note_;
  std::string entity_ = "-";
  Json output_ = Json::object();
  Json effects_ = Json::array();
  // Units and their ancestors, looked up once per command (visibility and permission checks share them).
  std::map<int64_t, std::vector<int64_t>> scopes_;
};

// Helpers to read typed fields of a Record.
int64_t RecInt(const Record& r, const std::string& key);
std::string RecStr(const Record& r, const std::string& key);
bool RecNull(const Record& r, const std::string& key);
Value NullValue();
Value TextOrNull(const std::string& s);

}  // namespace mamori
