#include "cli/cli.h"

#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "cli/subcommands.h"

namespace mamori {
namespace {

const std::vector<Subcommand>& Table() {
  static const std::vector<Subcommand> kTable = {
      {"init", "Create var/ with an organization on one or more profiles and an administrator", CmdInit},
      {"demo", "Create var/ with the demo organization and a month of history", CmdDemo},
      {"serve", "Start the HTTP server (API, web app, /healthz)", CmdServe},
      {"user", "Manage accounts locally: add, passwd, disable, token, list", CmdUser},
      {"verify", "Recompute the trail, tree heads and covered rows; exit 1 on tampering", CmdVerify},
      {"export", "Export item ledgers (別紙様式) as CSV or XLSX", CmdExport},
      {"import", "Import people from a CSV file (UTF-8 or Shift_JIS), with --dry-run", CmdImport},
      {"trail", "Trail tools: head (sign and print), proof, consistency, log", CmdTrail},
      {"api", "Call the running server's API with a token: mamori api METHOD PATH [JSON]", CmdApi},
      {"item", "Ledger operations through the server: mamori item OP CONTROL_NO key=value …", CmdItem},
      {"profile", "Regulation profiles: list, validate [NAME|--dir DIR], coverage NAME", CmdProfile},
      {"check", "Evaluate the compliance rules on the local database; exit 2 if anything is violated", CmdCheck},
      {"obligations", "The obligation calendar: list [--status S], schedule [--from DATE], escalate", CmdObligations},
      {"remind", "Send the reminder digests due now by e-mail (--smtp URL), or print them (--dry-run)", CmdRemind},
  };
  return kTable;
}

void Usage(FILE* out) {
  std::fprintf(out, "mamori — information-security management server (情報保証管理サーバ)\n\n");
  std::fprintf(out, "usage: mamori <command> [options]   (mamori <command> --help for its options)\n\ncommands:\n");
  for (const auto& c : Table()) std::fprintf(out, "  %-12s %s\n", c.name, c.help);
}

}  // namespace

int RunCli(int argc, char** argv) {
  if (argc < 2 || !std::strcmp(argv[1], "--help") || !std::strcmp(argv[1], "-h") || !std::strcmp(argv[1], "help")) {
    Usage(argc < 2 ? stderr : stdout);
    return argc < 2 ? 2 : 0;
  }
  for (const auto& c : Table())
    if (!std::strcmp(argv[1], c.name)) return c.run(argc - 1, argv + 1);
  std::fprintf(stderr, "mamori: unknown command '%s'\n\n", argv[1]);
  Usage(stderr);
  return 2;
}

}  // namespace mamori
