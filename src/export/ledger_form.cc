#include "export/ledger_form.h"

#include "export/export_util.h"

#include <xlsxwriter.h>

#include <unistd.h>

#include <array>
#include <cstdlib>
#include <set>

namespace mamori {
namespace {

constexpr int kCols = 12;
constexpr int kFooterCols = 10;  // the footer table is narrower than the ledger table
using export_util::kBom;

struct Group {
  const char* label;
  int first, last;
};

// What differs between the two paper forms.
struct Layout {
  const char* title;
  const char* number_label;
  std::array<Group, 3> groups;
  std::array<const char*, kCols> columns;
  std::array<double, kCols> widths;
  const char* final_label;
  const char* executor_label;
  const char* name_label;
  bool has_witness;
  const char* note;
};

const Layout kMediumLayout = {
    "可搬記憶媒体管理簿",
    "媒体番号：",
    {{{"可搬記憶媒体の使用", 1, 4},
      {"可搬記憶媒体の一時持出し・貸出し・交付", 5, 8},
      {"持ち出し又は貸出し先における業務用データの複製", 9, 11}}},
    {"番号", "使用開始日時", "使用者名", "使用目的", "返却日時", "持出し・貸出し・交付の別",
     "持出し・貸出し期間（交付日時）", "持出し・貸出し先（交付者名）", "持出し・貸出し目的（交付目的）",
     "複製する業務用データの内容", "複製する相手方", "複製の目的"},
    {5, 21, 12, 18, 21, 11, 24, 16, 18, 18, 14, 16},
    "破棄（交付）日時",
    "破棄（交付）実施者",
    "名前",
    true,
    "※ この様式は一つの可搬記憶媒体ごとに作成するものとする。"};

const Layout kDeviceLayout = {
    "目的特化型機器管理簿",
    "機器番号：",
    {{{"目的特化型機器の使用", 1, 5},
      {"目的特化型機器の一時貸出し", 6, 8},
      {"持出し又は貸出し先における業務用データの複製", 9, 11}}},
    {"番号", "使用開始日時", "使用者名", "使用目的", "設置場所（使用場所）", "返却日時", "期間", "貸出し相手",
     "貸出し目的", "複製する業務用データの内容", "複製する相手方", "複製目的"},
    {5, 21, 12, 18, 16, 21, 24, 14, 16, 18, 14, 16},
    "廃棄等日時",
    "廃棄等実施者",
    "氏名",
    false,
    "※ この様式は一つの目的特化型機器ごとに作成するものとする。"};

const Layout& LayoutOf(LedgerForm::Kind kind) {
  return kind == LedgerForm::Kind::kMedium ? kMediumLayout : kDeviceLayout;
}

enum class RowKind { kTitle, kNumber, kGroup, kColumn, kData, kFooter, kNote };

using export_util::Merge;
using Grid = export_util::Grid<kCols, RowKind>;

struct DateFormat {
  const TimeZone& tz;
  DateStyle style;
  std::string operator()(const std::optional<Micros>& t) const {
    return t ? FormatDisplay(*t, tz, style) : std::string();
  }
};

std::string PeriodText(const LedgerRow& row, const DateFormat& date) {
  if (row.handover_at) return date(row.handover_at);
  if (!row.period_from && !row.period_until) return "";
  std::string text = date(row.period_from) + " 〜 " + date(row.period_until);
  size_t b = text.find_first_not_of(' '), e = text.find_last_not_of(' ');
  return text.substr(b, e - b + 1);
}

// clang-format off
std::array<std::string, kCols> DataCells(LedgerForm::Kind kind, const LedgerRow& r, const DateFormat& date) {
  if (kind == LedgerForm::Kind::kMedium) {
    return {"", date(r.started_at), r.user_name, r.purpose, date(r.returned_at), r.movement,
            PeriodText(r, date), r.destination, r.movement_purpose, r.copy_content, r.copy_counterparty,
            r.copy_purpose};
  }
  return {"", date(r.started_at), r.user_name, r.purpose, r.place, date(r.returned_at),
          PeriodText(r, date), r.destination, r.movement_purpose, r.copy_content, r.copy_counterparty,
          r.copy_purpose};
}
// clang-format on

void AddFooterPerson(Grid& g, const Layout& lay, const char* label, const std::string& affiliation,
                     const std::string& name) {
  int r = g.AddRow(RowKind::kFooter);
  g.cells[r][0] = label;
  g.cells[r][2] = "所属";
  g.cells[r][3] = affiliation;
  g.cells[r][6] = lay.name_label;
  g.cells[r][7] = name;
  g.merges.push_back({r, 0, r, 1});
  g.merges.push_back({r, 3, r, 5});
  g.merges.push_back({r, 7, r, 9});
}

Grid BuildGrid(const LedgerForm& form, const DateFormat& date) {
  const Layout& lay = LayoutOf(form.kind);
  Grid g;
  int r = g.AddRow(RowKind::kTitle);
  g.cells[r][0] = lay.title;
  g.merges.push_back({r, 0, r, kCols - 1});
  r = g.AddRow(RowKind::kNumber);
  g.cells[r][0] = std::string(lay.number_label) + form.control_no;
  g.merges.push_back({r, 0, r, 3});
  r = g.AddRow(RowKind::kGroup);
  g.cells[r][0] = lay.columns[0];
  g.merges.push_back({r, 0, r + 1, 0});
  for (const Group& grp : lay.groups) {
    g.cells[r][grp.first] = grp.label;
    g.merges.push_back({r, grp.first, r, grp.last});
  }
  r = g.AddRow(RowKind::kColumn);
  for (int c = 1; c < kCols; ++c) g.cells[r][c] = lay.columns[c];

  size_t n = std::max<size_t>(form.rows.size(), kLedgerMinRows);
  for (size_t i = 0; i < n; ++i) {
    r = g.AddRow(RowKind::kData);
    if (i < form.rows.size()) g.cells[r] = DataCells(form.kind, form.rows[i], date);
    g.cells[r][0] = std::to_string(i + 1);
  }

  r = g.AddRow(RowKind::kFooter);
  g.cells[r][0] = lay.final_label;
  g.cells[r][2] = date(form.footer.final_at);
  g.merges.push_back({r, 0, r, 1});
  g.merges.push_back({r, 2, r, kFooterCols - 1});
  AddFooterPerson(g, lay, lay.executor_label, form.footer.executor_affiliation, form.footer.executor_name);
  if (lay.has_witness) {
    AddFooterPerson(g, lay, "破棄立会者", form.footer.witness_affiliation, form.footer.witness_name);
  }
  r = g.AddRow(RowKind::kNote);
  g.cells[r][0] = lay.note;
  g.merges.push_back({r, 0, r, kCols - 1});
  return g;
}

// ---- CSV ----

using export_util::AppendCsvLine;

std::string Utc(const std::optional<Micros>& t) { return t ? FormatUtc(*t) : std::string(); }

// ---- sheet names ----

// The first `max_chars` UTF-8 code points of s.
std::string CutUtf8(const std::string& s, size_t max_chars) {
  size_t chars = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80 && chars++ == max_chars) {
      return s.substr(0, i);
    }
  }
  return s;
}

