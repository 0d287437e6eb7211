#include "export/table_form.h"

#include <xlsxwriter.h>

#include "export/export_util.h"

namespace mamori {
namespace {

// The cell grid shared by CSV and XLSX, with the row where the table's header is.
struct Layout {
  std::vector<std::vector<std::string>> lines;
  size_t header_row = 0, first_data = 0, end_data = 0;
};

Layout Lay(const TableForm& f) {
  Layout l;
  l.lines.push_back({f.title});
  for (const std::string& h : f.heading) l.lines.push_back({h});
  l.lines.push_back({});
  l.header_row = l.lines.size();
  l.lines.push_back(f.columns);
  l.first_data = l.lines.size();
  for (const auto& r : f.rows) l.lines.push_back(r);
  l.end_data = l.lines.size();
  if (!f.notes.empty()) l.lines.push_back({});
  for (const std::string& n : f.notes) l.lines.push_back({n});
  return l;
}

Status XlsxError(const char* what, lxw_error err) {
  return Status::Internal(std::string("xlsx: ") + what + ": " + lxw_strerror(err));
}

Status WriteTableXlsx(const TableForm& f, const std::string& path) {
  lxw_workbook* wb = workbook_new(path.c_str());
  if (wb == nullptr) return Status::Internal("xlsx: cannot create workbook " + path);
  lxw_format* title = workbook_add_format(wb);
  format_set_bold(title);
  format_set_font_size(title, 14);
  lxw_format* head = workbook_add_format(wb);
  format_set_bold(head);
  format_set_border(head, LXW_BORDER_THIN);
  format_set_bg_color(head, 0xE7E6E6);
  format_set_text_wrap(head);
  format_set_align(head, LXW_ALIGN_CENTER);
  format_set_align(head, LXW_ALIGN_VERTICAL_CENTER);
  lxw_format* cell = workbook_add_format(wb);
  format_set_border(cell, LXW_BORDER_THIN);
  format_set_text_wrap(cell);
  format_set_align(cell, LXW_ALIGN_VERTICAL_TOP);
  lxw_worksheet* ws = workbook_add_worksheet(wb, f.sheet_name.empty() ? nullptr : f.sheet_name.c_str());
  if (ws == nullptr) {
    workbook_close(wb);
    return Status::Internal("xlsx: cannot add worksheet " + f.sheet_name);
  }
  const Layout l = Lay(f);
  lxw_error err = LXW_NO_ERROR;
  for (size_t r = 0; r < l.lines.size() && err == LXW_NO_ERROR; ++r) {
    const bool table = r >= l.header_row && r < l.end_data;
    lxw_format* fmt = r == 0 ? title : r == l.header_row ? head : table ? cell : nullptr;
    for (size_t c = 0; c < l.lines[r].size() && err == LXW_NO_ERROR; ++c)
      err = worksheet_write_string(ws, static_cast<lxw_row_t>(r), static_cast<lxw_col_t>(c), l.lines[r][c].c_str(), fmt);
  }
  for (size_t c = 0; c < f.columns.size(); ++c)
    worksheet_set_column(ws, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c), c < f.widths.size() ? f.widths[c] : 14,
                         nullptr);
  worksheet_set_landscape(ws);
  worksheet_set_paper(ws, 9);  // A4
  worksheet_fit_to_pages(ws, 1, 0);
  worksheet_repeat_rows(ws, static_cast<lxw_row_t>(l.header_row), static_cast<lxw_row_t>(l.header_row));
  lxw_error close_err = workbook_close(wb);
  if (err != LXW_NO_ERROR) return XlsxError("writing the worksheet", err);
  if (close_err != LXW_NO_ERROR) return XlsxError(("saving " + path).c_str(), close_err);
  return Status::Ok();
}

}  // namespace

std::string RenderTableCsv(const TableForm& form) {
  std::string out = export_util::kBom;
  for (const auto& line : Lay(form).lines) export_util::AppendCsvLine(out, line, true);
  return out;
}

Result<std::string> RenderTableXlsx(const TableForm& form) {
  return export_util::XlsxBytes([&](const std::string& path) { return WriteTableXlsx(form, path); });
}

}  // namespace mamori
