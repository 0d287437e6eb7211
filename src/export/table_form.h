#pragma once
// A form that is one table: a title, a few heading lines, column headers, rows and closing notes —
// the shape of the rosters (取扱者名簿, 保護システム利用者名簿). Rendered as CSV (UTF-8 with BOM, the same
// lines as the sheet) and as one XLSX worksheet (A4 landscape, bordered table, header row repeated).
// Plain data; the caller fills it from whatever store it has.

#include <string>
#include <vector>

#include "base/status.h"

namespace mamori {

struct TableForm {
  std::string sheet_name;                         // at most 31 characters, none of []:*?/\ (XLSX)
  std::string title;                              // first line, e.g. 取扱者名簿
  std::vector<std::string> heading;               // lines under the title (version, confirmation …)
  std::vector<std::string> columns;               // column headers
  std::vector<std::vector<std::string>> rows;     // each as many cells as columns
  std::vector<double> widths;                     // column widths in characters (default 14)
  std::vector<std::string> notes;                 // lines after the table
};

// CSV: title, heading lines, a blank line, the header row, the rows, a blank line, the notes.
std::string RenderTableCsv(const TableForm& form);
// XLSX bytes of one worksheet laid out like the CSV.
Result<std::string> RenderTableXlsx(const TableForm& form);

}  // namespace mamori