std::string AsciiLower(std::string s) {
  for (char& ch : s) {
    if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
  }
  return s;
}

std::string SanitizeSheetName(const std::string& control_no) {
  std::string s = control_no;
  for (char& ch : s) {
    if (std::string_view("[]:*?/\\").find(ch) != std::string_view::npos || ch == '\0') ch = '_';
  }
  s = CutUtf8(s, 31);
  if (s.empty()) return "番号なし";
  if (s.front() == '\'') s.front() = '_';
  if (s.back() == '\'') s.back() = '_';
  if (AsciiLower(s) == "history") s.back() = '_';  // reserved by Excel
  return s;
}

// ---- XLSX ----

struct Formats {
  lxw_format* title;
  lxw_format* number;
  lxw_format* header;
  lxw_format* cell;
  lxw_format* centered;
  lxw_format* note;
};

Formats MakeFormats(lxw_workbook* wb) {
  using export_util::FormFormat;
  Formats fm{FormFormat(wb, false, true, true, 14), FormFormat(wb, false, false, false, 11),
             FormFormat(wb, true, false, true, 10),  FormFormat(wb, true, false, false, 10),
             FormFormat(wb, true, false, true, 10),  FormFormat(wb, false, false, false, 10)};
  format_set_bg_color(fm.header, 0xEEEEEE);
  return fm;
}

