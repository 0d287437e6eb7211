// The role catalog as data (profiles/*/roles.yaml) and the designation rules of 000 第1.

#include "testing/test_support.h"
#include "identity/identity.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <map>

#include "app/app.h"
#include "base/time.h"
#include "crypto/crypto.h"
#include "identity/catalog.h"

namespace mamori {
namespace {

const char* const kLegalBasis = "防衛省本省の内部部局情報保証実施規程について（運情第12933号。19.12.27）";

// ---- catalog -------------------------------------------------------------------------------

const char* const kYaml = R"(
profile: test
legal_basis: テストの根拠
permissions:
  - {code: p.view, clause: "T 1", name_ja: 閲覧, name_en: view}
  - {code: p.edit, clause: "T 2", name_ja: 編集, name_en: edit}
roles:
  - {code: boss, name_ja: 長, name_en: Boss, clause: "T 3", org_wide: true, permissions: [p.view, p.edit]}
  - code: helper
    name_ja: 補助者
    name_en: Helper
    clause: "T 4"
    designated_by: [boss]
    eligible_pool: boss
    certificate: true
    certificate_label: 第4項 補助者
    minimum_necessary: true
    permissions: [p.view]
  - {code: member, name_ja: 職員, name_en: Member, clause: "T 5", implicit_member: true}
)";

std::string Replace(std::string s, const std::string& from, const std::string& to) {
  const size_t pos = s.find(from);
  EXPECT_NE(pos, std::string::npos) << from;
  if (pos != std::string::npos) s.replace(pos, from.size(), to);
  return s;
}

// The catalog error for `yaml`; fails the test if it parses.
Status CatalogError(const std::string& yaml) {
  auto c = Catalog::FromYaml(yaml, "test/roles.yaml");
  EXPECT_FALSE(c.ok()) << "parsed: " << yaml;
  if (c.ok()) return Status::Internal("parsed");
  EXPECT_EQ(c.status().kind(), ErrorKind::kInvalidArgument);
  EXPECT_EQ(c.status().rule(), "profile.invalid");
  EXPECT_NE(c.status().en().find("test/roles.yaml"), std::string::npos) << c.status().en();
  EXPECT_FALSE(c.status().ja().empty());
  return c.status();
}

TEST(IdentityCatalogTest, ParsesRolesAndPermissions) {
  auto c = Catalog::FromYaml(kYaml, "test/roles.yaml");
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->profile(), "test");
  EXPECT_EQ(c->legal_basis(), "テストの根拠");
  ASSERT_EQ(c->roles().size(), 3u);
  ASSERT_EQ(c->permissions().size(), 2u);
  const RoleDef* helper = c->FindRole("helper");
  ASSERT_NE(helper, nullptr);
  EXPECT_EQ(helper->designated_by, std::vector<std::string>{"boss"});
  EXPECT_EQ(helper->eligible_pool, "boss");
  EXPECT_TRUE(helper->certificate);
  EXPECT_TRUE(helper->minimum_necessary);
  EXPECT_FALSE(helper->org_wide);
  EXPECT_EQ(helper->certificate_label, "第4項 補助者");
  EXPECT_TRUE(c->FindRole("boss")->org_wide);
  EXPECT_TRUE(c->FindRole("member")->implicit_member);
  EXPECT_EQ(c->FindRole("nobody"), nullptr);
  EXPECT_EQ(c->FindPermission("p.edit")->clause, "T 2");
  EXPECT_EQ(c->FindPermission("p.nope"), nullptr);
  auto granting = c->RolesWithPermission("p.view");
  ASSERT_EQ(granting.size(), 2u);
  EXPECT_EQ(granting[0]->code, "boss");
  EXPECT_EQ(granting[1]->code, "helper");
  EXPECT_EQ(c->RolesWithPermission("p.edit").size(), 1u);
  EXPECT_EQ(helper->ToJson()["designated_by"], Json::array({"boss"}));
}

