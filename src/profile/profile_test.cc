// The profile loader (docs/profiles.md): a valid profile loads with every section; each kind of error
// names the file, line, column and key path; rule SQL is checked against the real schema.

#include "profile/profile.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "app/app.h"
#include "identity/catalog.h"
#include "profile/coverage.h"

namespace mamori {
namespace {

const char* const kProfileYaml = R"(profile: test
version: 2
document: {code: "T", title_ja: テスト規程, title_en: Test rules, legal_basis: テスト通知}
unit_kinds:
  - {code: office, name_ja: 室, name_en: Office, clause: "T 1"}
)";

const char* const kRolesYaml = R"(permissions:
  - {code: p.view, clause: "T 2", name_ja: 閲覧, name_en: view}
roles:
  - {code: boss, name_ja: 長, name_en: Boss, clause: "T 1", org_wide: true, permissions: [p.view]}
  - {code: helper, name_ja: 補助者, name_en: Helper, clause: "T 2", designated_by: [boss]}
  - {code: clerk, name_ja: 係員, name_en: Clerk, clause: "T 2", designated_by: [boss]}
  - {code: member, name_ja: 職員, name_en: Member, clause: "T 2", implicit_member: true}
separation:
  clause: "T 3"
  compatible: [[boss, helper]]
  four_eyes:
    - {first: p.view, second: helper, clause: "T 3"}
)";

const char* const kClausesYaml = R"(clauses:
  - {ref: "T 1", title_ja: 一, title_en: One, coverage: enforced, caps: [CAP-003]}
  - {ref: "T 2", title_ja: 二, title_en: Two, coverage: recorded, caps: [E-8]}
  - {ref: "T 3", title_ja: 三, title_en: Three, coverage: not_yet}
)";

const char* const kClassificationYaml = R"(schemes:
  - code: cia
    clause: "T 3"
    name_ja: 分類
    name_en: Classification
    applies_to: [item, asset]
    dimensions:
      - code: confidentiality
        name_ja: 機密性
        name_en: Confidentiality
        levels:
          - {code: C1, name_ja: 機密性1, name_en: Confidentiality 1}
          - {code: C2, name_ja: 機密性2, name_en: Confidentiality 2}
          - {code: C3, name_ja: 機密性3, name_en: Confidentiality 3}
    handling:
      - {action: email, when: {confidentiality: C3}, rule: forbidden, clause: "T 3"}
      - {action: take_out, when: {confidentiality: C2}, rule: approval, approvers: [boss], clause: "T 3"}
matrices:
  - code: risk
    clause: "T 3"
    name_ja: 危険度
    name_en: Risk
    scheme: cia
    rows: confidentiality
    columns: confidentiality
    yields: confidentiality
    cells:
      - [C1, C1, C2]
      - [C1, C2, C3]
      - [C2, C3, C3]
)";

const char* const kFormsYaml = R"(forms:
  - code: roster
    clause: "T 2"
    kind: register
    name_ja: 名簿
    name_en: Roster
    columns:
      - {key: name, name_ja: 氏名, name_en: Name}
      - {key: unit, name_ja: 所属, name_en: Unit, clause: "T 1"}
)";

const char* const kObligationsYaml = R"(obligations:
  - code: review
    clause: "T 3"
    name_ja: 見直し
    name_en: Review
    every: fiscal_year
    per: org
    owner: boss
    escalate_to: boss
    remind_before_days: 30
    evidence: document
    completed_by: [reconcile.submit]
  - {code: roster_update, clause: "T 2", name_ja: 名簿の更新, name_en: Roster update, every: once, per: person, owner: helper}
triggers:
  - on: person.transferred
    clause: "T 2"
    raises: [{obligation: roster_update, due_days: 7}]
)";

const char* const kRulesYaml = R"(rules:
  - code: item_out
    clause: "T 3"
    name_ja: 未返却
    name_en: Not returned
    severity: high
    subject: item
    depends_on: [items, ledger_entries]
    time_based: true
    query: |
      SELECT i.id AS subject_id, i.control_no AS subject, i.custodian_unit_id AS unit_id, e.user_name AS holder
      FROM items i JOIN ledger_entries e ON e.id = i.current_entry_id
      WHERE i.state = 'in_use' AND e.started_at < :workday_cutoff AND i.type <> ':not_a_parameter' -- :nor_this
    applies_if: SELECT EXISTS (SELECT 1 FROM items)
    message_ja: "{subject} が返却されていません（{holder}）。"
    message_en: "{subject} was not returned ({holder})."
    evidence: "/items/{subject}"
)";

const char* const kReportingYaml = R"(chains:
  - {code: overdue, clause: "T 3", steps: [helper, boss]}
)";

