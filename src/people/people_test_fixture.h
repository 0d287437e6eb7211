#pragma once
// Shared fixture of the people tests (src/people/people_test.cc, src/compliance/people_rules_test.cc):
// a real SQLite organization on the defense-contractor profile (001) built through the command path on
// a fake clock. Every handler and protected-system user has the agreement 001 第5 2 requires recorded
// before the designation, and the particulars the handler roster prints. Nobody is on a roster yet.
//
//   dept_ 第一事業部: manager_ 鈴木 花子 (handler, manager), gm_ 佐藤 一郎 (handler, general_manager),
//                     handler_ 田中 美咲 (handler), admin_ 伊藤 大輔 (protected-system user and
//                     administrator, not a handler), outsider_ 山田 太郎 (no designation)

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "compliance/compliance_test_fixture.h"
#include "crypto/crypto.h"
#include "identity/catalog.h"

namespace mamori::people_test {

// What a refusal looked like (a plain struct, so that callers may ignore it; Status is [[nodiscard]]).
struct Refusal {
  Status status;
};

class PeopleFixture : public compliance_test::ComplianceFixture {
 protected:
  void BuildOrg() override {
    Json u = Run(sys_, "unit.create", Json{{"parent_id", 1}, {"kind", "department"}, {"code", "DEPT-A"},
                                           {"name_ja", "第一事業部"}, {"name_en", "First division"}, {"head_title", "部長"}});
    dept_ = u.value("unit_id", int64_t{0});
    manager_ = NewPerson(dept_, "鈴木", "花子", "suzuki");
    gm_ = NewPerson(dept_, "佐藤", "一郎", "sato");
    handler_ = NewPerson(dept_, "田中", "美咲", "tanaka");
    admin_ = NewPerson(dept_, "伊藤", "大輔", "ito");
    outsider_ = NewPerson(dept_, "山田", "太郎", "yamada");
    manager_handler_ = MakeHandler(manager_);
    Designate(manager_, "manager", dept_);
    MakeHandler(gm_);
    Designate(gm_, "general_manager", dept_);
    handler_handler_ = MakeHandler(handler_);
    Agree(admin_, "system_use_consent");
    Designate(admin_, "protected_system_user", dept_);
    Designate(admin_, "protected_system_admin", dept_);
    Particulars(manager_, "1980-04-01", "日本", "課長");
    Particulars(gm_, "1970-01-15", "日本", "部長");
    Particulars(handler_, "1989-01-08", "日本", "主任");
  }

  // Every point of the profile's agreement `kind`.
  Json Points(const std::string& kind) {
    Json points = Json::array();
    const AgreementDef* def = engine().catalog().FindAgreement(kind);
    EXPECT_NE(def, nullptr) << kind;
    if (def)
      for (const AgreementPoint& p : def->points) points.push_back(p.key);
    return points;
  }
  Json AgreementInput(const Actor& who, const std::string& kind) {
    return Json{{"kind", kind}, {"person_id", who.person_id}, {"signed_on", "2026-11-20"},
                {"document", "人事部保管 合意書第12号"}, {"points", Points(kind)}};
  }
  // Records the agreement (as the system) and returns its id.
  int64_t Agree(const Actor& who, const std::string& kind) {
    return Run(sys_, "agreement.record", AgreementInput(who, kind)).value("agreement_id", int64_t{0});
  }
  // A confidentiality agreement, then the handler designation (its id).
  int64_t MakeHandler(const Actor& who) {
    Agree(who, "confidentiality");
    return Designate(who, "handler", dept_);
  }
  void Particulars(const Actor& who, const char* birth, const char* nationality, const char* position) {
    Run(sys_, "person.set_particulars",
        Json{{"person_id", who.person_id}, {"birth_date", birth}, {"nationality", nationality}, {"position", position}});
  }
  // Prepares, submits and records MOD's confirmation of a new handler roster version (as the manager).
  int64_t ConfirmNewVersion() {
    const int64_t v = Run(manager_, "roster.prepare", Json{{"roster", "handler"}, {"reason", "取扱者の変更"}})
                          .value("version", int64_t{0});
    Run(manager_, "roster.submit", Json{{"roster", "handler"}, {"version", v}});
    Run(manager_, "roster.confirm", Json{{"roster", "handler"}, {"version", v}, {"confirmed_on", Today()},
                                         {"reference", "防衛省確認第" + std::to_string(v) + "号"}});
    return v;
  }
  std::string Today() { return LocalDate(clock_.Now(), TimeZone{}); }

  // ---- reads -------------------------------------------------------------------------------------

  int64_t Count(const std::string& sql, const Params& params = {}) {
    auto r = engine().Read([&](Conn& c) { return c.Query(sql, params); });
    EXPECT_TRUE(r.ok()) << sql << ": " << r.status().ToString();
    return r.ok() && !r->empty() ? r->rows[0].Int(0) : -1;
  }
  std::string Text(const std::string& sql, const Params& params = {}) {
    auto r = engine().Read([&](Conn& c) { return c.Query(sql, params); });
    EXPECT_TRUE(r.ok()) << sql << ": " << r.status().ToString();
    return r.ok() && !r->empty() && !r->rows[0].IsNull(0) ? r->rows[0].Str(0) : std::string("NULL");
  }
  int64_t TrailSize() { return Count("SELECT COALESCE(MAX(seq), 0) FROM trail_events"); }

  // SHA-256 over every row of the tables a people, designation or ledger command may write.
  std::string Digest() {
    auto r = engine().Read([&](Conn& c) -> Result<std::string> {
      std::string all;
      for (const char* t : {"persons", "designations", "certificates", "person_particulars", "agreements",
                            "roster_versions", "roster_entries", "protected_items", "items", "ledger_entries",
                            "obligation_occurrences"}) {
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

  // Runs a command that must be refused with `rule` and `clause`, both messages given, nothing written
  // (trail size and every row unchanged). Returns the refusal.
  Refusal ExpectRefused(const Actor& a, const std::string& cmd, const Json& in, const std::string& rule,
                       const std::string& clause) {
    const int64_t trail = TrailSize();
    const std::string digest = Digest();
    clock_.Advance(kMinute);
    auto r = engine().Execute(a, cmd, in);
    EXPECT_FALSE(r.ok()) << cmd << " " << in.dump() << " was accepted";
    if (r.ok()) return {Status::Ok()};
    EXPECT_EQ(r.status().rule(), rule) << r.status().ToString();
    EXPECT_EQ(r.status().clause(), clause) << r.status().ToString();
    EXPECT_FALSE(r.status().ja().empty()) << r.status().ToString();
    EXPECT_FALSE(r.status().en().empty()) << r.status().ToString();
    EXPECT_EQ(TrailSize(), trail) << cmd << " was refused but left a trail event";
    EXPECT_EQ(Digest(), digest) << cmd << " was refused but changed rows";
    return {r.status()};
  }

  int64_t manager_handler_ = 0, handler_handler_ = 0;
  Actor gm_, handler_, admin_, outsider_;
};

}  // namespace mamori::people_test
