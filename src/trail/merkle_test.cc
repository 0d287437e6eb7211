#include "trail/merkle.h"

#include <gtest/gtest.h>

#include <cctype>
#include <random>
#include <string>
#include <vector>

namespace mamori {
namespace {

Hash H(std::string_view hex) {
  Hash h{};
  EXPECT_TRUE(HashFromHex(hex, h)) << hex;
  return h;
}

std::string Bytes(std::string_view hex) {
  std::string out;
  for (size_t i = 0; i + 1 < hex.size(); i += 2)
    out.push_back(static_cast<char>(std::stoi(std::string(hex.substr(i, 2)), nullptr, 16)));
  return out;
}

std::vector<Hash> RandomLeaves(size_t n, uint32_t seed) {
  std::mt19937 rng(seed);
  std::vector<Hash> leaves;
  for (size_t i = 0; i < n; ++i) {
    std::string data(rng() % 40, '\0');
    for (char& c : data) c = static_cast<char>(rng());
    leaves.push_back(LeafHash(data));
  }
  return leaves;
}

Hash Flip(Hash h) {
  h[7] ^= 0x10;
  return h;
}

// ---- Reference implementations: RFC 6962 §2.1 written out recursively, independent of the
// library's iterative code, so that the comparisons below are not tautological. ----

uint64_t RefSplit(uint64_t n) {
  uint64_t k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

Hash RefMth(const std::vector<Hash>& d, uint64_t lo, uint64_t hi) {
  if (hi == lo) return Sha256("");
  if (hi - lo == 1) return d[lo];
  const uint64_t k = RefSplit(hi - lo);
  return NodeHash(RefMth(d, lo, lo + k), RefMth(d, lo + k, hi));
}

std::vector<Hash> RefPath(const std::vector<Hash>& d, uint64_t m, uint64_t lo, uint64_t hi) {
  if (hi - lo <= 1) return {};
  const uint64_t k = RefSplit(hi - lo);
  std::vector<Hash> path;
  if (m < k) {
    path = RefPath(d, m, lo, lo + k);
    path.push_back(RefMth(d, lo + k, hi));
  } else {
    path = RefPath(d, m - k, lo + k, hi);
    path.push_back(RefMth(d, lo, lo + k));
  }
  return path;
}

std::vector<Hash> RefSubproof(const std::vector<Hash>& d, uint64_t m, uint64_t lo, uint64_t hi,
                              bool b) {
  const uint64_t n = hi - lo;
  if (m == n) return b ? std::vector<Hash>{} : std::vector<Hash>{RefMth(d, lo, hi)};
  const uint64_t k = RefSplit(n);
  std::vector<Hash> proof;
  if (m <= k) {
    proof = RefSubproof(d, m, lo, lo + k, b);
    proof.push_back(RefMth(d, lo + k, hi));
  } else {
    proof = RefSubproof(d, m - k, lo + k, hi, false);
    proof.push_back(RefMth(d, lo, lo + k));
  }
  return proof;
}

// ---- Hashing and roots ----

TEST(MerkleTest, EmptyTreeRootIsSha256OfEmptyString) {
  const Hash kEmpty = H("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(EmptyRoot(), kEmpty);
  EXPECT_EQ(RootFromLeaves({}), kEmpty);
  EXPECT_EQ(Frontier().Root(), kEmpty);
  EXPECT_EQ(Frontier().size(), 0u);
}

TEST(MerkleTest, LeafAndNodeHashesUseDomainPrefixes) {
  EXPECT_EQ(LeafHash("abc"), Sha256(std::string("\x00" "abc", 4)));
  const Hash a = LeafHash("a"), b = LeafHash("b");
  EXPECT_EQ(NodeHash(a, b), Sha256("\x01", HashBytes(a), HashBytes(b)));
  EXPECT_NE(NodeHash(a, b), NodeHash(b, a));
  EXPECT_NE(LeafHash("abc"), Sha256("abc"));
  // SHA-256(0x00), the RFC 6962 hash of the empty leaf.
  EXPECT_EQ(ToHex(LeafHash("")), "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d");
}

TEST(MerkleTest, HandComputedSmallRoots) {
  const Hash a = LeafHash("a"), b = LeafHash("b"), c = LeafHash("c");
  EXPECT_EQ(RootFromLeaves({a}), a);
  EXPECT_EQ(RootFromLeaves({a, b}), Sha256("\x01", HashBytes(a), HashBytes(b)));
  const Hash ab = Sha256("\x01", HashBytes(a), HashBytes(b));
  const Hash abc = Sha256("\x01", HashBytes(ab), HashBytes(c));
  EXPECT_EQ(RootFromLeaves({a, b, c}), abc);
  // The split is at the largest power of two below n, not in the middle from the right.
  EXPECT_NE(RootFromLeaves({a, b, c}), NodeHash(a, NodeHash(b, c)));
  EXPECT_EQ(RootOfRange({a, b, c}, 1, 3), NodeHash(b, c));
  EXPECT_EQ(RootOfRange({a, b, c}, 2, 2), EmptyRoot());
}

TEST(MerkleTest, FrontierAndRootsMatchReferenceForEverySizeUpTo200) {
  const std::vector<Hash> leaves = RandomLeaves(200, 42);
  Frontier frontier;
  for (size_t n = 0; n <= leaves.size(); ++n) {
    const std::vector<Hash> prefix(leaves.begin(), leaves.begin() + n);
    const Hash want = RefMth(leaves, 0, n);
    ASSERT_EQ(frontier.size(), n);
    ASSERT_EQ(frontier.Root(), want) << "n=" << n;
    ASSERT_EQ(RootFromLeaves(prefix), want) << "n=" << n;
    if (n < leaves.size()) frontier.Append(leaves[n]);
  }
}

TEST(MerkleTest, RootOfRangeMatchesReference) {
  const std::vector<Hash> leaves = RandomLeaves(23, 7);
  for (size_t lo = 0; lo <= leaves.size(); ++lo)
    for (size_t hi = lo; hi <= leaves.size(); ++hi)
      ASSERT_EQ(RootOfRange(leaves, lo, hi), RefMth(leaves, lo, hi)) << lo << ".." << hi;
}

// ---- Known answers from the CT reference implementation (cpp/merkletree/merkle_tree_test.cc) ----

class CtVectorsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    for (const char* in : {"", "00", "10", "2021", "3031", "40414243", "5051525354555657",
                           "606162636465666768696a6b6c6d6e6f"})
      leaves_.push_back(LeafHash(Bytes(in)));
  }
  Hash RootAt(size_t n) const { return H(kRoots[n - 1]); }

  static constexpr const char* kRoots[8] = {
      "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
      "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
      "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
      "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
      "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
      "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
      "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
      "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328"};
  std::vector<Hash> leaves_;
};

TEST_F(CtVectorsTest, Roots) {
  Frontier frontier;
  for (size_t n = 1; n <= 8; ++n) {
    frontier.Append(leaves_[n - 1]);
    EXPECT_EQ(frontier.Root(), RootAt(n)) << "n=" << n;
    EXPECT_EQ(RootOfRange(leaves_, 0, n), RootAt(n)) << "n=" << n;
  }
  EXPECT_EQ(ToHex(RootFromLeaves(leaves_)),
            "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328");
}

TEST_F(CtVectorsTest, InclusionPaths) {
  struct Case {
    uint64_t index, size;
    std::vector<const char*> path;
  };
  const std::vector<Case> cases = {
      {0, 1, {}},
      {0, 8,
       {"96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
        "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
        "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"}},
      {5, 8,
       {"bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
        "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"}},
      {2, 3, {"fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125"}},
      {1, 5,
       {"6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
        "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
        "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"}},
  };
  for (const Case& c : cases) {
    std::vector<Hash> want;
    for (const char* hex : c.path) want.push_back(H(hex));
    auto proof = InclusionProof(leaves_, c.index, c.size);
    ASSERT_TRUE(proof.ok()) << proof.status().ToString();
    EXPECT_EQ(*proof, want) << "index=" << c.index << " size=" << c.size;
    EXPECT_TRUE(VerifyInclusion(leaves_[c.index], c.index, c.size, want, RootAt(c.size)));
  }
}

TEST_F(CtVectorsTest, ConsistencyProofs) {
  struct Case {
    uint64_t old_size, new_size;
    std::vector<const char*> proof;
  };
  const std::vector<Case> cases = {
      {1, 1, {}},
      {1, 8,
       {"96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
        "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
        "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"}},
      {6, 8,
       {"0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
        "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"}},
      {2, 5,
       {"5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
        "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"}},
  };
  for (const Case& c : cases) {
    std::vector<Hash> want;
    for (const char* hex : c.proof) want.push_back(H(hex));
    auto proof = ConsistencyProof(leaves_, c.old_size, c.new_size);
    ASSERT_TRUE(proof.ok()) << proof.status().ToString();
    EXPECT_EQ(*proof, want) << c.old_size << "->" << c.new_size;
    EXPECT_TRUE(
        VerifyConsistency(c.old_size, c.new_size, RootAt(c.old_size), RootAt(c.new_size), want));
  }
}

// ---- Inclusion proofs ----

TEST(MerkleTest, InclusionProofsVerifyForEveryIndexAndSizeUpTo64) {
  const std::vector<Hash> leaves = RandomLeaves(64, 1);
  for (uint64_t size = 1; size <= 64; ++size) {
    const Hash root = RefMth(leaves, 0, size);
    for (uint64_t i = 0; i < size; ++i) {
      auto proof = InclusionProof(leaves, i, size);
      ASSERT_TRUE(proof.ok()) << proof.status().ToString();
      ASSERT_EQ(*proof, RefPath(leaves, i, 0, size)) << "i=" << i << " size=" << size;
      const std::vector<Hash>& p = *proof;
      ASSERT_TRUE(VerifyInclusion(leaves[i], i, size, p, root)) << "i=" << i << " size=" << size;

      // Wrong leaf, wrong index, wrong size, wrong root.
      EXPECT_FALSE(VerifyInclusion(Flip(leaves[i]), i, size, p, root));
      EXPECT_FALSE(VerifyInclusion(leaves[i], i, size, p, Flip(root)));
      if (size > 1) {
        EXPECT_FALSE(VerifyInclusion(leaves[i], i ^ 1, size, p, root)) << i << "/" << size;
        EXPECT_FALSE(VerifyInclusion(leaves[i], (i + 1) % size, size, p, root));
      }
      EXPECT_FALSE(VerifyInclusion(leaves[i], size, size, p, root));
      EXPECT_FALSE(VerifyInclusion(leaves[i], i, size * 2, p, root));
      // Tampered, extended or shortened proofs.
      for (size_t j = 0; j < p.size(); ++j) {
        std::vector<Hash> bad = p;
        bad[j] = Flip(bad[j]);
        EXPECT_FALSE(VerifyInclusion(leaves[i], i, size, bad, root)) << "element " << j;
      }
      std::vector<Hash> longer = p;
      longer.push_back(root);
      EXPECT_FALSE(VerifyInclusion(leaves[i], i, size, longer, root));
      if (!p.empty()) {
        std::vector<Hash> shorter(p.begin(), p.end() - 1);
        EXPECT_FALSE(VerifyInclusion(leaves[i], i, size, shorter, root));
      }
    }
  }
}

TEST(MerkleTest, InclusionProofOverPrefixOfLongerLog) {
  const std::vector<Hash> leaves = RandomLeaves(30, 3);
  auto proof = InclusionProof(leaves, 4, 11);
  ASSERT_TRUE(proof.ok());
  EXPECT_TRUE(VerifyInclusion(leaves[4], 4, 11, *proof, RootOfRange(leaves, 0, 11)));
  EXPECT_FALSE(VerifyInclusion(leaves[4], 4, 11, *proof, RootFromLeaves(leaves)));
}

TEST(MerkleTest, VerifyInclusionRejectsDegenerateInput) {
  const Hash leaf = LeafHash("x");
  EXPECT_FALSE(VerifyInclusion(leaf, 0, 0, {}, EmptyRoot()));
  EXPECT_TRUE(VerifyInclusion(leaf, 0, 1, {}, leaf));
  EXPECT_FALSE(VerifyInclusion(leaf, 1, 1, {}, leaf));
  EXPECT_FALSE(VerifyInclusion(leaf, 0, 1, {leaf}, leaf));
}

// ---- Consistency proofs ----

TEST(MerkleTest, ConsistencyProofsVerifyForEveryPairUpTo40) {
  const std::vector<Hash> leaves = RandomLeaves(40, 2);
  for (uint64_t n = 1; n <= 40; ++n) {
    const Hash new_root = RefMth(leaves, 0, n);
    for (uint64_t m = 1; m <= n; ++m) {
      const Hash old_root = RefMth(leaves, 0, m);
      auto proof = ConsistencyProof(leaves, m, n);
      ASSERT_TRUE(proof.ok()) << proof.status().ToString();
      ASSERT_EQ(*proof, RefSubproof(leaves, m, 0, n, true)) << m << "->" << n;
      const std::vector<Hash>& p = *proof;
      ASSERT_TRUE(VerifyConsistency(m, n, old_root, new_root, p)) << m << "->" << n;

      EXPECT_FALSE(VerifyConsistency(m, n, Flip(old_root), new_root, p)) << m << "->" << n;
      EXPECT_FALSE(VerifyConsistency(m, n, old_root, Flip(new_root), p)) << m << "->" << n;
      if (m == n) continue;
      EXPECT_FALSE(VerifyConsistency(n, m, old_root, new_root, p));
      EXPECT_FALSE(VerifyConsistency(m, n, new_root, old_root, p));
      // (n + 1 is not always rejected: a node hash and a leaf hash look alike to the verifier,
      // so e.g. the proof 2->3 also "proves" 2->4 with the size-3 root. The CT tests use 2n.)
      EXPECT_FALSE(VerifyConsistency(m, n * 2, old_root, new_root, p)) << m << "->" << n;
      EXPECT_FALSE(VerifyConsistency(m, n, old_root, new_root, {}));
      for (size_t j = 0; j < p.size(); ++j) {
        std::vector<Hash> bad = p;
        bad[j] = Flip(bad[j]);
        EXPECT_FALSE(VerifyConsistency(m, n, old_root, new_root, bad))
            << m << "->" << n << " element " << j;
      }
      std::vector<Hash> longer = p;
      longer.push_back(p.back());
      EXPECT_FALSE(VerifyConsistency(m, n, old_root, new_root, longer));
      std::vector<Hash> shorter(p.begin(), p.end() - 1);
      EXPECT_FALSE(VerifyConsistency(m, n, old_root, new_root, shorter));
    }
  }
}

TEST(MerkleTest, ConsistencyEdgeCases) {
  const std::vector<Hash> leaves = RandomLeaves(5, 9);
  const Hash root = RootFromLeaves(leaves);
  auto from_empty = ConsistencyProof(leaves, 0, 5);
  ASSERT_TRUE(from_empty.ok());
  EXPECT_TRUE(from_empty->empty());
  EXPECT_TRUE(VerifyConsistency(0, 5, EmptyRoot(), root, {}));
  EXPECT_FALSE(VerifyConsistency(0, 5, Flip(EmptyRoot()), root, {}));
  EXPECT_FALSE(VerifyConsistency(0, 5, EmptyRoot(), root, {root}));
  EXPECT_TRUE(VerifyConsistency(0, 0, EmptyRoot(), EmptyRoot(), {}));
  EXPECT_TRUE(VerifyConsistency(5, 5, root, root, {}));
  EXPECT_FALSE(VerifyConsistency(5, 5, root, root, {root}));
  EXPECT_FALSE(VerifyConsistency(5, 4, root, root, {}));
}

// ---- Argument errors ----

void ExpectRangeError(const Status& s) {
  EXPECT_EQ(s.kind(), ErrorKind::kInvalidArgument);
  EXPECT_EQ(s.rule(), "trail.proof_range");
  EXPECT_EQ(s.clause(), "");
  EXPECT_FALSE(s.ja().empty());
  EXPECT_FALSE(s.en().empty());
}

TEST(MerkleTest, ProofBuildersRejectBadRanges) {
  const std::vector<Hash> leaves = RandomLeaves(4, 5);
  ExpectRangeError(InclusionProof(leaves, 4, 4).status());
  ExpectRangeError(InclusionProof(leaves, 0, 0).status());
  ExpectRangeError(InclusionProof(leaves, 0, 5).status());
  ExpectRangeError(ConsistencyProof(leaves, 3, 2).status());
  ExpectRangeError(ConsistencyProof(leaves, 1, 5).status());
  EXPECT_TRUE(InclusionProof(leaves, 3, 4).ok());
  EXPECT_TRUE(ConsistencyProof(leaves, 4, 4).ok());
}

// ---- Frontier serialization ----

TEST(MerkleTest, FrontierSerializeParseRoundTrip) {
  const std::vector<Hash> leaves = RandomLeaves(70, 11);
  Frontier frontier;
  EXPECT_EQ(frontier.Serialize(), "0:");
  for (size_t n = 0; n < leaves.size(); ++n) {
    const std::string text = frontier.Serialize();
    auto parsed = Frontier::Parse(text);
    ASSERT_TRUE(parsed.ok()) << text << ": " << parsed.status().ToString();
    EXPECT_EQ(*parsed, frontier);
    EXPECT_EQ(parsed->size(), n);
    EXPECT_EQ(parsed->Root(), frontier.Root());
    // The parsed copy keeps growing exactly like the original.
    parsed->Append(leaves[n]);
    frontier.Append(leaves[n]);
    EXPECT_EQ(parsed->Root(), frontier.Root());
  }
  EXPECT_EQ(frontier.Root(), RefMth(leaves, 0, leaves.size()));
}

TEST(MerkleTest, FrontierParseRejectsGarbage) {
  Frontier three;
  for (const Hash& h : RandomLeaves(3, 13)) three.Append(h);
  const std::string good = three.Serialize();  // "3:<hex>,<hex>"
  ASSERT_TRUE(Frontier::Parse(good).ok());
  const std::string h0 = good.substr(2, 64), h1 = good.substr(67, 64);
  std::string upper = good;
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));

  for (const std::string& bad : std::vector<std::string>{
           "", ":", "0", "x:", "-1:", "+3:" + h0 + "," + h1, "03:" + h0 + "," + h1, "3 :" + h0 + "," + h1,
           "3:", "3:" + h0, "3:" + h0 + "," + h1 + "," + h1, "3:" + h0 + ";" + h1, "3:" + h0 + "," + h1 + ",",
           "3:" + h0 + "," + h1.substr(1), "3:" + h0 + "," + h1 + "0", "3:" + h0 + ",zz" + h1.substr(2),
           upper, "0:" + h0, "1:", "99999999999999999999999:" + h0, good + "\n"}) {
    auto parsed = Frontier::Parse(bad);
    EXPECT_FALSE(parsed.ok()) << "accepted: " << bad;
    if (!parsed.ok()) {
      EXPECT_EQ(parsed.status().kind(), ErrorKind::kInvalidArgument);
      EXPECT_EQ(parsed.status().rule(), "trail.frontier_malformed");
    }
  }
}

}  // namespace
}  // namespace mamori
