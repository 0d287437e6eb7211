// `mamori import persons FILE [--dry-run] [--encoding auto|utf-8|shift_jis]`: people from a CSV file
// (src/people/import.h), on var/ directly as the local administrator. --dry-run prints what would change
// and writes nothing; without it every row is applied in one command (all or none).

#include <CLI/CLI.hpp>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "app/app.h"
#include "cli/cli_util.h"
#include "cli/subcommands.h"
#include "engine/engine.h"
#include "people/import.h"

namespace mamori {
namespace {

const char* ActionJa(const std::string& a) { return a == "create" ? "追加" : a == "update" ? "更新" : "変更なし"; }

void PrintPlan(const std::vector<ImportRow>& plan) {
  int counts[3] = {0, 0, 0};
  for (const ImportRow& r : plan) {
    const int k = r.action == "create" ? 0 : r.action == "update" ? 1 : 2;
    ++counts[k];
    std::string what;
    for (const std::string& c : r.changes) what += (what.empty() ? " (" : ", ") + c;
    if (!what.empty()) what += ")";
    std::printf("  %4d行目  %-8s %s %s  %s%s\n", r.line, ActionJa(r.action), r.fields["family_name"].get<std::string>().c_str(),
                r.fields["given_name"].get<std::string>().c_str(), r.fields["unit_code"].get<std::string>().c_str(),
                what.c_str());
  }
  std::printf("追加 %d・更新 %d・変更なし %d / created %d, updated %d, unchanged %d\n", counts[0], counts[1], counts[2],
              counts[0], counts[1], counts[2]);
}

}  // namespace

int CmdImport(int argc, char** argv) {
  CLI::App cli("Import people from a CSV file (UTF-8 or Shift_JIS)", "mamori import");
  std::string var = DefaultVar(), file, encoding = "auto";
  bool dry_run = false;
  cli.fallthrough();  // --var after the sub-command's name
  cli.add_option("--var", var, "data directory")->capture_default_str();
  auto* persons = cli.add_subcommand("persons", "people: 氏,名,所属コード[,官名又は階級,区分,メール,生年月日,国籍,役職]");
  persons->add_option("file", file, "CSV file")->required();
  persons->add_option("--encoding", encoding, "auto, utf-8 or shift_jis")->capture_default_str();
  persons->add_flag("--dry-run", dry_run, "show what would change; write nothing");
  cli.require_subcommand(1);
  try {
    cli.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return cli.exit(e);
  }
  {
    std::ifstream in(file, std::ios::binary);
    if (!in) return Fail(Status::Error(ErrorKind::kNotFound, "import.file", "", "ファイルを開けません: " + file,
                                       "Cannot open " + file));
    std::ostringstream bytes;
    bytes << in.rdbuf();
    auto text = DecodeCsvBytes(bytes.str(), encoding);
    if (!text.ok()) return Fail(text.status());
    auto app = App::Open(var);
    if (!app.ok()) return Fail(app.status());
    Engine& e = (*app)->engine();
    // The same planning, with the same checks and clauses, as person.import and the API's dry run.
    auto plan = e.Read([&](Conn& c) {
      Tx tx(c, (*app)->clock().Now(), SystemActor("cli"), e.catalog());
      return PlanPersonImportAs(tx, *text);
    });
    if (!plan.ok()) return Fail(plan.status());
    PrintPlan(*plan);
    if (dry_run) {
      std::printf("（--dry-run: 何も書き込んでいません / nothing written）\n");
      return 0;
    }
    auto r = e.Execute(SystemActor("cli"), "person.import", Json{{"source", file}, {"csv", *text}});
    if (!r.ok()) return Fail(r.status());
    std::printf("取り込みました / imported: %s\n", r->dump().c_str());
    return 0;
  }
}

}  // namespace mamori
