#pragma once
// The `mamori` command line: a table of sub-commands (name, one line of help, handler); `--help`
// is generated from the table.

namespace mamori {

int RunCli(int argc, char** argv);

}  // namespace mamori
