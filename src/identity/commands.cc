// Identity and organization commands: the organization and its role catalog, org units, people,
// accounts, sessions, API tokens, designations and 指定書 (000 第1).

#include <algorithm>

#include "base/time.h"
#include "engine/input.h"
#include "identity/catalog.h"
#include "identity/identity.h"

namespace mamori {
namespace {

const Field kName{"name", "", "組織名", "organization name"};
const Field kProfile{"profile", "", "プロファイル", "profile"};
const Field kTz{"timezone", "", "タイムゾーン", "time zone"};
const Field kWorkdayEnd{"workday_end", "000 第4 3(1)", "退庁時刻（HH:MM）", "end of the working day (HH:MM)"};

// Records that the organization takes `p`: an org_profiles row and the profile's roles.
Status RecordProfile(Tx& tx, const Profile& p) {
  ASSIGN_OR_RETURN(int64_t id, tx.NextId("org_profiles"));
  RETURN_IF_ERROR(tx.Put("org_profiles", Record{{"id", id}, {"profile", p.name}, {"version", int64_t{p.version}},
                                                {"taken_at", tx.now_text()}}));
  for (const RoleDef& r : p.roles) {
    // roles are keyed by code; Put needs an id column, so the catalog goes in through SQL + effect.
    RETURN_IF_ERROR(tx.ExecUncovered("INSERT INTO roles(code, profile, name_ja, name_en, definition) VALUES (?,?,?,?,?)",
                                      {r.code, p.name, r.name_ja, r.name_en, r.ToJson().dump()}));
  }
  return Status::Ok();
}

Status OrgInit(Tx& tx, const Json& j) {
  RETURN_IF_ERROR(tx.AuthorizeSystem());
  Input in(j);
  ASSIGN_OR_RETURN(std::string name, in.Text(kName));
  ASSIGN_OR_RETURN(std::string profile, in.Text(kProfile));
  ASSIGN_OR_RETURN(std::string tzname, in.Text(kTz));
  ASSIGN_OR_RETURN(std::string end, in.Text(kWorkdayEnd));
  RETURN_IF_ERROR(TimeZone::FromName(tzname).status());
  if (end.size() != 5 || end[2] != ':' || end < "00:00" || end > "23:59")
    return Malformed(kWorkdayEnd, "例: 18:15", "e.g. 18:15");
  ASSIGN_OR_RETURN(Rows existing, tx.conn().Query("SELECT 1 FROM org WHERE id = 1"));
  if (!existing.empty())
    return Status::Error(ErrorKind::kConflict, "org.exists", "", "組織は既に初期化されています。",
                         "The organization is already set up.");
  ProfileLoadOptions po;
  po.files = tx.profile_files();
  ASSIGN_OR_RETURN(auto profiles, LoadProfiles({profile}, po));
  RETURN_IF_ERROR(tx.Put("org", Record{{"id", int64_t{1}}, {"name", name}, {"profile", profile}, {"timezone", tzname},
                                       {"workday_end", end}, {"created_at", tx.now_text()}}));
  RETURN_IF_ERROR(RecordProfile(tx, *profiles[0]));
  tx.SetEntity("org:1");
  tx.output() = Json{{"profile", profile}, {"version", profiles[0]->version}, {"roles", profiles[0]->roles.size()}};
  return Status::Ok();
}

// Takes a further profile (docs/profiles.md): its roles join the catalog at the next engine start.
Status OrgTakeProfile(Tx& tx, const Json& j) {
  RETURN_IF_ERROR(tx.AuthorizeSystem());
  Input in(j);
  ASSIGN_OR_RETURN(std::string profile, in.Text(kProfile));
  ASSIGN_OR_RETURN(Rows org, tx.conn().Query("SELECT 1 FROM org WHERE id = 1"));
  if (org.empty())
    return Status::Error(ErrorKind::kConflict, "org.missing", "", "組織が初期化されていません（mamori init）。",
                         "The organization is not set up (run mamori init).");
  ASSIGN_OR_RETURN(std::vector<std::string> taken, TakenProfiles(tx.conn()));
  if (std::find(taken.begin(), taken.end(), profile) != taken.end())
    return Status::Error(ErrorKind::kConflict, "org.profile_taken", "", "プロファイル " + profile + " は既に適用されています。",
                         "The organization already takes profile " + profile + ".", "profile");
  taken.push_back(profile);
  ProfileLoadOptions po;
  po.files = tx.profile_files();
  ASSIGN_OR_RETURN(auto profiles, LoadProfiles(taken, po));  // role codes unique across them all
  RETURN_IF_ERROR(RecordProfile(tx, *profiles.back()));
  tx.SetEntity("org:1");
  tx.output() = Json{{"profile", profile}, {"version", profiles.back()->version}, {"roles", profiles.back()->roles.size()}};
  return Status::Ok();
}

const Field kCode{"code", "", "組織コード", "unit code"};
const Field kNameJa{"name_ja", "", "名称", "Japanese name"};
const Field kNameEn{"name_en", "", "英語名", "English name"};

// The unit kinds of the organization's profiles (docs/profiles.md `unit_kinds`), and the clause its
// units come from (the first profile's `setup.clause`).
struct UnitRules {
  std::vector<UnitKind> kinds;
  std::string clause;
  std::string root_kind;  // "" when the first profile has no setup
};

Result<UnitRules> LoadUnitRules(Tx& tx) {
  ASSIGN_OR_RETURN(std::vector<std::string> taken, TakenProfiles(tx.conn()));
  ProfileLoadOptions po;
  po.files = tx.profile_files();
  ASSIGN_OR_RETURN(auto profiles, LoadProfiles(taken, po));
  UnitRules out;
  for (const auto& p : profiles)
    for (const UnitKind& k : p->unit_kinds)
      if (std::none_of(out.kinds.begin(), out.kinds.end(), [&](const UnitKind& x) { return x.code == k.code; }))
        out.kinds.push_back(k);
  if (!profiles.empty() && profiles[0]->setup) {
    out.clause = profiles[0]->setup->clause;
    out.root_kind = profiles[0]->setup->root_unit_kind;
  }
  return out;
}

Status UnknownUnitKind(const UnitRules& rules, const std::string& kind) {
  std::string ja, en;
  for (const UnitKind& k : rules.kinds) {
    ja += (ja.empty() ? "" : "、") + k.code + "（" + k.name_ja + "）";
    en += (en.empty() ? "" : ", ") + k.code + " (" + k.name_en + ")";
  }
  return Status::Error(ErrorKind::kInvalidArgument, "unit.kind_unknown", rules.clause,
                       "組織の種別 " + kind + " はこの組織の規程にありません。使える種別: " + ja,
                       "Unit kind " + kind + " is not one of this organization's regulations. Allowed kinds: " + en,
                       "kind");
}

Status UnitCreate(Tx& tx, const Json& j) {
  Input in(j);
  ASSIGN_OR_RETURN(UnitRules rules, LoadUnitRules(tx));
  const char* clause = rules.clause.c_str();
  ASSIGN_OR_RETURN(std::optional<int64_t> parent,
                   in.OptInt(Field{"parent_id", clause, "上位の組織", "parent unit"}));
  ASSIGN_OR_RETURN(std::string kind, in.Text(Field{"kind", clause, "組織の種別", "unit kind"}));
  ASSIGN_OR_RETURN(std::string code, in.Text(kCode));
  ASSIGN_OR_RETURN(std::string name_ja, in.Text(kNameJa));
  ASSIGN_OR_RETURN(std::string name_en, in.OptText(kNameEn));
  ASSIGN_OR_RETURN(std::string head, in.OptText(Field{"head_title", clause, "長の職名", "title of the head"}));
  if (parent) {
    RETURN_IF_ERROR(tx.Get("org_units", *parent).status());
    RETURN_IF_ERROR(tx.Authorize("org.admin", *parent));
  } else {
    RETURN_IF_ERROR(tx.AuthorizeSystem());
  }
  const auto known =
      std::find_if(rules.kinds.begin(), rules.kinds.end(), [&](const UnitKind& k) { return k.code == kind; });
  if (known == rules.kinds.end()) return UnknownUnitKind(rules, kind);
  if (!parent && !rules.root_kind.empty() && kind != rules.root_kind) {
    const auto root = std::find_if(rules.kinds.begin(), rules.kinds.end(),
                                   [&](const UnitKind& k) { return k.code == rules.root_kind; });
    return Status::Error(ErrorKind::kRuleViolation, "unit.root_kind", rules.clause,
                         "最上位の組織は" + root->name_ja + "（" + rules.root_kind + "）でなければなりません。",
                         "A top-level unit must be a " + root->name_en + " (" + rules.root_kind + ").", "parent_id");
  }
  ASSIGN_OR_RETURN(Rows dup, tx.conn().Query("SELECT 1 FROM org_units WHERE code = ?", {code}));
  if (!dup.empty())
    return Status::Error(ErrorKind::kConflict, "unit.code_unique", "", "組織コード " + code + " は使われています。",
                         "Unit code " + code + " is taken.", "code");
  ASSIGN_OR_RETURN(int64_t id, tx.NextId("org_units"));
  RETURN_IF_ERROR(tx.Put("org_units", Record{{"id", id}, {"parent_id", parent ? Value(*parent) : NullValue()},
                                             {"kind", kind}, {"code", code}, {"name_ja", name_ja},
                                             {"name_en", name_en}, {"head_title", head},
                                             {"created_at", tx.now_text()}}));
  tx.SetEntity("unit:" + code);
  tx.output() = Json{{"unit_id", id}};
  return Status::Ok();
}

const Field kFamily{"family_name", "", "姓", "family name"};
const Field kGiven{"given_name", "", "名", "given name"};
const Field kPersonUnit{"unit_id", "", "所属", "affiliation"};
const Field kTitle{"title", "000 様式:指定書", "官名又は階級", "official title or rank"};
const Field kPersonKind{"kind", "", "区分", "kind of person"};
const Field kEmail{"email", "", "メールアドレス", "e-mail"};

Status PersonCreate(Tx& tx, const Json& j) {
  Input in(j);
  ASSIGN_OR_RETURN(std::string family, in.Text(kFamily));
  ASSIGN_OR_RETURN(std::string given, in.Text(kGiven));
  ASSIGN_OR_RETURN(int64_t unit, in.Int(kPersonUnit));
  ASSIGN_OR_RETURN(std::string title, in.OptText(kTitle));
  std::string kind = "employee";
  if (in.Has("kind")) {
    ASSIGN_OR_RETURN(kind, in.OneOf(kPersonKind, {"employee", "non_regular", "contractor", "visitor"}));
  }
  ASSIGN_OR_RETURN(std::string email, in.OptText(kEmail));
  RETURN_IF_ERROR(tx.Get("org_units", unit).status());
  RETURN_IF_ERROR(tx.Authorize("org.admin", unit));
  ASSIGN_OR_RETURN(int64_t id, tx.NextId("persons"));
  RETURN_IF_ERROR(tx.Put("persons", Record{{"id", id}, {"family_name", family}, {"given_name", given}, {"unit_id", unit},
                                           {"title", title}, {"kind", kind}, {"email", email}, {"active", int64_t{1}},
                                           {"created_at", tx.now_text()}}));
  tx.SetEntity("person:" + std::to_string(id));
  tx.output() = Json{{"person_id", id}};
  return Status::Ok();
}

const Field kPersonId{"person_id", "", "職員", "person"};
const Field kUsername{"username", "000 第2 2(2)", "ユーザ名", "user name"};
const Field kPwHash{"password_hash", "000 第2 2(2)", "パスワード", "password"};

Status AccountCreate(Tx& tx, const Json& j) {
  Input in(j);
  ASSIGN_OR_RETURN(int64_t person_id, in.Int(kPersonId));
  ASSIGN_OR_RETURN(std::string username, in.Text(kUsername));
  ASSIGN_OR_RETURN(std::string hash, in.Text(kPwHash));
  ASSIGN_OR_RETURN(Record person, tx.Get("persons", person_id));
  RETURN_IF_ERROR(tx.Authorize("org.admin", RecInt(person, "unit_id")));
  for (char c : username)
    if (!(isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == '_'))
      return Malformed(kUsername, "英数字と . - _", "letters, digits, '.', '-' or '_'");
  ASSIGN_OR_RETURN(Rows dup, tx.conn().Query("SELECT 1 FROM accounts WHERE username = ? OR person_id = ?",
                                             {username, person_id}));
  if (!dup.empty())
    return Status::Error(ErrorKind::kConflict, "account.unique", "000 第2 2(2)",
                         "このユーザ名、またはこの職員のアカウントは既にあります。",
                         "This user name, or an account for this person, already exists.", "username");
  ASSIGN_OR_RETURN(int64_t id, tx.NextId("accounts"));
  const bool must_change = in.Has("must_change_password") && j["must_change_password"].is_boolean() &&
                           j["must_change_password"].get<bool>();
  RETURN_IF_ERROR(tx.Put("accounts", Record{{"id", id}, {"person_id", person_id}, {"username", username},
                                            {"password_hash", hash}, {"totp_secret", NullValue()},
                                            {"must_change_password", int64_t{must_change}}, {"disabled", int64_t{0}},
                                            {"password_changed_at", tx.now_text()}, {"created_at", tx.now_text()}}));
  tx.SetEntity("account:" + username);
  tx.output() = Json{{"account_id", id}, {"username", username}};
  return Status::Ok();
}

Status AccountSetPassword(Tx& tx, const Json& j) {
  Input in(j);
  ASSIGN_OR_RETURN(int64_t account_id, in.Int(Field{"account_id", "", "アカウント", "account"}));
  ASSIGN_OR_RETURN(std::string hash, in.Text(kPwHash));
  ASSIGN_OR_RETURN(Record acc, tx.Get("accounts", account_id));
  if (account_id == tx.actor().account_id) {
    tx.AuthorizedBy("own password");
  } else {
    ASSIGN_OR_RETURN(Record person, tx.Get("persons", RecInt(acc, "person_id")));
    RETURN_IF_ERROR(tx.Authorize("org.admin", RecInt(person, "unit_id")));
  }
  acc["password_hash"] = hash;
  acc["must_change_password"] = int64_t{account_id == tx.actor().account_id ? 0 : 1};
  acc["password_changed_at"] = tx.now_text();
  RETURN_IF_ERROR(tx.Put("accounts", acc));
  // Changing a password ends every other session of the account (the one that changed it stays).
  RETURN_IF_ERROR(tx.ExecUncovered("UPDATE sessions SET revoked = 1 WHERE account_id = ? AND id_hash <> ?",
                                   {account_id, j.value("keep_session_hash", std::string())}));
  tx.SetEntity("account:" + RecStr(acc, "username"));
  tx.output() = Json{{"account_id", account_id}};
  return Status::Ok();
}

Status AccountSetDisabled(Tx& tx, const Json& j) {
  Input in(j);
  ASSIGN_OR_RETURN(int64_t account_id, in.Int(Field{"account_id", "", "アカウント", "account"}));
  ASSIGN_OR_RETURN(bool disabled, in.Flag(Field{"disabled", "000 第2 2(2)", "無効化", "disabled"}, false));
  ASSIGN_OR_RETURN(Record acc, tx.Get("accounts", account_id));
  ASSIGN_OR_RETURN(Record person, tx.Get("persons", RecInt(acc, "person_id")));
  RETURN_IF_ERROR(tx.Authorize("org.admin", RecInt(person, "unit_id")));
  acc["disabled"] = int64_t{disabled};
  RETURN_IF_ERROR(tx.Put("accounts", acc));
  if (disabled) {
    RETURN_IF_ERROR(tx.ExecUncovered("UPDATE sessions SET revoked = 1 WHERE account_id = ?", {account_id}));
    RETURN_IF_ERROR(tx.ExecUncovered("UPDATE api_tokens SET revoked_at = ? WHERE account_id = ? AND revoked_at IS NULL",
                                     {tx.now_text(), account_id}));
  }
  tx.SetEntity("account:" + RecStr(acc, "username"));
  tx.output() = Json{{"account_id", account_id}, {"disabled", disabled}};
  return Status::Ok();
}

// Sets (or clears, with an empty secret) the TOTP second factor of an account (000 第2 2(2)).
Status AccountSetTotp(Tx& tx, const Json& j) {
  Input in(j);
  ASSIGN_OR_RETURN(int64_t account_id, in.Int(Field{"account_id", "", "アカウント", "account"}));
  ASSIGN_OR_RETURN(std::string secret, in.OptText(Field{"totp_secret", "000 第2 2(2)", "TOTP の秘密鍵", "TOTP secret"}));
  ASSIGN_OR_RETURN(Record acc, tx.Get("accounts", account_id));
  if (account_id == tx.actor().account_id) {
    tx.AuthorizedBy("own second factor");
  } else {
    ASSIGN_OR_RETURN(Record person, tx.Get("persons", RecInt(acc, "person_id")));
    RETURN_IF_ERROR(tx.Authorize("org.admin", RecInt(person, "unit_id")));
  }
  acc["totp_secret"] = TextOrNull(secret);
  RETURN_IF_ERROR(tx.Put("accounts", acc));
  tx.SetEntity("account:" + RecStr(acc, "username"));
  tx.output() = Json{{"account_id", account_id}, {"totp", !secret.empty()}};
  return Status::Ok();
}

}  // namespace

Status DesignationCreate(Tx& tx, const Json& j);
Status DesignationRevoke(Tx& tx, const Json& j);
void RegisterAuthCommands(Engine& e);
void RegisterPersonMovements(Engine& e);

void RegisterIdentityCommands(Engine& e) {
  e.Register({"org.init", "Set up the organization on a regulation profile", OrgInit});
  e.Register({"org.take_profile", "Take a further regulation profile (its roles join the catalog)", OrgTakeProfile});
  e.Register({"unit.create", "Create an org unit (局, 課等, 課室等, 別表の室に準ずるもの)", UnitCreate});
  e.Register({"person.create", "Add a person", PersonCreate});
  RegisterPersonMovements(e);
  e.Register({"account.create", "Issue an account to a person (000 第2 2(2))", AccountCreate});
  e.Register({"account.set_password", "Change an account's password", AccountSetPassword});
  e.Register({"account.set_disabled", "Disable or re-enable an account", AccountSetDisabled});
  e.Register({"account.set_totp", "Enable or disable an account's TOTP second factor", AccountSetTotp});
  e.Register({"designation.create", "Designate a person to a role in a unit (000 第1)", DesignationCreate});
  e.Register({"designation.revoke", "End a designation (000 第1)", DesignationRevoke});
  RegisterAuthCommands(e);
}

}  // namespace mamori
