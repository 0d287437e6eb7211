#include "trail/merkle.h"

#include <algorithm>
#include <bit>
#include <charconv>
#include <cstdlib>

namespace mamori {
namespace {

// The largest power of two strictly less than n. REQUIRES: n >= 2.
uint64_t SplitPoint(uint64_t n) { return std::bit_floor(n - 1); }

Status RangeError(std::string ja, std::string en) {
  return Status::Error(ErrorKind::kInvalidArgument, "trail.proof_range", "", std::move(ja),
                       std::move(en));
}

Status FrontierError(std::string en) {
  return Status::Error(ErrorKind::kInvalidArgument, "trail.frontier_malformed", "",
                       "Merkle木の途中状態（フロンティア）の形式が不正です。",
                       std::move(en));
}

// Right-shifts fn and sn together until fn is odd or zero (RFC 9162 §2.1.3.2 step 4.b.ii).
void ShiftWhileEven(uint64_t& fn, uint64_t& sn) {
  while (fn != 0 && (fn & 1) == 0) {
    fn >>= 1;
    sn >>= 1;
  }
}

// Splits `text` at `sep`; an empty text gives no parts.
std::vector<std::string_view> Split(std::string_view text, char sep) {
  std::vector<std::string_view> parts;
  if (text.empty()) return parts;
  size_t start = 0;
  while (true) {
    const size_t pos = text.find(sep, start);
    parts.push_back(text.substr(start, pos == std::string_view::npos ? pos : pos - start));
    if (pos == std::string_view::npos) return parts;
    start = pos + 1;
  }
}

}  // namespace

Hash LeafHash(std::string_view leaf_data) {
  static constexpr char kPrefix = 0x00;
  return Sha256(std::string_view(&kPrefix, 1), leaf_data);
}

Hash NodeHash(const Hash& left, const Hash& right) {
  uint8_t buf[1 + 2 * sizeof(Hash)];
  buf[0] = 0x01;
  std::copy(left.begin(), left.end(), buf + 1);
  std::copy(right.begin(), right.end(), buf + 1 + left.size());
  return Sha256Bytes(buf, sizeof(buf));
}

Hash EmptyRoot() { return Sha256(""); }

Hash RootFromLeaves(const std::vector<Hash>& leaf_hashes) {
  return RootOfRange(leaf_hashes, 0, leaf_hashes.size());
}

Hash RootOfRange(const std::vector<Hash>& leaf_hashes, size_t begin, size_t end) {
  if (begin > end || end > leaf_hashes.size()) std::abort();
  Frontier frontier;
  for (size_t i = begin; i < end; ++i) frontier.Append(leaf_hashes[i]);
  return frontier.Root();
}

// ---- Frontier ----

void Frontier::Append(const Hash& leaf_hash) {
  Hash carry = leaf_hash;
  // Each trailing 1 bit of size_ is a perfect subtree of the same height as `carry`: merge them.
  for (uint64_t s = size_; s & 1; s >>= 1) {
    carry = NodeHash(nodes_.back(), carry);
    nodes_.pop_back();
  }
  nodes_.push_back(carry);
  ++size_;
}

Hash Frontier::Root() const {
  if (nodes_.empty()) return EmptyRoot();
  Hash root = nodes_.back();
  for (size_t i = nodes_.size() - 1; i-- > 0;) root = NodeHash(nodes_[i], root);
  return root;
}

std::string Frontier::Serialize() const {
  std::string out = std::to_string(size_) + ":";
  for (size_t i = 0; i < nodes_.size(); ++i) {
    if (i > 0) out += ',';
    out += ToHex(nodes_[i]);
  }
  return out;
}

Result<Frontier> Frontier::Parse(std::string_view text) {
  const size_t colon = text.find(':');
  if (colon == std::string_view::npos) return FrontierError("frontier has no ':' separator");
  const std::string_view size_text = text.substr(0, colon);
  uint64_t size = 0;
  const auto [end, ec] = std::from_chars(size_text.data(), size_text.data() + size_text.size(), size);
  if (size_text.empty() || ec != std::errc() || end != size_text.data() + size_text.size())
    return FrontierError("frontier size is not a decimal number");

  const std::vector<std::string_view> parts = Split(text.substr(colon + 1), ',');
  if (parts.size() != static_cast<size_t>(std::popcount(size)))
    return FrontierError("frontier has " + std::to_string(parts.size()) + " hashes, size " +
                         std::to_string(size) + " needs " + std::to_string(std::popcount(size)));
  Frontier frontier;
  frontier.size_ = size;
  for (std::string_view part : parts) {
    Hash h{};
    if (!HashFromHex(part, h)) return FrontierError("frontier hash is not 64 hex digits");
    frontier.nodes_.push_back(h);
  }
  // Rejects leading zeros and uppercase hex, so that one state has one text.
  if (frontier.Serialize() != text) return FrontierError("frontier is not in canonical form");
  return frontier;
}

// ---- Inclusion ----

Result<std::vector<Hash>> InclusionProof(const std::vector<Hash>& leaf_hashes, uint64_t index,
                                         uint64_t tree_size) {
  if (tree_size > leaf_hashes.size())
    return RangeError("証明対象の木の大きさが記録済みの件数を超えています。",
                      "tree size " + std::to_string(tree_size) + " exceeds the " +
                          std::to_string(leaf_hashes.size()) + " leaves recorded");
  if (index >= tree_size)
    return RangeError("包含証明の位置が木の範囲外です。",
                      "leaf index " + std::to_string(index) + " is not below tree size " +
                          std::to_string(tree_size));
  // Walk from the root down to the leaf, taking the sibling subtree's root at each split.
  std::vector<Hash> proof;
  uint64_t lo = 0, hi = tree_size;
  while (hi - lo > 1) {
    const uint64_t mid = lo + SplitPoint(hi - lo);
    if (index < mid) {
      proof.push_back(RootOfRange(leaf_hashes, mid, hi));
      hi = mid;
    } else {
      proof.push_back(RootOfRange(leaf_hashes, lo, mid));
      lo = mid;
    }
  }
  std::reverse(proof.begin(), proof.end());  // RFC order: leaf's sibling first
  return proof;
}

bool VerifyInclusion(const Hash& leaf_hash, uint64_t index, uint64_t tree_size,
                     const std::vector<Hash>& proof, const Hash& root) {
  if (index >= tree_size) return false;
  uint64_t fn = index, sn = tree_size - 1;
  Hash r = leaf_hash;
  for (const Hash& p : proof) {
    if (sn == 0) return false;
    if ((fn & 1) || fn == sn) {
      r = NodeHash(p, r);
      if (!(fn & 1)) ShiftWhileEven(fn, sn);
    } else {
      r = NodeHash(r, p);
    }
    fn >>= 1;
    sn >>= 1;
  }
  return sn == 0 && r == root;
}

// ---- Consistency ----

Result<std::vector<Hash>> ConsistencyProof(const std::vector<Hash>& leaf_hashes, uint64_t old_size,
                                           uint64_t new_size) {
  if (new_size > leaf_hashes.size())
    return RangeError("証明対象の木の大きさが記録済みの件数を超えています。",
                      "tree size " + std::to_string(new_size) + " exceeds the " +
                          std::to_string(leaf_hashes.size()) + " leaves recorded");
  if (old_size > new_size)
    return RangeError("一貫性証明の旧い木が新しい木より大きくなっています。",
                      "old size " + std::to_string(old_size) + " exceeds new size " +
                          std::to_string(new_size));
  std::vector<Hash> proof;
  if (old_size == 0 || old_size == new_size) return proof;
  // SUBPROOF(m, D[lo:hi], b) unrolled: descend while the old tree's edge is inside [lo, hi).
  uint64_t lo = 0, hi = new_size;
  bool whole_old_tree = true;  // b: [lo, hi) still starts at the old tree's root
  while (old_size != hi) {
    const uint64_t mid = lo + SplitPoint(hi - lo);
    if (old_size <= mid) {
      proof.push_back(RootOfRange(leaf_hashes, mid, hi));
      hi = mid;
    } else {
      proof.push_back(RootOfRange(leaf_hashes, lo, mid));
      lo = mid;
      whole_old_tree = false;
    }
  }
  if (!whole_old_tree) proof.push_back(RootOfRange(leaf_hashes, lo, hi));
  std::reverse(proof.begin(), proof.end());  // RFC order: deepest node first
  return proof;
}

bool VerifyConsistency(uint64_t old_size, uint64_t new_size, const Hash& old_root,
                       const Hash& new_root, const std::vector<Hash>& proof) {
  if (old_size > new_size) return false;
  if (old_size == new_size) return proof.empty() && old_root == new_root;
  if (old_size == 0) return proof.empty() && old_root == EmptyRoot();
  // RFC 9162 §2.1.4.2 for 0 < old_size < new_size.
  if (proof.empty()) return false;
  std::vector<Hash> path;
  path.reserve(proof.size() + 1);
  if (std::has_single_bit(old_size)) path.push_back(old_root);
  path.insert(path.end(), proof.begin(), proof.end());

  uint64_t fn = old_size - 1, sn = new_size - 1;
  while (fn & 1) {
    fn >>= 1;
    sn >>= 1;
  }
  Hash fr = path[0], sr = path[0];
  for (size_t i = 1; i < path.size(); ++i) {
    const Hash& c = path[i];
    if (sn == 0) return false;
    if ((fn & 1) || fn == sn) {
      fr = NodeHash(c, fr);
      sr = NodeHash(c, sr);
      if (!(fn & 1)) ShiftWhileEven(fn, sn);
    } else {
      sr = NodeHash(sr, c);
    }
    fn >>= 1;
    sn >>= 1;
  }
  return sn == 0 && fr == old_root && sr == new_root;
}

}  // namespace mamori