TEST(IdentityCatalogTest, ErrorsNameTheKeyAtFault) {
  // Each error is "file:line:col: key.path: message" (the profile loader, src/profile/).
  Status s = CatalogError(Replace(kYaml, "permissions: [p.view]", "permissions: [p.view, p.fly]"));
  EXPECT_NE(s.en().find("test/roles.yaml:18:27: roles[1].permissions[1]: unknown permission \"p.fly\""),
            std::string::npos) << s.en();
  s = CatalogError(Replace(kYaml, "designated_by: [boss]", "designated_by: [ghost]"));
  EXPECT_NE(s.en().find("test/roles.yaml:13:21: roles[1].designated_by[0]: unknown role \"ghost\""), std::string::npos)
      << s.en();
  s = CatalogError(Replace(kYaml, "eligible_pool: boss", "eligible_pool: ghost"));
  EXPECT_NE(s.en().find(":14:20: roles[1].eligible_pool: unknown role \"ghost\""), std::string::npos) << s.en();
  s = CatalogError(Replace(kYaml, "clause: \"T 4\"", "clause: \"\""));
  EXPECT_NE(s.en().find(":12:13: roles[1].clause: must not be empty"), std::string::npos) << s.en();
  s = CatalogError(Replace(kYaml, "clause: \"T 2\", ", ""));
  EXPECT_NE(s.en().find(":6:5: permissions[1].clause: missing required key \"clause\""), std::string::npos) << s.en();
  s = CatalogError(Replace(kYaml, "profile: test", "profile_name: test"));
  EXPECT_NE(s.en().find("unknown key \"profile_name\""), std::string::npos) << s.en();
  EXPECT_NE(s.en().find("missing required key \"profile\""), std::string::npos) << s.en();
  s = CatalogError("profile: x\nroles: [\n");
  EXPECT_NE(s.en().find("test/roles.yaml:3:1: YAML syntax error"), std::string::npos) << s.en();
  s = CatalogError(Replace(kYaml, "certificate: true", "certificate: maybe"));
  EXPECT_NE(s.en().find(":15:18: roles[1].certificate: expected true or false"), std::string::npos) << s.en();

  auto unknown = Catalog::ForProfile("no-such-profile");
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.status().rule(), "profile.unknown");
}

TEST(IdentityCatalogTest, TheModInternalCatalogHoldsTheRolesOf000) {
  auto c = Catalog::ForProfile("mod-internal");
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->profile(), "mod-internal");
  EXPECT_EQ(c->legal_basis(), kLegalBasis);
  const std::map<std::string, std::string> expected = {
      {"ia_officer", "000 第1(1)"},          {"ia_audit_officer", "000 第1(1)"},
      {"system_ia_officer", "000 第1(2)"},   {"system_admin_staff", "000 第1(3)"},
      {"system_liaison", "000 第1(4)"},      {"system_user", "000 第1(5)"},
      {"unit_ia_officer", "000 第1(6)"},     {"unit_ia_assistant", "000 第1(6)"},
      {"system_operator", "000 第1(7)"},     {"system_ia_certifier", "000 第1(8)"},
      {"incident_officer", "000 第1(9)"},    {"ia_liaison", "000 第1(10)"},
      {"destruction_witness", "000 第4 7(1)"}, {"staff", "000 第4 3(1)"}};
  ASSERT_EQ(c->roles().size(), 14u);
  std::map<std::string, std::string> got;
  for (const RoleDef& r : c->roles()) got[r.code] = r.clause;
  EXPECT_EQ(got, expected);
  // Who designates whom (000 第1 (1), (3), (7), (8), (9), (10); 第4 7(1)).
  EXPECT_EQ(c->FindRole("ia_audit_officer")->designated_by, std::vector<std::string>{"ia_officer"});
  EXPECT_EQ(c->FindRole("system_admin_staff")->designated_by, std::vector<std::string>{"system_ia_officer"});
  EXPECT_EQ(c->FindRole("system_operator")->eligible_pool, "system_user");
  EXPECT_EQ(c->FindRole("ia_liaison")->designated_by, std::vector<std::string>{"incident_officer"});
  EXPECT_EQ(c->FindRole("destruction_witness")->designated_by, std::vector<std::string>{"unit_ia_officer"});
  EXPECT_TRUE(c->FindRole("system_admin_staff")->minimum_necessary);
  EXPECT_TRUE(c->FindRole("staff")->implicit_member);
  // 指定書 for exactly the three roles of 000 第1(12).
  std::map<std::string, std::string> certs;
  for (const RoleDef& r : c->roles())
    if (r.certificate) certs[r.code] = r.certificate_label;
  EXPECT_EQ(certs, (std::map<std::string, std::string>{{"ia_audit_officer", "第1第1項 情報保証監査責任者"},
                                                         {"system_ia_certifier", "第1第8項 情報システム情報保証認証者"},
                                                         {"incident_officer", "第1第9項 事案対処責任者"}}));
  // Only the unit IA officer approves take-outs (000 第4 4(2)).
  auto approvers = c->RolesWithPermission("ledger.approve");
  ASSERT_EQ(approvers.size(), 1u);
  EXPECT_EQ(approvers[0]->code, "unit_ia_officer");
}

