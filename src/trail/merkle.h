#pragma once
// RFC 6962 (Certificate Transparency) Merkle hash trees over SHA-256: tree heads, an incremental
// frontier that can be cached in a database row, and inclusion and consistency proofs whose
// verifiers follow RFC 9162 §2.1.3.2 and §2.1.4.2.
//
// Leaves are given as leaf hashes (LeafHash of the entry's bytes), in log order. Sizes and
// indices are 0-based counts of leaves.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "crypto/crypto.h"

namespace mamori {

// SHA-256(0x00 ‖ leaf_data).
Hash LeafHash(std::string_view leaf_data);
// SHA-256(0x01 ‖ left ‖ right).
Hash NodeHash(const Hash& left, const Hash& right);
// The root of the empty tree: SHA-256 of the empty string.
Hash EmptyRoot();

// MTH(D[n]) of RFC 6962 §2.1 over all of `leaf_hashes`. O(n) hashes, O(log n) memory.
Hash RootFromLeaves(const std::vector<Hash>& leaf_hashes);
// MTH of leaf_hashes[begin, end). REQUIRES: begin <= end <= leaf_hashes.size(); aborts
// otherwise (a caller bug, not an input error).
Hash RootOfRange(const std::vector<Hash>& leaf_hashes, size_t begin, size_t end);

// The right edge of a growing tree (Trillian's compact range [0, size)): one perfect-subtree root
// per set bit of size(), largest (leftmost) first. Appends and Root() cost O(log n).
class Frontier {
 public:
  Frontier() = default;

  void Append(const Hash& leaf_hash);
  uint64_t size() const { return size_; }
  // Equals RootFromLeaves over the leaves appended so far (EmptyRoot() when size() == 0).
  Hash Root() const;

  // "size:hex,hex,…" with lowercase hex, largest subtree first; "0:" for the empty frontier.
  std::string Serialize() const;
  // Inverse of Serialize. Accepts only the canonical form Serialize produces (decimal size
  // without leading zeros, exactly popcount(size) lowercase 64-digit hashes); otherwise
  // kInvalidArgument with rule "trail.frontier_malformed".
  static Result<Frontier> Parse(std::string_view text);

  bool operator==(const Frontier&) const = default;

 private:
  uint64_t size_ = 0;
  std::vector<Hash> nodes_;  // perfect-subtree roots, left to right
};

// PATH(index, D[tree_size]) of RFC 6962 §2.1.1, leaf's sibling first, over the first tree_size
// entries of `leaf_hashes`. kInvalidArgument ("trail.proof_range") unless
// index < tree_size <= leaf_hashes.size().
Result<std::vector<Hash>> InclusionProof(const std::vector<Hash>& leaf_hashes, uint64_t index,
                                         uint64_t tree_size);
// True iff `proof` shows `leaf_hash` at `index` in the tree of `tree_size` leaves with `root`.
bool VerifyInclusion(const Hash& leaf_hash, uint64_t index, uint64_t tree_size,
                     const std::vector<Hash>& proof, const Hash& root);

// PROOF(old_size, D[new_size]) of RFC 6962 §2.1.2. Empty when old_size is 0 or equals new_size.
// kInvalidArgument ("trail.proof_range") unless old_size <= new_size <= leaf_hashes.size().
Result<std::vector<Hash>> ConsistencyProof(const std::vector<Hash>& leaf_hashes, uint64_t old_size,
                                           uint64_t new_size);
// True iff `proof` shows the tree (old_size, old_root) is a prefix of (new_size, new_root).
// Edge cases: old_size > new_size fails; old_size == new_size needs an empty proof and equal
// roots; old_size == 0 needs an empty proof and old_root == EmptyRoot().
bool VerifyConsistency(uint64_t old_size, uint64_t new_size, const Hash& old_root,
                       const Hash& new_root, const std::vector<Hash>& proof);

}  // namespace mamori
