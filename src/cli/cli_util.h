#pragma once
// Small helpers every local sub-command shares: the default data directory, printing a failure and
// parsing CLI11 options.

#include <CLI/CLI.hpp>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "base/status.h"

namespace mamori {

// $MAMORI_VAR if set and not empty, else "var".
inline std::string DefaultVar() {
  const char* v = std::getenv("MAMORI_VAR");
  return v && *v ? v : "var";
}

// Prints "mamori: <status>" on standard error; returns exit code 1.
inline int Fail(const Status& st) {
  std::fprintf(stderr, "mamori: %s\n", st.ToString().c_str());
  return 1;
}

// Parses argv into `cli`; on a usage error or --help prints and returns CLI11's exit code, else returns
// body().
template <typename F>
int ParseArgs(CLI::App& cli, int argc, char** argv, F&& body) {
  try {
    cli.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return cli.exit(e);
  }
  return body();
}

}  // namespace mamori