lxw_format* FormatFor(const Formats& fm, RowKind kind, int col) {
  switch (kind) {
    case RowKind::kTitle:
      return fm.title;
    case RowKind::kNumber:
      return fm.number;
    case RowKind::kGroup:
    case RowKind::kColumn:
      return fm.header;
    case RowKind::kData:
      return col == 0 ? fm.centered : fm.cell;
    case RowKind::kFooter:
      return fm.cell;
    case RowKind::kNote:
      return fm.note;
  }
  return fm.cell;
}

int BorderedCols(RowKind kind) {
  switch (kind) {
    case RowKind::kGroup:
    case RowKind::kColumn:
    case RowKind::kData:
      return kCols;
    case RowKind::kFooter:
      return kFooterCols;
    default:
      return 0;
  }
}

lxw_error WriteSheet(lxw_worksheet* ws, const Grid& g, const Layout& lay, const Formats& fm) {
  std::vector<std::array<bool, kCols>> covered(g.cells.size());
  for (const Merge& m : g.merges) {
    lxw_format* f = FormatFor(fm, g.kinds[m.r0], m.c0);
    lxw_error err = worksheet_merge_range(ws, m.r0, m.c0, m.r1, m.c1, g.cells[m.r0][m.c0].c_str(), f);
    if (err != LXW_NO_ERROR) return err;
    for (int r = m.r0; r <= m.r1; ++r) {
      for (int c = m.c0; c <= m.c1; ++c) covered[r][c] = true;
    }
  }
  for (size_t r = 0; r < g.cells.size(); ++r) {
    for (int c = 0; c < kCols; ++c) {
      const std::string& v = g.cells[r][c];
      if (covered[r][c] || (v.empty() && c >= BorderedCols(g.kinds[r]))) continue;
      lxw_error err = worksheet_write_string(ws, r, c, v.c_str(), FormatFor(fm, g.kinds[r], c));
      if (err != LXW_NO_ERROR) return err;
    }
  }
  for (int c = 0; c < kCols; ++c) worksheet_set_column(ws, c, c, lay.widths[c], nullptr);
  worksheet_set_row(ws, 0, 24, nullptr);
  worksheet_set_landscape(ws);
  worksheet_set_paper(ws, 9);  // A4
  worksheet_set_margins(ws, 0.4, 0.4, 0.6, 0.6);
  worksheet_center_horizontally(ws);
  worksheet_fit_to_pages(ws, 1, 0);
  worksheet_freeze_panes(ws, 4, 1);
  return worksheet_repeat_rows(ws, 2, 3);
}

Status XlsxError(const char* what, lxw_error err) {
  return Status::Internal(std::string("xlsx: ") + what + ": " + lxw_strerror(err));
}

}  // namespace

std::string RenderLedgerCsv(const std::vector<LedgerForm>& forms, const TimeZone& tz, DateStyle style) {
  std::string out = kBom;
  DateFormat date{tz, style};
  for (size_t i = 0; i < forms.size(); ++i) {
    if (i > 0) out += "\r\n";
    for (const auto& line : BuildGrid(forms[i], date).cells) AppendCsvLine(out, line, true);
  }
  return out;
}