// ---- designations --------------------------------------------------------------------------

class IdentityDesignationTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/mamori-identity-test-XXXXXX";
    ASSERT_NE(mkdtemp(tmpl), nullptr);
    dir_ = tmpl;
    auto app = mamori::testing::InitTestOrg(dir_ + "/var", &clock_, "admin-password-0001");
    ASSERT_TRUE(app.ok()) << app.status().ToString();
    app_ = std::move(app).value();
    admin_ = Who(1, "admin");  // App::Init's administrator: the system IA officer at the root
    section_ = Run(sys_, "unit.create", Json{{"parent_id", 1}, {"kind", "section"}, {"code", "SEC"},
                                             {"name_ja", "情報通信課"}, {"name_en", "ICT"}, {"head_title", "課長"}})
                   ["unit_id"].get<int64_t>();
    section_b_ = Run(sys_, "unit.create", Json{{"parent_id", 1}, {"kind", "section"}, {"code", "SEC-B"},
                                               {"name_ja", "企画課"}, {"name_en", "Planning"}, {"head_title", "課長"}})
                     ["unit_id"].get<int64_t>();
    ia_ = NewPerson(1, "佐藤", "一郎", "整備計画局長", "sato");
    officer_ = NewPerson(section_, "鈴木", "花子", "情報通信課長", "suzuki");
    staff_ = NewPerson(section_, "田中", "美咲", "係員", "tanaka");
    staff2_ = NewPerson(section_, "渡辺", "直子", "係長", "watanabe");
    Designate(sys_, ia_, "ia_officer", 1);
    Designate(ia_, officer_, "unit_ia_officer", section_);
  }
  void TearDown() override {
    app_.reset();
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }

  static Actor Who(int64_t person, const std::string& user) {
    Actor a;
    a.person_id = person;
    a.username = user;
    return a;
  }
  Json Run(const Actor& a, const std::string& cmd, const Json& in) {
    clock_.Advance(kMinute);
    auto r = app_->engine().Execute(a, cmd, in);
    EXPECT_TRUE(r.ok()) << cmd << " " << in.dump() << ": " << r.status().ToString();
    return r.ok() ? r.value() : Json::object();
  }
  Actor NewPerson(int64_t unit, const char* family, const char* given, const char* title, const char* user) {
    Json r = Run(sys_, "person.create",
                 Json{{"family_name", family}, {"given_name", given}, {"unit_id", unit}, {"title", title}});
    return Who(r.value("person_id", int64_t{0}), user);
  }
  Json Designate(const Actor& by, const Actor& who, const char* role, int64_t unit, const char* note = "") {
    return Run(by, "designation.create", Json{{"person_id", who.person_id}, {"role", role}, {"unit_id", unit}, {"note", note}});
  }
  std::string Snapshot() {
    auto r = app_->engine().Read([](Conn& c) -> Result<std::string> {
      std::string s;
      for (const char* sql : {"SELECT COALESCE(MAX(seq), 0) FROM trail_events", "SELECT * FROM designations ORDER BY id",
                              "SELECT * FROM certificates ORDER BY id", "SELECT * FROM items ORDER BY id"}) {
        ASSIGN_OR_RETURN(Rows rows, c.Query(sql));
        for (const Row& row : rows.rows) {
          for (size_t i = 0; i < row.size(); ++i) s += (row.IsNull(i) ? "\x01" : row.Str(i)) + "|";
          s += "\n";
        }
      }
      return s;
    });
    EXPECT_TRUE(r.ok());
    return r.ok() ? r.value() : "";
  }
  // A designation command that must fail with this kind, rule and clause and write nothing.
  void ExpectRefused(const Actor& by, const std::string& cmd, const Json& in, ErrorKind kind, const std::string& rule,
                     const std::string& clause) {
    const std::string before = Snapshot();
    clock_.Advance(kMinute);
    auto r = app_->engine().Execute(by, cmd, in);
    ASSERT_FALSE(r.ok()) << cmd << " " << in.dump() << " was accepted";
    EXPECT_EQ(ErrorKindName(r.status().kind()), std::string(ErrorKindName(kind))) << r.status().ToString();
    EXPECT_EQ(r.status().rule(), rule) << r.status().ToString();
    EXPECT_EQ(r.status().clause(), clause) << r.status().ToString();
    EXPECT_FALSE(r.status().ja().empty());
    EXPECT_FALSE(r.status().en().empty());
    EXPECT_EQ(Snapshot(), before) << cmd << " was refused but wrote";
  }
  Json DesignationInput(const Actor& who, const char* role, int64_t unit, const char* note = "") {
    return Json{{"person_id", who.person_id}, {"role", role}, {"unit_id", unit}, {"note", note}};
  }
  std::map<std::string, std::string> Row1(const std::string& sql, const Params& p) {
    std::map<std::string, std::string> out;
    // Column names are read inside ForEach: a Row's names are valid only there (see store.h).
    Status st = app_->engine().Read([&](Conn& c) {
      return c.ForEach(sql, p, [&](const Row& row) {
        for (size_t i = 0; i < row.size(); ++i) out[row.name(i)] = row.IsNull(i) ? "NULL" : row.Str(i);
        return false;
      });
    });
    EXPECT_TRUE(st.ok()) << st.ToString();
    return out;
  }
  Result<Json> Register(const Actor& by, const char* no) {
    clock_.Advance(kMinute);
    return app_->engine().Execute(by, "item.register", Json{{"control_no", no}, {"kind", "medium"}, {"type", "USB"},
                                                            {"storage", "保管庫"}, {"unit_id", section_}});
  }

  FakeClock clock_{ParseTimestamp("2026-11-24T00:00:00Z").value()};
  std::string dir_;
  std::unique_ptr<App> app_;
  Actor sys_ = SystemActor("test");
  Actor admin_, ia_, officer_, staff_, staff2_;
  int64_t section_ = 0, section_b_ = 0;
};

