#pragma once
// Pieces every export shares (internal to src/export, used by the form renderers): CSV fields and
// lines the way Excel reads them (UTF-8 with a BOM, CRLF), and rendering an .xlsx to bytes through a
// temporary file (libxlsxwriter writes files only).

#include <array>
#include <functional>
#include <string>
#include <vector>

#include "base/status.h"

struct lxw_workbook;
struct lxw_format;

namespace mamori::export_util {

inline constexpr const char* kBom = "\xEF\xBB\xBF";

// A CSV field, quoted when it holds a comma, quote or line break.
std::string CsvField(const std::string& s);

// Appends one CSV line (CRLF); `trim_trailing` drops empty cells at the end.
template <typename Cells>
void AppendCsvLine(std::string& out, const Cells& cells, bool trim_trailing) {
  size_t n = cells.size();
  while (trim_trailing && n > 0 && cells[n - 1].empty()) --n;
  for (size_t i = 0; i < n; ++i) {
    if (i > 0) out += ',';
    out += CsvField(cells[i]);
  }
  out += "\r\n";
}

// A merged rectangle of a form grid: rows r0..r1, columns c0..c1 (inclusive, 0-based).
struct Merge {
  int r0, c0, r1, c1;
};

// One paper form as a grid of `Cols` cells a row, each row tagged with the renderer's `RowKind`,
// shared by a form's CSV and XLSX writers.
template <int Cols, typename RowKind>
struct Grid {
  std::vector<std::array<std::string, Cols>> cells;
  std::vector<RowKind> kinds;
  std::vector<Merge> merges;

  // Appends an empty row; returns its index.
  int AddRow(RowKind kind) {
    cells.emplace_back();
    kinds.push_back(kind);
    return static_cast<int>(cells.size()) - 1;
  }
};

// A cell format of the paper forms: ＭＳ 明朝 at `size` points, vertically centred and wrapped, with a thin
// border, bold and horizontally centred as asked.
lxw_format* FormFormat(lxw_workbook* wb, bool border, bool bold, bool center, double size);

// Calls `write(path)` with a fresh temporary .xlsx path and returns the file's bytes (the file is removed).
Result<std::string> XlsxBytes(const std::function<Status(const std::string& path)>& write);

}  // namespace mamori::export_util
