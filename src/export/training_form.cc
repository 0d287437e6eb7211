#include "export/training_form.h"

#include "export/export_util.h"

#include <xlsxwriter.h>

#include <unistd.h>

#include <array>
#include <cstdio>

namespace mamori {
namespace {

constexpr int kCols = 5;
constexpr const char* kTitle = "教育実施状況記録";
constexpr const char* kSheet = "教育実施状況記録";
constexpr std::array<double, kCols> kWidths = {17, 16, 18, 24, 24};
const char* const kNotes[] = {
    "(注) 1 「実施手段」の欄には、集合教育、ホームページ掲載、メールによる資料送付等教育の手段を記入する。",
    "2 「教育内容」の欄には、教育内容の概要を記入する。",
    "3 「被教育者」の欄には、対象者（例：課員全員、システム担当者）及び教育を受けた人数を記入する。"};

enum class RowKind { kTitle, kYear, kHeader, kData, kNote };

using export_util::Merge;
using Grid = export_util::Grid<kCols, RowKind>;

// "令和8年度" / "2026年度" for the fiscal year starting in `year`.
std::string YearText(int year, DateStyle style) {
  if (style == DateStyle::kSeireki) return std::to_string(year) + "年度";
  const std::string d = WarekiDate(year, 4, 1);
  return d.substr(0, d.find("年") + std::string("年").size()) + "度";
}

// Two lines of one record (or of the header): the first three cells span both lines.
void AddPair(Grid& g, RowKind kind, const std::array<std::string, kCols>& top, const std::string& bottom3,
             const std::string& bottom4) {
  const int r = g.AddRow(kind);
  g.cells[r] = top;
  const int r2 = g.AddRow(kind);
  g.cells[r2][3] = bottom3;
  g.cells[r2][4] = bottom4;
  for (int c = 0; c < 3; ++c) g.merges.push_back({r, c, r2, c});
}

Grid BuildGrid(const TrainingForm& form, DateStyle style) {
  Grid g;
  int r = g.AddRow(RowKind::kTitle);
  g.cells[r][0] = kTitle;
  g.merges.push_back({r, 0, r, kCols - 1});
  r = g.AddRow(RowKind::kYear);
  g.cells[r][0] = "年度：" + (form.fiscal_year ? YearText(form.fiscal_year, style) : std::string());
  g.merges.push_back({r, 0, r, kCols - 1});
  AddPair(g, RowKind::kHeader, {"実施日", "実施者", "実施手段", "局 課", "室又はグループ"}, "教育内容", "被教育者");
  for (const TrainingFormRow& row : form.rows)
    AddPair(g, RowKind::kData, {FormDate(row.held_on, style), row.trainer, row.method, row.unit, row.room_group},
            row.content, TraineesText(row));
  for (const char* note : kNotes) {
    r = g.AddRow(RowKind::kNote);
    g.cells[r][0] = note;
    g.merges.push_back({r, 0, r, kCols - 1});
  }
  return g;
}

// ---- XLSX ----

struct Formats {
  lxw_format *title, *year, *header, *cell, *note;
};

Formats MakeFormats(lxw_workbook* wb) {
  using export_util::FormFormat;
  Formats fm{FormFormat(wb, false, true, true, 14), FormFormat(wb, false, false, false, 11),
             FormFormat(wb, true, false, true, 10), FormFormat(wb, true, false, false, 10),
             FormFormat(wb, false, false, false, 9)};
  format_set_bg_color(fm.header, 0xEEEEEE);
  return fm;
}

lxw_format* FormatFor(const Formats& fm, RowKind kind) {
  switch (kind) {
    case RowKind::kTitle:
      return fm.title;
    case RowKind::kYear:
      return fm.year;
    case RowKind::kHeader:
      return fm.header;
    case RowKind::kData:
      return fm.cell;
    case RowKind::kNote:
      return fm.note;
  }
  return fm.cell;
}

lxw_error WriteCells(lxw_worksheet* ws, const Grid& g, const Formats& fm) {
  std::vector<std::array<bool, kCols>> covered(g.cells.size());
  for (const Merge& m : g.merges) {
    lxw_error err = worksheet_merge_range(ws, m.r0, m.c0, m.r1, m.c1, g.cells[m.r0][m.c0].c_str(),
                                          FormatFor(fm, g.kinds[m.r0]));
    if (err != LXW_NO_ERROR) return err;
    for (int r = m.r0; r <= m.r1; ++r)
      for (int c = m.c0; c <= m.c1; ++c) covered[r][c] = true;
  }
  for (size_t r = 0; r < g.cells.size(); ++r)
    for (int c = 0; c < kCols; ++c) {
      const bool bordered = g.kinds[r] == RowKind::kHeader || g.kinds[r] == RowKind::kData;
      if (covered[r][c] || (g.cells[r][c].empty() && !bordered)) continue;
      lxw_error err = worksheet_write_string(ws, r, c, g.cells[r][c].c_str(), FormatFor(fm, g.kinds[r]));
      if (err != LXW_NO_ERROR) return err;
    }
  return LXW_NO_ERROR;
}

lxw_error WriteSheet(lxw_worksheet* ws, const Grid& g, const Formats& fm) {
  lxw_error err = WriteCells(ws, g, fm);
  if (err != LXW_NO_ERROR) return err;
  for (int c = 0; c < kCols; ++c) worksheet_set_column(ws, c, c, kWidths[c], nullptr);
  worksheet_set_row(ws, 0, 24, nullptr);
  worksheet_set_portrait(ws);
  worksheet_set_paper(ws, 9);  // A4
  worksheet_set_margins(ws, 0.5, 0.5, 0.7, 0.7);
  worksheet_center_horizontally(ws);
  worksheet_fit_to_pages(ws, 1, 0);
  worksheet_freeze_panes(ws, 4, 0);
  return worksheet_repeat_rows(ws, 2, 3);
}

}  // namespace

std::string FormDate(const std::string& day, DateStyle style) {
  int y = 0, m = 0, d = 0;
  if (day.size() != 10 || !ParseDigits(day, 0, 4, y) || !ParseDigits(day, 5, 2, m) || !ParseDigits(day, 8, 2, d))
    return day;
  if (style == DateStyle::kWareki) return WarekiDate(y, m, d);
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d/%02d/%02d", y, m, d);
  return buf;
}

std::string TraineesText(const TrainingFormRow& row) {
  return row.audience + "（" + std::to_string(row.count) + "名）";
}

std::string RenderTrainingCsv(const TrainingForm& form, DateStyle style) {
  std::string out = export_util::kBom;
  for (const auto& line : BuildGrid(form, style).cells) export_util::AppendCsvLine(out, line, true);
  return out;
}

Status WriteTrainingXlsx(const TrainingForm& form, DateStyle style, const std::string& path) {
  lxw_workbook* wb = workbook_new(path.c_str());
  if (wb == nullptr) return Status::Internal("xlsx: cannot create workbook " + path);
  Formats fm = MakeFormats(wb);
  lxw_worksheet* ws = workbook_add_worksheet(wb, kSheet);
  lxw_error err = ws ? WriteSheet(ws, BuildGrid(form, style), fm) : LXW_ERROR_MEMORY_MALLOC_FAILED;
  lxw_error close_err = workbook_close(wb);  // frees wb whatever happens
  if (err != LXW_NO_ERROR) return Status::Internal(std::string("xlsx: writing the worksheet: ") + lxw_strerror(err));
  if (close_err != LXW_NO_ERROR)
    return Status::Internal("xlsx: saving " + path + ": " + lxw_strerror(close_err));
  return Status::Ok();
}

Result<std::string> RenderTrainingXlsx(const TrainingForm& form, DateStyle style) {
  return export_util::XlsxBytes([&](const std::string& path) { return WriteTrainingXlsx(form, style, path); });
}

}  // namespace mamori