const char* const kPartYaml = R"(part: extra
version: 1
document: {code: "X", title_ja: 別の規程, title_en: Other rules}
forms:
  - code: extra_form
    clause: "X 1"
    kind: form
    name_ja: 様式
    name_en: Form
    columns: [{key: a, name_ja: 甲, name_en: A}]
clauses:
  - {ref: "X 1", title_ja: 別一, title_en: Other one, coverage: recorded}
)";

using Files = std::map<std::string, std::string>;

Files Minimal() {
  return {{"test/profile.yaml", kProfileYaml}, {"test/roles.yaml", kRolesYaml}, {"test/clauses.yaml", kClausesYaml}};
}

Files Full() {
  Files f = Minimal();
  f["test/profile.yaml"] += "includes: [shared/extra]\n";
  f["test/classification.yaml"] = kClassificationYaml;
  f["test/forms.yaml"] = kFormsYaml;
  f["test/obligations.yaml"] = kObligationsYaml;
  f["test/rules.yaml"] = kRulesYaml;
  f["test/reporting.yaml"] = kReportingYaml;
  f["shared/extra.yaml"] = kPartYaml;
  return f;
}

std::string Replace(std::string s, const std::string& from, const std::string& to) {
  const size_t pos = s.find(from);
  EXPECT_NE(pos, std::string::npos) << from;
  if (pos != std::string::npos) s.replace(pos, from.size(), to);
  return s;
}

// 1-based line and column (in characters) of the first `needle` in `text`.
std::pair<int, int> Where(const std::string& text, const std::string& needle) {
  const size_t pos = text.find(needle);
  EXPECT_NE(pos, std::string::npos) << needle;
  const size_t nl = text.rfind('\n', pos == 0 ? 0 : pos - 1);
  const size_t line_start = nl == std::string::npos || pos == 0 ? 0 : nl + 1;
  const int line = 1 + static_cast<int>(std::count(text.begin(), text.begin() + pos, '\n'));
  int col = 1;
  for (size_t i = line_start; i < pos; ++i)
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++col;
  return {line, col};
}

std::vector<ProfileError> Validate(const Files& files) { return ValidateProfile(ProfileFiles::FromMap(files), "test"); }

std::string All(const std::vector<ProfileError>& errors) {
  std::string out;
  for (const auto& e : errors) out += e.ToString() + "\n";
  return out;
}

// Expects exactly one error, at `file` where `needle` starts, with `path` and an English text holding `en`.
void ExpectOnly(const Files& files, const std::string& rel, const std::string& needle, const std::string& path,
                const std::string& en) {
  const auto errors = Validate(files);
  ASSERT_EQ(errors.size(), 1u) << All(errors);
  const ProfileError& e = errors[0];
  const auto [line, col] = Where(files.at(rel), needle);
  EXPECT_EQ(e.at.file, "profiles/" + rel) << e.ToString();
  EXPECT_EQ(e.at.line, line) << e.ToString();
  EXPECT_EQ(e.at.col, col) << e.ToString();
  EXPECT_EQ(e.path, path) << e.ToString();
  EXPECT_NE(e.en.find(en), std::string::npos) << e.ToString();
  EXPECT_FALSE(e.ja.empty());
  const std::string prefix = "profiles/" + rel + ":" + std::to_string(line) + ":" + std::to_string(col) + ": ";
  EXPECT_EQ(e.ToString().rfind(prefix + (path.empty() ? "" : path + ": "), 0), 0u) << e.ToString();
}

TEST(ProfileLoadTest, AValidMinimalProfileLoads) {
  auto p = LoadProfile(ProfileFiles::FromMap(Minimal()), "test");
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  EXPECT_EQ(p->name, "test");
  EXPECT_EQ(p->version, 2);
  EXPECT_EQ(p->document.code, "T");
  EXPECT_EQ(p->legal_basis, "テスト通知");  // from document.legal_basis: roles.yaml has none
  EXPECT_EQ(p->fiscal_year_start, "04-01");
  ASSERT_EQ(p->unit_kinds.size(), 1u);
  EXPECT_EQ(p->unit_kinds[0].clause, "T 1");
  ASSERT_EQ(p->roles.size(), 4u);
  EXPECT_EQ(p->roles[1].designated_by, std::vector<std::string>{"boss"});
  EXPECT_EQ(p->roles[1].where.file, "profiles/test/roles.yaml");
  EXPECT_EQ(p->roles[1].where.line, 5);
  EXPECT_TRUE(p->separation.has_compatible);
  ASSERT_EQ(p->separation.four_eyes.size(), 1u);
  EXPECT_EQ(p->separation.four_eyes[0].first, "p.view");
  ASSERT_EQ(p->clauses.size(), 3u);
  EXPECT_EQ(p->clauses[0].caps, std::vector<std::string>{"CAP-003"});
  EXPECT_EQ(p->clauses[1].caps, std::vector<std::string>{"CAP-061"});  // E-8 = the 8th capability of area E
  EXPECT_TRUE(p->schemes.empty());
  EXPECT_TRUE(p->rules.empty());
}

