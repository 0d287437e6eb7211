#include "engine/tx.h"

#include "base/time.h"
#include "identity/catalog.h"

namespace mamori {

const std::vector<CoveredTable>& CoveredTables() {
  static const std::vector<CoveredTable> kTables = {
      {"org", {}},
      {"org_profiles", {}},
      {"org_units", {}},
      {"persons", {}},
      {"accounts", {"password_hash", "totp_secret"}},
      {"designations", {}},
      {"certificates", {}},
      {"items", {}},
      {"ledger_entries", {}},
      {"copy_entries", {}},
      {"reconciliations", {}},
      {"discrepancies", {}},
      {"obligation_occurrences", {}},
      {"reminders", {}},
      {"person_particulars", {}},
      {"agreements", {}},
      {"roster_versions", {}},
      {"roster_entries", {}},
      {"protected_items", {}},
      {"training_sessions", {}},
      {"training_attendance", {}},
      {"entry_permits", {}},
      {"entry_roster_reviews", {}},
      {"escorted_visits", {}},
      {"agreement_supervisors", {}},
  };
  return kTables;
}

const CoveredTable* FindCovered(std::string_view table) {
  for (const auto& t : CoveredTables())
    if (t.name == table) return &t;
  return nullptr;
}

namespace {
Json ValueToJson(const Value& v) {
  if (const auto* n = std::get_if<int64_t>(&v)) return *n;
  if (const auto* s = std::get_if<std::string>(&v)) return *s;
  return nullptr;
}
bool Excluded(const CoveredTable& t, const std::string& col) {
  for (const auto& e : t.excluded)
    if (e == col) return true;
  return false;
}
}  // namespace

Json RowToJson(const Row& row, const CoveredTable& table) {
  Json j = Json::object();
  for (size_t i = 0; i < row.size(); ++i)
    if (!Excluded(table, row.name(i))) j[row.name(i)] = ValueToJson(row.at(i));
  return j;
}

Json RecordToJson(const Record& rec) {
  Json j = Json::object();
  for (const auto& [k, v] : rec) j[k] = ValueToJson(v);
  return j;
}

Result<Json> QueryJson(Conn& conn, const std::string& sql, const Params& params) {
  static const CoveredTable kAll{"", {}};
  Json out = Json::array();
  RETURN_IF_ERROR(conn.ForEach(sql, params, [&](const Row& r) {
    out.push_back(RowToJson(r, kAll));
    return true;
  }));
  return out;
}

std::string Tx::now_text() const { return FormatUtc(now_); }

Result<bool> Tx::Can(std::string_view permission, int64_t unit_id) {
  if (actor_.system) return true;
  auto it = scopes_.find(unit_id);
  if (it == scopes_.end()) {
    ASSIGN_OR_RETURN(std::vector<int64_t> scope, UnitAndAncestors(conn_, unit_id));
    it = scopes_.emplace(unit_id, std::move(scope)).first;
  }
  return HasPermission(conn_, catalog_, actor_.person_id, permission, unit_id, now_text(), &it->second);
}

Status Tx::Authorize(std::string_view permission, int64_t unit_id) {
  ASSIGN_OR_RETURN(bool ok, Can(permission, unit_id));
  if (ok) {
    authorized_ = true;
    authz_note_ = std::string(permission);
    return Status::Ok();
  }
  const PermissionDef* p = catalog_.FindPermission(permission);
  std::string roles_ja, roles_en;
  for (const RoleDef* r : catalog_.RolesWithPermission(permission)) {
    roles_ja += (roles_ja.empty() ? "" : "、") + r->name_ja;
    roles_en += (roles_en.empty() ? "" : ", ") + r->name_en;
  }
  const std::string name_ja = p ? p->name_ja : std::string(permission);
  const std::string name_en = p ? p->name_en : std::string(permission);
  return Status::Error(ErrorKind::kForbidden, "authz.denied", p ? p->clause : "",
                       "「" + name_ja + "」を行う権限がありません。この課室等について次のいずれかの指定が必要です: " + roles_ja,
                       "Not allowed to " + name_en + ": it needs one of these designations for this unit: " + roles_en);
}

Status Tx::AuthorizeSystem() {
  if (!actor_.system)
    return Status::Error(ErrorKind::kForbidden, "authz.system_only", "000 第2 2(2)",
                         "この操作はサーバの管理者（コマンドライン）だけが行えます。",
                         "Only the server's administrator (command line) may do this.");
  authorized_ = true;
  authz_note_ = "system";
  return Status::Ok();
}

Status Tx::Put(std::string_view table, const Record& row) {
  const CoveredTable* covered = FindCovered(table);
  if (!covered) return Status::Internal("Put on an uncovered table: " + std::string(table));
  auto id_it = row.find("id");
  if (id_it == row.end()) return Status::Internal("Put without an id on " + std::string(table));
  std::string cols, marks, updates;
  Params params;
  for (const auto& [k, v] : row) {
    cols += (cols.empty() ? "" : ", ") + k;
    marks += marks.empty() ? "?" : ", ?";
    if (k != "id") updates += (updates.empty() ? "" : ", ") + k + " = excluded." + k;
    params.push_back(v);
  }
  const std::string t(table);
  std::string sql = "INSERT INTO " + t + " (" + cols + ") VALUES (" + marks + ") ON CONFLICT(id) DO ";
  sql += updates.empty() ? "NOTHING" : "UPDATE SET " + updates;
  RETURN_IF_ERROR(conn_.Exec(sql, params));
  // Record the row as stored (defaults applied), so verify compares like with like.
  Json stored;
  RETURN_IF_ERROR(conn_.ForEach("SELECT * FROM " + t + " WHERE id = ?", {id_it->second}, [&](const Row& r) {
    stored = RowToJson(r, *covered);
    return false;
  }));
  effects_.push_back(Json{{"t", t}, {"id", stored["id"]}, {"row", stored}});
  return Status::Ok();
}

Result<Record> Tx::Get(std::string_view table, int64_t id) {
  Record rec;
  const std::string t(table);
  RETURN_IF_ERROR(conn_.ForEach("SELECT * FROM " + t + " WHERE id = ?", {id}, [&](const Row& r) {
    for (size_t i = 0; i < r.size(); ++i) rec[r.name(i)] = r.at(i);
    return false;
  }));
  if (rec.empty())
    return Status::Error(ErrorKind::kNotFound, t + ".not_found", "", "指定されたレコードがありません（" + t + " " +
                         std::to_string(id) + "）。", "No such record (" + t + " " + std::to_string(id) + ").");
  return rec;
}

Result<int64_t> Tx::NextId(std::string_view table) {
  ASSIGN_OR_RETURN(Rows r, conn_.Query("SELECT COALESCE(MAX(id), 0) + 1 FROM " + std::string(table)));
  return r.rows[0].Int(0);
}

int64_t RecInt(const Record& r, const std::string& key) {
  auto it = r.find(key);
  if (it == r.end()) return 0;
  if (const auto* n = std::get_if<int64_t>(&it->second)) return *n;
  if (const auto* s = std::get_if<std::string>(&it->second)) return std::strtoll(s->c_str(), nullptr, 10);
  return 0;
}

std::string RecStr(const Record& r, const std::string& key) {
  auto it = r.find(key);
  if (it == r.end()) return "";
  if (const auto* s = std::get_if<std::string>(&it->second)) return *s;
  if (const auto* n = std::get_if<int64_t>(&it->second)) return std::to_string(*n);
  return "";
}

bool RecNull(const Record& r, const std::string& key) {
  auto it = r.find(key);
  return it == r.end() || std::holds_alternative<std::monostate>(it->second);
}

Value NullValue() { return std::monostate{}; }
Value TextOrNull(const std::string& s) { return s.empty() ? Value(std::monostate{}) : Value(s); }

}  // namespace mamori
