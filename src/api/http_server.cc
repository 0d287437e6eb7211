#include "api/http_server.h"

#include <fcntl.h>
#include <poll.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <climits>
#include <cstring>
#include <list>
#include <mutex>
#include <set>
#include <thread>
#include <utility>

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <spdlog/spdlog.h>

namespace mamori {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;
using SteadyClock = std::chrono::steady_clock;

constexpr std::size_t kHeaderLimit = 16 * 1024;
constexpr std::size_t kDrainLimit = 16 * 1024 * 1024;
constexpr auto kDrainTime = std::chrono::seconds(2);

// A blocking Beast SyncReadStream/SyncWriteStream over a non-blocking socket: each wait is a
// poll() bounded by `deadline` and, when `interruptible`, ended by the stop pipe becoming
// readable (error operation_aborted). Data already readable is always consumed first.
class TimedStream {
 public:
  TimedStream(tcp::socket& socket, int stop_fd) : socket_(socket), stop_fd_(stop_fd) {}
  void Arm(std::chrono::milliseconds timeout, bool interruptible) {
    deadline_ = SteadyClock::now() + timeout;
    interruptible_ = interruptible;
  }

  template <class Buffers>
  std::size_t read_some(const Buffers& buffers, beast::error_code& ec) {
    for (;;) {
      std::size_t n = socket_.read_some(buffers, ec);
      if (ec != asio::error::would_block && ec != asio::error::try_again) return n;
      if (!Wait(POLLIN, ec)) return 0;
    }
  }
  template <class Buffers>
  std::size_t read_some(const Buffers& buffers) {
    beast::error_code ec;
    std::size_t n = read_some(buffers, ec);
    if (ec) throw beast::system_error(ec);
    return n;
  }
  template <class Buffers>
  std::size_t write_some(const Buffers& buffers, beast::error_code& ec) {
    for (;;) {
      std::size_t n = socket_.write_some(buffers, ec);
      if (ec != asio::error::would_block && ec != asio::error::try_again) return n;
      if (!Wait(POLLOUT, ec)) return 0;
    }
  }
  template <class Buffers>
  std::size_t write_some(const Buffers& buffers) {
    beast::error_code ec;
    std::size_t n = write_some(buffers, ec);
    if (ec) throw beast::system_error(ec);
    return n;
  }

 private:
  bool Wait(short events, beast::error_code& ec) {
    for (;;) {
      auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline_ -
                                                                        SteadyClock::now());
      if (left.count() <= 0) {
        ec = beast::error::timeout;
        return false;
      }
      pollfd fds[2] = {{socket_.native_handle(), events, 0}, {stop_fd_, POLLIN, 0}};
      int timeout_ms = static_cast<int>(std::min<long long>(left.count() + 1, INT_MAX));
      int r = ::poll(fds, interruptible_ ? 2 : 1, timeout_ms);
      if (r < 0 && errno == EINTR) continue;
      if (r < 0) {
        ec = beast::error_code(errno, boost::system::system_category());
        return false;
      }
      if (interruptible_ && (fds[1].revents & POLLIN) != 0) {
        ec = asio::error::operation_aborted;
        return false;
      }
      if (fds[0].revents != 0) {
        ec = {};
        return true;
      }
    }
  }

  tcp::socket& socket_;
  int stop_fd_;
  SteadyClock::time_point deadline_ = SteadyClock::now();
  bool interruptible_ = true;
};

using BeastRequest = http::request<http::string_body>;
using BeastResponse = http::response<http::string_body>;

HttpRequest ToRequest(BeastRequest&& msg, const std::string& remote_ip) {
  HttpRequest r;
  r.method = std::string(msg.method_string());
  r.target = std::string(msg.target());
  std::size_t q = r.target.find('?');
  r.path = r.target.substr(0, q);
  if (q != std::string::npos) r.query = ParseQuery(std::string_view(r.target).substr(q + 1));
  for (const auto& field : msg) {
    std::string key = ToLowerAscii(field.name_string());
    auto [it, inserted] = r.headers.emplace(key, std::string(field.value()));
    if (!inserted) it->second += (key == "cookie" ? "; " : ", ") + std::string(field.value());
  }
  r.body = std::move(msg.body());
  r.remote_ip = remote_ip;
  return r;
}