TEST(ProfileLoadTest, EverySectionLoads) {
  const std::vector<std::string> commands = {"reconcile.submit"};
  ProfileLoadOptions options;
  options.known_commands = &commands;
  auto p = LoadProfile(ProfileFiles::FromMap(Full()), "test", options);
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  ASSERT_EQ(p->schemes.size(), 1u);
  const ClassificationScheme& s = p->schemes[0];
  EXPECT_EQ(s.applies_to, (std::vector<std::string>{"item", "asset"}));
  ASSERT_NE(s.FindDimension("confidentiality"), nullptr);
  EXPECT_EQ(s.FindDimension("confidentiality")->LevelIndex("C2"), 1);
  ASSERT_EQ(s.handling.size(), 2u);
  EXPECT_EQ(s.handling[1].rule, "approval");
  EXPECT_EQ(s.handling[1].approvers, std::vector<std::string>{"boss"});
  EXPECT_EQ(s.handling[1].when.at("confidentiality"), "C2");
  ASSERT_EQ(p->matrices.size(), 1u);
  EXPECT_EQ(p->matrices[0].cells[2][1], "C3");
  ASSERT_EQ(p->forms.size(), 2u);  // the included part's (read with profile.yaml), then the profile's
  EXPECT_EQ(p->forms[0].code, "extra_form");
  ASSERT_EQ(p->forms[1].columns.size(), 2u);
  EXPECT_EQ(p->forms[1].columns[1].clause, "T 1");
  ASSERT_EQ(p->obligations.size(), 2u);
  EXPECT_EQ(p->obligations[0].remind_before_days, 30);
  EXPECT_EQ(p->obligations[1].evidence, "record");
  ASSERT_EQ(p->triggers.size(), 1u);
  EXPECT_EQ(p->triggers[0].raises[0].due_days, 7);
  ASSERT_EQ(p->rules.size(), 1u);
  EXPECT_EQ(p->rules[0].columns, (std::vector<std::string>{"subject_id", "subject", "unit_id", "holder"}));
  EXPECT_TRUE(p->rules[0].time_based);
  ASSERT_EQ(p->chains.size(), 1u);
  EXPECT_EQ(p->chains[0].steps, (std::vector<std::string>{"helper", "boss"}));
  ASSERT_NE(p->FindClause("X 1"), nullptr);  // the part brings its clauses
  EXPECT_EQ(p->FindClause("X 1")->source, "profiles/shared/extra.yaml");
  EXPECT_EQ(ValidatePart(ProfileFiles::FromMap(Full()), "shared/extra").size(), 0u);
}

TEST(ProfileErrorTest, UnknownKey) {
  Files f = Minimal();
  f["test/roles.yaml"] = Replace(kRolesYaml, "designated_by: [boss]}", "designated_bye: [boss]}");
  ExpectOnly(f, "test/roles.yaml", "designated_bye", "roles[1].designated_bye", "unknown key \"designated_bye\"");
}

TEST(ProfileErrorTest, ColumnsCountCharactersNotBytes) {
  Files f = Minimal();
  f["test/roles.yaml"] = Replace(kRolesYaml, "name_ja: 補助者, name_en: Helper, clause: \"T 2\", designated_by: [boss]",
                                 "name_ja: 補助者, name_en: Helper, clause: \"T 2\", designated_by: [bos]");
  ExpectOnly(f, "test/roles.yaml", "bos]", "roles[1].designated_by[0]", "unknown role \"bos\"");
  EXPECT_EQ(Validate(f)[0].at.col, 82);  // 補助者 counts three columns, not nine bytes
}

TEST(ProfileErrorTest, DuplicateKey) {
  Files f = Minimal();
  f["test/profile.yaml"] = Replace(kProfileYaml, "version: 2\n", "version: 2\nversion: 3\n");
  ExpectOnly(f, "test/profile.yaml", "version: 3", "version", "duplicate key \"version\"");
}

