#include "obligation/queries.h"

#include <algorithm>
#include <map>

#include "obligation/owners.h"

namespace mamori {
namespace {

struct UnitNames {
  std::string code, ja, en;
};

// Names of units and people, read once per list.
struct Names {
  std::map<int64_t, UnitNames> units;
  std::map<int64_t, std::string> persons;  // including people who have left (done_by)

  static Result<Names> Load(Conn& conn) {
    Names n;
    RETURN_IF_ERROR(conn.ForEach("SELECT id, code, name_ja, name_en FROM org_units", {}, [&](const Row& r) {
      n.units[r.Int(0)] = UnitNames{r.Str(1), r.Str(2), r.Str(3)};
      return true;
    }));
    RETURN_IF_ERROR(conn.ForEach("SELECT id, family_name || ' ' || given_name FROM persons", {}, [&](const Row& r) {
      n.persons[r.Int(0)] = r.Str(1);
      return true;
    }));
    return n;
  }
};

bool In(const std::optional<std::vector<int64_t>>& units, int64_t unit) {
  return !units || std::find(units->begin(), units->end(), unit) != units->end();
}

Duty Describe(const Occurrence& o, const DutyContext& ctx, const OwnerIndex& ix, const Names& names, Micros now) {
  Duty d;
  d.occ = o;
  d.status = StatusOf(o, now);
  const ObligationDef* def = ctx.profiles ? FindObligation(*ctx.profiles, o.profile, o.obligation) : nullptr;
  d.name_ja = def ? def->name_ja : o.obligation;
  d.name_en = def ? def->name_en : o.obligation;
  d.evidence_required = def ? def->evidence : "";
  if (auto it = names.units.find(o.unit_id); it != names.units.end())
    d.unit_code = it->second.code, d.unit_name_ja = it->second.ja, d.unit_name_en = it->second.en;
  const RoleDef* role = ctx.catalog ? ctx.catalog->FindRole(o.owner_role) : nullptr;
  d.owner_role_ja = role ? role->name_ja : o.owner_role;
  d.owner_role_en = role ? role->name_en : o.owner_role;
  for (int64_t p : ix.Owners(o)) d.owners.push_back(PersonRef{p, ix.NameOf(p)});
  if (o.done_by_person_id) {
    auto it = names.persons.find(o.done_by_person_id);
    d.done_by = PersonRef{o.done_by_person_id, it == names.persons.end() ? "" : it->second};
  }
  return d;
}

Result<std::string> StatusWhere(const std::string& status, Params& params, const std::string& now) {
  if (status == "open") return std::string("state = 'open'");
  if (status == "done") return std::string("state = 'done'");
  if (status == "all") return std::string("1 = 1");
  if (status == "overdue") {
    params.push_back(now);
    return std::string("state = 'open' AND due_at < ?");
  }
  if (status == "due_soon") {
    params.push_back(now);
    params.push_back(now);
    return std::string("state = 'open' AND remind_from <= ? AND due_at >= ?");
  }
  return Status::Error(ErrorKind::kInvalidArgument, "obligation.status", "",
                       "status は open, due_soon, overdue, done, all のいずれかです: " + status,
                       "status must be open, due_soon, overdue, done or all: " + status, "status");
}

// The WHERE clause and parameters of a filter (everything but visibility, which needs the owners).
Result<std::string> FilterWhere(Conn& conn, const DutyFilter& f, Params& params, const std::string& now) {
  ASSIGN_OR_RETURN(std::string where, StatusWhere(f.status, params, now));
  if (f.unit_id) {
    where += " AND unit_id = ?";
    params.push_back(f.unit_id);
  }
  if (!f.profile.empty()) {
    where += " AND profile = ?";
    params.push_back(f.profile);
  }
  if (f.after) {
    ASSIGN_OR_RETURN(Rows last, conn.Query("SELECT due_at FROM obligation_occurrences WHERE id = ?", {f.after}));
    if (!last.empty()) {
      where += " AND (due_at > ? OR (due_at = ? AND id > ?))";
      params.push_back(last.rows[0].Str(0));
      params.push_back(last.rows[0].Str(0));
      params.push_back(f.after);
    }
  }
  return where;
}

}  // namespace

const char* DutyStatusName(DutyStatus s) {
  switch (s) {
    case DutyStatus::kOpen:
      return "open";
    case DutyStatus::kDueSoon:
      return "due_soon";
    case DutyStatus::kOverdue:
      return "overdue";
    case DutyStatus::kDone:
      return "done";
    case DutyStatus::kCancelled:
      return "cancelled";
  }
  return "open";
}

DutyStatus StatusOf(const Occurrence& o, Micros now) {
  if (o.state == "done") return DutyStatus::kDone;
  if (o.state == "cancelled") return DutyStatus::kCancelled;
  const std::string t = FormatUtc(now);
  if (t > o.due_at) return DutyStatus::kOverdue;
  if (t >= o.remind_from) return DutyStatus::kDueSoon;
  return DutyStatus::kOpen;
}

Result<DutyPage> ListDuties(Conn& conn, const DutyContext& ctx, const DutyFilter& f, Micros now) {
  const std::string now_text = FormatUtc(now);
  Params params;
  ASSIGN_OR_RETURN(std::string where, FilterWhere(conn, f, params, now_text));
  ASSIGN_OR_RETURN(OwnerIndex ix, OwnerIndex::Load(conn, *ctx.catalog, now_text));
  ASSIGN_OR_RETURN(Names names, Names::Load(conn));
  const size_t limit = static_cast<size_t>(std::clamp(f.limit, 1, 500));
  DutyPage page;
  bool more = false;
  RETURN_IF_ERROR(conn.ForEach(
      "SELECT * FROM obligation_occurrences WHERE " + where + " ORDER BY due_at, id", params, [&](const Row& r) {
        const Occurrence o = OccurrenceFromRow(r);
        const bool system = f.viewer == 0;
        const bool owner = !system && ix.IsOwner(f.viewer, o);
        if (f.mine && !system && !owner) return true;
        if (!system && !owner && !In(f.visible_units, o.unit_id)) return true;
        if (page.duties.size() == limit) {
          more = true;
          return false;
        }
        Duty d = Describe(o, ctx, ix, names, now);
        d.can_complete = o.state == "open" && (system || owner || In(f.manage_units, o.unit_id));
        page.duties.push_back(std::move(d));
        return true;
      }));
  if (more) page.next_after = page.duties.back().occ.id;
  return page;
}

Json DutyToJson(const Duty& d) {
  const Occurrence& o = d.occ;
  auto text = [](const std::string& s) { return s.empty() ? Json(nullptr) : Json(s); };
  Json owners = Json::array();
  for (const PersonRef& p : d.owners) owners.push_back(Json{{"person_id", p.person_id}, {"name", p.name}});
  return Json{
      {"id", o.id},
      {"profile", o.profile},
      {"obligation", o.obligation},
      {"clause", o.clause},
      {"name_ja", d.name_ja},
      {"name_en", d.name_en},
      {"period", o.period},
      {"scope_kind", o.scope_kind},
      {"scope_id", o.scope_id},
      {"unit_id", o.unit_id},
      {"unit_code", d.unit_code},
      {"unit_name_ja", d.unit_name_ja},
      {"unit_name_en", d.unit_name_en},
      {"owner_role", o.owner_role},
      {"owner_role_ja", d.owner_role_ja},
      {"owner_role_en", d.owner_role_en},
      {"owners", owners},
      {"escalate_to", text(o.escalate_to)},
      {"escalation_level", o.escalation_level},
      {"escalated_to", text(o.escalated_to)},
      {"escalated_at", text(o.escalated_at)},
      {"due_at", o.due_at},
      {"remind_from", o.remind_from},
      {"status", DutyStatusName(d.status)},
      {"source", o.source},
      {"trigger_event", text(o.trigger_event)},
      {"raised_by_seq", o.raised_by_seq ? Json(o.raised_by_seq) : Json(nullptr)},
      {"subject", text(o.subject)},
      {"done_at", text(o.done_at)},
      {"done_by", d.done_by ? Json{{"person_id", d.done_by->person_id}, {"name", d.done_by->name}} : Json(nullptr)},
      {"done_by_command", text(o.done_by_command)},
      {"evidence_required", text(d.evidence_required)},
      {"evidence_kind", text(o.evidence_kind)},
      {"evidence_ref", text(o.evidence_ref)},
      {"evidence_note", text(o.evidence_note)},
      {"can_complete", d.can_complete}};
}

Result<std::vector<int64_t>> OccurrenceOwners(Conn& conn, const Catalog& catalog, int64_t occurrence_id, Micros now) {
  ASSIGN_OR_RETURN(std::vector<Occurrence> found, LoadOccurrences(conn, "id = ?", {occurrence_id}));
  if (found.empty())
    return Status::Error(ErrorKind::kNotFound, "obligation_occurrences.not_found", "", "指定された義務がありません。",
                         "No such duty.");
  ASSIGN_OR_RETURN(OwnerIndex ix, OwnerIndex::Load(conn, catalog, FormatUtc(now)));
  return ix.Owners(found[0]);
}

Result<std::vector<Duty>> DutiesOfPerson(Conn& conn, const DutyContext& ctx, int64_t person_id, Micros now) {
  DutyFilter f;
  f.viewer = person_id;
  f.mine = true;
  f.limit = 500;
  std::vector<Duty> out;
  do {
    ASSIGN_OR_RETURN(DutyPage page, ListDuties(conn, ctx, f, now));
    for (Duty& d : page.duties) out.push_back(std::move(d));
    f.after = page.next_after;
  } while (f.after != 0 && person_id != 0);
  return out;
}

}  // namespace mamori
