#include "trail/proofs.h"

#include "trail/merkle.h"
#include "trail/trail.h"

namespace mamori {
namespace {

Result<int64_t> TrailSize(Conn& conn) {
  ASSIGN_OR_RETURN(Rows r, conn.Query("SELECT COALESCE(MAX(seq), 0) FROM trail_events"));
  return r.rows[0].Int(0);
}

Json HexList(const std::vector<Hash>& hs) {
  Json out = Json::array();
  for (const Hash& h : hs) out.push_back(ToHex(h));
  return out;
}

Status Range(const std::string& ja, const std::string& en) {
  return Status::Error(ErrorKind::kInvalidArgument, "trail.proof_range", "", ja, en);
}

}  // namespace

Result<Json> InclusionProofJson(Conn& conn, int64_t seq, int64_t tree_size) {
  ASSIGN_OR_RETURN(int64_t size, TrailSize(conn));
  if (tree_size == 0) tree_size = size;
  if (seq < 1 || seq > tree_size || tree_size > size)
    return Range("1 ≤ seq ≤ tree_size ≤ 証跡の件数 (" + std::to_string(size) + ") にしてください。",
                 "Need 1 ≤ seq ≤ tree_size ≤ trail size (" + std::to_string(size) + ").");
  ASSIGN_OR_RETURN(std::vector<Hash> leaves, LoadLeafHashes(conn, tree_size));
  ASSIGN_OR_RETURN(std::vector<Hash> proof, InclusionProof(leaves, static_cast<uint64_t>(seq - 1), tree_size));
  const Hash root = RootFromLeaves(leaves);
  const Hash& leaf = leaves[static_cast<size_t>(seq - 1)];
  return Json{{"seq", seq}, {"tree_size", tree_size}, {"leaf_hash", ToHex(leaf)}, {"root", ToHex(root)},
              {"proof", HexList(proof)},
              {"verified", VerifyInclusion(leaf, static_cast<uint64_t>(seq - 1), tree_size, proof, root)}};
}

Result<Json> ConsistencyProofJson(Conn& conn, int64_t old_size, int64_t new_size) {
  ASSIGN_OR_RETURN(int64_t size, TrailSize(conn));
  if (new_size == 0) new_size = size;
  if (old_size < 1 || old_size > new_size || new_size > size)
    return Range("1 ≤ old ≤ new ≤ 証跡の件数 (" + std::to_string(size) + ") にしてください。",
                 "Need 1 ≤ old ≤ new ≤ trail size (" + std::to_string(size) + ").");
  ASSIGN_OR_RETURN(std::vector<Hash> leaves, LoadLeafHashes(conn, new_size));
  ASSIGN_OR_RETURN(std::vector<Hash> proof, ConsistencyProof(leaves, old_size, new_size));
  const Hash old_root = RootOfRange(leaves, 0, static_cast<size_t>(old_size));
  const Hash new_root = RootFromLeaves(leaves);
  return Json{{"old_size", old_size}, {"new_size", new_size}, {"old_root", ToHex(old_root)},
              {"new_root", ToHex(new_root)}, {"proof", HexList(proof)},
              {"verified", VerifyConsistency(old_size, new_size, old_root, new_root, proof)}};
}

}  // namespace mamori