TEST(ProfileErrorTest, ASharedPartAloneIsCheckedButForRoleCodes) {
  Files f = Full();
  f["shared/extra.yaml"] =
      std::string(kPartYaml) +
      "chains:\n  - {code: c, clause: \"X 1\", steps: [whoever]}\n"
      "rules:\n  - {code: r, clause: \"X 2\", name_ja: 規則, name_en: Rule, severity: low, subject: unit,"
      " query: \"SELECT id AS subject_id, code AS subject, id AS unit_id FROM org_units\","
      " message_ja: 違反, message_en: Violation}\n";
  const auto errors = ValidatePart(ProfileFiles::FromMap(f), "shared/extra");
  ASSERT_EQ(errors.size(), 1u) << All(errors);  // the role "whoever" is checked by each including profile
  EXPECT_EQ(errors[0].path, "rules[0].clause");
  EXPECT_NE(errors[0].en.find("clause \"X 2\" is cited but not listed"), std::string::npos) << errors[0].ToString();
  const auto included = Validate(f);  // included by test: the role is unknown there
  EXPECT_NE(All(included).find("profiles/shared/extra.yaml:"), std::string::npos) << All(included);
  EXPECT_NE(All(included).find("chains[0].steps[0]: unknown role \"whoever\""), std::string::npos) << All(included);
}

TEST(ProfileErrorTest, UnknownFile) {
  Files f = Minimal();
  f["test/obligation.yaml"] = "obligations: []\n";
  ExpectOnly(f, "test/obligation.yaml", "obligations", "", "unknown file");
}

TEST(ProfileErrorTest, WrongTypes) {
  Files f = Minimal();
  f["test/profile.yaml"] = Replace(kProfileYaml, "version: 2", "version: two");
  ExpectOnly(f, "test/profile.yaml", "two", "version", "expected a whole number");
  f = Minimal();
  f["test/roles.yaml"] = Replace(kRolesYaml, "org_wide: true", "org_wide: yes");
  ExpectOnly(f, "test/roles.yaml", "yes", "roles[0].org_wide", "expected true or false");
  f = Minimal();
  f["test/roles.yaml"] = Replace(kRolesYaml, "permissions: [p.view]}", "permissions: p.view}");
  ExpectOnly(f, "test/roles.yaml", "p.view}", "roles[0].permissions", "expected a list, found text");
  f = Minimal();
  f["test/clauses.yaml"] = Replace(kClausesYaml, "coverage: not_yet", "coverage: partly");
  ExpectOnly(f, "test/clauses.yaml", "partly", "clauses[2].coverage", "unknown coverage \"partly\"");
}

TEST(ProfileErrorTest, UnknownRoleReference) {
  Files f = Full();
  f["test/obligations.yaml"] = Replace(kObligationsYaml, "owner: boss", "owner: ghost");
  const auto errors = ValidateProfile(ProfileFiles::FromMap(f), "test");
  ASSERT_EQ(errors.size(), 1u) << All(errors);
  EXPECT_EQ(errors[0].path, "obligations[0].owner");
  EXPECT_EQ(errors[0].at.line, Where(f["test/obligations.yaml"], "ghost").first);
  EXPECT_NE(errors[0].en.find("unknown role \"ghost\""), std::string::npos) << errors[0].ToString();

  f = Full();
  f["test/reporting.yaml"] = Replace(kReportingYaml, "[helper, boss]", "[helper, bos]");
  ExpectOnly(f, "test/reporting.yaml", "bos]", "chains[0].steps[1]", "unknown role \"bos\"");
  f = Full();
  f["test/classification.yaml"] = Replace(kClassificationYaml, "approvers: [boss]", "approvers: [chief]");
  ExpectOnly(f, "test/classification.yaml", "chief", "schemes[0].handling[1].approvers[0]", "unknown role \"chief\"");
  f = Minimal();
  f["test/roles.yaml"] = Replace(kRolesYaml, "[[boss, helper]]", "[[boss, helpr]]");
  ExpectOnly(f, "test/roles.yaml", "helpr", "separation.compatible[0][1]", "unknown role \"helpr\"");
  f = Minimal();
  f["test/roles.yaml"] = Replace(kRolesYaml, "first: p.view", "first: p.fly");
  ExpectOnly(f, "test/roles.yaml", "p.fly", "separation.four_eyes[0].first", "neither a role nor a permission");
}

TEST(ProfileErrorTest, ClauseCitedButNotListed) {
  Files f = Full();
  f["test/rules.yaml"] = Replace(kRulesYaml, "clause: \"T 3\"", "clause: \"T 9\"");
  ExpectOnly(f, "test/rules.yaml", "\"T 9\"", "rules[0].clause",
             "clause \"T 9\" is cited but not listed in clauses.yaml");
}

TEST(ProfileErrorTest, EnforcedClauseThatNothingCites) {
  Files f = Minimal();
  f["test/clauses.yaml"] =
      std::string(kClausesYaml) + "  - {ref: \"T 4\", title_ja: 四, title_en: Four, coverage: enforced}\n";
  ExpectOnly(f, "test/clauses.yaml", "\"T 4\"", "clauses[3].ref", "marked enforced but nothing cites it");
}

TEST(ProfileErrorTest, RuleSqlThatDoesNotPrepare) {
  Files f = Full();
  f["test/rules.yaml"] = Replace(kRulesYaml, "JOIN ledger_entries e", "JOIN ledger_entriez e");
  ExpectOnly(f, "test/rules.yaml", "|", "rules[0].query", "the query does not prepare: no such table: ledger_entriez");
}

