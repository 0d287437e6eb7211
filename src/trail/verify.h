#pragma once
// `mamori verify`: recomputes the hash chain, the Merkle tree and every signed tree head, and checks
// every row of the covered tables against the last trail event that wrote it. Reports the first
// bad event: an edited, deleted or reordered trail row, a ledger row changed or deleted behind the
// trail's back, or a trail truncated below a published tree head.

#include <functional>
#include <string>
#include <vector>

#include "store/store.h"
#include "trail/trail.h"

namespace mamori {

struct VerifyOptions {
  // Heads exported earlier (from the heads file or `mamori trail head`); the trail must reach them.
  std::vector<TreeHead> heads;
  // The trail key's public half; heads signed by any other key fail.
  std::string public_key;
  // Called now and then with (events done, events total).
  std::function<void(int64_t, int64_t)> progress;
};

struct VerifyReport {
  bool ok = true;
  int64_t events = 0;
  int64_t rows = 0;
  int64_t heads_checked = 0;
  int64_t bytes = 0;           // bytes of event data hashed
  int64_t first_bad_seq = 0;   // 0 when ok, or when the problem names no event (e.g. truncation)
  std::string problem_ja, problem_en;
  std::string root;            // Merkle root of the whole trail, hex
};

// Reads everything through `conn` (a read-only connection is enough). Errors only on I/O failure;
// a failed verification is a report with ok == false.
Result<VerifyReport> VerifyStore(Conn& conn, const VerifyOptions& options);

}  // namespace mamori