bool SafeHeader(const std::string& name, const std::string& value) {
  static const std::set<std::string> kReserved = {"content-length", "transfer-encoding",
                                                  "connection"};
  auto bad = [](char c) { return c == '\r' || c == '\n' || c == '\0'; };
  return !name.empty() && std::none_of(name.begin(), name.end(), bad) &&
         std::none_of(value.begin(), value.end(), bad) && !kReserved.count(ToLowerAscii(name));
}

BeastResponse ToBeast(HttpResponse r, std::string_view path, unsigned version, bool keep_alive) {
  BeastResponse res;
  res.version(version);
  res.result(r.status >= 100 && r.status <= 999 ? static_cast<unsigned>(r.status) : 500u);
  std::set<std::string> handler_names;
  for (const auto& [name, value] : r.headers) handler_names.insert(ToLowerAscii(name));
  auto set_default = [&](const char* name, const char* value) {
    if (!handler_names.count(ToLowerAscii(name))) res.set(name, value);
  };
  set_default("Content-Security-Policy",
              "default-src 'self'; img-src 'self' data:; object-src 'none'; frame-ancestors 'none'; base-uri 'none'; "
              "form-action 'self'");
  set_default("X-Content-Type-Options", "nosniff");
  set_default("X-Frame-Options", "DENY");
  set_default("Referrer-Policy", "no-referrer");
  if (path.rfind("/api/", 0) == 0) set_default("Cache-Control", "no-store");
  if (!r.content_type.empty() && !handler_names.count("content-type")) {
    res.set(http::field::content_type, r.content_type);
  }
  for (const auto& [name, value] : r.headers) {
    if (SafeHeader(name, value)) {
      res.insert(name, value);
    } else {
      spdlog::warn("dropped unsafe response header '{}' for {}", name, path);
    }
  }
  res.keep_alive(keep_alive);
  res.body() = std::move(r.body);
  res.prepare_payload();
  return res;
}

HttpResponse TransportError(int status, const std::string& rule, const std::string& ja, const std::string& en) {
  HttpResponse res = ErrorResponse(Status::Error(ErrorKind::kInvalidArgument, rule, "", ja, en));
  res.status = status;
  return res;
}

// "5 MiB", "64 KiB" or "1000 バイト"/"1000 bytes".
std::string SizeText(std::size_t n, bool ja) {
  if (n % (1 << 20) == 0) return std::to_string(n >> 20) + " MiB";
  if (n % 1024 == 0) return std::to_string(n >> 10) + " KiB";
  return std::to_string(n) + (ja ? " バイト" : " bytes");
}

HttpResponse BodyTooLarge(std::size_t limit) {
  return TransportError(413, "http.body_too_large", "リクエスト本文が大きすぎます（上限 " + SizeText(limit, true) + "）。",
                        "Request body too large (the limit is " + SizeText(limit, false) + ").");
}

}  // namespace

struct HttpServer::Impl {
  struct Conn {
    std::thread thread;
    std::atomic<bool> done{false};
  };

  Impl(Router& r, HttpServerOptions o) : router(r), opts(std::move(o)) {}

  void AcceptLoop();
  void Serve(tcp::socket socket);
  void Reject(tcp::socket socket);
  // Handles one request already read; returns whether the connection may stay open.
  bool Respond(TimedStream& stream, BeastRequest&& msg, const std::string& ip);
  void Answer(TimedStream& stream, HttpResponse res, const BeastRequest& msg);
  // The body limit of the route the request goes to (its own, else the server's default).
  std::size_t BodyLimit(const BeastRequest& msg) const;
  void Close(tcp::socket& socket, TimedStream& stream, bool drain);
  // Joins finished connection threads (all of them when `all`); returns how many remain.
  std::size_t Reap(bool all);

