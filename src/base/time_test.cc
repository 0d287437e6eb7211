// Timestamps (UTC text), the organization's time zone, and 和暦 display (src/base/time.h).

#include "base/time.h"

#include <gtest/gtest.h>

namespace mamori {
namespace {

Micros At(const char* text) {
  auto r = ParseTimestamp(text);
  EXPECT_TRUE(r.ok()) << text << ": " << r.status().ToString();
  return r.ok() ? r.value() : 0;
}

const TimeZone kTokyo{"Asia/Tokyo", 540};
const TimeZone kUtc{"UTC", 0};

TEST(TimeTest, FormatUtcIsMillisecondIsoWithZ) {
  EXPECT_EQ(FormatUtc(0), "1970-01-01T00:00:00.000Z");
  EXPECT_EQ(FormatUtc(1'795'000'000 * kSecond + 123'456), "2026-11-18T11:06:40.123Z");
  EXPECT_EQ(FormatUtc(-1), "1969-12-31T23:59:59.999Z");
  EXPECT_EQ(FormatUtc(-kDay), "1969-12-31T00:00:00.000Z");
}

TEST(TimeTest, ParseAndFormatRoundTrip) {
  for (const char* text : {"2026-11-22T01:42:00.000Z", "2026-11-22T01:42:00.123Z", "2000-02-29T23:59:59.999Z",
                           "1970-01-01T00:00:00.000Z", "1969-07-20T20:17:40.000Z", "2099-12-31T23:59:59.000Z"}) {
    SCOPED_TRACE(text);
    EXPECT_EQ(FormatUtc(At(text)), text);
  }
  for (Micros t : std::initializer_list<Micros>{0, 1'795'000'000 * kSecond + 7'000, -86'399'999'000LL, 4'102'444'799 * kSecond}) {
    auto back = ParseTimestamp(FormatUtc(t));
    ASSERT_TRUE(back.ok());
    EXPECT_EQ(*back, t);
  }
}

TEST(TimeTest, ParseAcceptsOffsetsAndShortForms) {
  const Micros t = At("2026-11-22T01:30:00Z");
  EXPECT_EQ(At("2026-11-22T10:30:00+09:00"), t);
  EXPECT_EQ(At("2026-11-22T10:30+09:00"), t);
  EXPECT_EQ(At("2026-11-21T20:30:00-05:00"), t);
  EXPECT_EQ(At("2026-11-22 01:30:00Z"), t);
  EXPECT_EQ(At("2026-11-22T01:30Z"), t);
  EXPECT_EQ(At("2026-11-22T01:30:00.5Z"), t + 500'000);
  EXPECT_EQ(At("2026-11-22T01:30:00.000001Z"), t + 1);
  EXPECT_EQ(At("2026-11-22T07:00:00+05:30"), t);
}

TEST(TimeTest, ParseRejects) {
  for (const char* text : {"2026-11-22T10:30:00",        // no offset
                           "2026-11-22T10:30",           // no offset
                           "2026-13-01T00:00:00Z",       // bad month
                           "2026-00-10T00:00:00Z",       // bad month
                           "2026-11-32T00:00:00Z",       // bad day
                           "2026-11-00T00:00:00Z",       // bad day
                           "2026-11-22T24:00:00Z",       // bad hour
                           "2026-11-22T10:60:00Z",       // bad minute
                           "2026-11-22T10:30:00+0900",   // offset without colon
                           "2026-11-22T10:30:00+09",     // short offset
                           "2026-11-22T10:30:00Zjunk",   // trailing text
                           "2026/11/22T10:30:00Z",       // wrong separators
                           "2026-11-22",                 // date only
                           "yesterday", ""}) {
    SCOPED_TRACE(text);
    auto r = ParseTimestamp(text);
    ASSERT_FALSE(r.ok()) << FormatUtc(*r);
    EXPECT_EQ(r.status().kind(), ErrorKind::kInvalidArgument);
    EXPECT_EQ(r.status().rule(), "time.format");
    EXPECT_FALSE(r.status().ja().empty());
    EXPECT_NE(r.status().en().find(text), std::string::npos);
  }
}

// Regression: ParseTimestamp once checked only day <= 31, so "2026-02-31T00:00:00Z" silently
// became 2026-03-03.
TEST(TimeTest, ParseRejectsDaysPastTheEndOfTheMonth) {
  for (const char* text : {"2026-02-31T00:00:00Z", "2026-02-29T00:00:00Z", "2026-04-31T00:00:00Z"})
    EXPECT_FALSE(ParseTimestamp(text).ok()) << text;
  EXPECT_TRUE(ParseTimestamp("2024-02-29T00:00:00Z").ok());
}

TEST(TimeTest, TimeZones) {
  auto tokyo = TimeZone::FromName("Asia/Tokyo");
  ASSERT_TRUE(tokyo.ok());
  EXPECT_EQ(tokyo->offset_minutes, 540);
  EXPECT_EQ(tokyo->name, "Asia/Tokyo");
  EXPECT_EQ(TimeZone::FromName("UTC")->offset_minutes, 0);
  EXPECT_EQ(TimeZone::FromName("Japan")->offset_minutes, 540);
  EXPECT_EQ(TimeZone::FromName("+05:30")->offset_minutes, 330);
  EXPECT_EQ(TimeZone::FromName("-03:00")->offset_minutes, -180);
  for (const char* bad : {"Mars/Olympus", "+0900", "+9:00", "", "asia/tokyo"}) {
    auto r = TimeZone::FromName(bad);
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.status().rule(), "config.timezone");
  }
  // The default is Japan's.
  EXPECT_EQ(TimeZone{}.offset_minutes, 540);
}

TEST(TimeTest, TokyoCivilTime) {
  // 15:30 UTC is 00:30 the next day in Tokyo.
  const Micros t = At("2026-11-22T15:30:45Z");
  CivilTime c = ToCivil(t, kTokyo);
  EXPECT_EQ(c.year, 2026);
  EXPECT_EQ(c.month, 11);
  EXPECT_EQ(c.day, 23);
  EXPECT_EQ(c.hour, 0);
  EXPECT_EQ(c.minute, 30);
  EXPECT_EQ(c.second, 45);
  EXPECT_EQ(FromCivil(c, kTokyo), t);
  EXPECT_EQ(LocalDate(t, kTokyo), "2026-11-23");
  EXPECT_EQ(LocalDate(t, kUtc), "2026-11-22");
  // New Year's Eve 15:00 UTC is the new year in Tokyo.
  EXPECT_EQ(LocalDate(At("2026-12-31T15:00:00Z"), kTokyo), "2027-01-01");
  EXPECT_EQ(LocalDate(At("2026-12-31T14:59:59Z"), kTokyo), "2026-12-31");
  EXPECT_EQ(FromCivil(CivilTime{2026, 11, 22, 9, 0, 0}, kTokyo), At("2026-11-22T00:00:00Z"));
  EXPECT_EQ(FromCivil(CivilTime{2024, 3, 1, 0, 0, 0}, kUtc) - FromCivil(CivilTime{2024, 2, 28, 0, 0, 0}, kUtc),
            2 * kDay);  // a leap year
  // Before the epoch, too.
  CivilTime old = ToCivil(At("1969-12-31T20:00:00Z"), kTokyo);
  EXPECT_EQ(old.year, 1970);
  EXPECT_EQ(old.day, 1);
  EXPECT_EQ(old.hour, 5);
}

TEST(TimeTest, WarekiDates) {
  EXPECT_EQ(WarekiDate(2019, 4, 30), "平成31年4月30日");
  EXPECT_EQ(WarekiDate(2019, 5, 1), "令和元年5月1日");
  EXPECT_EQ(WarekiDate(2020, 1, 1), "令和2年1月1日");
  EXPECT_EQ(WarekiDate(2026, 11, 22), "令和8年11月22日");
  EXPECT_EQ(WarekiDate(1989, 1, 7), "昭和64年1月7日");
  EXPECT_EQ(WarekiDate(1989, 1, 8), "平成元年1月8日");
  EXPECT_EQ(WarekiDate(1926, 12, 25), "昭和元年12月25日");
  EXPECT_EQ(WarekiDate(1926, 12, 24), "大正15年12月24日");
  EXPECT_EQ(WarekiDate(1912, 7, 30), "大正元年7月30日");
  EXPECT_EQ(WarekiDate(1912, 7, 29), "明治45年7月29日");
  EXPECT_EQ(WarekiDate(1868, 1, 24), "1868年1月24日");  // before 明治: 西暦
}

TEST(TimeTest, FormatDisplayBothStyles) {
  const Micros t = At("2026-11-22T01:30:00Z");
  EXPECT_EQ(FormatDisplay(t, kTokyo, DateStyle::kSeireki), "2026/11/22 10:30");
  EXPECT_EQ(FormatDisplay(t, kTokyo, DateStyle::kWareki), "令和8年11月22日 10:30");
  EXPECT_EQ(FormatDisplay(t, kTokyo, DateStyle::kSeireki, false), "2026/11/22");
  EXPECT_EQ(FormatDisplay(t, kTokyo, DateStyle::kWareki, false), "令和8年11月22日");
  EXPECT_EQ(FormatDisplay(t, kUtc, DateStyle::kSeireki), "2026/11/22 01:30");
  // The era changes at local midnight: 2019-04-30 15:00 UTC is 令和元年5月1日 00:00 in Tokyo.
  const Micros reiwa = At("2019-04-30T15:00:00Z");
  EXPECT_EQ(FormatDisplay(reiwa, kTokyo, DateStyle::kWareki), "令和元年5月1日 00:00");
  EXPECT_EQ(FormatDisplay(reiwa, kUtc, DateStyle::kWareki), "平成31年4月30日 15:00");
  EXPECT_EQ(FormatDisplay(At("2026-01-05T00:05:00+09:00"), kTokyo, DateStyle::kSeireki), "2026/01/05 00:05");
}

}  // namespace
}  // namespace mamori
