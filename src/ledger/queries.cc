#include "ledger/queries.h"

#include <algorithm>
#include <utility>

#include "ledger/ledger.h"

namespace mamori {
namespace {

Json RowJson(const Row& r) {
  Json j = Json::object();
  for (size_t i = 0; i < r.size(); ++i) {
    const Value& v = r.at(i);
    if (const auto* n = std::get_if<int64_t>(&v))
      j[r.name(i)] = *n;
    else if (const auto* s = std::get_if<std::string>(&v))
      j[r.name(i)] = *s;
    else
      j[r.name(i)] = nullptr;
  }
  return j;
}

void AddStateNames(Json& item) {
  const std::string s = item.value("state", std::string());
  item["state_ja"] = StateNameJa(s);
  item["state_en"] = StateNameEn(s);
}

std::optional<Micros> OptTime(const Row& r, size_t i) {
  if (r.IsNull(i) || r.Str(i).empty()) return std::nullopt;
  auto t = ParseTimestamp(r.Str(i));
  return t.ok() ? std::optional<Micros>(*t) : std::nullopt;
}

}  // namespace

std::string IdList(const std::vector<int64_t>& ids) {
  if (ids.empty()) return "-1";
  std::string s;
  for (int64_t id : ids) s += (s.empty() ? "" : ",") + std::to_string(id);
  return s;
}

Micros Workday::LastEndBefore(Micros now) const {
  const CivilTime c = ToCivil(now, tz);
  CivilTime e = c;
  e.hour = std::stoi(end.substr(0, 2));
  e.minute = std::stoi(end.substr(3, 2));
  e.second = 0;
  const Micros today = FromCivil(e, tz);
  return now >= today ? today : today - kDay;
}

Result<Micros> Workday::EndOf(const std::string& date) const {
  auto t = ParseTimestamp(date + "T" + end + ":00Z");
  if (!t.ok() || date.size() != 10)
    return Status::Error(ErrorKind::kInvalidArgument, "input.malformed", "", "日付は YYYY-MM-DD で指定してください。",
                         "Give the date as YYYY-MM-DD.", "date");
  return *t - int64_t{tz.offset_minutes} * kMinute;
}

namespace {

// One branch of the list query: conditions ANDed, with their parameters. A filter that is an OR
// (q: number prefix or type; overdue: in use or out) splits the query into disjoint branches, so
// that each branch reads one index range in control_no order: the counts add up and the pages
// merge (UNION ALL … ORDER BY control_no), and no branch sorts or counts more than its matches.
struct Branch {
  std::string where;
  Params params;
  void Add(const std::string& cond, const Params& p = {}) {
    where += (where.empty() ? "" : " AND ") + cond;
    params.insert(params.end(), p.begin(), p.end());
  }
};
using Branches = std::vector<Branch>;

void AddToAll(Branches& bs, const std::string& cond, const Params& p = {}) {
  for (Branch& b : bs) b.Add(cond, p);
}

// Every branch of `bs` combined with each alternative (which must exclude each other).
Branches Split(const Branches& bs, const std::vector<Branch>& alternatives) {
  Branches out;
  for (const Branch& b : bs)
    for (const Branch& alt : alternatives) {
      Branch c = b;
      c.Add(alt.where, alt.params);
      out.push_back(std::move(c));
    }
  return out;
}

std::string Placeholders(size_t n) {
  std::string s;
  for (size_t i = 0; i < n; ++i) s += i ? ", ?" : "?";
  return s;
}

// The filter as branches. `for_page`: the visible units of a multi-unit viewer are tested on
// each row (`+` keeps them off the unit indexes) so that the page is read in control_no order
// instead of gathering and sorting every visible item; a count uses the unit indexes instead.
// With a holder, units are always tested on the holder's few items.
Branches FilterBranches(const ItemFilter& f, const Workday& wd, Micros now, bool for_page) {
  Branches bs(1);
  const bool holder = f.holder_person_id.has_value();
  if (f.visible_units) {
    const std::vector<int64_t>& v = *f.visible_units;
    const bool per_row = holder || (for_page && v.size() > 1);
    const std::string column = per_row ? "+i.custodian_unit_id" : "i.custodian_unit_id";
    AddToAll(bs, column + (v.size() == 1 ? " = ?" : " IN (" + Placeholders(v.size()) + ")"), Params(v.begin(), v.end()));
  }
  if (f.unit_id) AddToAll(bs, holder ? "+i.custodian_unit_id = ?" : "i.custodian_unit_id = ?", {*f.unit_id});
  if (!f.kind.empty()) AddToAll(bs, "i.kind = ?", {f.kind});
  if (!f.state.empty()) AddToAll(bs, "i.state = ?", {f.state});
  if (f.hide_protected) AddToAll(bs, "NOT EXISTS (SELECT 1 FROM protected_items p WHERE p.id = i.id)", {});
  // A holder has few items: named by id, they are looked up and sorted, whatever other index
  // could give the order (a test on current_entry_id would read the table for every row).
  if (f.holder_person_id)
    AddToAll(bs, "i.id IN (SELECT h.id FROM items h WHERE h.current_entry_id IN (SELECT id FROM ledger_entries WHERE "
                 "user_person_id = ?))", {*f.holder_person_id});
  if (!f.q.empty()) {
    const Value lo = f.q, hi = f.q + "\xff";
    bs = Split(bs, {Branch{"i.control_no >= ? AND i.control_no < ?", {lo, hi}},
                    Branch{"i.type = ? AND (i.control_no < ? OR i.control_no >= ?)", {f.q, lo, hi}}});
  }
  if (f.overdue_only) {
    // The current row of an item in use or out is open (returned_at IS NULL): returning it moves
    // the item to awaiting_check in the same command. That lets the open-row indexes find them.
    bs = Split(bs, {Branch{"i.state = 'in_use' AND i.current_entry_id IN (SELECT id FROM ledger_entries WHERE "
                           "returned_at IS NULL AND started_at < ?)", {FormatUtc(wd.LastEndBefore(now))}},
                    Branch{"i.state = 'out' AND i.current_entry_id IN (SELECT id FROM ledger_entries WHERE "
                           "returned_at IS NULL AND period_until < ?)", {FormatUtc(now)}}});
  }
  return bs;
}

Result<int64_t> CountItems(Conn& conn, const Branches& bs) {
  std::string sql;
  Params params;
  for (const Branch& b : bs) {
    const std::string one = "SELECT COUNT(*) FROM items i" + (b.where.empty() ? "" : " WHERE " + b.where);
    sql += bs.size() == 1 ? one : (sql.empty() ? "SELECT (" : " + (") + one + ")";
    params.insert(params.end(), b.params.begin(), b.params.end());
  }
  ASSIGN_OR_RETURN(Rows r, conn.Query(sql, params));
  return r.rows[0].Int(0);
}

// Ids and control numbers of `limit` matches after the first `offset` (or after the control
// number `after` when it is not empty), in control_no order. `desc`: counted from the end instead,
// and returned in descending order.
Result<std::vector<std::pair<int64_t, std::string>>> PageIds(Conn& conn, Branches bs, const std::string& after,
                                                             int64_t limit, int64_t offset, bool desc) {
  if (!after.empty()) AddToAll(bs, "i.control_no > ?", {after});
  std::string sql;
  Params params;
  for (const Branch& b : bs) {
    sql += (sql.empty() ? "" : " UNION ALL ") + std::string("SELECT i.id, i.control_no FROM items i") +
           (b.where.empty() ? "" : " WHERE " + b.where);
    params.insert(params.end(), b.params.begin(), b.params.end());
  }
  sql += std::string(bs.size() == 1 ? " ORDER BY i.control_no" : " ORDER BY control_no") + (desc ? " DESC" : "") +
         " LIMIT ? OFFSET ?";
  params.push_back(limit);
  params.push_back(offset);
  std::vector<std::pair<int64_t, std::string>> ids;
  RETURN_IF_ERROR(conn.ForEach(sql, params, [&](const Row& r) {
    ids.emplace_back(r.Int(0), r.Str(1));
    return true;
  }));
  return ids;
}

// The page's ids in control_no order, and whether another page follows. A page in the second
// half of the matches is read from the end, so that the last pages cost what the first ones do.
Result<std::pair<std::vector<std::pair<int64_t, std::string>>, bool>> Page(Conn& conn, const Branches& bs,
                                                                            const ItemFilter& f, int per_page,
                                                                            int page, int64_t total) {
  if (!f.after.empty()) {  // one row more than the page tells whether another follows
    ASSIGN_OR_RETURN(auto ids, PageIds(conn, bs, f.after, per_page + 1, 0, false));
    const bool more = ids.size() > static_cast<size_t>(per_page);
    if (more) ids.pop_back();
    return std::make_pair(std::move(ids), more);
  }
  const int64_t offset = int64_t{page - 1} * per_page;
  if (offset >= total) return std::make_pair(std::vector<std::pair<int64_t, std::string>>{}, false);
  const int64_t end = std::min<int64_t>(offset + per_page, total);
  const bool desc = offset > total / 2;
  ASSIGN_OR_RETURN(auto ids, PageIds(conn, bs, "", end - offset, desc ? total - end : offset, desc));
  if (desc) std::reverse(ids.begin(), ids.end());
  return std::make_pair(std::move(ids), end < total);
}

}  // namespace

Result<Json> ListItems(Conn& conn, const ItemFilter& f, const Workday& wd, Micros now) {
  const int per_page = std::clamp(f.per_page, 1, 500);
  const int page = std::max(1, f.page);
  Json items = Json::array();
  Json out{{"items", Json::array()}, {"total", 0}, {"page", page}, {"per_page", per_page}, {"next_after", nullptr}};
  if (f.visible_units && f.visible_units->empty()) return out;  // no unit to see
  ASSIGN_OR_RETURN(int64_t total, CountItems(conn, FilterBranches(f, wd, now, false)));
  ASSIGN_OR_RETURN(auto page_ids, Page(conn, FilterBranches(f, wd, now, true), f, per_page, page, total));
  auto& [ids, more] = page_ids;
  // The display columns, joined for the page's rows only.
  const std::string cutoff = FormatUtc(wd.LastEndBefore(now)), now_text = FormatUtc(now);
  Params id_params;
  for (const auto& [id, no] : ids) id_params.push_back(id);
  if (!ids.empty())
    RETURN_IF_ERROR(conn.ForEach(
        "SELECT i.id, i.control_no, i.kind, i.type, i.storage, i.custodian_unit_id, u.name_ja AS unit_name, i.state, "
        "e.user_name AS holder, e.user_person_id AS holder_person_id, e.started_at, e.period_until, e.movement, "
        "e.approval, CASE WHEN p.id IS NULL THEN 0 ELSE 1 END AS protected FROM items i "
        "JOIN org_units u ON u.id = i.custodian_unit_id LEFT JOIN ledger_entries e ON e.id = i.current_entry_id "
        "LEFT JOIN protected_items p ON p.id = i.id WHERE i.id IN (" + Placeholders(ids.size()) + ") ORDER BY i.control_no",
        id_params, [&](const Row& r) {
          Json j = RowJson(r);
          AddStateNames(j);
          const std::string state = j["state"];
          j["overdue"] = (state == "in_use" && r.Str(10) < cutoff) ||
                         (state == "out" && !r.IsNull(11) && r.Str(11) < now_text);
          items.push_back(std::move(j));
          return true;
        }));
  out["items"] = std::move(items);
  out["total"] = total;
  if (more) out["next_after"] = ids.back().second;
  return out;
}

Result<Json> ItemDetail(Conn& conn, const std::string& control_no, const std::optional<std::vector<int64_t>>& visible) {
  ASSIGN_OR_RETURN(Rows r, conn.Query("SELECT i.*, u.name_ja AS unit_name, u.code AS unit_code FROM items i JOIN "
                                      "org_units u ON u.id = i.custodian_unit_id WHERE i.control_no = ?",
                                      {control_no}));
  bool allowed = !r.empty();
  if (allowed && visible) {
    allowed = false;
    for (int64_t id : *visible) allowed |= id == r.rows[0].Int(5);
  }
  if (!allowed)
    return Status::Error(ErrorKind::kNotFound, "items.not_found", "000 第4 2(2)",
                         "媒体番号・機器番号 " + control_no + " は見つからないか、閲覧できません。",
                         "No item " + control_no + " that you may see.");
  Json item = RowJson(r.rows[0]);
  ASSIGN_OR_RETURN(Rows prot, conn.Query("SELECT 1 FROM protected_items WHERE id = ?", {r.rows[0].Int(0)}));
  item["protected"] = !prot.empty();
  AddStateNames(item);
  Json entries = Json::array(), copies = Json::array();
  RETURN_IF_ERROR(conn.ForEach("SELECT * FROM ledger_entries WHERE item_id = ? ORDER BY row_no", {item["id"].get<int64_t>()},
                               [&](const Row& row) {
                                 entries.push_back(RowJson(row));
                                 return true;
                               }));
  RETURN_IF_ERROR(conn.ForEach("SELECT * FROM copy_entries WHERE item_id = ? ORDER BY id", {item["id"].get<int64_t>()},
                               [&](const Row& row) {
                                 copies.push_back(RowJson(row));
                                 return true;
                               }));
  return Json{{"item", item}, {"entries", entries}, {"copies", copies}};
}

namespace {

const char* MovementJa(const std::string& m) {
  if (m == "take_out") return "持出し";
  if (m == "lend") return "貸出し";
  if (m == "handover") return "交付";
  return "";
}

Status FillRows(Conn& conn, LedgerForm& form, int64_t item_id) {
  std::map<int64_t, size_t> by_entry;
  RETURN_IF_ERROR(conn.ForEach(
      "SELECT id, started_at, user_name, purpose, place, returned_at, movement, period_from, period_until, "
      "handover_at, destination, borrower, movement_purpose, handover_recipient, approval FROM ledger_entries "
      "WHERE item_id = ? ORDER BY row_no", {item_id}, [&](const Row& r) {
        LedgerRow row;
        row.started_at = OptTime(r, 1);
        row.user_name = r.Str(2);
        row.purpose = r.Str(3);
        row.place = r.Str(4);
        row.returned_at = r.Str(14) == "rejected" ? std::nullopt : OptTime(r, 5);
        row.movement = MovementJa(r.Str(6));
        row.period_from = OptTime(r, 7);
        row.period_until = OptTime(r, 8);
        row.handover_at = OptTime(r, 9);
        // For a loan the borrower recorded afterwards (000 第4 4(3)) is the 貸出し相手.
        row.destination = r.Str(6) == "lend" && !r.Str(11).empty() ? r.Str(10) + "（" + r.Str(11) + "）" : r.Str(10);
        if (r.Str(6) == "handover" && !r.Str(13).empty()) row.destination += "（交付相手: " + r.Str(13) + "）";
        row.movement_purpose = r.Str(12);
        if (r.Str(14) == "rejected") row.movement_purpose += "（不許可）";
        by_entry[r.Int(0)] = form.rows.size();
        form.rows.push_back(std::move(row));
        return true;
      }));
  return conn.ForEach(
      "SELECT entry_id, content, counterparty, purpose, approval FROM copy_entries WHERE item_id = ? ORDER BY id",
      {item_id}, [&](const Row& r) {
        auto it = by_entry.find(r.Int(0));
        if (it == by_entry.end()) return true;
        LedgerRow* row = &form.rows[it->second];
        if (!row->copy_content.empty()) {  // a second copy at the same destination gets its own line
          form.rows.push_back(LedgerRow{});
          row = &form.rows.back();
        }
        row->copy_content = r.Str(1) + (r.Str(4) == "approved" ? "" : r.Str(4) == "rejected" ? "（不許可）" : "（許可待ち）");
        row->copy_counterparty = r.Str(2);
        row->copy_purpose = r.Str(3);
        return true;
      });
}

}  // namespace

Result<std::vector<LedgerForm>> LoadForms(Conn& conn, const std::string& control_no, std::optional<int64_t> unit_id) {
  std::vector<LedgerForm> forms;
  std::vector<int64_t> ids;
  const std::string sql =
      "SELECT i.id, i.kind, i.control_no, i.type, u.name_ja, i.final_at, i.executor_affiliation, i.executor_name, "
      "i.witness_affiliation, i.witness_name, i.state FROM items i JOIN org_units u ON u.id = i.custodian_unit_id WHERE " +
      std::string(unit_id ? "i.custodian_unit_id = ? ORDER BY i.kind DESC, i.control_no" : "i.control_no = ?");
  RETURN_IF_ERROR(conn.ForEach(sql, {unit_id ? Value(*unit_id) : Value(control_no)}, [&](const Row& r) {
    LedgerForm f;
    f.kind = r.Str(1) == "device" ? LedgerForm::Kind::kDevice : LedgerForm::Kind::kMedium;
    f.control_no = r.Str(2);
    f.item_type = r.Str(3);
    f.custodian_unit = r.Str(4);
    const std::string state = r.Str(10);
    if (state == "destroyed" || state == "handed_over" || state == "disposed") {
      f.footer.final_at = OptTime(r, 5);
      f.footer.executor_affiliation = r.Str(6);
      f.footer.executor_name = r.Str(7);
      f.footer.witness_affiliation = r.Str(8);
      f.footer.witness_name = r.Str(9);
    }
    ids.push_back(r.Int(0));
    forms.push_back(std::move(f));
    return true;
  }));
  for (size_t i = 0; i < forms.size(); ++i) RETURN_IF_ERROR(FillRows(conn, forms[i], ids[i]));
  if (forms.empty())
    return Status::Error(ErrorKind::kNotFound, "items.not_found", "000 第4 2(1)", "出力する管理簿がありません。",
                         "No ledger to export.");
  return forms;
}

Result<Json> PendingApprovals(Conn& conn, const std::optional<std::vector<int64_t>>& units) {
  const std::string scope = units ? " AND i.custodian_unit_id IN (" + IdList(*units) + ")" : "";
  Json out = Json::array();
  RETURN_IF_ERROR(conn.ForEach(
      "SELECT 'movement' AS type, i.control_no, i.kind, i.type AS item_type, u.name_ja AS unit_name, e.id AS entry_id, "
      "e.movement, e.user_name, e.purpose, e.period_from, e.period_until, e.destination, e.movement_purpose, "
      "e.handover_at, e.created_at FROM items i JOIN ledger_entries e ON e.id = i.current_entry_id JOIN org_units u ON "
      "u.id = i.custodian_unit_id WHERE i.state IN ('movement_requested', 'handover_requested')" + scope +
          " ORDER BY e.created_at",
      {}, [&](const Row& r) {
        out.push_back(RowJson(r));
        return true;
      }));
  RETURN_IF_ERROR(conn.ForEach(
      "SELECT 'copy' AS type, i.control_no, i.kind, u.name_ja AS unit_name, c.id AS copy_id, c.content, "
      "c.counterparty, c.purpose, c.created_at FROM copy_entries c JOIN items i ON i.id = c.item_id JOIN org_units u "
      "ON u.id = i.custodian_unit_id WHERE c.approval = 'pending'" + scope + " ORDER BY c.created_at",
      {}, [&](const Row& r) {
        out.push_back(RowJson(r));
        return true;
      }));
  return Json{{"approvals", out}};
}

Result<Json> OverdueReport(Conn& conn, const Workday& wd, Micros now, const std::string& date,
                           const std::optional<std::vector<int64_t>>& units) {
  Micros cutoff = wd.LastEndBefore(now);
  if (!date.empty()) {
    ASSIGN_OR_RETURN(cutoff, wd.EndOf(date));
  }
  const std::string c = FormatUtc(cutoff);
  const std::string scope = units ? " AND i.custodian_unit_id IN (" + IdList(*units) + ")" : "";
  Json out = Json::array();
  RETURN_IF_ERROR(conn.ForEach(
      "SELECT i.control_no, i.kind, i.type, u.name_ja AS unit_name, e.user_name, e.user_person_id, e.started_at, "
      "e.movement, e.period_until, e.returned_at FROM ledger_entries e JOIN items i ON i.id = e.item_id JOIN org_units "
      "u ON u.id = i.custodian_unit_id WHERE ((e.movement = 'use' AND e.started_at < ?) OR (e.movement IN "
      "('take_out', 'lend') AND e.approval = 'approved' AND e.period_until < ?)) AND (e.returned_at IS NULL OR "
      "e.returned_at > ?)" + scope + " ORDER BY e.started_at",
      {c, c, c}, [&](const Row& r) {
        out.push_back(RowJson(r));
        return true;
      }));
  return Json{{"cutoff", c}, {"workday_end", wd.end}, {"items", out}};
}

Result<Json> ReconciliationDetail(Conn& conn, int64_t id) {
  ASSIGN_OR_RETURN(Rows r, conn.Query("SELECT r.*, u.name_ja AS unit_name FROM reconciliations r JOIN org_units u ON "
                                      "u.id = r.unit_id WHERE r.id = ?", {id}));
  if (r.empty())
    return Status::Error(ErrorKind::kNotFound, "reconciliations.not_found", "000 第4 1(3)", "照合の記録がありません。",
                         "No such reconciliation.");
  Json d = Json::array();
  RETURN_IF_ERROR(conn.ForEach("SELECT * FROM discrepancies WHERE reconciliation_id = ? ORDER BY id", {id},
                               [&](const Row& row) {
                                 d.push_back(RowJson(row));
                                 return true;
                               }));
  return Json{{"reconciliation", RowJson(r.rows[0])}, {"discrepancies", d}};
}

}  // namespace mamori
