#pragma once
// The two paper ledgers of regulation 000 (防衛省本省の内部部局情報保証実施規程), reproduced one
// form per item: 可搬記憶媒体管理簿 (portable storage medium) and 目的特化型機器管理簿
// (special-purpose device). The model is plain data, independent of the database; the caller
// fills it from whatever store it has. Rendering is pure except for WriteLedgerXlsx (a file).
//
// Layout of one form (CSV and XLSX share the same cell grid; 12 columns):
//   title line            可搬記憶媒体管理簿 / 目的特化型機器管理簿
//   number line           媒体番号：<control_no> / 機器番号：<control_no>
//   group line            番号 | group headers (番号 spans the group and column lines in XLSX)
//   column line           (blank under 番号) | column headers
//   rows                  番号 1..n, n = max(rows, kLedgerMinRows); missing rows are blank
//   footer lines          破棄（交付）日時 / 実施者 所属・名前 / 破棄立会者 所属・名前 (medium);
//                         廃棄等日時 / 廃棄等実施者 所属・氏名 (device)
//   note line             ※ この様式は一つの…ごとに作成するものとする。
// Times print with FormatDisplay (西暦 or 和暦) in the given zone; a missing time is an empty
// cell. A period prints as "from 〜 until" (a missing end leaves its side empty).

#include <optional>
#include <string>
#include <vector>

#include "base/clock.h"
#include "base/status.h"
#include "base/time.h"

namespace mamori {

// The paper forms have ten numbered lines; we print at least that many.
inline constexpr int kLedgerMinRows = 10;

// One numbered line of a ledger. Fields a form has no column for are ignored by that form.
struct LedgerRow {
  std::optional<Micros> started_at;   // 使用開始日時
  std::string user_name;              // 使用者名
  std::string purpose;                // 使用目的
  std::string place;                  // 設置場所（使用場所）: device only
  std::optional<Micros> returned_at;  // 返却日時
  std::string movement;  // 持出し・貸出し・交付の別: "", "持出し", "貸出し", "交付"; medium only
  std::optional<Micros> period_from;  // 持出し・貸出し期間 (medium) / 期間 (device)
  std::optional<Micros> period_until;
  std::optional<Micros> handover_at;  // 交付日時 (medium only): printed instead of the period when set
  std::string destination;            // 持出し・貸出し先 or 交付者名 (medium) / 貸出し相手 (device)
  std::string movement_purpose;       // 持出し・貸出し目的 or 交付目的 (medium) / 貸出し目的 (device)
  std::string copy_content;           // 複製する業務用データの内容
  std::string copy_counterparty;      // 複製する相手方
  std::string copy_purpose;           // 複製の目的 / 複製目的
};

// The end of an item's life: 破棄 or 交付 (medium), 廃棄等 (device).
struct LedgerFooter {
  std::optional<Micros> final_at;    // 破棄（交付）日時 / 廃棄等日時
  std::string executor_affiliation;  // 実施者 所属
  std::string executor_name;         // 実施者 名前 / 氏名
  std::string witness_affiliation;   // 破棄立会者 所属: medium only
  std::string witness_name;          // 破棄立会者 名前: medium only
};

// One ledger form: one item (medium or device) and its history.
struct LedgerForm {
  enum class Kind { kMedium, kDevice };
  Kind kind = Kind::kMedium;
  std::string control_no;       // 媒体番号 / 機器番号
  std::string item_type;        // e.g. "USBメモリ"; not on the paper, only in the flat CSV
  std::string custodian_unit;   // 管理部署; not on the paper, only in the flat CSV
  std::vector<LedgerRow> rows;  // in order; row i prints as 番号 i+1
  LedgerFooter footer;
};

// The forms as printed, one after the other with a blank line between them: UTF-8 with a BOM,
// CRLF line ends, RFC 4180 quoting (a field with a comma, quote, CR or LF is quoted; inner
// quotes doubled). Trailing empty cells of a line are left off.
std::string RenderLedgerCsv(const std::vector<LedgerForm>& forms, const TimeZone& tz, DateStyle style);

// For machines: one header line of snake_case names, then one line per row (control_no first,
// then kind "medium"/"device", item_type, custodian_unit, row_no, the row's fields, the footer's
// fields repeated). A form without rows gives one line with an empty row_no. Times are UTC
// ISO 8601 (FormatUtc); a period is two columns. Same BOM, CRLF and quoting as above.
std::string RenderLedgerCsvFlat(const std::vector<LedgerForm>& forms);

// The worksheet names WriteLedgerXlsx uses, one per form in order: the control number with
// []:*?/\ replaced by '_', a leading or trailing apostrophe replaced by '_', cut to 31
// characters, "番号なし" when empty, made unique (case-insensitively) with a "(2)", "(3)"… suffix.
std::vector<std::string> LedgerSheetNames(const std::vector<LedgerForm>& forms);

// Writes an .xlsx workbook to `path` (overwritten): one worksheet per form named as
// LedgerSheetNames gives, merged title and group headers, bordered and wrapped cells, A4
// landscape fitted to the page width, the group and column lines repeated on every printed page.
// Returns kInternal when the file cannot be written.
Status WriteLedgerXlsx(const std::vector<LedgerForm>& forms, const TimeZone& tz, DateStyle style,
                       const std::string& path);

// The bytes of the same workbook (through a temporary file, removed afterwards), e.g. for an
// HTTP download.
Result<std::string> RenderLedgerXlsx(const std::vector<LedgerForm>& forms, const TimeZone& tz, DateStyle style);

}  // namespace mamori
