// `mamori obligations list|schedule|escalate`: the obligation calendar on var/ directly, as the local
// administrator (the system actor). A running server is fine: commands go through the same trail.

#include <CLI/CLI.hpp>
#include <cstdio>

#include "app/app.h"
#include "cli/cli_util.h"
#include "cli/subcommands.h"
#include "obligation/queries.h"

namespace mamori {
namespace {

std::string Owners(const Duty& d) {
  std::string out;
  for (const PersonRef& p : d.owners) out += (out.empty() ? "" : ", ") + p.name;
  return out.empty() ? "-" : out;
}

int List(App& app, const std::string& status, bool json) {
  DutyFilter f;
  f.status = status;
  f.limit = 500;
  const DutyContext ctx{&app.engine().catalog(), &app.engine().profiles()};
  const Micros now = app.clock().Now();
  Json all = Json::array();
  do {
    auto page = app.engine().Read([&](Conn& c) { return ListDuties(c, ctx, f, now); });
    if (!page.ok()) return Fail(page.status());
    for (const Duty& d : page->duties) {
      if (json) {
        all.push_back(DutyToJson(d));
        continue;
      }
      auto due = ParseTimestamp(d.occ.due_at);
      std::printf("%6lld  %-8s  %s  %-12s  %s/%s  %s  [%s]  %s\n", static_cast<long long>(d.occ.id),
                  DutyStatusName(d.status), due.ok() ? LocalDate(*due, app.org().tz).c_str() : d.occ.due_at.c_str(),
                  d.occ.period.c_str(), d.occ.profile.c_str(), d.occ.obligation.c_str(), d.unit_code.c_str(),
                  d.occ.clause.c_str(), Owners(d).c_str());
    }
    f.after = page->next_after;
  } while (f.after != 0);
  if (json) std::printf("%s\n", all.dump(2).c_str());
  return 0;
}

int Run(App& app, const std::string& command, Json input) {
  auto r = app.engine().Execute(SystemActor("cli"), command, input);
  if (!r.ok()) return Fail(r.status());
  std::printf("%s\n", r->dump(2).c_str());
  return 0;
}

}  // namespace

int CmdObligations(int argc, char** argv) {
  CLI::App cli("The obligation calendar: list, schedule, escalate", "mamori obligations");
  std::string var = DefaultVar(), status = "open", from;
  bool json = false;
  cli.fallthrough();  // --var after the sub-command's name (sub-commands inherit this)
  cli.add_option("--var", var, "data directory")->capture_default_str();
  auto* list =
      cli.add_subcommand("list", "list duties: id, status, due date, period, obligation, unit, clause, owners");
  list->add_option("--status", status, "open, due_soon, overdue, done or all")
      ->check(CLI::IsMember({"open", "due_soon", "overdue", "done", "all"}))
      ->capture_default_str();
  list->add_flag("--json", json, "print the API's JSON instead of a table");
  auto* schedule =
      cli.add_subcommand("schedule", "create the occurrences of the current periods (obligation.schedule)");
  schedule->add_option("--from", from, "also every period back to this local date (YYYY-MM-DD, at most 400 days ago)");
  cli.add_subcommand("escalate", "escalate overdue duties one step up their chain (obligation.escalate)");
  cli.require_subcommand(0, 1);
  try {
    cli.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return cli.exit(e);
  }
  const std::string sub = cli.get_subcommands().empty() ? "list" : cli.get_subcommands()[0]->get_name();
  auto app = App::Open(var);
  if (!app.ok()) return Fail(app.status());
  if (sub == "schedule") return Run(**app, "obligation.schedule", from.empty() ? Json::object() : Json{{"from", from}});
  if (sub == "escalate") return Run(**app, "obligation.escalate", Json::object());
  return List(**app, status, json);
}

}  // namespace mamori
