#pragma once
// Reading back the XLSX the form exports write (tests only): a Python script using openpyxl (Debian's
// python3-openpyxl, installed by scripts/install-deps.sh) prints what it finds as JSON.

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

namespace mamori::testing {

// A directory of this process's scratch files named after `name`, removed at exit.
inline std::filesystem::path ScratchDir(const std::string& name) {
  struct Dir {
    std::filesystem::path path;
    ~Dir() {
      std::error_code ec;
      std::filesystem::remove_all(path, ec);
    }
  };
  static Dir dir{std::filesystem::temp_directory_path() / ("mamori_" + name + "_" + std::to_string(getpid()))};
  std::filesystem::create_directories(dir.path);
  return dir.path;
}

// Runs the Python `script` with the workbook's path as its argument and parses its standard output as
// JSON; fails the calling test (and returns null) when python3 or openpyxl is missing or the script fails.
inline nlohmann::json ReadXlsxWith(const std::string& script, const std::string& xlsx_path) {
  const std::filesystem::path file = std::filesystem::path(xlsx_path).parent_path() / "read_xlsx.py";
  std::ofstream(file) << script;
  const std::string cmd = "/usr/bin/python3 " + file.string() + " " + xlsx_path;
  FILE* pipe = popen(cmd.c_str(), "r");
  if (pipe == nullptr) return nullptr;
  std::string out;
  char buf[4096];
  for (size_t n; (n = fread(buf, 1, sizeof buf, pipe)) > 0;) out.append(buf, n);
  EXPECT_EQ(pclose(pipe), 0) << cmd << ": python3 with openpyxl is required (scripts/install-deps.sh)";
  return nlohmann::json::parse(out, nullptr, false);
}

}  // namespace mamori::testing
