// A deterministic mutation fuzzer over every parser that reads outside input: timestamps, command
// inputs, query strings, cookies, tree-head lines and Merkle frontiers. Each seed is mutated many
// times with a fixed PRNG seed; under the ASan+UBSan build (make test) any out-of-bounds read,
// overflow or crash fails the run. Properties are checked where a parser has an inverse.

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "api/http.h"
#include "base/time.h"
#include "engine/input.h"
#include "trail/merkle.h"
#include "trail/trail.h"

namespace mamori {
namespace {

class Mutator {
 public:
  explicit Mutator(uint32_t seed) : rng_(seed) {}
  std::string Mutate(std::string s) {
    const int edits = 1 + Pick(4);
    for (int i = 0; i < edits; ++i) {
      switch (Pick(6)) {
        case 0: if (!s.empty()) s[Pick(s.size())] ^= static_cast<char>(1 << Pick(8)); break;
        case 1: if (!s.empty()) s.resize(Pick(s.size())); break;
        case 2: s.insert(Pick(s.size() + 1), 1, static_cast<char>(Pick(256))); break;
        case 3: s.insert(Pick(s.size() + 1), kTokens[Pick(std::size(kTokens))]); break;
        case 4: if (!s.empty()) s.erase(Pick(s.size()), 1 + Pick(3)); break;
        default: if (!s.empty()) { const size_t at = Pick(s.size()); s.insert(at, s.substr(at, 1 + Pick(8))); }
      }
    }
    return s;
  }

 private:
  size_t Pick(size_t n) { return n == 0 ? 0 : std::uniform_int_distribution<size_t>(0, n - 1)(rng_); }
  static constexpr const char* kTokens[] = {"%", "%%", "%zz", "+", "=", ";", "\"", "\\", "{", "}", "[", "]",
                                            ":", ",", "-", "T", "Z", "+09:00", "99", "\xe3\x80\x80", "\xff"};
  std::mt19937 rng_;
};

constexpr int kRounds = 3000;

TEST(ParsersFuzzTest, Timestamps) {
  Mutator m(1);
  const std::vector<std::string> seeds = {"2026-11-22T10:30:00+09:00", "2026-02-28T23:59:59.999Z",
                                          "1989-01-07T00:00Z", "2026-11-22 10:30:00-05:30"};
  for (const auto& seed : seeds)
    for (int i = 0; i < kRounds; ++i) {
      const std::string in = m.Mutate(seed);
      auto t = ParseTimestamp(in);
      if (!t.ok()) continue;
      auto again = ParseTimestamp(FormatUtc(*t));  // FormatUtc keeps milliseconds
      ASSERT_TRUE(again.ok()) << in;
      EXPECT_EQ(*again / 1000, *t / 1000) << in;
      (void)FormatDisplay(*t, TimeZone{}, DateStyle::kWareki);
    }
}

TEST(ParsersFuzzTest, CommandInputs) {
  Mutator m(2);
  const std::string seed =
      R"({"purpose":"会議資料","period_from":"2026-12-01T09:00:00+09:00","item_id":12,"data_minimized":true})";
  const Field text{"purpose", "000 第4 3(1)", "使用目的", "purpose"};
  const Field when{"period_from", "000 第4 4(1)", "期間", "period"};
  const Field id{"item_id", "", "媒体", "item"};
  const Field flag{"data_minimized", "000 第4 4(1)", "消去", "erasure"};
  for (int i = 0; i < kRounds * 2; ++i) {
    const Json j = Json::parse(m.Mutate(seed), nullptr, false);
    if (j.is_discarded()) continue;
    Input in(j);
    (void)in.OptText(text);
    (void)in.OptTime(when);
    (void)in.OptInt(id);
    auto f = in.Flag(flag, true);
    if (f.ok()) {
      EXPECT_TRUE(*f);
    }
  }
}

TEST(ParsersFuzzTest, QueriesAndCookies) {
  Mutator m(3);
  for (int i = 0; i < kRounds * 2; ++i) {
    const std::string q = m.Mutate("unit_id=3&kind=medium&q=M-CY%2D0&overdue=1&page=2+3");
    for (const auto& [k, v] : ParseQuery(q)) {
      EXPECT_LE(k.size(), q.size());
      EXPECT_LE(v.size(), q.size());
    }
    EXPECT_EQ(PercentDecode(PercentEncode(q), false), q);
    EXPECT_EQ(PercentEncode(q).find_first_not_of(
                  "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~%"),
              std::string::npos);
    (void)ParseCookies(m.Mutate("mamori_session=abc123; theme=\"dark\"; x="));
  }
}

// Regression: a head whose fields had the wrong JSON types once threw out of FromJson.
TEST(ParsersFuzzTest, TreeHeadWithWrongTypesIsRefused) {
  EXPECT_FALSE(TreeHead::FromJson(R"({"size":1,"root":5,"ts":"t","public_key":"k","signature":"s"})").ok());
  EXPECT_FALSE(TreeHead::FromJson(R"({"size":"1","root":"r","ts":"t","public_key":"k","signature":"s"})").ok());
  EXPECT_FALSE(TreeHead::FromJson(R"([1,2,3])").ok());
}

TEST(ParsersFuzzTest, TreeHeadsAndFrontiers) {
  Mutator m(4);
  const std::string head =
      R"({"public_key":"ab","root":"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855","signature":"cd","size":7,"ts":"2026-11-22T01:00:00.000Z"})";
  Frontier f;
  for (int i = 0; i < 5; ++i) f.Append(LeafHash(std::to_string(i)));
  const std::string frontier = f.Serialize();
  for (int i = 0; i < kRounds * 2; ++i) {
    auto h = TreeHead::FromJson(m.Mutate(head));
    if (h.ok()) {
      EXPECT_FALSE(h->VerifySignature());  // nothing here is signed
    }
    auto p = Frontier::Parse(m.Mutate(frontier));
    if (p.ok()) {
      EXPECT_TRUE(Frontier::Parse(p->Serialize()).ok());
    }
  }
}

}  // namespace
}  // namespace mamori