  Router& router;
  HttpServerOptions opts;
  asio::io_context ioc;  // never run: sockets are used synchronously
  tcp::acceptor acceptor{ioc};
  int bound_port = 0;
  int stop_pipe[2] = {-1, -1};
  std::atomic<bool> stopping{false};
  std::thread accept_thread;
  std::mutex lifecycle_mu;  // serialises Start() and Stop()
  bool started = false;
  bool stopped = false;
  std::mutex conns_mu;
  std::list<Conn> conns;  // guarded by conns_mu
};

void HttpServer::Impl::AcceptLoop() {
  while (!stopping.load()) {
    pollfd fds[2] = {{acceptor.native_handle(), POLLIN, 0}, {stop_pipe[0], POLLIN, 0}};
    int r = ::poll(fds, 2, -1);
    if (r < 0) {
      if (errno == EINTR) continue;
      spdlog::critical("http accept loop: poll failed: {}", std::strerror(errno));
      return;
    }
    if ((fds[1].revents & POLLIN) != 0) return;
    beast::error_code ec;
    tcp::socket socket = acceptor.accept(ec);
    if (ec == asio::error::would_block || ec == asio::error::try_again) continue;
    if (ec) {
      spdlog::warn("http accept failed: {}", ec.message());
      std::this_thread::sleep_for(std::chrono::milliseconds(50));  // e.g. out of descriptors
      continue;
    }
    socket.non_blocking(true, ec);
    socket.set_option(tcp::no_delay(true), ec);
    if (Reap(false) >= static_cast<std::size_t>(std::max(opts.max_connections, 1))) {
      Reject(std::move(socket));
      continue;
    }
    std::lock_guard lock(conns_mu);
    Conn& conn = conns.emplace_back();
    try {
      conn.thread = std::thread([this, &conn, s = std::move(socket)]() mutable {
        try {
          Serve(std::move(s));
        } catch (const std::exception& e) {  // e.g. bad_alloc; the socket closes with `s`
          spdlog::error("http: connection aborted: {}", e.what());
        }
        conn.done.store(true);
      });
    } catch (const std::exception& e) {  // std::system_error: no more threads
      spdlog::error("http: cannot start a connection thread: {}", e.what());
      conns.pop_back();
    }
  }
}

void HttpServer::Impl::Reject(tcp::socket socket) {
  spdlog::warn("http: {} connections open, refusing one more", opts.max_connections);
  TimedStream stream(socket, stop_pipe[0]);
  stream.Arm(std::chrono::milliseconds(100), false);
  HttpResponse res = TransportError(503, "http.too_many_connections",
                                    "接続数が上限に達しています。", "Too many connections.");
  beast::error_code ec;
  http::write(stream, ToBeast(std::move(res), "/", 11, false), ec);
  socket.close(ec);
}

