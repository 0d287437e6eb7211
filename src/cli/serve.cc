// `mamori serve`: the HTTP server over an initialized var/. Stops cleanly on SIGINT/SIGTERM
// (drains the writer, signs a final tree head). Prints "listening on …" once ready.

#include <signal.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <fstream>
#include <iostream>

#include "api/api.h"
#include "api/http_server.h"
#include "api/static_files.h"
#include "app/app.h"
#include "cli/cli_util.h"
#include "cli/subcommands.h"
#include "compliance/compliance.h"
#include "obligation/scheduler.h"

namespace mamori {

int CmdServe(int argc, char** argv) {
  CLI::App cli("Start the HTTP server", "mamori serve");
  std::string var = DefaultVar(), address = "127.0.0.1";
  int port = 8080, max_connections = 512, tick = 60;
  const char* web_env = std::getenv("MAMORI_WEB");
  std::string web = web_env && *web_env ? web_env : MAMORI_WEB_DIST;
  cli.add_option("--var", var, "data directory")->capture_default_str();
  cli.add_option("--address", address, "address to bind")->capture_default_str();
  cli.add_option("--port", port, "port (0 = any free port)")->capture_default_str();
  cli.add_option("--web", web, "web application directory (the Vite build; $MAMORI_WEB)")->capture_default_str();
  cli.add_option("--max-connections", max_connections, "concurrent connections")->capture_default_str();
  cli.add_option("--tick", tick, "seconds between runs of the scheduler (obligation calendar, reminders)")
      ->check(CLI::Range(1, 86400))
      ->capture_default_str();
  ReminderFlags reminders;  // --smtp …: daily reminder digests (remind_command.cc)
  AddReminderFlags(cli, reminders, true);
  try {
    cli.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return cli.exit(e);
  }
  // Block the stop signals in every thread; the main thread waits for them below.
  sigset_t stop;
  sigemptyset(&stop);
  sigaddset(&stop, SIGINT);
  sigaddset(&stop, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop, nullptr);
  signal(SIGPIPE, SIG_IGN);

  auto app = App::Open(var);
  if (!app.ok()) {
    std::fprintf(stderr, "mamori: %s\n", app.status().ToString().c_str());
    return 1;
  }
  auto files = StaticFiles::Load(web);
  if (!files.ok()) {
    std::fprintf(stderr, "mamori: %s\n", files.status().ToString().c_str());
    return 1;
  }
  if (!files->has_app())
    std::fprintf(stderr, "mamori: no web application in %s (run `make run` or `npm --prefix web run build`)\n",
                 web.c_str());
  // The compliance results: a full evaluation in the background, then kept current batch by batch.
  if (Status cs = (*app)->StartCompliance(); !cs.ok()) {
    std::fprintf(stderr, "mamori: %s\n", cs.ToString().c_str());
    return 1;
  }
  Router router;
  InstallApiRoutes(router, **app);
  router.SetFallback([&files](HttpRequest& req) { return files->Serve(req); });
  HttpServerOptions o;
  o.address = address;
  o.port = port;
  o.max_connections = max_connections;
  HttpServer server(router, o);
  Status st = server.Start();
  if (!st.ok()) {
    std::fprintf(stderr, "mamori: %s\n", st.ToString().c_str());
    return 1;
  }
  std::printf("mamori: %s (%s) listening on http://%s:%d\n", (*app)->org().name.c_str(), (*app)->org().profile.c_str(),
              address.c_str(), server.port());
  std::fflush(stdout);
  // The obligation calendar's periodic work (and tasks added before Start), once now, then every tick.
  Scheduler scheduler((*app)->engine(), (*app)->clock(), SchedulerOptions{tick * kSecond});
  if (!reminders.smtp.empty()) {
    auto task = MakeReminderTask(reminders, **app, "http://" + address + ":" + std::to_string(server.port()));
    if (!task.ok()) {
      std::fprintf(stderr, "mamori: %s\n", task.status().ToString().c_str());
      server.Stop();
      return 1;
    }
    scheduler.Add("reminders", std::move(task).value());
  }
  scheduler.Start();
  int sig = 0;
  sigwait(&stop, &sig);
  std::printf("mamori: stopping (signal %d)\n", sig);
  scheduler.Stop();
  server.Stop();
  (*app)->compliance().Stop();
  (*app)->engine().Stop();
  return 0;
}

}  // namespace mamori
