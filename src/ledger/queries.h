#pragma once
// Read side of the ledger: lists, an item's 管理簿, the forms for export, the approvals inbox and
// the daily list of items not returned by the end of the working day. Pure reads on one connection.

#include <optional>
#include <string>
#include <vector>

#include "base/time.h"
#include "engine/tx.h"
#include "export/ledger_form.h"
#include "store/store.h"

namespace mamori {

struct ItemFilter {
  std::optional<std::vector<int64_t>> visible_units;  // nullopt = all units
  std::optional<int64_t> unit_id;
  std::string kind, state, q;                          // "" = any; q matches control_no/type prefix
  std::optional<int64_t> holder_person_id;             // current user of the item
  bool overdue_only = false;
  int page = 1, per_page = 50;                         // per_page capped at 500
  std::string after;                                   // keyset paging: the page after this control_no
                                                       // ("" = use page); page is then ignored
  bool hide_protected = false;                         // leave out items marked protected (for a reader
                                                       // not cleared for protected information)
};

struct Workday {
  TimeZone tz;
  std::string end = "18:15";  // local HH:MM
  // The latest end of a working day at or before `now` (yesterday's if today's has not come yet).
  Micros LastEndBefore(Micros now) const;
  // The end of the working day on local date "YYYY-MM-DD".
  Result<Micros> EndOf(const std::string& date) const;
};

// {"items": [...], "total": N, "page": p, "per_page": n, "next_after": control_no or null}: one page
// of the matching items in control_no order. `total` is the exact number of matches, whatever the
// page or `after`; `next_after` is the last control_no of this page when another page follows (pass
// it as `after` for the next one), null on the last page. Each filter reads an index range of its
// matches (migration 0003), so the cost follows the matches and the page, not the whole ledger.
Result<Json> ListItems(Conn& conn, const ItemFilter& f, const Workday& wd, Micros now);
// The item, its unit, its numbered rows and copies. kNotFound if absent or not in visible_units.
Result<Json> ItemDetail(Conn& conn, const std::string& control_no, const std::optional<std::vector<int64_t>>& visible);
// The 別紙様式 forms of one item (control_no) or of every item of a unit (unit_id).
Result<std::vector<LedgerForm>> LoadForms(Conn& conn, const std::string& control_no, std::optional<int64_t> unit_id);
// Take-outs, loans, handovers and copies waiting for approval in the given units.
Result<Json> PendingApprovals(Conn& conn, const std::optional<std::vector<int64_t>>& units);
// Items in use not returned by the end of the working day `date` (or of the last working day
// before `now` when date is empty), and loans past their period.
Result<Json> OverdueReport(Conn& conn, const Workday& wd, Micros now, const std::string& date,
                           const std::optional<std::vector<int64_t>>& units);
// A reconciliation with its discrepancies.
Result<Json> ReconciliationDetail(Conn& conn, int64_t id);

// "1,2,3" for an IN (...) list; "-1" when empty so that nothing matches.
std::string IdList(const std::vector<int64_t>& ids);

}  // namespace mamori