void HttpServer::Impl::Serve(tcp::socket socket) {
  beast::error_code ec;
  asio::ip::address peer = socket.remote_endpoint(ec).address();
  if (peer.is_v6() && peer.to_v6().is_v4_mapped()) {
    peer = asio::ip::make_address_v4(asio::ip::v4_mapped, peer.to_v6());
  }
  std::string ip = peer.to_string();
  TimedStream stream(socket, stop_pipe[0]);
  beast::flat_buffer buffer;
  for (;;) {
    ec = {};
    http::request_parser<http::string_body> parser;
    parser.header_limit(kHeaderLimit);
    // The largest any route takes while the header is read; then the route's own (routes that take
    // files, e.g. the CSV import, declare a larger one than the server's default).
    parser.body_limit(std::max(opts.max_body_bytes, router.LargestMaxBody()));
    stream.Arm(opts.read_timeout, /*interruptible=*/true);  // idle: Stop() may close it
    http::read_header(stream, buffer, parser, ec);
    const std::size_t limit = BodyLimit(parser.get());
    if (!ec && !parser.is_done()) {
      if (parser.content_length() && *parser.content_length() > limit) ec = http::error::body_limit;
      else parser.body_limit(limit);
    }
    if (!ec && !parser.is_done()) {
      stream.Arm(opts.read_timeout, /*interruptible=*/false);  // in flight: finish it
      auto expect = parser.get()[http::field::expect];
      if (beast::iequals(expect, "100-continue")) {
        static constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";
        asio::write(stream, asio::buffer(kContinue.data(), kContinue.size()), ec);
      }
      if (!ec) http::read(stream, buffer, parser, ec);
    }
    if (ec == http::error::body_limit) {
      Answer(stream, BodyTooLarge(limit), parser.get());
      return Close(socket, stream, true);
    }
    if (ec == http::error::header_limit) {
      Answer(stream, TransportError(431, "http.header_too_large",
                                    "リクエストヘッダーが大きすぎます。",
                                    "Request header fields too large."), parser.get());
      return Close(socket, stream, true);
    }
    if (ec && ec.category() == http::make_error_code(http::error::bad_target).category() &&
        ec != http::error::end_of_stream && ec != http::error::partial_message) {
      spdlog::debug("http: malformed request from {}: {}", ip, ec.message());
      Answer(stream, TransportError(400, "http.malformed_request", "リクエストの形式が不正です。",
                                    "Malformed HTTP request."), parser.get());
      return Close(socket, stream, true);
    }
    if (ec) return Close(socket, stream, false);  // peer gone, timed out, or stopping
    if (!Respond(stream, parser.release(), ip)) return Close(socket, stream, false);
  }
}

bool HttpServer::Impl::Respond(TimedStream& stream, BeastRequest&& msg, const std::string& ip) {
  auto start = SteadyClock::now();
  unsigned version = msg.version();
  bool keep_alive = msg.keep_alive();
  HttpRequest req = ToRequest(std::move(msg), ip);
  HttpResponse res;
  try {
    res = router.Dispatch(req);
  } catch (const std::exception& e) {
    res = ErrorResponse(Status::Internal("handler for " + req.method + " " + req.path +
                                         " threw: " + e.what()));
  } catch (...) {
    res = ErrorResponse(Status::Internal("handler for " + req.method + " " + req.path +
                                         " threw a non-standard exception"));
  }
  keep_alive = keep_alive && !stopping.load();
  int status = res.status;
  stream.Arm(opts.read_timeout, /*interruptible=*/false);
  beast::error_code ec;
  http::write(stream, ToBeast(std::move(res), req.path, version, keep_alive), ec);
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(SteadyClock::now() - start);
  spdlog::debug("http {} {} {} -> {} ({} ms)", ip, req.method, req.path, status, ms.count());
  return !ec && keep_alive;
}

std::size_t HttpServer::Impl::BodyLimit(const BeastRequest& msg) const {
  const std::string_view target(msg.target().data(), msg.target().size());
  const std::size_t own = router.MaxBody(std::string(msg.method_string()), target.substr(0, target.find('?')));
  return own ? own : opts.max_body_bytes;
}

void HttpServer::Impl::Answer(TimedStream& stream, HttpResponse res, const BeastRequest& msg) {
  stream.Arm(opts.read_timeout, /*interruptible=*/false);
  std::string path(msg.target().substr(0, msg.target().find('?')));
  unsigned version = msg.version() == 10 ? 10 : 11;
  beast::error_code ec;
  http::write(stream, ToBeast(std::move(res), path, version, false), ec);
}

