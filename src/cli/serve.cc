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
#include "cli/subcommands.h"

namespace mamori {

int CmdServe(int argc, char** argv) {
  CLI::App cli("Start the HTTP server", "mamori serve");
  const char* env = std::getenv("MAMORI_VAR");
  std::string var = env && *env ? env : "var", address = "127.0.0.1";
  int port = 8080, max_connections = 512;
  const char* web_env = std::getenv("MAMORI_WEB");
  std::string web = web_env && *web_env ? web_env : MAMORI_WEB_DIST;
  cli.add_option("--var", var, "data directory")->capture_default_str();
  cli.add_option("--address", address, "address to bind")->capture_default_str();
  cli.add_option("--port", port, "port (0 = any free port)")->capture_default_str();
  cli.add_option("--web", web, "web application directory (the Vite build; $MAMORI_WEB)")->capture_default_str();
  cli.add_option("--max-connections", max_connections, "concurrent connections")->capture_default_str();
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
  int sig = 0;
  sigwait(&stop, &sig);
  std::printf("mamori: stopping (signal %d)\n", sig);
  server.Stop();
  (*app)->engine().Stop();
  return 0;
}

}  // namespace mamori
