#pragma once
// Shared fixture of the ledger tests: a fresh var/ with a small organization built through the
// real command path (000 第1, 第3, 第4), and helpers that assert a rejected command wrote nothing.

#include <gtest/gtest.h>
#include <map>
#include <memory>
#include <string>

#include "app/app.h"
#include "base/time.h"
#include "crypto/crypto.h"
#include "testing/org_fixture.h"

namespace mamori::ledger_test {

using Fields = std::map<std::string, std::string>;

// What a rejection looked like (a plain struct, so callers may ignore it).
struct Rejection {
  Status status;
};

class LedgerFixture : public mamori::testing::OrgFixture {
 protected:
  // A Tuesday, 09:00 JST.
  LedgerFixture() : OrgFixture("mamori-ledger-test", ParseTimestamp("2026-11-24T00:00:00Z").value()) {}

  Result<std::unique_ptr<App>> InitApp(const std::string& var) override {
    return mamori::testing::InitTestOrg(var, &clock_, "admin-password-0001");
  }

  int64_t NewUnit(int64_t parent, const char* kind, const char* code, const char* name_ja) {
    Json r = Run(sys_, "unit.create", Json{{"parent_id", parent}, {"kind", kind}, {"code", code}, {"name_ja", name_ja},
                                           {"name_en", code}, {"head_title", "課長"}});
    return r.value("unit_id", int64_t{0});
  }

  Actor NewPerson(int64_t unit, const char* family, const char* given, const char* username) {
    Json r = Run(sys_, "person.create",
                 Json{{"family_name", family}, {"given_name", given}, {"unit_id", unit}, {"title", "事務官"}});
    return Person(r.value("person_id", int64_t{0}), username);
  }

  int64_t Designate(const Actor& by, const Actor& who, const char* role, int64_t unit) {
    Json r = Run(by, "designation.create", Json{{"person_id", who.person_id}, {"role", role}, {"unit_id", unit}});
    return r.value("designation_id", int64_t{0});
  }

  void RegisterItem(const char* no, const char* kind, int64_t unit, const Actor& by) {
    Run(by, "item.register", Json{{"control_no", no}, {"kind", kind}, {"type", kind == std::string("medium") ? "USBメモリ" : "デジタルカメラ"},
                                  {"storage", "施錠保管庫A"}, {"unit_id", unit}});
  }

  void BuildOrg() override {
    bureau_ = NewUnit(1, "bureau", "KYOKU", "整備計画局");
    section_a_ = NewUnit(bureau_, "section", "SEC-A", "情報通信課");
    section_b_ = NewUnit(bureau_, "section", "SEC-B", "企画課");
    officer_ = NewPerson(section_a_, "鈴木", "花子", "suzuki");
    assistant_ = NewPerson(section_a_, "高橋", "健", "takahashi");
    staff1_ = NewPerson(section_a_, "田中", "美咲", "tanaka");
    staff2_ = NewPerson(section_a_, "渡辺", "直子", "watanabe");
    witness_ = NewPerson(section_a_, "伊藤", "大輔", "ito");
    other_ = NewPerson(section_b_, "山田", "太郎", "yamada");
    Designate(sys_, officer_, "unit_ia_officer", section_a_);
    Designate(officer_, assistant_, "unit_ia_assistant", section_a_);
    witness_designation_ = Designate(officer_, witness_, "destruction_witness", section_a_);
    for (const char* no : {"M-001", "M-002", "M-003"}) RegisterItem(no, "medium", section_a_, assistant_);
    RegisterItem("D-001", "device", section_a_, assistant_);
    RegisterItem("M-B01", "medium", section_b_, sys_);
  }

  // ---- reads -------------------------------------------------------------------------------

  // The first row of a query as column → text ("NULL" for NULL); empty when no row.
  Fields Row1(const std::string& sql, const Params& params = {}) {
    // Column names are read inside ForEach: a Row's names are valid only there (see store.h).
    auto r = engine().Read([&](Conn& c) -> Result<Fields> {
      Fields f;
      RETURN_IF_ERROR(c.ForEach(sql, params, [&](const Row& row) {
        for (size_t i = 0; i < row.size(); ++i) f[row.name(i)] = row.IsNull(i) ? "NULL" : row.Str(i);
        return false;
      }));
      return f;
    });
    EXPECT_TRUE(r.ok()) << sql << ": " << r.status().ToString();
    return r.ok() ? r.value() : Fields{};
  }
  int64_t Count(const std::string& sql, const Params& params = {}) {
    Fields f = Row1(sql, params);
    return f.empty() ? -1 : std::stoll(f.begin()->second);
  }
  Fields Item(const std::string& no) { return Row1("SELECT * FROM items WHERE control_no = ?", {no}); }
  std::string State(const std::string& no) { return Item(no)["state"]; }
  Fields Entry(int64_t id) { return Row1("SELECT * FROM ledger_entries WHERE id = ?", {id}); }
  // The latest ledger row of an item.
  Fields LastEntry(const std::string& no) {
    return Row1("SELECT e.* FROM ledger_entries e JOIN items i ON i.id = e.item_id WHERE i.control_no = ? "
                "ORDER BY e.row_no DESC LIMIT 1", {no});
  }

