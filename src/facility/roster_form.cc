// The 取扱施設等立入名簿 of one facility as a form (001 第8 2(1)ウ, エ), for filing and submission.

#include "facility/facility.h"

namespace mamori {
namespace {

std::string Text(const Json& row, const char* key) {
  return row.contains(key) && row[key].is_string() ? row[key].get<std::string>() : std::string();
}

// 和暦 date of a stored UTC timestamp in `tz`; "" for none.
std::string WarekiOf(const std::string& ts, const TimeZone& tz) {
  if (ts.empty()) return "";
  auto t = ParseTimestamp(ts);
  return t.ok() ? FormatDisplay(*t, tz, DateStyle::kWareki, false) : ts;
}

std::string StateCell(const Json& p, const TimeZone& tz) {
  const std::string state = Text(p, "state");
  if (state == "granted") return "許可";
  if (state == "pending_consent") return "保護システム管理者の同意待ち";
  if (state == "revoked") return "取消し（" + WarekiOf(Text(p, "revoked_at"), tz) + "）";
  return state;
}

}  // namespace

Result<TableForm> EntryRosterForm(Conn& conn, int64_t unit_id, const TimeZone& tz) {
  ASSIGN_OR_RETURN(Json j, FacilityEntryRoster(conn, unit_id));
  const Json& facility = j["facility"];
  TableForm f;
  f.sheet_name = "entry-" + Text(facility, "code").substr(0, 20);
  f.title = "取扱施設等立入名簿";
  const bool handling = Text(facility, "kind") == "handling_facility";
  f.heading.push_back((handling ? "取扱施設: " : "関係施設: ") + Text(facility, "name_ja") + "（" +
                      Text(facility, "code") + "）");
  const std::string last = j["reviews"].empty() ? "" : Text(j["reviews"][0], "reviewed_at");
  f.heading.push_back("最終見直し: " + (last.empty() ? std::string("未実施") : WarekiOf(last, tz)));
  f.heading.push_back("根拠: 001 第8 2(1)ウ・エ・オ");
  f.columns = {"番号", "氏名", "所属", "立入りの目的", "許可証番号", "同意した保護システム管理者", "同意日", "状態"};
  f.widths = {6, 16, 22, 30, 22, 20, 16, 22};
  int n = 0;
  for (const Json& p : j["permits"])
    f.rows.push_back({std::to_string(++n), Text(p, "name"), Text(p, "affiliation"), Text(p, "purpose"),
                      Text(p, "certificate_no"), Text(p, "consented_by"), WarekiOf(Text(p, "consented_at"), tz),
                      StateCell(p, tz)});
  f.notes.push_back("※ 立ち入りを許可する者は業務の遂行上必要最小限に制限すること（001 第8 2(1)エ）。");
  f.notes.push_back("※ 本名簿は定期的に見直し、必要に応じて更新すること（001 第8 2(1)オ）。");
  return f;
}

}  // namespace mamori
