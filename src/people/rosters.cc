// Roster versions: roster.prepare / roster.submit / roster.confirm (people.h); reads in roster_reads.cc.

#include <algorithm>

#include "engine/engine.h"
#include "identity/catalog.h"
#include "people/people.h"
#include "people/roster_internal.h"

namespace mamori {
namespace {
using namespace people_internal;

// The roster the input names ("roster", and "unit_id" for a per-unit roster; see ResolveRoster).
Result<RosterScope> FindRosterInput(Tx& tx, const Input& in) {
  ASSIGN_OR_RETURN(std::string code, in.Text(Field{"roster", "", "名簿", "roster"}));
  const RosterDef* def = tx.catalog().FindRoster(code);
  const std::string clause = def ? def->clause : "";
  ASSIGN_OR_RETURN(std::optional<int64_t> unit, in.OptInt(Field{"unit_id", clause.c_str(), "課室等", "section (unit)"}));
  return ResolveRoster(tx.conn(), tx.catalog(), code, unit.value_or(0));
}

// The roster's keeper or the system. An organization-wide roster is kept by a holder of its keeper role
// anywhere (D20); a 課室等's record by a holder whose designation covers that unit (D21).
Status AuthorizeKeeper(Tx& tx, const RosterScope& scope) {
  if (tx.actor().system) return tx.AuthorizeSystem();
  const RosterDef& roster = *scope.def;
  const RoleDef* keeper = tx.catalog().FindRole(roster.keeper);
  const std::string now = tx.now_text();
  ASSIGN_OR_RETURN(Rows r, tx.conn().Query(
      "SELECT unit_id FROM designations WHERE person_id = ? AND role_code = ? AND revoked_at IS NULL AND valid_from <= ? "
      "AND (valid_until IS NULL OR valid_until > ?)", {tx.actor().person_id, roster.keeper, now, now}));
  bool covers = !r.empty() && (!roster.per_unit || keeper->org_wide);
  if (!covers && roster.per_unit && !r.empty()) {
    ASSIGN_OR_RETURN(std::vector<int64_t> up, UnitAndAncestors(tx.conn(), scope.unit_id));
    for (const Row& row : r.rows)
      covers |= std::find(up.begin(), up.end(), row.Int(0)) != up.end();
  }
  if (!covers && roster.per_unit)
    return Status::Error(ErrorKind::kForbidden, "roster.keeper", roster.clause,
                         scope.unit_name + "の" + roster.name_ja + "を作成・更新するのは、その課室等を担当する" +
                             keeper->name_ja + "です。",
                         "The " + roster.name_en + " of " + scope.unit_name + " is kept by the " + keeper->name_en +
                             " designated for that unit.");
  if (!covers)
    return Status::Error(ErrorKind::kForbidden, "roster.keeper", roster.clause,
                         roster.name_ja + "を作成・更新するのは" + keeper->name_ja + "です。",
                         "The " + roster.name_en + " is kept by the " + keeper->name_en + ".");
  tx.AuthorizedBy("keeper of " + scope.key);
  return Status::Ok();
}

Result<Record> LoadVersion(Tx& tx, const RosterScope& scope, const Input& in) {
  const RosterDef& roster = *scope.def;
  ASSIGN_OR_RETURN(int64_t version, in.Int(Field{"version", roster.clause.c_str(), "版", "version"}));
  ASSIGN_OR_RETURN(Rows r, tx.conn().Query("SELECT id FROM roster_versions WHERE roster = ? AND version = ?",
                                           {scope.key, version}));
  if (r.empty())
    return Status::Error(ErrorKind::kNotFound, "roster.version_not_found", roster.clause,
                         roster.name_ja + "の第" + std::to_string(version) + "版はありません。",
                         "The " + roster.name_en + " has no version " + std::to_string(version) + ".", "version");
  return tx.Get("roster_versions", r.rows[0].Int(0));
}

// What the commands answer about the roster: its code, and the unit of a per-unit roster.
Json ScopeOutput(const RosterScope& scope) {
  Json out{{"roster", scope.def->code}};
  if (scope.def->per_unit) out["unit_id"] = scope.unit_id;
  return out;
}

Status RosterPrepare(Tx& tx, const Json& j) {
  Input in(j);
  ASSIGN_OR_RETURN(RosterScope scope, FindRosterInput(tx, in));
  RETURN_IF_ERROR(AuthorizeKeeper(tx, scope));
  const RosterDef* roster = scope.def;
  ASSIGN_OR_RETURN(std::string reason, in.OptText(Field{"reason", "", "作成・更新の理由", "reason"}));
  ASSIGN_OR_RETURN(std::vector<Listing> now, CurrentListing(tx.conn(), tx.catalog(), scope, tx.now_text()));
  for (const Listing& l : now) {
    if (roster->particulars && !l.has_particulars)
      return Status::Error(ErrorKind::kRuleViolation, "roster.particulars_missing", roster->clause,
                           l.name + " の生年月日・役職・国籍が記録されていません（" + roster->name_ja + "の記載事項）。",
                           "The date of birth, position and nationality of " + l.name + " are not recorded (the " +
                               roster->name_en + " lists them).", "roster");
    if (!roster->agreement.empty() && !l.agreement_id) {
      const AgreementDef* a = tx.catalog().FindAgreement(roster->agreement);
      return Status::Error(ErrorKind::kRuleViolation, "roster.agreement_missing", a->clause,
                           l.name + " の" + a->name_ja + "が記録されていません。",
                           "No " + a->name_en + " is recorded for " + l.name + ".", "roster");
    }
  }
  ASSIGN_OR_RETURN(auto latest, LatestVersion(tx.conn(), scope.key));
  std::vector<Listing> before;
  if (latest) {
    ASSIGN_OR_RETURN(before, VersionEntries(tx.conn(), latest->first));
  }
  Json diff = Difference(before, now);
  if (latest && diff["added"].empty() && diff["removed"].empty() && diff["changed"].empty())
    return Status::Error(ErrorKind::kConflict, "roster.unchanged", roster->clause,
                         roster->name_ja + "は第" + std::to_string(latest->second) + "版から変わっていません。",
                         "The " + roster->name_en + " has not changed since version " + std::to_string(latest->second) + ".",
                         "roster");
  // Older drafts and submissions (and, without a confirmation step, the current version) are superseded.
  ASSIGN_OR_RETURN(Rows open, tx.conn().Query(
      "SELECT id FROM roster_versions WHERE roster = ? AND state IN ('draft', 'submitted', 'current')", {scope.key}));
  for (const Row& r : open.rows) {
    ASSIGN_OR_RETURN(Record v, tx.Get("roster_versions", r.Int(0)));
    v["state"] = std::string("superseded");
    RETURN_IF_ERROR(tx.Put("roster_versions", v));
  }
  ASSIGN_OR_RETURN(int64_t id, tx.NextId("roster_versions"));
  const int64_t version = latest ? latest->second + 1 : 1;
  const Value actor = tx.actor().person_id ? Value(tx.actor().person_id) : NullValue();
  RETURN_IF_ERROR(tx.Put("roster_versions",
                         Record{{"id", id}, {"roster", scope.key}, {"version", version},
                                {"state", std::string(roster->confirmation_clause.empty() ? "current" : "draft")},
                                {"reason", reason}, {"prepared_at", tx.now_text()}, {"prepared_by_person_id", actor},
                                {"submitted_at", NullValue()}, {"submitted_by_person_id", NullValue()},
                                {"confirmed_on", NullValue()}, {"confirmation_ref", NullValue()},
                                {"confirmed_recorded_at", NullValue()}, {"confirmed_recorded_by_person_id", NullValue()}}));
  for (const Listing& l : now) {
    ASSIGN_OR_RETURN(int64_t eid, tx.NextId("roster_entries"));
    RETURN_IF_ERROR(tx.Put("roster_entries",
                           Record{{"id", eid}, {"version_id", id}, {"person_id", l.person_id}, {"name", l.name},
                                  {"birth_date", l.birth_date}, {"department", l.department}, {"position", l.position},
                                  {"nationality", l.nationality}, {"roles", l.roles.dump()},
                                  {"designated_on", l.designated_on},
                                  {"agreement_id", l.agreement_id ? Value(*l.agreement_id) : NullValue()}}));
  }
  tx.SetEntity("roster:" + scope.key + ":" + std::to_string(version));
  tx.output() = ScopeOutput(scope);
  tx.output().update(Json{{"version", version}, {"version_id", id}, {"entries", now.size()}});
  tx.output().update(diff);
  return Status::Ok();
}

Status RequireConfirmationStep(const RosterDef& roster) {
  if (!roster.confirmation_clause.empty()) return Status::Ok();
  return Status::Error(ErrorKind::kRuleViolation, "roster.no_confirmation", roster.clause,
                       roster.name_ja + "には外部の確認の手続がありません。",
                       "The " + roster.name_en + " has no outside confirmation step.", "roster");
}

Status RosterSubmit(Tx& tx, const Json& j) {
  Input in(j);
  ASSIGN_OR_RETURN(RosterScope scope, FindRosterInput(tx, in));
  RETURN_IF_ERROR(AuthorizeKeeper(tx, scope));
  const RosterDef* roster = scope.def;
  RETURN_IF_ERROR(RequireConfirmationStep(*roster));
  ASSIGN_OR_RETURN(Record v, LoadVersion(tx, scope, in));
  if (RecStr(v, "state") != "draft")
    return Status::Error(ErrorKind::kConflict, "roster.state", roster->confirmation_clause,
                         "提出できるのは作成中の最新版だけです（この版: " + RecStr(v, "state") + "）。",
                         "Only the latest draft can be submitted (this version is " + RecStr(v, "state") + ").", "version");
  v["state"] = std::string("submitted");
  v["submitted_at"] = tx.now_text();
  v["submitted_by_person_id"] = tx.actor().person_id ? Value(tx.actor().person_id) : NullValue();
  RETURN_IF_ERROR(tx.Put("roster_versions", v));
  tx.SetEntity("roster:" + scope.key + ":" + std::to_string(RecInt(v, "version")));
  tx.output() = ScopeOutput(scope);
  tx.output().update(Json{{"version", RecInt(v, "version")}, {"state", "submitted"}});
  return Status::Ok();
}

Status RosterConfirm(Tx& tx, const Json& j) {
  Input in(j);
  ASSIGN_OR_RETURN(RosterScope scope, FindRosterInput(tx, in));
  RETURN_IF_ERROR(AuthorizeKeeper(tx, scope));
  const RosterDef* roster = scope.def;
  RETURN_IF_ERROR(RequireConfirmationStep(*roster));
  const std::string clause = roster->confirmation_clause;
  ASSIGN_OR_RETURN(Record v, LoadVersion(tx, scope, in));
  if (RecStr(v, "state") != "submitted")
    return Status::Error(ErrorKind::kConflict, "roster.not_submitted", clause,
                         roster->confirmed_by_ja + "の確認を記録できるのは提出済みの最新版だけです（この版: " +
                             RecStr(v, "state") + "）。",
                         "Only the latest submitted version can be recorded as confirmed by " + roster->confirmed_by_en +
                             " (this version is " + RecStr(v, "state") + ").", "version");
  ASSIGN_OR_RETURN(std::string on, PastDate(tx, in, Field{"confirmed_on", clause.c_str(), "確認日", "date of confirmation"}));
  ASSIGN_OR_RETURN(TimeZone tz, OrgZone(tx.conn()));
  ASSIGN_OR_RETURN(Micros submitted, ParseTimestamp(RecStr(v, "submitted_at")));
  if (on < LocalDate(submitted, tz))
    return Status::Error(ErrorKind::kInvalidArgument, "roster.confirmed_before_submission", clause,
                         "確認日が提出日より前です。", "The confirmation date is before the submission.", "confirmed_on");
  ASSIGN_OR_RETURN(std::string ref, in.Text(Field{"reference", clause.c_str(), "確認の文書番号等", "confirmation reference"}));
  ASSIGN_OR_RETURN(Rows older, tx.conn().Query(
      "SELECT id FROM roster_versions WHERE roster = ? AND state = 'confirmed'", {scope.key}));
  for (const Row& r : older.rows) {
    ASSIGN_OR_RETURN(Record o, tx.Get("roster_versions", r.Int(0)));
    o["state"] = std::string("superseded");
    RETURN_IF_ERROR(tx.Put("roster_versions", o));
  }
  v["state"] = std::string("confirmed");
  v["confirmed_on"] = on;
  v["confirmation_ref"] = ref;
  v["confirmed_recorded_at"] = tx.now_text();
  v["confirmed_recorded_by_person_id"] = tx.actor().person_id ? Value(tx.actor().person_id) : NullValue();
  RETURN_IF_ERROR(tx.Put("roster_versions", v));
  tx.SetEntity("roster:" + scope.key + ":" + std::to_string(RecInt(v, "version")));
  tx.output() = ScopeOutput(scope);
  tx.output().update(Json{{"version", RecInt(v, "version")}, {"state", "confirmed"}});
  return Status::Ok();
}

}  // namespace

void RegisterRosterCommands(Engine& e) {
  e.Register({"roster.prepare",
              "Prepare a new version of a roster from the role's holders now (001 第5 2(1)エ, 2(2)ウ; 000 第2 2(7) per unit)",
              RosterPrepare});
  e.Register({"roster.submit", "Record that a roster version was submitted for outside confirmation (001 第5 2(1)エ)",
              RosterSubmit});
  e.Register({"roster.confirm", "Record the outside confirmation of a submitted roster version (001 第5 2(1)エ)",
              RosterConfirm});
}

}  // namespace mamori
