// A roster version as its form (取扱者名簿 / 保護システム利用者名簿 / 課室等のシステム利用者の記録), for
// submission and filing.

#include "base/time.h"
#include "export/table_form.h"
#include "identity/catalog.h"
#include "people/people.h"

namespace mamori {
namespace {

// "令和8年4月1日" for "2026-04-01" (和暦, as Japanese rosters print dates); "" stays "".
std::string Wareki(const std::string& date) {
  if (!IsCalendarDate(date)) return date;
  int y = 0, m = 0, d = 0;
  ParseDigits(date, 0, 4, y), ParseDigits(date, 5, 2, m), ParseDigits(date, 8, 2, d);
  return WarekiDate(y, m, d);
}

std::string RoleNames(const Catalog& catalog, const Json& roles, const std::string& listed) {
  std::string out;
  if (!roles.is_array()) return out;
  for (const Json& r : roles) {
    if (!r.is_string() || r.get<std::string>() == listed) continue;
    const RoleDef* def = catalog.FindRole(r.get<std::string>());
    out += (out.empty() ? "" : "、") + (def ? def->name_ja : r.get<std::string>());
  }
  return out;
}

std::string StateLine(const RosterDef& roster, const Json& v) {
  const std::string state = v.value("state", "");
  auto text = [&](const char* k) { return v.contains(k) && v[k].is_string() ? v[k].get<std::string>() : std::string(); };
  if (state == "confirmed")
    return roster.confirmed_by_ja + "確認済み（確認日 " + Wareki(text("confirmed_on")) + "、" + text("confirmation_ref") + "）";
  if (state == "submitted") return roster.confirmed_by_ja + "へ提出済み（確認待ち）";
  if (state == "draft") return "作成中（" + roster.confirmed_by_ja + "未提出）";
  if (state == "superseded") return "旧版（後の版に置き換え）";
  return "現行版";
}

}  // namespace

Result<TableForm> RosterForm(Conn& conn, const Catalog& catalog, const std::string& code, int64_t version,
                             bool with_particulars, const TimeZone& tz, int64_t unit_id) {
  ASSIGN_OR_RETURN(Json j, RosterVersion(conn, catalog, code, version, with_particulars, unit_id));
  const RosterDef* roster = catalog.FindRoster(code);
  const Json& v = j["version"];
  TableForm f;
  f.sheet_name = roster->code + (roster->per_unit ? "-" + std::to_string(unit_id) : "") + "-v" + std::to_string(version);
  f.title = roster->name_ja;
  if (roster->per_unit) f.title += "（" + j["roster"]["unit"]["name_ja"].get<std::string>() + "）";
  ASSIGN_OR_RETURN(Micros prepared, ParseTimestamp(v["prepared_at"].get<std::string>()));
  f.heading.push_back("第" + std::to_string(version) + "版（作成 " + FormatDisplay(prepared, tz, DateStyle::kWareki, false) +
                      "）　" + StateLine(*roster, v));
  f.heading.push_back("根拠: " + roster->clause);
  const AgreementDef* agreement = catalog.FindAgreement(roster->agreement);
  f.columns = {"番号", "氏名"};
  if (roster->particulars) f.columns.push_back("生年月日");
  f.columns.insert(f.columns.end(), {"所属する部署", "役職"});
  if (roster->particulars) f.columns.push_back("国籍");
  f.columns.insert(f.columns.end(), {"指定日", "指定された責任"});
  if (agreement) f.columns.push_back(agreement->name_ja);
  f.widths = {6, 16};
  if (roster->particulars) f.widths.push_back(16);
  f.widths.insert(f.widths.end(), {20, 14});
  if (roster->particulars) f.widths.push_back(10);
  f.widths.insert(f.widths.end(), {16, 22, 18});
  int n = 0;
  for (const Json& e : j["entries"]) {
    std::vector<std::string> row = {std::to_string(++n), e["name"].get<std::string>()};
    if (roster->particulars) row.push_back(with_particulars ? Wareki(e["birth_date"].get<std::string>()) : "（非表示）");
    row.push_back(e["department"].get<std::string>());
    row.push_back(e["position"].get<std::string>());
    if (roster->particulars) row.push_back(with_particulars ? e["nationality"].get<std::string>() : "（非表示）");
    row.push_back(Wareki(e["designated_on"].get<std::string>()));
    row.push_back(RoleNames(catalog, e["roles"], roster->role));
    if (agreement) {
      std::string cell;
      if (e["agreement_id"].is_number()) {
        ASSIGN_OR_RETURN(Rows a, conn.Query("SELECT signed_on FROM agreements WHERE id = ?", {e["agreement_id"].get<int64_t>()}));
        if (!a.empty()) cell = Wareki(a.rows[0].Str(0)) + " 合意";
      }
      row.push_back(cell);
    }
    f.rows.push_back(std::move(row));
  }
  if (!roster->confirmation_clause.empty())
    f.notes.push_back("※ 記載された者に保護すべき情報を取り扱わせる前に、" + roster->confirmed_by_ja + "の確認を受けること（" +
                      roster->confirmation_clause + "）。");
  if (!roster->update_clause.empty())
    f.notes.push_back("※ 退職、異動、職務内容の変更等により必要がなくなった場合は更新すること（" + roster->update_clause + "）。");
  return f;
}

}  // namespace mamori
