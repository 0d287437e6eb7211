#pragma once
// Inclusion and consistency proofs over the stored trail, as JSON for the API and the CLI.

#include "engine/tx.h"
#include "store/store.h"

namespace mamori {

// {"seq", "tree_size", "leaf_hash", "root", "proof": [hex…], "verified"}: event `seq` (1-based) is
// in the tree of the first `tree_size` events (0 = the whole trail).
Result<Json> InclusionProofJson(Conn& conn, int64_t seq, int64_t tree_size);
// {"old_size", "new_size", "old_root", "new_root", "proof": [hex…], "verified"}.
Result<Json> ConsistencyProofJson(Conn& conn, int64_t old_size, int64_t new_size);

}  // namespace mamori