TEST_F(IdentityDesignationTest, OnlyDesignatedByHoldersDesignate) {
  using K = ErrorKind;
  const Json witness = DesignationInput(staff2_, "destruction_witness", section_);
  ExpectRefused(staff_, "designation.create", witness, K::kForbidden, "designation.designator", "000 第4 7(1)");
  // The information assurance officer is org-wide, but does not designate witnesses.
  ExpectRefused(ia_, "designation.create", witness, K::kForbidden, "designation.designator", "000 第4 7(1)");
  // The unit IA officer designates only within their own unit.
  ExpectRefused(officer_, "designation.create", DesignationInput(staff2_, "destruction_witness", section_b_),
                K::kForbidden, "designation.designator", "000 第4 7(1)");
  ExpectRefused(admin_, "designation.create", DesignationInput(staff_, "ia_audit_officer", 1), K::kForbidden,
                "designation.designator", "000 第1(1)");
  ExpectRefused(staff_, "designation.create", DesignationInput(staff_, "unit_ia_officer", section_), K::kForbidden,
                "designation.designator", "000 第1(6)");

  Json out = Run(officer_, "designation.create", witness);
  auto row = Row1("SELECT * FROM designations WHERE id = ?", {out["designation_id"].get<int64_t>()});
  EXPECT_EQ(row["role_code"], "destruction_witness");
  EXPECT_EQ(row["designated_by_person_id"], std::to_string(officer_.person_id));
  EXPECT_EQ(row["unit_id"], std::to_string(section_));
  EXPECT_EQ(row["valid_from"], FormatUtc(clock_.Now()));
  EXPECT_EQ(row["revoked_at"], "NULL");
  EXPECT_FALSE(out.contains("certificate_id"));
  // The same designation twice is refused.
  ExpectRefused(officer_, "designation.create", witness, K::kConflict, "designation.duplicate", "000 第4 7(1)");
}