void HttpServer::Impl::Close(tcp::socket& socket, TimedStream& stream, bool drain) {
  beast::error_code ec;
  socket.shutdown(tcp::socket::shutdown_send, ec);
  if (drain && !ec) {
    // Lingering close: read what the peer still sends (e.g. the rest of a refused body) so the
    // kernel does not answer it with a reset that could destroy our response in flight.
    stream.Arm(std::chrono::duration_cast<std::chrono::milliseconds>(kDrainTime), true);
    char sink[16 * 1024];
    std::size_t total = 0;
    while (total < kDrainLimit) {
      std::size_t n = stream.read_some(asio::buffer(sink), ec);
      if (ec) break;
      total += n;
    }
  }
  socket.close(ec);
}

std::size_t HttpServer::Impl::Reap(bool all) {
  std::list<Conn> finished;
  std::size_t remaining = 0;
  {
    std::lock_guard lock(conns_mu);
    for (auto it = conns.begin(); it != conns.end();) {
      auto next = std::next(it);
      if (all || it->done.load()) finished.splice(finished.end(), conns, it);
      it = next;
    }
    remaining = conns.size();
  }
  for (Conn& c : finished) {
    if (c.thread.joinable()) c.thread.join();
  }
  return remaining;
}

HttpServer::HttpServer(Router& router, HttpServerOptions opts)
    : impl_(std::make_unique<Impl>(router, std::move(opts))) {}

HttpServer::~HttpServer() { Stop(); }

int HttpServer::port() const { return impl_->bound_port; }

Status HttpServer::Start() {
  Impl& s = *impl_;
  std::lock_guard lock(s.lifecycle_mu);
  if (s.started) {
    return Status::Error(ErrorKind::kConflict, "http.already_started", "",
                         "HTTPサーバーは既に起動しています。", "HTTP server already started.");
  }
  beast::error_code ec;
  auto address = asio::ip::make_address(s.opts.address, ec);
  if (ec) {
    return Status::Error(ErrorKind::kInvalidArgument, "http.bad_address", "",
                         "待受アドレスが不正です。", "Invalid listen address: " + s.opts.address,
                         "address");
  }
  tcp::endpoint endpoint(address, static_cast<unsigned short>(s.opts.port));
  s.acceptor.open(endpoint.protocol(), ec);
  if (!ec) s.acceptor.set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) s.acceptor.bind(endpoint, ec);
  if (!ec) s.acceptor.listen(asio::socket_base::max_listen_connections, ec);
  if (!ec) s.acceptor.non_blocking(true, ec);
  if (!ec && ::pipe2(s.stop_pipe, O_CLOEXEC | O_NONBLOCK) != 0) {
    ec = beast::error_code(errno, boost::system::system_category());
  }
  if (ec) {
    beast::error_code ignored;
    s.acceptor.close(ignored);
    std::string where = s.opts.address + ":" + std::to_string(s.opts.port);
    return Status::Error(ErrorKind::kInternal, "http.listen_failed", "",
                         "HTTPの待受を開始できません: " + where,
                         "Cannot listen on " + where + ": " + ec.message());
  }
  s.bound_port = s.acceptor.local_endpoint(ec).port();
  s.started = true;
  s.accept_thread = std::thread([&s] { s.AcceptLoop(); });
  spdlog::info("http: listening on {}:{}", s.opts.address, s.bound_port);
  return Status::Ok();
}

void HttpServer::Stop() {
  Impl& s = *impl_;
  std::lock_guard lock(s.lifecycle_mu);
  if (!s.started || s.stopped) return;
  s.stopped = true;
  s.stopping.store(true);
  char byte = 1;
  while (::write(s.stop_pipe[1], &byte, 1) < 0 && errno == EINTR) {
  }
  if (s.accept_thread.joinable()) s.accept_thread.join();
  beast::error_code ec;
  s.acceptor.close(ec);
  s.Reap(true);
  ::close(s.stop_pipe[0]);
  ::close(s.stop_pipe[1]);
  s.stop_pipe[0] = s.stop_pipe[1] = -1;
  spdlog::info("http: stopped");
}

}  // namespace mamori
