#include "export/training_form.h"

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
const std::string kBom = "\xEF\xBB\xBF";

Lines ParseCsv(const std::string& text) { return testing::ReadFormCsv(text); }

TrainingForm Form() {
  TrainingForm f;
  f.fiscal_year = 2026;
  f.rows.push_back({"2026-05-01", "サイバー整備課長", "集合教育", "整備計画局 サイバー整備課", "",
                    "情報漏えい対応を含む情報保証教育, \"年次\"\n資料配布", "課員全員", 12});
  f.rows.push_back({"2027-01-15", "情報システム情報保証責任者", "メールによる資料送付", "情報通信課", "運用グループ",
                    "システム特有の問題点", "システム利用者", 3});
  return f;
}

const std::vector<std::string> kHeader1 = {"実施日", "実施者", "実施手段", "局 課", "室又はグループ"};
const std::vector<std::string> kHeader2 = {"", "", "", "教育内容", "被教育者"};

TEST(TrainingForm, DatesPrintAsTheFormDoes) {
  EXPECT_EQ(FormDate("2026-05-01", DateStyle::kWareki), "令和8年5月1日");
  EXPECT_EQ(FormDate("2019-05-01", DateStyle::kWareki), "令和元年5月1日");
  EXPECT_EQ(FormDate("2026-05-01", DateStyle::kSeireki), "2026/05/01");
  EXPECT_EQ(FormDate("not a date", DateStyle::kWareki), "not a date");
}

TEST(TrainingCsv, TitleHeaderAndTwoLinesPerSession) {
  const Lines l = ParseCsv(RenderTrainingCsv(Form(), DateStyle::kWareki));
  ASSERT_EQ(l.size(), 11u);  // title, year, 2 header, 2 × 2 sessions, 3 notes
  EXPECT_EQ(l[0], std::vector<std::string>{"教育実施状況記録"});
  EXPECT_EQ(l[1], std::vector<std::string>{"年度：令和8年度"});
  EXPECT_EQ(l[2], kHeader1);
  EXPECT_EQ(l[3], kHeader2);
  EXPECT_EQ(l[4], (std::vector<std::string>{"令和8年5月1日", "サイバー整備課長", "集合教育", "整備計画局 サイバー整備課"}));
  EXPECT_EQ(l[5], (std::vector<std::string>{"", "", "", "情報漏えい対応を含む情報保証教育, \"年次\"\n資料配布",
                                            "課員全員（12名）"}));
  EXPECT_EQ(l[6][0], "令和9年1月15日");
  EXPECT_EQ(l[6][4], "運用グループ");
  EXPECT_EQ(l[7][4], "システム利用者（3名）");
  EXPECT_EQ(l[8][0].rfind("(注) 1 「実施手段」", 0), 0u);
  EXPECT_EQ(l[10][0].rfind("3 「被教育者」", 0), 0u);
}

TEST(TrainingCsv, SeirekiAndAnEmptyYear) {
  TrainingForm empty;
  empty.fiscal_year = 2026;
  const Lines l = ParseCsv(RenderTrainingCsv(empty, DateStyle::kSeireki));
  ASSERT_EQ(l.size(), 7u);
  EXPECT_EQ(l[1][0], "年度：2026年度");
  EXPECT_EQ(ParseCsv(RenderTrainingCsv(Form(), DateStyle::kSeireki))[4][0], "2026/05/01");
}

// ---- XLSX, read back with openpyxl ----

const char kReader[] = R"PY(
import json, sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb.worksheets[0]
cells = [["" if c.value is None else str(c.value) for c in row]
         for row in ws.iter_rows(min_row=1, max_row=ws.max_row, max_col=ws.max_column)]
print(json.dumps({"sheets": [w.title for w in wb.worksheets], "cells": cells,
                  "merged": sorted(str(r) for r in ws.merged_cells.ranges),
                  "orientation": ws.page_setup.orientation, "paper": str(ws.page_setup.paperSize),
                  "title_rows": str(ws.print_title_rows), "border": str(ws["D6"].border.left.style)}))
)PY";

std::filesystem::path Scratch() { return testing::ScratchDir("training_form_test"); }

nlohmann::json ReadBack(const std::string& xlsx) { return testing::ReadXlsxWith(kReader, xlsx); }

TEST(TrainingXlsx, EveryCellAgreesWithTheCsvAndTheLayoutIsMerged) {
  const std::string path = (Scratch() / "training.xlsx").string();
  ASSERT_TRUE(WriteTrainingXlsx(Form(), DateStyle::kWareki, path).ok());
  const nlohmann::json book = ReadBack(path);
  ASSERT_TRUE(book.is_object()) << book;
  EXPECT_EQ(book["sheets"], nlohmann::json::array({"教育実施状況記録"}));
  Lines cells = book["cells"].get<Lines>();
  Lines csv = ParseCsv(RenderTrainingCsv(Form(), DateStyle::kWareki));
  for (auto& line : csv) line.resize(5);
  EXPECT_EQ(cells, csv);
  const auto merged = book["merged"].get<std::vector<std::string>>();
  for (const char* range : {"A1:E1", "A2:E2", "A3:A4", "B3:B4", "C3:C4", "A5:A6", "C7:C8", "A9:E9", "A11:E11"})
    EXPECT_NE(std::find(merged.begin(), merged.end(), range), merged.end()) << range;
  EXPECT_EQ(book["orientation"], "portrait");
  EXPECT_EQ(book["paper"], "9");
  EXPECT_NE(book["title_rows"].get<std::string>().find("3:$4"), std::string::npos) << book["title_rows"];
  EXPECT_EQ(book["border"], "thin");
}

TEST(TrainingXlsx, RenderReturnsTheWorkbookBytes) {
  Result<std::string> bytes = RenderTrainingXlsx(Form(), DateStyle::kSeireki);
  ASSERT_TRUE(bytes.ok()) << bytes.status().ToString();
  EXPECT_EQ(bytes->substr(0, 2), "PK");
  const std::string path = (Scratch() / "bytes.xlsx").string();
  std::ofstream(path, std::ios::binary) << *bytes;
  const nlohmann::json book = ReadBack(path);
  ASSERT_TRUE(book.is_object()) << book;
  EXPECT_EQ(book["cells"][4][0], "2026/05/01");
  EXPECT_EQ(book["cells"][7][4], "システム利用者（3名）");
}

TEST(TrainingXlsx, UnwritablePathIsAnInternalError) {
  EXPECT_EQ(WriteTrainingXlsx(Form(), DateStyle::kWareki, "/nonexistent-dir/t.xlsx").kind(), ErrorKind::kInternal);
}

}  // namespace
}  // namespace mamori
