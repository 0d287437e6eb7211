#include "export/export_util.h"

#include <unistd.h>
#include <xlsxwriter.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace mamori::export_util {

std::string CsvField(const std::string& s) {
  if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char ch : s) {
    if (ch == '"') out += '"';
    out += ch;
  }
  return out + "\"";
}

lxw_format* FormFormat(lxw_workbook* wb, bool border, bool bold, bool center, double size) {
  lxw_format* f = workbook_add_format(wb);
  format_set_font_name(f, "ＭＳ 明朝");
  format_set_font_size(f, size);
  format_set_align(f, LXW_ALIGN_VERTICAL_CENTER);
  format_set_text_wrap(f);
  if (border) format_set_border(f, LXW_BORDER_THIN);
  if (bold) format_set_bold(f);
  if (center) format_set_align(f, LXW_ALIGN_CENTER);
  return f;
}

Result<std::string> XlsxBytes(const std::function<Status(const std::string& path)>& write) {
  std::string path = (std::filesystem::temp_directory_path() / "mamori-export-XXXXXX.xlsx").string();
  int fd = mkstemps(path.data(), 5);
  if (fd < 0) return Status::Internal("xlsx: cannot create a temporary file");
  close(fd);
  Status st = write(path);
  std::string bytes;
  if (st.ok()) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream buf;
    buf << in.rdbuf();
    bytes = buf.str();
    if (!in || bytes.empty()) st = Status::Internal("xlsx: cannot read back " + path);
  }
  std::error_code ec;
  std::filesystem::remove(path, ec);
  if (!st.ok()) return st;
  return bytes;
}

}  // namespace mamori::export_util