TEST(ProfileErrorTest, RuleWithoutSubjectId) {
  Files f = Full();
  f["test/rules.yaml"] = Replace(kRulesYaml, "i.id AS subject_id", "i.id AS item_id");
  ExpectOnly(f, "test/rules.yaml", "|", "rules[0].query", "the query must return a column subject_id");
}

TEST(ProfileErrorTest, RuleSqlMustBePortableAndUseKnownParameters) {
  Files f = Full();
  f["test/rules.yaml"] = Replace(kRulesYaml, ":workday_cutoff", ":yesterday");
  ExpectOnly(f, "test/rules.yaml", "|", "rules[0].query", "unknown parameter :yesterday");
  f["test/rules.yaml"] = Replace(kRulesYaml, "e.started_at < :workday_cutoff", "datetime(e.started_at) < :now");
  ExpectOnly(f, "test/rules.yaml", "|", "rules[0].query", "datetime() is SQLite-only");
  f["test/rules.yaml"] = Replace(kRulesYaml, "({holder})", "({borrower})");
  ExpectOnly(f, "test/rules.yaml", "\"{subject} was", "rules[0].message_en", "{borrower} is not a column of the query");
  f["test/rules.yaml"] = Replace(kRulesYaml, "SELECT EXISTS (SELECT 1 FROM items)", "SELECT 1, 2");
  ExpectOnly(f, "test/rules.yaml", "SELECT 1, 2", "rules[0].applies_if", "exactly one column");
  f["test/rules.yaml"] = Replace(kRulesYaml, "[items, ledger_entries]", "[items, ledger]");
  ExpectOnly(f, "test/rules.yaml", "ledger]", "rules[0].depends_on[1]", "no table \"ledger\"");
  f["test/rules.yaml"] = Replace(kRulesYaml, "subject: item", "subject: itme");
  ExpectOnly(f, "test/rules.yaml", "itme", "rules[0].subject", "unknown subject \"itme\"");
}

TEST(ProfileErrorTest, OtherReferences) {
  Files f = Full();
  f["test/obligations.yaml"] = Replace(kObligationsYaml, "obligation: roster_update", "obligation: roster_updat");
  ExpectOnly(f, "test/obligations.yaml", "roster_updat,", "triggers[0].raises[0].obligation",
             "unknown obligation \"roster_updat\"");
  f = Full();
  f["test/classification.yaml"] = Replace(kClassificationYaml, "{confidentiality: C3}", "{confidentiality: C4}");
  ExpectOnly(f, "test/classification.yaml", "C4", "schemes[0].handling[0].when.confidentiality", "has no level \"C4\"");
  f = Full();
  f["test/classification.yaml"] = Replace(kClassificationYaml, "- [C2, C3, C3]", "- [C2, C3, C9]");
  ExpectOnly(f, "test/classification.yaml", "C9", "matrices[0].cells[2][2]", "has no level \"C9\"");
  f = Full();
  f["test/profile.yaml"] = Replace(f["test/profile.yaml"], "shared/extra", "shared/extr");
  ExpectOnly(f, "test/profile.yaml", "shared/extr", "includes[0]", "no shared part profiles/shared/extr.yaml");
  f = Full();
  f["test/forms.yaml"] = Replace(kFormsYaml, "code: roster", "code: extra_form");
  ExpectOnly(f, "test/forms.yaml", "extra_form", "forms[0].code", "duplicate code \"extra_form\"");
  f = Minimal();
  f["test/profile.yaml"] = Replace(kProfileYaml, "profile: test", "profile: tset");
  ExpectOnly(f, "test/profile.yaml", "tset", "profile", "must equal the folder name \"test\"");
  f = Minimal();
  f["test/clauses.yaml"] = Replace(kClausesYaml, "caps: [CAP-003]", "caps: [CAP-999]");
  ExpectOnly(f, "test/clauses.yaml", "CAP-999", "clauses[0].caps[0]", "not a capability id");
}

TEST(ProfileErrorTest, UnknownCommandsWhenTheBuildsCommandsAreKnown) {
  const std::vector<std::string> commands = {"item.checkout"};
  ProfileLoadOptions options;
  options.known_commands = &commands;
  const Files f = Full();
  const auto errors = ValidateProfile(ProfileFiles::FromMap(f), "test", options);
  ASSERT_EQ(errors.size(), 1u) << All(errors);
  EXPECT_EQ(errors[0].path, "obligations[0].completed_by[0]");
  EXPECT_NE(errors[0].en.find("no command \"reconcile.submit\""), std::string::npos) << errors[0].ToString();
}

