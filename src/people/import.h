#pragma once
// Importing people from a CSV file (issue 5 item 7): the export of an HR system or an Excel sheet, in
// UTF-8 (with or without BOM) or Shift_JIS (Excel's "CSV (コンマ区切り)" on Japanese Windows, CP932).
//
// The file's first line names the columns, in Japanese or English (any order; unknown columns are an
// error so that a misspelt header is not silently ignored):
//   氏 / family_name (required)      名 / given_name (required)     所属コード / unit_code (required)
//   官名又は階級 / title              区分 / kind (職員・非常勤・派遣等・来訪者 or employee, non_regular,
//                                     contractor, visitor; default 職員)
//   メール / email                    生年月日 / birth_date (YYYY-MM-DD or YYYY/MM/DD)
//   国籍 / nationality                役職 / position
// A row whose e-mail matches an existing person updates that person (unit, title, kind, name); any other
// row creates a person. Date of birth, nationality and position (all three or none) are recorded as the
// roster's particulars. Planning reads only; `person.import` applies a plan's rows in one transaction,
// so a bad row anywhere writes nothing. Every problem names the line and column (1-based) of the file.

#include <string>
#include <vector>

#include "base/status.h"
#include "engine/tx.h"
#include "store/store.h"

namespace mamori {

class Engine;

// The file as UTF-8 text. `encoding`: "auto" (UTF-8 if the bytes are valid UTF-8, else Shift_JIS),
// "utf-8" or "shift_jis". A BOM is dropped. kInvalidArgument "import.encoding" naming the first bad byte.
Result<std::string> DecodeCsvBytes(const std::string& bytes, const std::string& encoding);

// One record of a CSV file and the file line it starts on.
struct CsvRecord {
  int line = 0;
  std::vector<std::string> cells;
};
// RFC 4180 records (CRLF or LF; quoted fields may hold commas, quotes and line breaks; blank lines are
// skipped). Errors ("import.csv_malformed") name the line and column.
Result<std::vector<CsvRecord>> ParseCsv(const std::string& text);

struct ImportRow {
  int line = 0;  // of the file
  std::string action;  // create | update | unchanged
  int64_t person_id = 0;  // update/unchanged
  Json fields;            // family_name, given_name, unit_id, unit_code, title, kind, email, particulars…
  std::vector<std::string> changes;  // update: the fields that change
};

// What importing `rows` (ParseCsv output, header first) would do, read against `conn`; the first problem
// found (unknown column, missing value, unknown unit code, bad date or kind, duplicate e-mail in the file)
// as an error naming line and column.
Result<std::vector<ImportRow>> PlanPersonImport(Conn& conn, const std::vector<CsvRecord>& rows);

// Whether `tx`'s actor may import people at all, checked before the file is read: the system actor, or a
// person holding org.admin in some unit (kForbidden "authz.denied" with org.admin's clause otherwise).
Status AuthorizeImporter(Tx& tx);

// What person.import would do with `csv` (UTF-8) as `tx`'s actor, with every check the command makes
// and nothing written: AuthorizeImporter, then ParseCsv and PlanPersonImport (an empty file is refused), then
// per row org.admin on its unit (and, for an update, on the person's current unit) and people.particulars
// where particulars are given. A Tx on a read connection will do (for a dry run): it only reads.
// Refusals about the particulars cite people.particulars' clause (001 第5 2(1)エ) when the organization's
// profiles define it; the file-format refusals carry no clause, their messages naming line and column.
Result<std::vector<ImportRow>> PlanPersonImportAs(Tx& tx, const std::string& csv);

// The plan as JSON: [{line, action, person_id, fields, changes}].
Json PlanJson(const std::vector<ImportRow>& plan);

void RegisterImportCommands(Engine& engine);

}  // namespace mamori