TEST_F(IdentityDesignationTest, RulesOfTheCatalogAreEnforced) {
  using K = ErrorKind;
  // 000 第1(7): system operators are designated from among the system users.
  const Json op = DesignationInput(staff_, "system_operator", section_);
  ExpectRefused(admin_, "designation.create", op, K::kRuleViolation, "designation.eligible_pool", "000 第1(7)");
  Designate(admin_, staff_, "system_user", section_);
  EXPECT_TRUE(Run(admin_, "designation.create", op).contains("designation_id"));
  // 000 第1(3)③: system administration staff are kept to the minimum necessary; a reason is required.
  ExpectRefused(admin_, "designation.create", DesignationInput(staff2_, "system_admin_staff", section_),
                K::kRuleViolation, "designation.minimum_necessary", "000 第1(3)③");
  Json ok = Designate(admin_, staff2_, "system_admin_staff", section_, "課内システムの設定変更");
  EXPECT_EQ(Row1("SELECT note FROM designations WHERE id = ?", {ok["designation_id"].get<int64_t>()})["note"],
            "課内システムの設定変更");
  // Staff hold their role by belonging to the unit.
  ExpectRefused(sys_, "designation.create", DesignationInput(staff_, "staff", section_), K::kRuleViolation,
                "designation.implicit", "000 第4 3(1)");
  ExpectRefused(sys_, "designation.create", DesignationInput(staff_, "emperor", section_), K::kInvalidArgument,
                "designation.role_unknown", "000 第1");
  ExpectRefused(sys_, "designation.create", Json({{"role", "system_user"}, {"unit_id", section_}}), K::kInvalidArgument,
                "input.required", "000 第1");
  Json backwards = DesignationInput(staff_, "system_liaison", section_);
  backwards["valid_from"] = "2026-12-01T09:00:00+09:00";
  backwards["valid_until"] = "2026-11-30T09:00:00+09:00";
  ExpectRefused(admin_, "designation.create", backwards, K::kInvalidArgument, "designation.period", "000 第1");
  Json nobody = DesignationInput(staff_, "system_liaison", section_);
  nobody["person_id"] = 999;
  ExpectRefused(admin_, "designation.create", nobody, K::kNotFound, "persons.not_found", "");
}

TEST_F(IdentityDesignationTest, RevocationEndsThePermissions) {
  using K = ErrorKind;
  const int64_t id = Designate(officer_, staff2_, "unit_ia_assistant", section_)["designation_id"].get<int64_t>();
  auto reg = Register(staff2_, "M-001");
  ASSERT_TRUE(reg.ok()) << reg.status().ToString();
  ExpectRefused(staff_, "designation.revoke", Json({{"designation_id", id}}), K::kForbidden, "designation.designator",
                "000 第1(6)");
  Json out = Run(officer_, "designation.revoke", Json{{"designation_id", id}});
  EXPECT_EQ(out["designation_id"], id);
  auto row = Row1("SELECT revoked_at, revoked_by_person_id FROM designations WHERE id = ?", {id});
  EXPECT_EQ(row["revoked_at"], FormatUtc(clock_.Now()));
  EXPECT_EQ(row["revoked_by_person_id"], std::to_string(officer_.person_id));
  ExpectRefused(staff2_, "item.register", Json({{"control_no", "M-002"}, {"kind", "medium"}, {"type", "USB"},
                                                {"storage", "保管庫"}, {"unit_id", section_}}),
                K::kForbidden, "authz.denied", "000 第4 2(1)");
  ExpectRefused(officer_, "designation.revoke", Json({{"designation_id", id}}), K::kConflict, "designation.revoked",
                "000 第1(6)");
  ExpectRefused(officer_, "designation.revoke", Json({{"designation_id", 999}}), K::kNotFound,
                "designations.not_found", "");
  // A revoked designation may be made again.
  EXPECT_TRUE(Designate(officer_, staff2_, "unit_ia_assistant", section_).contains("designation_id"));
  EXPECT_TRUE(Register(staff2_, "M-002").ok());
}