TEST(ProfileErrorTest, MissingFilesSyntaxErrorsAndEveryErrorAtOnce) {
  Files f = Minimal();
  f.erase("test/clauses.yaml");
  auto errors = Validate(f);
  ASSERT_FALSE(errors.empty());
  EXPECT_EQ(errors[0].ToString(), "profiles/test/clauses.yaml:1:1: the required file clauses.yaml is missing")
      << All(errors);

  f = Minimal();
  f["test/roles.yaml"] = "roles: [\n";
  errors = Validate(f);
  ASSERT_FALSE(errors.empty());
  EXPECT_EQ(errors[0].at.file, "profiles/test/roles.yaml");
  EXPECT_NE(errors[0].en.find("YAML syntax error"), std::string::npos) << All(errors);

  // Several mistakes: all are reported, sorted by file and line.
  f = Full();
  f["test/rules.yaml"] =
      Replace(Replace(kRulesYaml, "severity: high", "severity: urgent"), "subject: item", "subjekt: item");
  f["test/forms.yaml"] = Replace(kFormsYaml, "kind: register", "kind: ledger");
  errors = Validate(f);
  ASSERT_EQ(errors.size(), 4u) << All(errors);  // severity, missing subject, unknown subjekt, kind
  EXPECT_EQ(errors[0].at.file, "profiles/test/forms.yaml");
  EXPECT_EQ(errors[1].path, "rules[0].subject");  // missing, reported where the rule starts
  EXPECT_NE(errors[1].en.find("missing required key \"subject\""), std::string::npos);
  EXPECT_EQ(errors[2].path, "rules[0].severity");
  EXPECT_EQ(errors[3].path, "rules[0].subjekt");
  auto loaded = LoadProfile(ProfileFiles::FromMap(f), "test");
  ASSERT_FALSE(loaded.ok());
  EXPECT_EQ(loaded.status().rule(), "profile.invalid");
  EXPECT_NE(loaded.status().en().find("profiles/test/forms.yaml:"), std::string::npos);
  EXPECT_NE(loaded.status().ja().find("profiles/test/rules.yaml:"), std::string::npos);
  EXPECT_EQ(LoadProfile(ProfileFiles::FromMap(f), "nope").status().rule(), "profile.unknown");
}

TEST(ProfileTogetherTest, TwoProfilesDefiningOneRoleNameBothFiles) {
  Files f = Minimal();
  f["other/profile.yaml"] = Replace(kProfileYaml, "profile: test", "profile: other");
  f["other/roles.yaml"] = kRolesYaml;
  f["other/clauses.yaml"] = kClausesYaml;
  const ProfileFiles files = ProfileFiles::FromMap(f);
  ProfileLoadOptions options;
  options.files = &files;
  auto both = LoadProfiles({"test", "other"}, options);
  ASSERT_FALSE(both.ok());
  EXPECT_NE(both.status().en().find("profiles/other/roles.yaml:4:5: roles[0]: role \"boss\" is also defined in "
                                    "profiles/test/roles.yaml:4"),
            std::string::npos)
      << both.status().en();
}

TEST(ProfileCatalogTest, SeparationOfDuties) {
  auto p = LoadProfile(ProfileFiles::FromMap(Minimal()), "test");
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  Catalog c = Catalog::FromProfiles({std::make_shared<const Profile>(*p)});
  EXPECT_TRUE(c.MayHoldTogether("boss", "helper"));
  EXPECT_TRUE(c.MayHoldTogether("helper", "boss"));
  EXPECT_FALSE(c.MayHoldTogether("boss", "clerk"));   // not a listed pair
  EXPECT_TRUE(c.MayHoldTogether("clerk", "member"));  // implicit roles combine with anything
  EXPECT_TRUE(c.MayHoldTogether("clerk", "clerk"));
  EXPECT_FALSE(c.MayHoldTogether("clerk", "ghost"));
  ASSERT_EQ(c.four_eyes().size(), 1u);
  EXPECT_EQ(c.four_eyes()[0].second, "helper");
  EXPECT_EQ(c.legal_basis(), "テスト通知");
  // Without a compatible list any roles combine (000 places no limit).
  auto mod = Catalog::ForProfile("mod-internal");
  ASSERT_TRUE(mod.ok()) << mod.status().ToString();
  EXPECT_TRUE(mod->MayHoldTogether("unit_ia_officer", "destruction_witness"));
  ASSERT_EQ(mod->four_eyes().size(), 1u);
  EXPECT_EQ(mod->four_eyes()[0].clause, "000 第4 7(1)");
}

