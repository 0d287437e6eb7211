// Roster versions: roster.prepare / roster.submit / roster.confirm, and the roster reads (people.h).

#include <algorithm>
#include <map>

#include "engine/engine.h"
#include "identity/catalog.h"
#include "people/people.h"
#include "people/roster_internal.h"

namespace mamori {
namespace {
using namespace people_internal;

struct Listing {
  int64_t person_id = 0;
  std::string name, birth_date, department, position, nationality, designated_on;
  Json roles = Json::array();
  std::optional<int64_t> agreement_id;
  bool has_particulars = false;
};

Result<TimeZone> OrgZone(Conn& conn) {
  ASSIGN_OR_RETURN(Rows org, conn.Query("SELECT timezone FROM org WHERE id = 1"));
  if (org.empty()) return TimeZone{};
  return TimeZone::FromName(org.rows[0].Str(0));
}

// The holders of the roster's role at `now`, in person order, with what the roster prints of them.
Result<std::vector<Listing>> CurrentListing(Conn& conn, const Catalog& catalog, const RosterDef& roster,
                                            const std::string& now) {
  ASSIGN_OR_RETURN(TimeZone tz, OrgZone(conn));
  ASSIGN_OR_RETURN(Rows r, conn.Query(
      "SELECT p.id, p.family_name || ' ' || p.given_name, u.name_ja, pp.birth_date, pp.position, pp.nationality, "
      "  MIN(d.valid_from), p.title "
      "FROM designations d JOIN persons p ON p.id = d.person_id JOIN org_units u ON u.id = p.unit_id "
      "LEFT JOIN person_particulars pp ON pp.id = p.id "
      "WHERE d.role_code = ? AND p.active = 1 AND d.revoked_at IS NULL AND d.valid_from <= ? "
      "  AND (d.valid_until IS NULL OR d.valid_until > ?) "
      "GROUP BY p.id, p.family_name, p.given_name, u.name_ja, pp.birth_date, pp.position, pp.nationality, p.title "
      "ORDER BY p.id",
      {roster.role, now, now}));
  // Roles drawn from the listed role (総括者, 管理者, …) shown beside each person.
  std::vector<std::string> drawn{roster.role};
  for (const RoleDef& role : catalog.roles())
    if (role.eligible_pool == roster.role) drawn.push_back(role.code);
  std::vector<Listing> out;
  for (const Row& row : r.rows) {
    Listing l;
    l.person_id = row.Int(0);
    l.name = row.Str(1);
    l.department = row.Str(2);
    l.has_particulars = !row.IsNull(3);
    if (roster.particulars) {
      l.birth_date = row.IsNull(3) ? "" : row.Str(3);
      l.nationality = row.IsNull(5) ? "" : row.Str(5);
    }
    l.position = row.IsNull(4) ? row.Str(7) : row.Str(4);
    ASSIGN_OR_RETURN(Micros from, ParseTimestamp(row.Str(6)));
    l.designated_on = LocalDate(from, tz);
    ASSIGN_OR_RETURN(Rows held, conn.Query(
        "SELECT DISTINCT role_code FROM designations WHERE person_id = ? AND revoked_at IS NULL AND valid_from <= ? "
        "AND (valid_until IS NULL OR valid_until > ?) ORDER BY role_code", {l.person_id, now, now}));
    for (const std::string& code : drawn)
      for (const Row& h : held.rows)
        if (h.Str(0) == code) l.roles.push_back(code);
    if (!roster.agreement.empty()) {
      ASSIGN_OR_RETURN(Rows a, conn.Query(
          "SELECT MAX(id) FROM agreements WHERE person_id = ? AND kind = ? AND withdrawn_at IS NULL",
          {l.person_id, roster.agreement}));
      if (!a.empty() && !a.rows[0].IsNull(0)) l.agreement_id = a.rows[0].Int(0);
    }
    out.push_back(std::move(l));
  }
  return out;
}

Json ListingJson(const Listing& l) {
  return Json{{"person_id", l.person_id}, {"name", l.name}, {"birth_date", l.birth_date},
              {"department", l.department}, {"position", l.position}, {"nationality", l.nationality},
              {"roles", l.roles}, {"designated_on", l.designated_on},
              {"agreement_id", l.agreement_id ? Json(*l.agreement_id) : Json(nullptr)}};
}

// The entries of a version as listings (roles parsed back from JSON).
Result<std::vector<Listing>> VersionEntries(Conn& conn, int64_t version_id) {
  ASSIGN_OR_RETURN(Rows r, conn.Query(
      "SELECT person_id, name, birth_date, department, position, nationality, roles, designated_on, agreement_id "
      "FROM roster_entries WHERE version_id = ? ORDER BY person_id", {version_id}));
  std::vector<Listing> out;
  for (const Row& row : r.rows) {
    Listing l;
    l.person_id = row.Int(0);
    l.name = row.Str(1), l.birth_date = row.Str(2), l.department = row.Str(3), l.position = row.Str(4);
    l.nationality = row.Str(5), l.designated_on = row.Str(7);
    l.roles = Json::parse(row.Str(6), nullptr, false);
    if (!row.IsNull(8)) l.agreement_id = row.Int(8);
    out.push_back(std::move(l));
  }
  return out;
}

// The latest version of a roster (any state): {id, version}; nullopt if none.
Result<std::optional<std::pair<int64_t, int64_t>>> LatestVersion(Conn& conn, const std::string& roster) {
  ASSIGN_OR_RETURN(Rows r, conn.Query("SELECT id, version FROM roster_versions WHERE roster = ? ORDER BY version DESC LIMIT 1",
                                      {roster}));
  if (r.empty()) return std::optional<std::pair<int64_t, int64_t>>();
  return std::optional<std::pair<int64_t, int64_t>>(std::make_pair(r.rows[0].Int(0), r.rows[0].Int(1)));
}

// Added and removed persons between two listings (by person; a changed entry counts as both).
Json Difference(const std::vector<Listing>& before, const std::vector<Listing>& now) {
  Json added = Json::array(), removed = Json::array(), changed = Json::array();
  auto find = [](const std::vector<Listing>& v, int64_t id) -> const Listing* {
    for (const Listing& l : v)
      if (l.person_id == id) return &l;
    return nullptr;
  };
  for (const Listing& l : now) {
    const Listing* b = find(before, l.person_id);
    if (!b)
      added.push_back(Json{{"person_id", l.person_id}, {"name", l.name}});
    else if (ListingJson(*b) != ListingJson(l))
      changed.push_back(Json{{"person_id", l.person_id}, {"name", l.name}});
  }
  for (const Listing& l : before)
    if (!find(now, l.person_id)) removed.push_back(Json{{"person_id", l.person_id}, {"name", l.name}});
  return Json{{"added", added}, {"removed", removed}, {"changed", changed}};
}

Result<const RosterDef*> FindRosterInput(Tx& tx, const Input& in) {
  ASSIGN_OR_RETURN(std::string code, in.Text(Field{"roster", "", "名簿", "roster"}));
  const RosterDef* r = tx.catalog().FindRoster(code);
  if (!r)
    return Status::Error(ErrorKind::kNotFound, "roster.unknown", "", "この規程にない名簿です: " + code,
                         "No such roster in this organization's profiles: " + code, "roster");
  return r;
}

// The roster's keeper (a holder of its keeper role, anywhere) or the system.
Status AuthorizeKeeper(Tx& tx, const RosterDef& roster) {
  if (tx.actor().system) return tx.AuthorizeSystem();
  const std::string now = tx.now_text();
  ASSIGN_OR_RETURN(Rows r, tx.conn().Query(
      "SELECT 1 FROM designations WHERE person_id = ? AND role_code = ? AND revoked_at IS NULL AND valid_from <= ? "
      "AND (valid_until IS NULL OR valid_until > ?)", {tx.actor().person_id, roster.keeper, now, now}));
  const RoleDef* keeper = tx.catalog().FindRole(roster.keeper);
  if (r.empty())
    return Status::Error(ErrorKind::kForbidden, "roster.keeper", roster.clause,
                         roster.name_ja + "を作成・更新するのは" + keeper->name_ja + "です。",
                         "The " + roster.name_en + " is kept by the " + keeper->name_en + ".");
  tx.AuthorizedBy("keeper of " + roster.code);
  return Status::Ok();
}

Result<Record> LoadVersion(Tx& tx, const RosterDef& roster, const Input& in) {
  ASSIGN_OR_RETURN(int64_t version, in.Int(Field{"version", roster.clause.c_str(), "版", "version"}));
  ASSIGN_OR_RETURN(Rows r, tx.conn().Query("SELECT id FROM roster_versions WHERE roster = ? AND version = ?",
                                           {roster.code, version}));
  if (r.empty())
    return Status::Error(ErrorKind::kNotFound, "roster.version_not_found", roster.clause,
                         roster.name_ja + "の第" + std::to_string(version) + "版はありません。",
                         "The " + roster.name_en + " has no version " + std::to_string(version) + ".", "version");
  return tx.Get("roster_versions", r.rows[0].Int(0));
}

Status RosterPrepare(Tx& tx, const Json& j) {
  Input in(j);
  ASSIGN_OR_RETURN(const RosterDef* roster, FindRosterInput(tx, in));
  RETURN_IF_ERROR(AuthorizeKeeper(tx, *roster));
  ASSIGN_OR_RETURN(std::string reason, in.OptText(Field{"reason", "", "作成・更新の理由", "reason"}));
  ASSIGN_OR_RETURN(std::vector<Listing> now, CurrentListing(tx.conn(), tx.catalog(), *roster, tx.now_text()));
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
  ASSIGN_OR_RETURN(auto latest, LatestVersion(tx.conn(), roster->code));
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
      "SELECT id FROM roster_versions WHERE roster = ? AND state IN ('draft', 'submitted', 'current')", {roster->code}));
  for (const Row& r : open.rows) {
    ASSIGN_OR_RETURN(Record v, tx.Get("roster_versions", r.Int(0)));
    v["state"] = std::string("superseded");
    RETURN_IF_ERROR(tx.Put("roster_versions", v));
  }
  ASSIGN_OR_RETURN(int64_t id, tx.NextId("roster_versions"));
  const int64_t version = latest ? latest->second + 1 : 1;
  const Value actor = tx.actor().person_id ? Value(tx.actor().person_id) : NullValue();
  RETURN_IF_ERROR(tx.Put("roster_versions",
                         Record{{"id", id}, {"roster", roster->code}, {"version", version},
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
  tx.SetEntity("roster:" + roster->code + ":" + std::to_string(version));
  tx.output() = Json{{"roster", roster->code}, {"version", version}, {"version_id", id}, {"entries", now.size()}};
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
  ASSIGN_OR_RETURN(const RosterDef* roster, FindRosterInput(tx, in));
  RETURN_IF_ERROR(AuthorizeKeeper(tx, *roster));
  RETURN_IF_ERROR(RequireConfirmationStep(*roster));
  ASSIGN_OR_RETURN(Record v, LoadVersion(tx, *roster, in));
  if (RecStr(v, "state") != "draft")
    return Status::Error(ErrorKind::kConflict, "roster.state", roster->confirmation_clause,
                         "提出できるのは作成中の最新版だけです（この版: " + RecStr(v, "state") + "）。",
                         "Only the latest draft can be submitted (this version is " + RecStr(v, "state") + ").", "version");
  v["state"] = std::string("submitted");
  v["submitted_at"] = tx.now_text();
  v["submitted_by_person_id"] = tx.actor().person_id ? Value(tx.actor().person_id) : NullValue();
  RETURN_IF_ERROR(tx.Put("roster_versions", v));
  tx.SetEntity("roster:" + roster->code + ":" + std::to_string(RecInt(v, "version")));
  tx.output() = Json{{"roster", roster->code}, {"version", RecInt(v, "version")}, {"state", "submitted"}};
  return Status::Ok();
}

Status RosterConfirm(Tx& tx, const Json& j) {
  Input in(j);
  ASSIGN_OR_RETURN(const RosterDef* roster, FindRosterInput(tx, in));
  RETURN_IF_ERROR(AuthorizeKeeper(tx, *roster));
  RETURN_IF_ERROR(RequireConfirmationStep(*roster));
  const std::string clause = roster->confirmation_clause;
  ASSIGN_OR_RETURN(Record v, LoadVersion(tx, *roster, in));
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
      "SELECT id FROM roster_versions WHERE roster = ? AND state = 'confirmed'", {roster->code}));
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
  tx.SetEntity("roster:" + roster->code + ":" + std::to_string(RecInt(v, "version")));
  tx.output() = Json{{"roster", roster->code}, {"version", RecInt(v, "version")}, {"state", "confirmed"}};
  return Status::Ok();
}

Json RosterJson(const RosterDef& r) {
  return Json{{"code", r.code}, {"clause", r.clause}, {"name_ja", r.name_ja}, {"name_en", r.name_en},
              {"role", r.role}, {"keeper", r.keeper}, {"agreement", r.agreement}, {"particulars", r.particulars},
              {"confirmation_clause", r.confirmation_clause}, {"confirmed_by_ja", r.confirmed_by_ja},
              {"confirmed_by_en", r.confirmed_by_en}, {"gates_protected", r.gates_protected}};
}

Result<const RosterDef*> KnownRoster(const Catalog& catalog, const std::string& code) {
  const RosterDef* r = catalog.FindRoster(code);
  if (!r)
    return Status::Error(ErrorKind::kNotFound, "roster.unknown", "", "この規程にない名簿です: " + code,
                         "No such roster in this organization's profiles: " + code);
  return r;
}

}  // namespace