  int64_t TrailSize() { return Count("SELECT COALESCE(MAX(seq), 0) FROM trail_events"); }

  // SHA-256 over every row of the tables a ledger or designation command may write.
  std::string Digest() {
    auto r = engine().Read([&](Conn& c) -> Result<std::string> {
      std::string all;
      for (const char* t : {"items", "ledger_entries", "copy_entries", "reconciliations", "discrepancies",
                            "designations", "certificates", "persons", "org_units"}) {
        all += std::string("\n#") + t;
        RETURN_IF_ERROR(c.ForEach(std::string("SELECT * FROM ") + t + " ORDER BY id", {}, [&](const Row& row) {
          all += "\n";
          for (size_t i = 0; i < row.size(); ++i) all += row.name(i) + "=" + (row.IsNull(i) ? "\x01" : row.Str(i)) + "\x02";
          return true;
        }));
      }
      return ToHex(Sha256(all));
    });
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? r.value() : std::string();
  }

  // Runs a command that must be refused with exactly this kind, rule and clause, with messages in
  // both languages, and without writing anything (trail size and table digest unchanged).
  Rejection ExpectRejected(const Actor& a, const std::string& cmd, const Json& in, ErrorKind kind,
                           const std::string& rule, const std::string& clause) {
    const int64_t trail_before = TrailSize();
    const std::string digest_before = Digest();
    clock_.Advance(kMinute);
    auto r = engine().Execute(a, cmd, in);
    EXPECT_FALSE(r.ok()) << cmd << " " << in.dump() << " was accepted";
    if (r.ok()) return {Status::Ok()};
    const Status& s = r.status();
    EXPECT_EQ(ErrorKindName(s.kind()), std::string(ErrorKindName(kind))) << s.ToString();
    EXPECT_EQ(s.rule(), rule) << s.ToString();
    EXPECT_EQ(s.clause(), clause) << s.ToString();
    EXPECT_FALSE(s.ja().empty()) << s.ToString();
    EXPECT_FALSE(s.en().empty()) << s.ToString();
    EXPECT_EQ(TrailSize(), trail_before) << cmd << " was refused but left a trail event";
    EXPECT_EQ(Digest(), digest_before) << cmd << " was refused but changed rows";
    return {s};
  }

  // ---- common flows --------------------------------------------------------------------------

  Json Checkout(const Actor& who, const std::string& no, const std::string& place = "") {
    Json in{{"control_no", no}, {"purpose", "会議資料の作成"}};
    if (!place.empty()) in["place"] = place;
    return Run(who, "item.checkout", in);
  }
  void UseAndCheck(const Actor& who, const std::string& no) {
    Checkout(who, no, no[0] == 'D' ? "第3会議室" : "");
    Run(who, "item.return", Json{{"control_no", no}});
    Run(assistant_, "item.check", Json{{"control_no", no}, {"result", "no_data"}});
  }
  Json MovementInput(const std::string& no, const std::string& movement) {
    const Micros now = clock_.Now();
    Json in{{"control_no", no},
            {"movement", movement},
            {"purpose", "説明資料の持参"},
            {"period_from", FormatUtc(now + kHour)},
            {"period_until", FormatUtc(now + 8 * kHour)},
            {"destination", "防衛装備庁 会議室"},
            {"movement_purpose", "装備庁との打合せ"},
            {"data_minimized", true}};
    if (no[0] == 'D') in["place"] = "防衛装備庁 会議室";
    return in;
  }
  Json ApproveInput(const std::string& no) {
    return Json{{"control_no", no}, {"decision", "approve"}, {"confirmed_data", true}, {"instructed_no_copy", true}};
  }
  // Takes an item out (approved) as staff1.
  void TakeOut(const std::string& no, const std::string& movement) {
    Run(staff1_, "item.request_movement", MovementInput(no, movement));
    Run(officer_, "item.approve", ApproveInput(no));
  }
  Json HandoverInput(const std::string& no) {
    return Json{{"control_no", no},          {"purpose", "調達資料の提供"},
                {"handover_at", FormatUtc(clock_.Now() + kDay)}, {"recipient", "防衛装備庁 調達管理部"},
                {"handover_purpose", "移管"}, {"executor", "田中 美咲"},
                {"data_minimized", true}};
  }
  Json DestructionInput(const std::string& no, int64_t witness) {
    return Json{{"control_no", no}, {"method", "shred"}, {"destroy_at", FormatUtc(clock_.Now() + kHour)},
                {"witness_person_id", witness}};
  }

  int64_t bureau_ = 0, section_a_ = 0, section_b_ = 0, witness_designation_ = 0;
  Actor officer_, assistant_, staff1_, staff2_, witness_, other_;
};

#define EXPECT_REJECTED(...)    \
  do {                          \
    SCOPED_TRACE("rejection");  \
    ExpectRejected(__VA_ARGS__); \
  } while (0)

}  // namespace mamori::ledger_test
