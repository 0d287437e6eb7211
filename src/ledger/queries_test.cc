// The ledger list (ListItems in ledger/queries.cc): the exact total whatever the page, pages read
// from either end, keyset paging with `after`, and each filter — q as number prefix or type,
// holder, overdue, visible units — counting and listing each match once.

#include "ledger/queries.h"

#include <algorithm>
#include <set>

#include "ledger/ledger_test_fixture.h"

namespace mamori::ledger_test {
namespace {

class ListItemsTest : public LedgerFixture {
 protected:
  void SetUp() override {
    LedgerFixture::SetUp();
    // 20 more media and 3 devices in section A: 27 items there with M-001..M-003 and D-001.
    for (int i = 4; i <= 23; ++i) RegisterItem(("M-" + Pad(i)).c_str(), "medium", section_a_, assistant_);
    for (int i = 2; i <= 4; ++i) RegisterItem(("D-" + Pad(i)).c_str(), "device", section_a_, assistant_);
  }

  static std::string Pad(int i) {
    char b[8];
    std::snprintf(b, sizeof b, "%03d", i);
    return b;
  }

  Json List(ItemFilter f) {
    auto r = engine().Read([&](Conn& c) { return ListItems(c, f, Workday{TimeZone{}, "18:15"}, clock_.Now()); });
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? *r : Json::object();
  }

  static std::vector<std::string> Numbers(const Json& page) {
    std::vector<std::string> out;
    for (const Json& i : page["items"]) out.push_back(i["control_no"]);
    return out;
  }

  // Every control number of section A, sorted.
  std::vector<std::string> SectionA() {
    std::vector<std::string> all;
    auto r = engine().Read([&](Conn& c) {
      return c.ForEach("SELECT control_no FROM items WHERE custodian_unit_id = ? ORDER BY control_no", {section_a_},
                       [&](const Row& row) {
                         all.push_back(row.Str(0));
                         return true;
                       });
    });
    EXPECT_TRUE(r.ok());
    return all;
  }

