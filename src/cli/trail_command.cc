// `mamori trail`: sign and print a tree head, prove inclusion or consistency, list events.

#include <CLI/CLI.hpp>
#include <cstdio>

#include "app/app.h"
#include "cli/cli_util.h"
#include "cli/subcommands.h"
#include "trail/proofs.h"

namespace mamori {

int CmdTrail(int argc, char** argv) {
  CLI::App cli("Trail tools", "mamori trail");
  cli.require_subcommand(1);
  cli.fallthrough();
  std::string var = DefaultVar(), entity;
  int64_t seq = 0, size = 0, old_size = 0, new_size = 0, limit = 50;
  cli.add_option("--var", var, "data directory")->capture_default_str();
  cli.add_subcommand("head", "sign a tree head for the current trail and print it (keep it outside this machine)");
  auto* proof = cli.add_subcommand("proof", "inclusion proof of one event");
  proof->add_option("--seq", seq, "event number")->required();
  proof->add_option("--size", size, "tree size (default: the whole trail)");
  auto* cons = cli.add_subcommand("consistency", "consistency proof between two tree sizes");
  cons->add_option("--old", old_size)->required();
  cons->add_option("--new", new_size, "default: the whole trail");
  auto* log = cli.add_subcommand("log", "print the latest events");
  log->add_option("--entity", entity, "e.g. item:M-CY-001");
  log->add_option("--limit", limit)->capture_default_str();
  try {
    cli.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return cli.exit(e);
  }
  auto app = App::Open(var);
  if (!app.ok()) {
    std::fprintf(stderr, "mamori: %s\n", app.status().ToString().c_str());
    return 1;
  }
  Engine& e = (*app)->engine();
  const std::string sub = cli.get_subcommands()[0]->get_name();
  Result<Json> out = Json();
  if (sub == "head") {
    auto head = e.PublishHeadNow();
    out = head.ok() ? Result<Json>(Json::parse(head->ToJson())) : Result<Json>(head.status());
  } else if (sub == "proof") {
    out = e.Read([&](Conn& c) { return InclusionProofJson(c, seq, size); });
  } else if (sub == "consistency") {
    out = e.Read([&](Conn& c) { return ConsistencyProofJson(c, old_size, new_size); });
  } else {
    out = e.Read([&](Conn& c) -> Result<Json> {
      Json events = Json::array();
      RETURN_IF_ERROR(c.ForEach(
          "SELECT seq, ts, actor, command, entity, hash FROM trail_events WHERE (? = '' OR entity = ?) ORDER BY seq "
          "DESC LIMIT ?", {entity, entity, limit}, [&](const Row& r) {
            events.push_back(Json{{"seq", r.Int(0)}, {"ts", r.Str(1)}, {"actor", r.Str(2)}, {"command", r.Str(3)},
                                  {"entity", r.Str(4)}, {"hash", r.Str(5)}});
            return true;
          }));
      return events;
    });
  }
  if (!out.ok()) {
    std::fprintf(stderr, "mamori: %s\n", out.status().ToString().c_str());
    return 1;
  }
  std::printf("%s\n", sub == "head" ? out->dump().c_str() : out->dump(2).c_str());
  return 0;
}

}  // namespace mamori
