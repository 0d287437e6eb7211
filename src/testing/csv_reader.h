#pragma once
// Reading back the CSV the form exports write (tests only): RFC 4180 after a UTF-8 BOM, every record
// ended by CRLF. Fails the calling test on a missing BOM, a bare CR or LF outside quotes, or a last record
// not ended by CRLF.

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace mamori::testing {

using CsvLines = std::vector<std::vector<std::string>>;

inline CsvLines ReadFormCsv(const std::string& text) {
  EXPECT_EQ(text.substr(0, 3), "\xEF\xBB\xBF");
  CsvLines lines(1);
  std::string field;
  bool quoted = false, started = false;
  for (size_t i = 3; i < text.size(); ++i) {
    const char ch = text[i];
    if (quoted) {
      if (ch == '"' && i + 1 < text.size() && text[i + 1] == '"')
        field += text[++i];
      else if (ch == '"')
        quoted = false;
      else
        field += ch;
    } else if (ch == '"') {
      quoted = started = true;
    } else if (ch == ',') {
      lines.back().push_back(field), field.clear(), started = true;
    } else if (ch == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
      if (started || !field.empty()) lines.back().push_back(field);
      field.clear(), started = false, ++i;
      lines.emplace_back();
    } else {
      EXPECT_NE(ch, '\n') << "bare LF outside quotes at byte " << i;
      EXPECT_NE(ch, '\r') << "bare CR outside quotes at byte " << i;
      field += ch;
    }
  }
  EXPECT_TRUE(lines.back().empty() && field.empty()) << "last record not ended by CRLF";
  lines.pop_back();
  return lines;
}

}  // namespace mamori::testing
