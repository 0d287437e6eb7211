#pragma once
// HTTP/1.1 server (Boost.Beast) in front of a Router.
//
// Design: one thread per connection. Handlers block (they wait for the database's group
// commit, up to tens of ms) and write throughput needs hundreds of requests in flight, so each
// accepted connection gets its own thread that reads a request with Beast's synchronous parser,
// calls the handler on that same thread, writes the response and loops (keep-alive). No handler
// can starve another, there is no hand-off between an I/O loop and a worker pool, and the code
// reads top to bottom. Sockets are non-blocking underneath: every wait is a poll() bounded by
// the read timeout (one deadline per request, so slow-drip clients are cut off) and, while the
// connection is idle, also woken by the server's stop pipe. One accept thread waits on the
// listening socket and the same pipe. Connections beyond `max_connections` get a 503 and are
// closed, which also caps the thread count. Stop() wakes every thread through the pipe: idle
// connections close at once, connections inside a handler finish it, send their response with
// "Connection: close" and exit; then all threads are joined.
//
// Every response carries the security headers (CSP, nosniff, DENY, no-referrer, and
// "Cache-Control: no-store" under /api/); a handler header of the same name replaces the
// default. Oversized bodies get 413, oversized headers 431, malformed requests 400, and the
// connection is then closed; exceptions escaping a handler become a logged 500. The access
// log (spdlog debug level) holds peer, method, path without query, status and duration:
// never bodies, query strings, cookies or Authorization headers.

#include <chrono>
#include <cstddef>
#include <memory>
#include <string>

#include "api/router.h"
#include "base/status.h"

namespace mamori {

struct HttpServerOptions {
  std::string address = "127.0.0.1";  // IPv4 or IPv6 literal to bind
  int port = 0;                         // 0: an ephemeral port; see HttpServer::port()
  // Accepted for configuration compatibility; unused, since connections run on their own
  // threads rather than on a shared I/O loop.
  int io_threads = 4;
  // Request bodies above this get 413, unless the route declares its own limit (Router::Add).
  std::size_t max_body_bytes = 1 << 20;
  // Deadline for receiving one whole request (from the first byte waited for, including the
  // keep-alive idle time before it), and separately for sending one response.
  std::chrono::milliseconds read_timeout = std::chrono::seconds(30);
  int max_connections = 512;  // concurrent connections (= connection threads)
};

class HttpServer {
 public:
  // `router` must outlive the server and must not change once Start() was called.
  HttpServer(Router& router, HttpServerOptions opts);
  ~HttpServer();  // calls Stop()
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // Binds and listens, then serves on background threads. Error if the address is invalid or
  // the port cannot be bound (e.g. already in use), or if called more than once.
  Status Start();
  // The bound port (the ephemeral one when options.port was 0); 0 before Start().
  int port() const;
  // Graceful and idempotent: stops accepting, closes idle keep-alive connections, lets
  // in-flight handlers finish and answer, joins every thread. Returns once all are joined.
  void Stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace mamori