TEST_F(IdentityDesignationTest, DesignationsHoldOnlyWithinTheirPeriod) {
  Json in = DesignationInput(staff2_, "unit_ia_assistant", section_);
  in["valid_from"] = FormatUtc(clock_.Now() + kDay);
  in["valid_until"] = FormatUtc(clock_.Now() + 3 * kDay);
  Run(officer_, "designation.create", in);
  auto before = Register(staff2_, "M-001");
  ASSERT_FALSE(before.ok());
  EXPECT_EQ(before.status().kind(), ErrorKind::kForbidden);
  clock_.Advance(2 * kDay);
  EXPECT_TRUE(Register(staff2_, "M-001").ok());
  clock_.Advance(2 * kDay);
  auto after = Register(staff2_, "M-002");
  ASSERT_FALSE(after.ok());
  EXPECT_EQ(after.status().rule(), "authz.denied");
}

TEST_F(IdentityDesignationTest, CertificateRolesIssueAShiteisho) {
  const Actor audit = NewPerson(1, "中村", "由美", "事務官", "nakamura");
  const Actor cert = NewPerson(1, "小林", "拓也", "技官", "kobayashi");
  Json out = Designate(ia_, audit, "ia_audit_officer", 1);
  ASSERT_TRUE(out.contains("certificate_id")) << out.dump();
  EXPECT_EQ(out["certificate_number"], "指定第2026-0001号");
  auto c = Row1("SELECT * FROM certificates WHERE id = ?", {out["certificate_id"].get<int64_t>()});
  EXPECT_EQ(c["designation_id"], out["designation_id"].dump());
  EXPECT_EQ(c["role_code"], "ia_audit_officer");
  EXPECT_EQ(c["clause"], "第1第1項 情報保証監査責任者");
  EXPECT_EQ(c["legal_basis"], kLegalBasis);
  EXPECT_EQ(c["name"], "中村 由美");
  EXPECT_EQ(c["title"], "事務官");
  EXPECT_EQ(c["affiliation"], "テスト内部部局");
  EXPECT_EQ(c["issuer_name"], "佐藤 一郎");
  EXPECT_EQ(c["issuer_title"], "整備計画局長");
  EXPECT_EQ(c["issued_at"], FormatUtc(clock_.Now()));

  Json c8 = Designate(ia_, cert, "system_ia_certifier", 1);
  EXPECT_EQ(c8["certificate_number"], "指定第2026-0002号");
  EXPECT_EQ(Row1("SELECT clause FROM certificates WHERE id = ?", {c8["certificate_id"].get<int64_t>()})["clause"],
            "第1第8項 情報システム情報保証認証者");
  Json c9 = Designate(ia_, staff_, "incident_officer", section_);
  auto c9row = Row1("SELECT clause, affiliation FROM certificates WHERE id = ?", {c9["certificate_id"].get<int64_t>()});
  EXPECT_EQ(c9row["clause"], "第1第9項 事案対処責任者");
  EXPECT_EQ(c9row["affiliation"], "情報通信課");
  // Other roles issue none.
  Json plain = Designate(staff_, staff2_, "ia_liaison", section_);  // the incident officer designates (000 第1(10))
  EXPECT_FALSE(plain.contains("certificate_id"));
  EXPECT_EQ(Row1("SELECT COUNT(*) AS n FROM certificates", {})["n"], "3");
}

}  // namespace
}  // namespace mamori