// `incompatible` lists the pairs one person may not hold; every other pair of designated roles may be.
TEST(ProfileCatalogTest, IncompatiblePairsAreTheComplement) {
  Files f = Minimal();
  f["test/roles.yaml"] = Replace(kRolesYaml, "compatible: [[boss, helper]]", "incompatible: [[clerk, boss]]");
  auto p = LoadProfile(ProfileFiles::FromMap(f), "test");
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  EXPECT_EQ(p->separation.incompatible.size(), 1u);
  Catalog c = Catalog::FromProfiles({std::make_shared<const Profile>(*p)});
  EXPECT_FALSE(c.MayHoldTogether("boss", "clerk"));
  EXPECT_FALSE(c.MayHoldTogether("clerk", "boss"));
  EXPECT_TRUE(c.MayHoldTogether("boss", "helper"));
  EXPECT_TRUE(c.MayHoldTogether("helper", "clerk"));
  EXPECT_TRUE(c.MayHoldTogether("clerk", "member"));
  // Not both lists; the roles of the pairs must exist.
  f["test/roles.yaml"] = Replace(kRolesYaml, "compatible: [[boss, helper]]",
                                 "compatible: [[boss, helper]]\n  incompatible: [[clerk, bos]]");
  const std::string all = All(Validate(f));
  EXPECT_NE(all.find("separation.incompatible: give either compatible or incompatible, not both"), std::string::npos)
      << all;
  EXPECT_NE(all.find("separation.incompatible[0][1]: unknown role \"bos\""), std::string::npos) << all;
}

// profile.yaml `setup`: the root unit kind and the administrator's role, checked against the profile.
TEST(ProfileLoadTest, SetupNamesTheRootUnitAndTheAdministrator) {
  const std::string roles = Replace(
      Replace(kRolesYaml, "permissions:\n", "permissions:\n  - {code: org.admin, clause: \"T 2\", name_ja: 管理, name_en: admin}\n"),
      "org_wide: true, permissions: [p.view]", "org_wide: true, permissions: [p.view, org.admin]");
  const std::string setup =
      "setup: {clause: \"T 1\", root_unit_kind: office, root_head_title_ja: 室長, administrator_role: boss}\n";
  Files f = Minimal();
  f["test/roles.yaml"] = roles;
  auto none = LoadProfile(ProfileFiles::FromMap(f), "test");
  ASSERT_TRUE(none.ok()) << none.status().ToString();
  EXPECT_FALSE(none->setup.has_value());
  f["test/profile.yaml"] = std::string(kProfileYaml) + setup;
  auto p = LoadProfile(ProfileFiles::FromMap(f), "test");
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  ASSERT_TRUE(p->setup.has_value());
  EXPECT_EQ(p->setup->clause, "T 1");
  EXPECT_EQ(p->setup->root_unit_kind, "office");
  EXPECT_EQ(p->setup->root_head_title_ja, "室長");
  EXPECT_EQ(p->setup->administrator_role, "boss");
  EXPECT_EQ(CoverageJson(*p)["clauses"][0]["cited_by"]["setup"], nlohmann::json::array({"organization"}));

  f["test/profile.yaml"] = std::string(kProfileYaml) + Replace(setup, "root_unit_kind: office", "root_unit_kind: hall");
  ExpectOnly(f, "test/profile.yaml", "hall", "setup.root_unit_kind", "unknown unit kind \"hall\"");
  // The administrator creates units and people: a role granting org.admin, designated, with no pool.
  f["test/profile.yaml"] = std::string(kProfileYaml) + Replace(setup, "administrator_role: boss", "administrator_role: helper");
  ExpectOnly(f, "test/profile.yaml", "helper", "setup.administrator_role", "must grant org.admin");
  f["test/profile.yaml"] = std::string(kProfileYaml) + Replace(setup, "administrator_role: boss", "administrator_role: ghost");
  ExpectOnly(f, "test/profile.yaml", "ghost", "setup.administrator_role", "unknown role \"ghost\"");
}