  ItemFilter InSectionA() {
    ItemFilter f;
    f.visible_units = std::vector<int64_t>{section_a_};
    return f;
  }
};

TEST_F(ListItemsTest, PagesCoverEveryMatchOnceInOrderAndTotalIsExactOnEveryPage) {
  const std::vector<std::string> expected = SectionA();
  ASSERT_EQ(expected.size(), 27u);
  ItemFilter f = InSectionA();
  f.per_page = 4;  // 7 pages; pages 5..7 lie in the second half and are read from the end
  std::vector<std::string> seen;
  for (int page = 1; page <= 7; ++page) {
    f.page = page;
    Json j = List(f);
    EXPECT_EQ(j["total"], 27) << "page " << page;
    EXPECT_EQ(j["page"], page);
    EXPECT_EQ(j["per_page"], 4);
    const std::vector<std::string> nos = Numbers(j);
    EXPECT_EQ(nos.size(), page < 7 ? 4u : 3u) << "page " << page;
    if (page < 7) EXPECT_EQ(j["next_after"], nos.back()) << "page " << page;
    else EXPECT_TRUE(j["next_after"].is_null());
    seen.insert(seen.end(), nos.begin(), nos.end());
  }
  EXPECT_EQ(seen, expected);
}

TEST_F(ListItemsTest, APageBeyondTheEndIsEmptyButStillCountsEveryMatch) {
  ItemFilter f = InSectionA();
  f.page = 99;
  Json j = List(f);
  EXPECT_TRUE(j["items"].empty());
  EXPECT_EQ(j["total"], 27);
  EXPECT_TRUE(j["next_after"].is_null());
}

TEST_F(ListItemsTest, KeysetPagingWithAfterWalksTheSameOrderAsPages) {
  const std::vector<std::string> expected = SectionA();
  ItemFilter f = InSectionA();
  f.per_page = 5;
  std::vector<std::string> seen;
  int pages = 0;
  for (std::string after; pages < 10; ++pages) {
    f.after = after;
    f.page = after.empty() ? 1 : 3;  // page is ignored once `after` is given
    Json j = List(f);
    EXPECT_EQ(j["total"], 27) << "total counts every match, not those after " << after;
    const std::vector<std::string> nos = Numbers(j);
    seen.insert(seen.end(), nos.begin(), nos.end());
    if (j["next_after"].is_null()) break;
    after = j["next_after"];
    EXPECT_EQ(after, nos.back());
  }
  EXPECT_EQ(pages, 5);  // 6 pages: 5 full, then 2
  EXPECT_EQ(seen, expected);
  f.after = expected.back();
  Json end = List(f);
  EXPECT_TRUE(end["items"].empty());
  EXPECT_TRUE(end["next_after"].is_null());
}

TEST_F(ListItemsTest, AfterCombinesWithTheFilters) {
  ItemFilter f = InSectionA();
  f.kind = "device";
  f.per_page = 2;
  Json first = List(f);
  EXPECT_EQ(Numbers(first), (std::vector<std::string>{"D-001", "D-002"}));
  EXPECT_EQ(first["total"], 4);
  f.after = first["next_after"];
  Json second = List(f);
  EXPECT_EQ(Numbers(second), (std::vector<std::string>{"D-003", "D-004"}));
  EXPECT_TRUE(second["next_after"].is_null());
}

TEST_F(ListItemsTest, QMatchesANumberPrefixOrATypeAndCountsEachItemOnce) {
  // A medium whose number starts with its own type matches both ways: listed and counted once.
  Run(assistant_, "item.register", Json{{"control_no", "USBメモリ-1"}, {"kind", "medium"}, {"type", "USBメモリ"},
                                        {"storage", "施錠保管庫A"}, {"unit_id", section_a_}});
  Run(assistant_, "item.register", Json{{"control_no", "USBメモリ-2"}, {"kind", "medium"}, {"type", "SDカード"},
                                        {"storage", "施錠保管庫A"}, {"unit_id", section_a_}});
  ItemFilter f = InSectionA();
  f.q = "M-01";
  Json prefix = List(f);
  EXPECT_EQ(prefix["total"], 10);  // M-010 .. M-019
  EXPECT_EQ(Numbers(prefix).front(), "M-010");
  f.q = "USBメモリ";  // the type of every medium registered by the fixture, and a number prefix
  f.per_page = 500;
  Json type = List(f);
  const std::vector<std::string> nos = Numbers(type);
  EXPECT_EQ(type["total"], 25);  // 23 USB media + USBメモリ-1 (both) + USBメモリ-2 (number only)
  EXPECT_EQ(nos.size(), 25u);
  EXPECT_TRUE(std::is_sorted(nos.begin(), nos.end()));
  EXPECT_EQ(std::set<std::string>(nos.begin(), nos.end()).size(), nos.size()) << "an item listed twice";
  f.per_page = 2;
  f.page = 13;  // the last page, read from the end across both branches
  EXPECT_EQ(Numbers(List(f)), (std::vector<std::string>{"USBメモリ-2"}));
}

TEST_F(ListItemsTest, HolderIsTheUserOfTheCurrentRowUntilTheCheck) {
  Checkout(staff1_, "M-005");
  Checkout(staff2_, "M-006");
  ItemFilter f = InSectionA();
  f.holder_person_id = staff1_.person_id;
  EXPECT_EQ(Numbers(List(f)), std::vector<std::string>{"M-005"});
  Run(staff1_, "item.return", Json{{"control_no", "M-005"}});
  EXPECT_EQ(List(f)["total"], 1) << "returned, awaiting the check: still theirs";
  Run(assistant_, "item.check", Json{{"control_no", "M-005"}, {"result", "no_data"}});
  EXPECT_EQ(List(f)["total"], 0);
  f.holder_person_id = staff2_.person_id;
  f.state = "in_use";
  Json j = List(f);
  EXPECT_EQ(Numbers(j), std::vector<std::string>{"M-006"});
  EXPECT_EQ(j["items"][0]["holder_person_id"], staff2_.person_id);
}

TEST_F(ListItemsTest, OverdueListsUsesPastTheWorkdayEndAndLoansPastTheirPeriod) {
  Checkout(staff1_, "M-007");          // 09:0x JST
  TakeOut("M-008", "take_out");        // until 8 hours from now
  ItemFilter f = InSectionA();
  f.overdue_only = true;
  EXPECT_EQ(List(f)["total"], 0);
  clock_.Advance(10 * kHour);          // past 18:15 JST and past the take-out's period
  Json j = List(f);
  EXPECT_EQ(Numbers(j), (std::vector<std::string>{"M-007", "M-008"}));
  EXPECT_EQ(j["total"], 2);
  for (const Json& i : j["items"]) EXPECT_TRUE(i["overdue"].get<bool>()) << i.dump();
  f.state = "out";
  EXPECT_EQ(Numbers(List(f)), std::vector<std::string>{"M-008"});
  f.state.clear();
  Run(staff1_, "item.return", Json{{"control_no", "M-007"}});
  EXPECT_EQ(Numbers(List(f)), std::vector<std::string>{"M-008"}) << "returned late is no longer out";
}

TEST_F(ListItemsTest, OnlyVisibleUnitsAreListedOrCounted) {
  ItemFilter f;
  f.visible_units = std::vector<int64_t>{section_b_};
  Json j = List(f);
  EXPECT_EQ(Numbers(j), std::vector<std::string>{"M-B01"});
  f.unit_id = section_a_;
  EXPECT_EQ(List(f)["total"], 0);
  f.visible_units = std::vector<int64_t>{};
  EXPECT_EQ(List(f)["total"], 0);
  f.visible_units = std::vector<int64_t>{section_a_, section_b_};  // several units: tested per row
  f.unit_id.reset();
  f.per_page = 10;
  f.page = 3;
  Json last = List(f);  // offset 20 of 28: read from the end
  EXPECT_EQ(last["total"], 28);
  EXPECT_EQ(Numbers(last), (std::vector<std::string>{"M-017", "M-018", "M-019", "M-020", "M-021", "M-022", "M-023",
                                                     "M-B01"}));
  f.visible_units.reset();  // every unit
  f.page = 1;
  EXPECT_EQ(List(f)["total"], 28);
}

}  // namespace
}  // namespace mamori::ledger_test
