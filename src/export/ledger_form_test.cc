#include "export/ledger_form.h"

#include "testing/csv_reader.h"
#include "testing/xlsx_reader.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

namespace mamori {
namespace {

using Lines = std::vector<std::vector<std::string>>;
using Cells = std::vector<std::string>;
const std::string kBom = "\xEF\xBB\xBF";

Micros At(const char* iso) { return ParseTimestamp(iso).value(); }

Lines ParseCsv(const std::string& text) { return testing::ReadFormCsv(text); }

LedgerForm Medium() {
  LedgerForm f;
  f.kind = LedgerForm::Kind::kMedium;
  f.control_no = "MB-001";
  f.item_type = "USBメモリ";
  f.custodian_unit = "情報保証室";
  LedgerRow a;
  a.started_at = At("2026-11-22T01:30:00Z");
  a.user_name = "鈴木 一郎";
  a.purpose = "会議資料, \"最終版\"\n別紙";
  a.returned_at = At("2026-11-22T08:00:00Z");
  a.movement = "持出し";
  a.period_from = At("2026-11-22T01:30:00Z");
  a.period_until = At("2026-11-23T08:00:00Z");
  a.destination = "統合幕僚監部";
  a.movement_purpose = "説明";
  a.copy_content = "説明資料";
  a.copy_counterparty = "統合幕僚監部 担当者";
  a.copy_purpose = "事前確認";
  LedgerRow b;
  b.movement = "交付";
  b.handover_at = At("2026-11-30T00:00:00Z");
  b.destination = "高橋 次郎";
  b.movement_purpose = "移管";
  f.rows = {a, b};
  f.footer = {At("2026-12-01T00:00:00Z"), "情報保証室", "山田 太郎", "総務課", "佐藤 花子"};
  return f;
}

LedgerForm Device() {
  LedgerForm f;
  f.kind = LedgerForm::Kind::kDevice;
  f.control_no = "DV/002";
  LedgerRow a;
  a.started_at = At("2026-11-22T01:30:00Z");
  a.user_name = "田中 三郎";
  a.purpose = "撮影";
  a.place = "第1会議室";
  a.period_from = At("2026-11-24T00:00:00Z");
  a.destination = "陸上幕僚監部";
  a.movement_purpose = "記録";
  f.rows = {a};
  f.footer = {std::nullopt, "情報保証室", "伊藤 四郎", "無視される", "無視される"};
  return f;
}

const TimeZone kTokyo;

const Cells kMediumGroups = {"番号", "可搬記憶媒体の使用",
                             "",     "",
                             "",     "可搬記憶媒体の一時持出し・貸出し・交付",
                             "",     "",
                             "",     "持ち出し又は貸出し先における業務用データの複製"};
const Cells kMediumColumns = {"",
                              "使用開始日時",
                              "使用者名",
                              "使用目的",
                              "返却日時",
                              "持出し・貸出し・交付の別",
                              "持出し・貸出し期間（交付日時）",
                              "持出し・貸出し先（交付者名）",
                              "持出し・貸出し目的（交付目的）",
                              "複製する業務用データの内容",
                              "複製する相手方",
                              "複製の目的"};
const Cells kDeviceGroups = {
    "番号", "目的特化型機器の使用",       "", "", "",
    "",     "目的特化型機器の一時貸出し", "", "", "持出し又は貸出し先における業務用データの複製"};
const Cells kDeviceColumns = {"",
                              "使用開始日時",
                              "使用者名",
                              "使用目的",
                              "設置場所（使用場所）",
                              "返却日時",
                              "期間",
                              "貸出し相手",
                              "貸出し目的",
                              "複製する業務用データの内容",
                              "複製する相手方",
                              "複製目的"};

TEST(LedgerCsv, BomCrlfAndQuoting) {
  std::string csv = RenderLedgerCsv({Medium()}, kTokyo, DateStyle::kSeireki);
  ASSERT_EQ(csv.substr(0, 3), kBom);
  EXPECT_NE(csv.find("\r\n"), std::string::npos);
  EXPECT_NE(csv.find(",\"会議資料, \"\"最終版\"\"\n別紙\","), std::string::npos) << csv;
  Lines lines = ParseCsv(csv);
  ASSERT_GT(lines.size(), 4u);
  EXPECT_EQ(lines[4][3], "会議資料, \"最終版\"\n別紙");
}

TEST(LedgerCsv, QuotesEachSpecialCharacterAlone) {
  LedgerForm f = Medium();
  f.rows.resize(1);
  f.rows[0].copy_content = "行1\n行2";        // LF only
  f.rows[0].copy_counterparty = "甲 \"乙\"";  // quote only
  f.rows[0].copy_purpose = "丙\r丁";          // CR only
  f.rows[0].movement_purpose = "plain";
  std::string csv = RenderLedgerCsv({f}, kTokyo, DateStyle::kSeireki);
  EXPECT_NE(csv.find(",統合幕僚監部,plain,"), std::string::npos) << "no quotes when not needed";
  EXPECT_NE(csv.find(",plain,\"行1\n行2\",\"甲 \"\"乙\"\"\",\"丙\r丁\"\r\n"), std::string::npos) << csv;
  Lines lines = ParseCsv(csv);
  EXPECT_EQ(lines[4][9], "行1\n行2");
  EXPECT_EQ(lines[4][10], "甲 \"乙\"");
  EXPECT_EQ(lines[4][11], "丙\r丁");
}

TEST(LedgerCsv, MediumTitleAndHeaders) {
  Lines lines = ParseCsv(RenderLedgerCsv({Medium()}, kTokyo, DateStyle::kSeireki));
  ASSERT_GE(lines.size(), 4u);
  EXPECT_EQ(lines[0], Cells{"可搬記憶媒体管理簿"});
  EXPECT_EQ(lines[1], Cells{"媒体番号：MB-001"});
  EXPECT_EQ(lines[2], kMediumGroups);
  EXPECT_EQ(lines[3], kMediumColumns);
}

TEST(LedgerCsv, DeviceTitleAndHeaders) {
  Lines lines = ParseCsv(RenderLedgerCsv({Device()}, kTokyo, DateStyle::kSeireki));
  ASSERT_GE(lines.size(), 4u);
  EXPECT_EQ(lines[0], Cells{"目的特化型機器管理簿"});
  EXPECT_EQ(lines[1], Cells{"機器番号：DV/002"});
  EXPECT_EQ(lines[2], kDeviceGroups);
  EXPECT_EQ(lines[3], kDeviceColumns);
}

TEST(LedgerCsv, SeirekiDataCells) {
  Lines lines = ParseCsv(RenderLedgerCsv({Medium(), Device()}, kTokyo, DateStyle::kSeireki));
  EXPECT_EQ(lines[4], (Cells{"1", "2026/11/22 10:30", "鈴木 一郎", "会議資料, \"最終版\"\n別紙", "2026/11/22 17:00",
                             "持出し", "2026/11/22 10:30 〜 2026/11/23 17:00", "統合幕僚監部", "説明", "説明資料",
                             "統合幕僚監部 担当者", "事前確認"}));
  EXPECT_EQ(lines[5], (Cells{"2", "", "", "", "", "交付", "2026/11/30 09:00", "高橋 次郎", "移管"}));
  EXPECT_EQ(lines[6], Cells{"3"});
  size_t dev = 18 + 1;  // 18 lines of the medium form, then a blank line
  ASSERT_EQ(lines[dev - 1], Cells{});
  EXPECT_EQ(lines[dev + 4], (Cells{"1", "2026/11/22 10:30", "田中 三郎", "撮影", "第1会議室", "", "2026/11/24 09:00 〜",
                                   "陸上幕僚監部", "記録"}));
}

TEST(LedgerCsv, WarekiDataCells) {
  Lines lines = ParseCsv(RenderLedgerCsv({Medium()}, kTokyo, DateStyle::kWareki));
  EXPECT_EQ(lines[4][1], "令和8年11月22日 10:30");
  EXPECT_EQ(lines[4][4], "令和8年11月22日 17:00");
  EXPECT_EQ(lines[4][6], "令和8年11月22日 10:30 〜 令和8年11月23日 17:00");
  EXPECT_EQ(lines[14][2], "令和8年12月1日 09:00");
}

TEST(LedgerCsv, MediumFooterWithWitness) {
  Lines lines = ParseCsv(RenderLedgerCsv({Medium()}, kTokyo, DateStyle::kSeireki));
  ASSERT_EQ(lines.size(), 18u);  // title, number, 2 header lines, 10 rows, 3 footer lines, note
  EXPECT_EQ(lines[13][0], "10");
  EXPECT_EQ(lines[14], (Cells{"破棄（交付）日時", "", "2026/12/01 09:00"}));
  EXPECT_EQ(lines[15], (Cells{"破棄（交付）実施者", "", "所属", "情報保証室", "", "", "名前", "山田 太郎"}));
  EXPECT_EQ(lines[16], (Cells{"破棄立会者", "", "所属", "総務課", "", "", "名前", "佐藤 花子"}));
  EXPECT_EQ(lines[17], Cells{"※ この様式は一つの可搬記憶媒体ごとに作成するものとする。"});
}

TEST(LedgerCsv, DeviceFooterHasNoWitness) {
  Lines lines = ParseCsv(RenderLedgerCsv({Device()}, kTokyo, DateStyle::kSeireki));
  ASSERT_EQ(lines.size(), 17u);
  EXPECT_EQ(lines[14], Cells{"廃棄等日時"});
  EXPECT_EQ(lines[15], (Cells{"廃棄等実施者", "", "所属", "情報保証室", "", "", "氏名", "伊藤 四郎"}));
  EXPECT_EQ(lines[16], Cells{"※ この様式は一つの目的特化型機器ごとに作成するものとする。"});
}

TEST(LedgerCsv, AtLeastTenNumberedRowsAndAllRowsBeyond) {
  LedgerForm empty = Device();
  empty.rows.clear();
  Lines lines = ParseCsv(RenderLedgerCsv({empty}, kTokyo, DateStyle::kSeireki));
  for (int i = 0; i < 10; ++i) EXPECT_EQ(lines[4 + i], Cells{std::to_string(i + 1)});
  EXPECT_EQ(lines[14][0], "廃棄等日時");

  LedgerForm many = Medium();
  many.rows.resize(13);
  lines = ParseCsv(RenderLedgerCsv({many}, kTokyo, DateStyle::kSeireki));
  EXPECT_EQ(lines[16], Cells{"13"});
  EXPECT_EQ(lines[17][0], "破棄（交付）日時");
}

TEST(LedgerCsv, FlatOneLinePerRow) {
  LedgerForm empty = Device();
  empty.rows.clear();
  Lines lines = ParseCsv(RenderLedgerCsvFlat({Medium(), empty}));
  ASSERT_EQ(lines.size(), 4u);
  EXPECT_EQ(lines[0][0], "control_no");
  EXPECT_EQ(lines[0].size(), 24u);
  EXPECT_EQ(lines[1][0], "MB-001");
  EXPECT_EQ(lines[1][1], "medium");
  EXPECT_EQ(lines[1][4], "1");
  EXPECT_EQ(lines[1][5], "2026-11-22T01:30:00.000Z");
  EXPECT_EQ(lines[1][7], "会議資料, \"最終版\"\n別紙");
  EXPECT_EQ(lines[2][13], "2026-11-30T00:00:00.000Z");
  EXPECT_EQ(lines[2][23], "佐藤 花子");
  EXPECT_EQ(lines[3][0], "DV/002");
  EXPECT_EQ(lines[3][4], "");
}

TEST(LedgerSheetNames, SanitizedTruncatedUnique) {
  std::vector<LedgerForm> forms(7);
  forms[0].control_no = "MB-1";
  forms[1].control_no = "mb-1";
  forms[2].control_no = "A[1]:B*C?D/E\\F";
  forms[3].control_no = std::string(40, 'X');
  forms[4].control_no = std::string(40, 'X');
  forms[5].control_no = "";
  forms[6].control_no = "'" + std::string(35, 'Z') + "可搬";  // cut at 31 characters
  std::vector<std::string> names = LedgerSheetNames(forms);
  EXPECT_EQ(names[0], "MB-1");
  EXPECT_EQ(names[1], "mb-1(2)");
  EXPECT_EQ(names[2], "A_1__B_C_D_E_F");
  EXPECT_EQ(names[3], std::string(31, 'X'));
  EXPECT_EQ(names[4], std::string(28, 'X') + "(2)");
  EXPECT_EQ(names[5], "番号なし");
  EXPECT_EQ(names[6], "_" + std::string(30, 'Z'));
}

// ---- XLSX, read back with openpyxl ----

const char kReader[] = R"PY(
import json, sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
out = []
for ws in wb.worksheets:
    cells = [["" if c.value is None else str(c.value) for c in row]
             for row in ws.iter_rows(min_row=1, max_row=ws.max_row, max_col=ws.max_column)]
    out.append({"name": ws.title, "cells": cells,
                "merged": sorted(str(r) for r in ws.merged_cells.ranges),
                "orientation": ws.page_setup.orientation,
                "paper": str(ws.page_setup.paperSize),
                "title_rows": str(ws.print_title_rows),
                "wrap": bool(ws["B5"].alignment.wrap_text),
                "border": str(ws["L5"].border.left.style)})
print(json.dumps(out))
)PY";

std::filesystem::path TempDir() { return testing::ScratchDir("ledger_test"); }

nlohmann::json ReadBack(const std::string& xlsx) { return testing::ReadXlsxWith(kReader, xlsx); }

// The CSV lines of one form padded to the 12 columns of a sheet.
Lines Padded(const Lines& lines) {
  Lines out = lines;
  for (auto& l : out) l.resize(12);
  return out;
}

TEST(LedgerXlsx, SheetsCellsMergesAndPrintSetup) {
  std::vector<LedgerForm> forms = {Medium(), Device(), Medium()};
  std::string path = (TempDir() / "ledger.xlsx").string();
  ASSERT_TRUE(WriteLedgerXlsx(forms, kTokyo, DateStyle::kWareki, path).ok());
  nlohmann::json book = ReadBack(path);
  ASSERT_TRUE(book.is_array()) << book;
  ASSERT_EQ(book.size(), 3u);
  EXPECT_EQ(book[0]["name"], "MB-001");
  EXPECT_EQ(book[1]["name"], "DV_002");
  EXPECT_EQ(book[2]["name"], "MB-001(2)");

  const nlohmann::json& m = book[0];
  Lines cells = m["cells"].get<Lines>();
  ASSERT_EQ(cells.size(), 18u);
  EXPECT_EQ(cells[0][0], "可搬記憶媒体管理簿");
  EXPECT_EQ(cells[1][0], "媒体番号：MB-001");
  Cells groups = kMediumGroups;
  groups.resize(12);
  EXPECT_EQ(cells[2], groups);
  EXPECT_EQ(cells[3], kMediumColumns);
  EXPECT_EQ(cells[4][1], "令和8年11月22日 10:30");
  EXPECT_EQ(cells[4][3], "会議資料, \"最終版\"\n別紙");
  EXPECT_EQ(cells[13][0], "10");
  EXPECT_EQ(cells[16][0], "破棄立会者");
  EXPECT_EQ(cells[16][3], "総務課");
  EXPECT_EQ(cells[16][7], "佐藤 花子");
  // Every cell agrees with the CSV of the same form.
  EXPECT_EQ(cells, Padded(ParseCsv(RenderLedgerCsv({Medium()}, kTokyo, DateStyle::kWareki))));
  Lines device = book[1]["cells"].get<Lines>();
  EXPECT_EQ(device[3], kDeviceColumns);
  EXPECT_EQ(device, Padded(ParseCsv(RenderLedgerCsv({Device()}, kTokyo, DateStyle::kWareki))));

  auto merged = m["merged"].get<std::vector<std::string>>();
  for (const char* range :
       {"A1:L1", "A2:D2", "A3:A4", "B3:E3", "F3:I3", "J3:L3", "A15:B15", "C15:J15", "D16:F16", "H17:J17", "A18:L18"}) {
    EXPECT_NE(std::find(merged.begin(), merged.end(), range), merged.end()) << range;
  }
  auto dmerged = book[1]["merged"].get<std::vector<std::string>>();
  for (const char* range : {"B3:F3", "G3:I3", "J3:L3"}) {
    EXPECT_NE(std::find(dmerged.begin(), dmerged.end(), range), dmerged.end()) << range;
  }
  EXPECT_EQ(m["orientation"], "landscape");
  EXPECT_EQ(m["paper"], "9");
  EXPECT_NE(m["title_rows"].get<std::string>().find("3:$4"), std::string::npos) << m["title_rows"];
  EXPECT_TRUE(m["wrap"].get<bool>());
  EXPECT_EQ(m["border"], "thin");
}

TEST(LedgerXlsx, RenderReturnsTheWorkbookBytes) {
  Result<std::string> bytes = RenderLedgerXlsx({Device()}, kTokyo, DateStyle::kSeireki);
  ASSERT_TRUE(bytes.ok()) << bytes.status().ToString();
  ASSERT_GT(bytes->size(), 100u);
  EXPECT_EQ(bytes->substr(0, 2), "PK");
  std::string path = (TempDir() / "bytes.xlsx").string();
  std::ofstream(path, std::ios::binary) << *bytes;
  nlohmann::json book = ReadBack(path);
  ASSERT_TRUE(book.is_array()) << book;
  EXPECT_EQ(book[0]["name"], "DV_002");
  EXPECT_EQ(book[0]["cells"][4][1], "2026/11/22 10:30");
}

TEST(LedgerXlsx, UnwritablePathIsAnInternalError) {
  Status st = WriteLedgerXlsx({Medium()}, kTokyo, DateStyle::kSeireki, "/nonexistent-dir/x.xlsx");
  EXPECT_EQ(st.kind(), ErrorKind::kInternal);
}

}  // namespace
}  // namespace mamori