std::string RenderLedgerCsvFlat(const std::vector<LedgerForm>& forms) {
  std::string out = kBom;
  out +=
      "control_no,kind,item_type,custodian_unit,row_no,started_at,user_name,purpose,place,returned_at,movement,"
      "period_from,period_until,handover_at,destination,movement_purpose,copy_content,copy_counterparty,"
      "copy_purpose,final_at,executor_affiliation,executor_name,witness_affiliation,witness_name\r\n";
  for (const LedgerForm& f : forms) {
    const char* kind = f.kind == LedgerForm::Kind::kMedium ? "medium" : "device";
    const LedgerFooter& ft = f.footer;
    auto line = [&](const std::string& no, const LedgerRow& r) {
      // clang-format off
      std::vector<std::string> cells = {
          f.control_no, kind, f.item_type, f.custodian_unit, no, Utc(r.started_at), r.user_name, r.purpose,
          r.place, Utc(r.returned_at), r.movement, Utc(r.period_from), Utc(r.period_until), Utc(r.handover_at),
          r.destination, r.movement_purpose, r.copy_content, r.copy_counterparty, r.copy_purpose,
          Utc(ft.final_at), ft.executor_affiliation, ft.executor_name, ft.witness_affiliation, ft.witness_name};
      // clang-format on
      AppendCsvLine(out, cells, false);
    };
    if (f.rows.empty()) line("", LedgerRow{});
    for (size_t i = 0; i < f.rows.size(); ++i) line(std::to_string(i + 1), f.rows[i]);
  }
  return out;
}

std::vector<std::string> LedgerSheetNames(const std::vector<LedgerForm>& forms) {
  std::vector<std::string> names;
  std::set<std::string> used;  // lower-cased: Excel compares sheet names case-insensitively
  for (const LedgerForm& f : forms) {
    std::string base = SanitizeSheetName(f.control_no), name = base;
    for (int n = 2; used.count(AsciiLower(name)) > 0; ++n) {
      std::string suffix = "(" + std::to_string(n) + ")";
      name = CutUtf8(base, 31 - suffix.size()) + suffix;
    }
    used.insert(AsciiLower(name));
    names.push_back(name);
  }
  return names;
}

Status WriteLedgerXlsx(const std::vector<LedgerForm>& forms, const TimeZone& tz, DateStyle style,
                       const std::string& path) {
  lxw_workbook* wb = workbook_new(path.c_str());
  if (wb == nullptr) return Status::Internal("xlsx: cannot create workbook " + path);
  Formats fm = MakeFormats(wb);
  std::vector<std::string> names = LedgerSheetNames(forms);
  DateFormat date{tz, style};
  lxw_error err = LXW_NO_ERROR;
  for (size_t i = 0; i < forms.size() && err == LXW_NO_ERROR; ++i) {
    lxw_worksheet* ws = workbook_add_worksheet(wb, names[i].c_str());
    if (ws == nullptr) {
      workbook_close(wb);
      return Status::Internal("xlsx: cannot add worksheet " + names[i]);
    }
    err = WriteSheet(ws, BuildGrid(forms[i], date), LayoutOf(forms[i].kind), fm);
  }
  lxw_error close_err = workbook_close(wb);  // frees wb whatever happens
  if (err != LXW_NO_ERROR) return XlsxError("writing a worksheet", err);
  if (close_err != LXW_NO_ERROR) return XlsxError(("saving " + path).c_str(), close_err);
  return Status::Ok();
}

Result<std::string> RenderLedgerXlsx(const std::vector<LedgerForm>& forms, const TimeZone& tz, DateStyle style) {
  return export_util::XlsxBytes([&](const std::string& path) { return WriteLedgerXlsx(forms, tz, style, path); });
}

}  // namespace mamori