Result<Json> RosterOverview(Conn& conn, const Catalog& catalog, const std::string& code, const std::string& now) {
  ASSIGN_OR_RETURN(const RosterDef* roster, KnownRoster(catalog, code));
  ASSIGN_OR_RETURN(Json versions, QueryJson(conn,
      "SELECT v.id, v.version, v.state, v.reason, v.prepared_at, v.submitted_at, v.confirmed_on, v.confirmation_ref, "
      "  (SELECT COUNT(*) FROM roster_entries e WHERE e.version_id = v.id) AS entries "
      "FROM roster_versions v WHERE v.roster = ? ORDER BY v.version DESC", {code}));
  ASSIGN_OR_RETURN(std::vector<Listing> current, CurrentListing(conn, catalog, *roster, now));
  ASSIGN_OR_RETURN(auto latest, LatestVersion(conn, code));
  std::vector<Listing> before;
  if (latest) {
    ASSIGN_OR_RETURN(before, VersionEntries(conn, latest->first));
  }
  Json missing = Json::array();
  for (const Listing& l : current)
    if ((roster->particulars && !l.has_particulars) || (!roster->agreement.empty() && !l.agreement_id))
      missing.push_back(Json{{"person_id", l.person_id}, {"name", l.name},
                             {"particulars", !roster->particulars || l.has_particulars},
                             {"agreement", roster->agreement.empty() || l.agreement_id.has_value()}});
  return Json{{"roster", RosterJson(*roster)}, {"versions", versions}, {"pending", Difference(before, current)},
              {"incomplete", missing}};
}

