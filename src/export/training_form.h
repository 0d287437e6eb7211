#pragma once
// The training record of regulation 000 (別紙様式第2 教育実施状況記録, 000 第5(3)), also used for the
// training records of 001 第7 4. The model is plain data, independent of the database; rendering is pure
// except for WriteTrainingXlsx (a file).
//
// Layout (CSV and XLSX share the same cell grid; 5 columns), as the printed form:
//   title line     教育実施状況記録
//   year line      年度：令和8年度 (西暦: 2026年度)
//   header lines   実施日 | 実施者 | 実施手段 | 局 課    | 室又はグループ
//                  (the first three span both lines) | 教育内容 | 被教育者
//   two lines per session, the same way: date, trainer and method span both lines; the second line holds
//                  the content and the audience with the number trained ("課員全員（12名）")
//   note lines     the form's (注) 1–3
// Dates print as the form does: 和暦 "令和8年11月22日" or 西暦 "2026/11/22".

#include <string>
#include <vector>

#include "base/status.h"
#include "base/time.h"

namespace mamori {

// One session as the form records it.
struct TrainingFormRow {
  std::string held_on;     // 実施日: local date "YYYY-MM-DD"
  std::string trainer;     // 実施者
  std::string method;      // 実施手段
  std::string unit;        // 局 課
  std::string room_group;  // 室又はグループ
  std::string content;     // 教育内容
  std::string audience;    // 被教育者: the audience …
  int64_t count = 0;       // … and the number trained
};

struct TrainingForm {
  int fiscal_year = 0;  // named by the calendar year it starts in; 0 = no year line text
  std::vector<TrainingFormRow> rows;
};

// A local date "YYYY-MM-DD" as the form prints it ("令和8年11月22日" / "2026/11/22"); other text as is.
std::string FormDate(const std::string& day, DateStyle style);
// "課員全員（12名）".
std::string TraineesText(const TrainingFormRow& row);

// The form as printed: UTF-8 with a BOM, CRLF line ends, RFC 4180 quoting; trailing empty cells of a
// line are left off (as RenderLedgerCsv).
std::string RenderTrainingCsv(const TrainingForm& form, DateStyle style);

// Writes an .xlsx workbook to `path` (overwritten): one worksheet "教育実施状況記録" with the merged
// cells of the layout above, bordered and wrapped, A4 portrait fitted to the page width, the header lines
// repeated on every printed page. kInternal when the file cannot be written.
Status WriteTrainingXlsx(const TrainingForm& form, DateStyle style, const std::string& path);
// The bytes of the same workbook (through a temporary file, removed afterwards).
Result<std::string> RenderTrainingXlsx(const TrainingForm& form, DateStyle style);

}  // namespace mamori
