#include "obligation/events.h"

#include <map>

namespace mamori {
namespace {

int64_t IntOf(const Json& row, const char* key) {
  auto it = row.find(key);
  return it != row.end() && it->is_number_integer() ? it->get<int64_t>() : 0;
}

std::string StrOf(const Json& row, const char* key) {
  auto it = row.find(key);
  return it != row.end() && it->is_string() ? it->get<std::string>() : "";
}

Result<int64_t> ScalarInt(Conn& conn, const char* sql, int64_t id) {
  ASSIGN_OR_RETURN(Rows r, conn.Query(sql, {id}));
  return r.empty() ? int64_t{0} : r.rows[0].Int(0);
}

Result<int64_t> UnitOfPerson(Conn& conn, int64_t person) {
  return ScalarInt(conn, "SELECT unit_id FROM persons WHERE id = ?", person);
}

void Add(std::vector<DomainEvent>& out, const char* name, const std::string& subject, int64_t unit, int64_t person) {
  out.push_back(DomainEvent{name, subject, unit, person});
}

void PersonEvents(const std::string& command, const Json& input, const Json& row, std::vector<DomainEvent>& out) {
  const std::string subject = "persons/" + std::to_string(IntOf(row, "id"));
  const int64_t unit = IntOf(row, "unit_id"), id = IntOf(row, "id");
  if (command == "person.create") return Add(out, "person.created", subject, unit, id);
  const bool said_inactive = (input.is_object() && input.contains("active")) || command == "person.leave";
  if (IntOf(row, "active") == 0 && said_inactive) return Add(out, "person.left", subject, unit, id);
  if (input.is_object() && input.contains("unit_id") && input["unit_id"].is_number_integer() &&
      input["unit_id"].get<int64_t>() == unit)
    Add(out, "person.transferred", subject, unit, id);
}

Status AccountEvents(Conn& conn, const std::string& command, const Json& row, std::vector<DomainEvent>& out) {
  const int64_t person = IntOf(row, "person_id");
  const bool created = command == "account.create";
  const bool disabled = command == "account.set_disabled" && IntOf(row, "disabled") == 1;
  if (!created && !disabled) return Status::Ok();
  ASSIGN_OR_RETURN(int64_t unit, UnitOfPerson(conn, person));
  Add(out, created ? "account.created" : "account.disabled", "persons/" + std::to_string(person), unit, person);
  return Status::Ok();
}

void DesignationEvents(const std::string& command, const Json& row, std::vector<DomainEvent>& out) {
  const std::string subject = "designations/" + std::to_string(IntOf(row, "id"));
  const int64_t unit = IntOf(row, "unit_id"), person = IntOf(row, "person_id");
  const char* name = command == "designation.create"   ? "designation.created"
                     : command == "designation.revoke" ? "designation.revoked"
                                                       : nullptr;
  if (!name) return;
  Add(out, name, subject, unit, person);
  Add(out, "designation.changed", subject, unit, person);
  for (size_t i = out.size() - 2; i < out.size(); ++i) out[i].role = StrOf(row, "role_code");
}

void ItemEvents(const std::string& command, const Json& row, int64_t actor, std::vector<DomainEvent>& out) {
  const std::string subject = "items/" + StrOf(row, "control_no"), state = StrOf(row, "state");
  const int64_t unit = IntOf(row, "custodian_unit_id");
  static const std::map<std::string, const char*> kByCommand = {
      {"item.register", "item.registered"}, {"item.receive", "item.received"}, {"item.return", "item.returned"}};
  static const std::map<std::string, const char*> kByState = {
      {"destroyed", "item.destroyed"}, {"disposed", "item.disposed"}, {"lost", "item.lost"}};
  if (auto it = kByCommand.find(command); it != kByCommand.end()) Add(out, it->second, subject, unit, actor);
  if (auto it = kByState.find(state); it != kByState.end()) Add(out, it->second, subject, unit, actor);
}

// Keeps the first of each (name, subject): a command may write the same row more than once.
std::vector<DomainEvent> Unique(std::vector<DomainEvent> in) {
  std::vector<DomainEvent> out;
  for (DomainEvent& e : in) {
    bool seen = false;
    for (const DomainEvent& o : out) seen |= o.name == e.name && o.subject == e.subject;
    if (!seen) out.push_back(std::move(e));
  }
  return out;
}

}  // namespace

Result<std::vector<DomainEvent>> EventsOf(Conn& conn, const Actor& actor, const std::string& command, const Json& input,
                                          const Json& effects) {
  std::vector<DomainEvent> out;
  if (!effects.is_array()) return out;
  std::map<int64_t, int64_t> discrepancy_recs;  // reconciliation → unit, for those with a discrepancy
  std::map<int64_t, int64_t> rec_units;
  for (const Json& e : effects) {
    const std::string t = StrOf(e, "t");
    const Json& row = e.contains("row") ? e["row"] : Json::object();
    if (t == "persons")
      PersonEvents(command, input, row, out);
    else if (t == "accounts")
      RETURN_IF_ERROR(AccountEvents(conn, command, row, out));
    else if (t == "designations")
      DesignationEvents(command, row, out);
    else if (t == "items")
      ItemEvents(command, row, actor.person_id, out);
    else if (t == "reconciliations")
      rec_units[IntOf(row, "id")] = IntOf(row, "unit_id");
    else if (t == "discrepancies" && command == "reconcile.submit")
      discrepancy_recs[IntOf(row, "reconciliation_id")] = 0;
  }
  for (const auto& [rec, unused] : discrepancy_recs)
    Add(out, "reconciliation.discrepancy", "reconciliations/" + std::to_string(rec), rec_units[rec], actor.person_id);
  return Unique(std::move(out));
}

namespace {
// persons/N and designations/* of the person: the subjects of duties raised about them.
Status AddPersonSubjects(Conn& conn, int64_t person, Touched& out) {
  out.subjects.insert("persons/" + std::to_string(person));
  return conn.ForEach("SELECT id FROM designations WHERE person_id = ?", {person}, [&](const Row& r) {
    out.subjects.insert("designations/" + std::to_string(r.Int(0)));
    return true;
  });
}
}  // namespace

Result<Touched> TouchedBy(Conn& conn, const Json& effects) {
  Touched out;
  if (!effects.is_array()) return out;
  for (const Json& e : effects) {
    const std::string t = StrOf(e, "t");
    const Json& row = e.contains("row") ? e["row"] : Json::object();
    int64_t unit = 0, person = 0;
    if (t == "items") {
      unit = IntOf(row, "custodian_unit_id");
    } else if (t == "ledger_entries" || t == "copy_entries") {
      ASSIGN_OR_RETURN(unit,
                       ScalarInt(conn, "SELECT custodian_unit_id FROM items WHERE id = ?", IntOf(row, "item_id")));
      person = IntOf(row, t == "ledger_entries" ? "user_person_id" : "requested_by_person_id");
    } else if (t == "reconciliations" || t == "designations") {
      unit = IntOf(row, "unit_id");
      person = IntOf(row, "person_id");
    } else if (t == "discrepancies") {
      ASSIGN_OR_RETURN(
          unit, ScalarInt(conn, "SELECT unit_id FROM reconciliations WHERE id = ?", IntOf(row, "reconciliation_id")));
    } else if (t == "persons") {
      unit = IntOf(row, "unit_id");
      person = IntOf(row, "id");
    } else if (t == "accounts") {
      person = IntOf(row, "person_id");
      ASSIGN_OR_RETURN(unit, UnitOfPerson(conn, person));
    } else if (t == "org_units") {
      unit = IntOf(row, "id");
    } else if (t == "agreements") {  // an agreement or interview: duties about the person or their designations
      person = IntOf(row, "person_id");
      RETURN_IF_ERROR(AddPersonSubjects(conn, person, out));
    } else if (t == "roster_versions") {  // a roster version: the people it lists and those the one before listed
      RETURN_IF_ERROR(conn.ForEach(
          "SELECT DISTINCT e.person_id FROM roster_entries e JOIN roster_versions v ON v.id = e.version_id "
          "WHERE v.roster = ? AND v.version IN (?, ?)",
          {StrOf(row, "roster"), IntOf(row, "version"), IntOf(row, "version") - 1}, [&](const Row& r) {
            out.persons.insert(r.Int(0));
            return true;
          }));
      const std::set<int64_t> listed = out.persons;
      for (int64_t p : listed) RETURN_IF_ERROR(AddPersonSubjects(conn, p, out));
    } else if (t == "training_sessions") {
      unit = IntOf(row, "unit_id");
    } else if (t == "training_attendance") {  // a person trained: duties about them or their designations
      person = IntOf(row, "person_id");
      RETURN_IF_ERROR(AddPersonSubjects(conn, person, out));
    }
    if (unit) out.units.insert(unit);
    if (person) out.persons.insert(person);
    if (t == "items") out.subjects.insert("items/" + StrOf(row, "control_no"));
    if (t == "reconciliations" || t == "designations" || t == "persons")
      out.subjects.insert(t + "/" + std::to_string(IntOf(row, "id")));
    if (t == "accounts") out.subjects.insert("persons/" + std::to_string(person));
  }
  return out;
}

}  // namespace mamori
