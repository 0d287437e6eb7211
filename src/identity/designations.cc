// Designations (000 第1): who holds which role in which unit, designated by whom, from/until; the
// audit officer, the certifier and the incident officer receive a 指定書 (000 第1(12)).

#include <algorithm>
#include <cstdio>

#include "base/time.h"
#include "engine/input.h"
#include "identity/catalog.h"
#include "identity/identity.h"

namespace mamori {
namespace {

// The clause a refusal about designating `role` in general cites (RoleDef::designation_clause); with no
// role (an unknown or missing role code), that of the organization's first role, i.e. its first
// profile's designation rules.
std::string DesignationClause(const Catalog& catalog, const RoleDef* role) {
  if (!role) role = catalog.roles().empty() ? nullptr : &catalog.roles().front();
  if (!role) return "";
  return role->designation_clause.empty() ? role->clause : role->designation_clause;
}

// May the actor designate `role` in `unit`? System, or a holder of one of role.designated_by there.
Status AuthorizeDesignator(Tx& tx, const RoleDef& role, int64_t unit) {
  if (tx.actor().system) return tx.AuthorizeSystem();
  std::string now = tx.now_text(), names_ja, names_en;
  ASSIGN_OR_RETURN(std::vector<int64_t> scope, UnitAndAncestors(tx.conn(), unit));
  for (const std::string& code : role.designated_by) {
    const RoleDef* by = tx.catalog().FindRole(code);
    names_ja += (names_ja.empty() ? "" : "、") + by->name_ja;
    names_en += (names_en.empty() ? "" : ", ") + by->name_en;
    ASSIGN_OR_RETURN(Rows r, tx.conn().Query(
        "SELECT unit_id FROM designations WHERE person_id = ? AND role_code = ? AND revoked_at IS NULL "
        "AND valid_from <= ? AND (valid_until IS NULL OR valid_until > ?)",
        {tx.actor().person_id, code, now, now}));
    for (const Row& row : r.rows)
      for (int64_t id : scope)
        if (by->org_wide || id == row.Int(0)) {
          tx.AuthorizedBy("designator " + code);
          return Status::Ok();
        }
  }
  if (names_ja.empty()) names_ja = "（規程外）", names_en = "(set outside this rule)";
  return Status::Error(ErrorKind::kForbidden, "designation.designator", role.clause,
                       role.name_ja + "を指定できるのは次の者です: " + names_ja,
                       "Only these may designate a " + role.name_en + ": " + names_en);
}

Result<bool> HoldsRole(Tx& tx, int64_t person, const std::string& role, int64_t unit) {
  ASSIGN_OR_RETURN(std::vector<int64_t> scope, UnitAndAncestors(tx.conn(), unit));
  const std::string now = tx.now_text();
  ASSIGN_OR_RETURN(Rows r, tx.conn().Query(
      "SELECT unit_id FROM designations WHERE person_id = ? AND role_code = ? AND revoked_at IS NULL "
      "AND valid_from <= ? AND (valid_until IS NULL OR valid_until > ?)", {person, role, now, now}));
  for (const Row& row : r.rows)
    for (int64_t id : scope)
      if (id == row.Int(0)) return true;
  return false;
}

// 001 第5 2(1)ア / 2(2)ア: the role may be given only to a person with the profile's agreement in force;
// an agreement limited to some kinds of person (000 第2 2(6): 職員以外の者) binds only those.
Status CheckAgreements(Tx& tx, const RoleDef& role, int64_t person_id, const std::string& kind) {
  for (const AgreementDef* a : tx.catalog().AgreementsRequiredFor(role.code)) {
    if (!a->kinds.empty() && std::find(a->kinds.begin(), a->kinds.end(), kind) == a->kinds.end()) continue;
    ASSIGN_OR_RETURN(Rows r, tx.conn().Query(
        "SELECT 1 FROM agreements WHERE person_id = ? AND kind = ? AND withdrawn_at IS NULL", {person_id, a->code}));
    if (r.empty())
      return Status::Error(ErrorKind::kRuleViolation, "designation.agreement_missing", a->clause,
                           role.name_ja + "に指定するには、先に" + a->name_ja + "を得て記録してください。",
                           "Record the person's " + a->name_en + " before designating them " + role.name_en + ".",
                           "person_id");
  }
  return Status::Ok();
}

// 001 第5 2(3)エ: no person gathers roles the profile keeps apart (Catalog::MayHoldTogether).
Status CheckSeparation(Tx& tx, const RoleDef& role, int64_t person_id) {
  const std::string now = tx.now_text();
  ASSIGN_OR_RETURN(Rows held, tx.conn().Query(
      "SELECT DISTINCT role_code FROM designations WHERE person_id = ? AND revoked_at IS NULL "
      "AND (valid_until IS NULL OR valid_until > ?) ORDER BY role_code", {person_id, now}));
  for (const Row& r : held.rows) {
    const std::string other = r.Str(0);
    if (tx.catalog().MayHoldTogether(role.code, other)) continue;
    const RoleDef* o = tx.catalog().FindRole(other);
    const std::string other_ja = o ? o->name_ja : other, other_en = o ? o->name_en : other;
    return Status::Error(ErrorKind::kRuleViolation, "designation.separation", tx.catalog().SeparationClause(role.code),
                         "この者は既に" + other_ja + "です。" + role.name_ja + "と" + other_ja +
                             "は同じ者に兼ねさせることができません（責任の分割）。",
                         "This person is already " + other_en + "; one person may not hold both " + role.name_en +
                             " and " + other_en + " (separation of duties).", "role");
  }
  return Status::Ok();
}

Status IssueCertificate(Tx& tx, const RoleDef& role, int64_t designation_id, int64_t person_id) {
  ASSIGN_OR_RETURN(Rows p, tx.conn().Query(
      "SELECT u.name_ja, p.title, p.family_name || ' ' || p.given_name FROM persons p "
      "JOIN org_units u ON u.id = p.unit_id WHERE p.id = ?", {person_id}));
  std::string issuer_title = "情報保証責任者", issuer_name;
  if (tx.actor().person_id) {
    ASSIGN_OR_RETURN(Rows i, tx.conn().Query(
        "SELECT p.title, p.family_name || ' ' || p.given_name FROM persons p WHERE p.id = ?", {tx.actor().person_id}));
    if (!i.empty()) issuer_title = i.rows[0].Str(0), issuer_name = i.rows[0].Str(1);
  }
  ASSIGN_OR_RETURN(int64_t id, tx.NextId("certificates"));
  const CivilTime c = ToCivil(tx.now(), TimeZone{});
  char number[48];
  std::snprintf(number, sizeof number, "指定第%04d-%04lld号", c.year, static_cast<long long>(id));
  RETURN_IF_ERROR(tx.Put("certificates", Record{{"id", id}, {"designation_id", designation_id}, {"number", std::string(number)},
                                                {"role_code", role.code}, {"clause", role.certificate_label},
                                                {"affiliation", p.rows[0].Str(0)}, {"title", p.rows[0].Str(1)},
                                                {"name", p.rows[0].Str(2)}, {"issued_at", tx.now_text()},
                                                {"issuer_title", issuer_title}, {"issuer_name", issuer_name},
                                                {"legal_basis", tx.catalog().legal_basis()}}));
  tx.output()["certificate_id"] = id;
  tx.output()["certificate_number"] = number;
  return Status::Ok();
}

}  // namespace

Status DesignationCreate(Tx& tx, const Json& j) {
  Input in(j);
  const std::string general = DesignationClause(tx.catalog(), nullptr);
  ASSIGN_OR_RETURN(std::string role_code, in.Text(Field{"role", general.c_str(), "役割", "role"}));
  const RoleDef* role = tx.catalog().FindRole(role_code);
  if (!role)
    return Status::Error(ErrorKind::kInvalidArgument, "designation.role_unknown", general,
                         "この規程にない役割です: " + role_code, "No such role in this profile: " + role_code, "role");
  const std::string clause = DesignationClause(tx.catalog(), role);
  ASSIGN_OR_RETURN(int64_t person_id, in.Int(Field{"person_id", clause.c_str(), "指定する者", "person to designate"}));
  ASSIGN_OR_RETURN(int64_t unit, in.Int(Field{"unit_id", clause.c_str(), "指定の範囲（組織）", "scope (unit)"}));
  ASSIGN_OR_RETURN(std::optional<Micros> from, in.OptTime(Field{"valid_from", clause.c_str(), "指定の開始日時", "start"}));
  ASSIGN_OR_RETURN(std::optional<Micros> until, in.OptTime(Field{"valid_until", clause.c_str(), "指定の終了日時", "end"}));
  const std::string minimum =
      role->minimum_necessary_clause.empty() ? role->clause : role->minimum_necessary_clause;
  ASSIGN_OR_RETURN(std::string note, in.OptText(Field{"note", minimum.c_str(), "指定の理由", "justification"}));
  ASSIGN_OR_RETURN(Record person, tx.Get("persons", person_id));
  RETURN_IF_ERROR(tx.Get("org_units", unit).status());
  RETURN_IF_ERROR(AuthorizeDesignator(tx, *role, unit));
  if (role->implicit_member)
    return Status::Error(ErrorKind::kRuleViolation, "designation.implicit", role->clause,
                         role->name_ja + "は所属により当然に該当し、指定するものではありません。",
                         "A " + role->name_en + " holds the role by belonging to the unit; it is not designated.", "role");
  if (RecInt(person, "active") != 1)
    return Status::Error(ErrorKind::kRuleViolation, "designation.inactive_person", role->clause,
                         "在籍していない者は指定できません。", "A person who has left cannot be designated.", "person_id");
  if (!role->eligible_pool.empty()) {
    ASSIGN_OR_RETURN(bool eligible, HoldsRole(tx, person_id, role->eligible_pool, unit));
    const RoleDef* pool = tx.catalog().FindRole(role->eligible_pool);
    if (!eligible)
      return Status::Error(ErrorKind::kRuleViolation, "designation.eligible_pool", role->clause,
                           role->name_ja + "は" + pool->name_ja + "の中から指定します。",
                           "A " + role->name_en + " is designated from among the " + pool->name_en + "s.", "person_id");
  }
  if (role->minimum_necessary && note.empty())
    return Status::Error(ErrorKind::kRuleViolation, "designation.minimum_necessary", minimum,
                         role->name_ja + "の指定は必要最小限の範囲に限ります。指定の理由を記入してください。",
                         "Designations of " + role->name_en + " are limited to the minimum necessary: give the reason.",
                         "note");
  RETURN_IF_ERROR(CheckAgreements(tx, *role, person_id, RecStr(person, "kind")));
  RETURN_IF_ERROR(CheckSeparation(tx, *role, person_id));
  const Micros start = from.value_or(tx.now());
  if (until && *until <= start)
    return Status::Error(ErrorKind::kInvalidArgument, "designation.period", clause, "終了は開始より後にしてください。",
                         "The end must come after the start.", "valid_until");
  ASSIGN_OR_RETURN(Rows dup, tx.conn().Query(
      "SELECT 1 FROM designations WHERE person_id = ? AND role_code = ? AND unit_id = ? AND revoked_at IS NULL "
      "AND (valid_until IS NULL OR valid_until > ?)", {person_id, role_code, unit, tx.now_text()}));
  if (!dup.empty())
    return Status::Error(ErrorKind::kConflict, "designation.duplicate", role->clause, "同じ指定が既にあります。",
                         "The same designation is already in force.", "role");
  ASSIGN_OR_RETURN(int64_t id, tx.NextId("designations"));
  RETURN_IF_ERROR(tx.Put("designations",
                         Record{{"id", id}, {"person_id", person_id}, {"role_code", role_code}, {"unit_id", unit},
                                {"designated_by_person_id", tx.actor().person_id ? Value(tx.actor().person_id) : NullValue()},
                                {"valid_from", FormatUtc(start)}, {"valid_until", until ? Value(FormatUtc(*until)) : NullValue()},
                                {"revoked_at", NullValue()}, {"revoked_by_person_id", NullValue()}, {"note", note},
                                {"created_at", tx.now_text()}}));
  tx.SetEntity("designation:" + std::to_string(id));
  tx.output()["designation_id"] = id;
  if (role->certificate) RETURN_IF_ERROR(IssueCertificate(tx, *role, id, person_id));
  return Status::Ok();
}

Status DesignationRevoke(Tx& tx, const Json& j) {
  Input in(j);
  const std::string general = DesignationClause(tx.catalog(), nullptr);
  ASSIGN_OR_RETURN(int64_t id, in.Int(Field{"designation_id", general.c_str(), "指定", "designation"}));
  ASSIGN_OR_RETURN(Record d, tx.Get("designations", id));
  const RoleDef* role = tx.catalog().FindRole(RecStr(d, "role_code"));
  if (!role) return Status::Internal("designation with an unknown role");
  RETURN_IF_ERROR(AuthorizeDesignator(tx, *role, RecInt(d, "unit_id")));
  if (!RecNull(d, "revoked_at"))
    return Status::Error(ErrorKind::kConflict, "designation.revoked", role->clause, "この指定は既に解除されています。",
                         "This designation has already ended.", "designation_id");
  d["revoked_at"] = tx.now_text();
  d["revoked_by_person_id"] = tx.actor().person_id ? Value(tx.actor().person_id) : NullValue();
  RETURN_IF_ERROR(tx.Put("designations", d));
  tx.SetEntity("designation:" + std::to_string(id));
  tx.output() = Json{{"designation_id", id}};
  return Status::Ok();
}

}  // namespace mamori