Result<Json> RosterVersion(Conn& conn, const Catalog& catalog, const std::string& code, int64_t version,
                           bool with_particulars) {
  ASSIGN_OR_RETURN(const RosterDef* roster, KnownRoster(catalog, code));
  ASSIGN_OR_RETURN(Json v, QueryJson(conn, "SELECT * FROM roster_versions WHERE roster = ? AND version = ?", {code, version}));
  if (v.empty())
    return Status::Error(ErrorKind::kNotFound, "roster.version_not_found", roster->clause,
                         roster->name_ja + "の第" + std::to_string(version) + "版はありません。",
                         "The " + roster->name_en + " has no version " + std::to_string(version) + ".");
  ASSIGN_OR_RETURN(std::vector<Listing> entries, VersionEntries(conn, v[0]["id"].get<int64_t>()));
  Json list = Json::array();
  for (Listing& l : entries) {
    if (!with_particulars) l.birth_date = l.nationality = "";
    list.push_back(ListingJson(l));
  }
  return Json{{"roster", RosterJson(*roster)}, {"version", v[0]}, {"entries", list},
              {"particulars_shown", with_particulars}};
}

Result<Json> PersonPeopleRecord(Conn& conn, int64_t person_id, bool with_particulars) {
  ASSIGN_OR_RETURN(Json agreements, QueryJson(conn,
      "SELECT id, kind, clause, points, signed_on, document, note, withdrawn_at, created_at FROM agreements "
      "WHERE person_id = ? ORDER BY id DESC", {person_id}));
  for (Json& a : agreements) a["points"] = Json::parse(a["points"].get<std::string>(), nullptr, false);
  Json out{{"person_id", person_id}, {"agreements", agreements}};
  if (with_particulars) {
    ASSIGN_OR_RETURN(Json p, QueryJson(conn, "SELECT birth_date, nationality, position, updated_at FROM person_particulars "
                                             "WHERE id = ?", {person_id}));
    out["particulars"] = p.empty() ? Json(nullptr) : p[0];
  }
  return out;
}

void RegisterRosterCommands(Engine& e) {
  e.Register({"roster.prepare", "Prepare a new version of a roster from the role's holders now (001 第5 2(1)エ, 2(2)ウ)",
              RosterPrepare});
  e.Register({"roster.submit", "Record that a roster version was submitted for outside confirmation (001 第5 2(1)エ)",
              RosterSubmit});
  e.Register({"roster.confirm", "Record the outside confirmation of a submitted roster version (001 第5 2(1)エ)",
              RosterConfirm});
}

}  // namespace mamori