// The clauses a refused designation cites come from the clauses naming designation.create: the nearest one
// enclosing the role's clause, and for a missing justification the first at or under it.
TEST(ProfileLoadTest, DesignationClausesAreDerivedFromTheClauses) {
  Files f = Minimal();
  f["test/clauses.yaml"] = R"yaml(clauses:
  - {ref: "T 1", title_ja: 一, title_en: One, coverage: enforced, commands: [designation.create]}
  - {ref: "T 1(1)", title_ja: 一の一, title_en: One one, coverage: recorded}
  - {ref: "T 2", title_ja: 二, title_en: Two, coverage: recorded}
  - {ref: "T 2③", title_ja: 二の三, title_en: Two three, coverage: recorded, commands: [designation.create]}
  - {ref: "T 3", title_ja: 三, title_en: Three, coverage: not_yet}
  - {ref: "T 10", title_ja: 十, title_en: Ten, coverage: recorded}
)yaml";
  f["test/roles.yaml"] = Replace(Replace(kRolesYaml, "clause: \"T 1\", org_wide", "clause: \"T 1(1)\", org_wide"),
                                 "name_en: Clerk, clause: \"T 2\"", "name_en: Clerk, clause: \"T 10\"");
  auto p = LoadProfile(ProfileFiles::FromMap(f), "test");
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  EXPECT_EQ(p->FindRole("boss")->designation_clause, "T 1");         // T 1 encloses T 1(1)
  EXPECT_EQ(p->FindRole("boss")->minimum_necessary_clause, "T 1(1)");  // nothing at or under it names the command
  EXPECT_EQ(p->FindRole("helper")->designation_clause, "T 2");        // nothing encloses T 2
  EXPECT_EQ(p->FindRole("helper")->minimum_necessary_clause, "T 2③");
  EXPECT_EQ(p->FindRole("clerk")->designation_clause, "T 10");        // T 1 does not enclose T 10
  auto mod = EmbeddedProfile("mod-internal");
  ASSERT_TRUE(mod.ok()) << mod.status().ToString();
  EXPECT_EQ((*mod)->FindRole("system_user")->designation_clause, "000 第1");
  EXPECT_EQ((*mod)->FindRole("system_admin_staff")->minimum_necessary_clause, "000 第1(3)③");
}

TEST(ProfileRuleSqlTest, NamedParametersBecomePlaceholders) {
  auto b = BindRuleParameters(
      "SELECT ':now' AS a, x FROM t WHERE a < :now AND b >= :fiscal_year_start -- :today\n"
      "AND c = \":today\" /* :x */ AND d < :now");
  ASSERT_TRUE(b.ok()) << b.status().ToString();
  EXPECT_EQ(b->sql,
            "SELECT ':now' AS a, x FROM t WHERE a < ? AND b >= ? -- :today\nAND c = \":today\" /* :x */ AND d < ?");
  EXPECT_EQ(b->names, (std::vector<std::string>{"now", "fiscal_year_start", "now"}));
  EXPECT_FALSE(BindRuleParameters("SELECT 1 WHERE a = :tomorrow").ok());
  EXPECT_FALSE(BindRuleParameters("SELECT 1 WHERE a = ?").ok());
  EXPECT_FALSE(BindRuleParameters("SELECT a::text FROM t").ok());
}

TEST(ProfileCoverageTest, JoinsClausesWithWhatCitesThem) {
  const std::vector<std::string> commands = {"reconcile.submit"};
  ProfileLoadOptions options;
  options.known_commands = &commands;
  auto p = LoadProfile(ProfileFiles::FromMap(Full()), "test", options);
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  const nlohmann::json j = CoverageJson(*p);
  EXPECT_EQ(j["summary"]["enforced"], 1);
  EXPECT_EQ(j["summary"]["recorded"], 2);  // T 2 and the part's X 1
  EXPECT_EQ(j["summary"]["not_yet"], 1);
  const auto& t1 = j["clauses"][0];
  EXPECT_EQ(t1["ref"], "T 1");
  EXPECT_EQ(t1["cited_by"]["roles"], nlohmann::json::array({"boss"}));
  EXPECT_EQ(t1["cited_by"]["unit_kinds"], nlohmann::json::array({"office"}));
  EXPECT_EQ(t1["cited_by"]["forms"], nlohmann::json::array({"roster.unit"}));
  const auto& t3 = j["clauses"][2];
  EXPECT_EQ(t3["cited_by"]["rules"], nlohmann::json::array({"item_out"}));
  EXPECT_EQ(t3["cited_by"]["obligations"], nlohmann::json::array({"review"}));
  EXPECT_EQ(t3["cited_by"]["handling"], nlohmann::json::array({"cia email", "cia take_out"}));
  const std::string md = CoverageMarkdown(*p);
  EXPECT_NE(
      md.find("| T 1 | 一<br>One | enforced | CAP-003 | roles: `boss`; unit_kinds: `office`; forms: `roster.unit` |"),
      std::string::npos)
      << md;
  EXPECT_EQ(md, CoverageMarkdown(*p));
}

// Every profile and shared part shipped in the binary validates, with the commands of this build. When
// this fails, `mamori profile validate` prints the same errors.
TEST(EmbeddedProfilesTest, EveryEmbeddedProfileValidates) {
  const ProfileFiles& files = ProfileFiles::Embedded();
  const std::vector<std::string> commands = AllCommandNames();
  ProfileLoadOptions options;
  options.known_commands = &commands;
  ASSERT_FALSE(files.Profiles().empty());
  for (const auto& name : files.Profiles()) EXPECT_EQ(All(ValidateProfile(files, name, options)), "") << name;
  for (const auto& part : files.Parts()) EXPECT_EQ(All(ValidatePart(files, part, options)), "") << part;
}

}  // namespace
}  // namespace mamori
