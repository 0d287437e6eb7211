#include "api/http_server.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <stdexcept>
#include <thread>
#include <vector>

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include "api/http.h"
#include "api/router.h"

namespace mamori {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
using tcp = asio::ip::tcp;
using namespace std::chrono_literals;
using Json = nlohmann::json;

// One client connection with a 5 s bound on every operation; never reconnects, so a second
// successful request proves keep-alive.
class Conn {
 public:
  using Response = bhttp::response<bhttp::string_body>;
  explicit Conn(int port) {
    stream_.expires_after(5s);
    stream_.async_connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port),
                          [this](beast::error_code e) { ec_ = e; });
    Run();
  }
  bool ok() const { return !ec_; }
  beast::error_code error() const { return ec_; }

  void SendRaw(const std::string& data) {
    stream_.expires_after(5s);
    asio::async_write(stream_, asio::buffer(data),
                      [this](beast::error_code e, std::size_t) { ec_ = e; });
    Run();
  }
  Response Read() {
    Response res;
    stream_.expires_after(5s);
    bhttp::async_read(stream_, buffer_, res,
                      [this](beast::error_code e, std::size_t) { ec_ = e; });
    Run();
    return res;
  }
  Response Send(std::string method, std::string target, std::string body = "",
                std::vector<std::pair<std::string, std::string>> headers = {}) {
    bhttp::request<bhttp::string_body> req;
    req.method_string(method);
    req.target(target);
    req.version(11);
    req.set(bhttp::field::host, "127.0.0.1");
    for (auto& [k, v] : headers) req.set(k, v);
    req.body() = std::move(body);
    req.prepare_payload();
    stream_.expires_after(5s);
    bhttp::async_write(stream_, req, [this](beast::error_code e, std::size_t) { ec_ = e; });
    Run();
    if (ec_) return {};
    return Read();
  }

 private:
  void Run() {
    ioc_.restart();
    ioc_.run();
  }
  asio::io_context ioc_;
  beast::tcp_stream stream_{ioc_};
  beast::flat_buffer buffer_;
  beast::error_code ec_;
};

Json Body(const Conn::Response& res) { return Json::parse(res.body(), nullptr, false); }

class HttpServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    router_.Add("GET", "/api/v1/items/{id}/checkout", [](HttpRequest& r) {
      return JsonResponse(200, {{"id", r.path_params["id"]}, {"ip", r.remote_ip}});
    });
    router_.Add("POST", "/api/v1/items/{id}/checkout", [](HttpRequest& r) {
      return JsonResponse(201, {{"id", r.path_params.at("id")}, {"body", r.body}});
    });
    router_.Add("GET", "/api/v1/items/new", [](HttpRequest&) {
      return JsonResponse(200, {{"literal", true}});
    });
    router_.Add("GET", "/api/echo", [](HttpRequest& r) {
      Json q = Json::object();
      for (auto& [k, v] : r.query) q[k].push_back(v);
      return JsonResponse(200, {{"query", q}, {"first", r.Query("q", "none")},
                                {"missing", r.Query("zz", "dflt")}, {"sid", r.Cookie("sid")},
                                {"theme", r.Cookie("theme")}, {"ua", r.Header("User-Agent")}});
    });
    router_.Add("GET", "/api/slow", [](HttpRequest&) {
      std::this_thread::sleep_for(20ms);
      return JsonResponse(200, {{"slept", true}});
    });
    router_.Add("GET", "/api/slower", [](HttpRequest&) {
      std::this_thread::sleep_for(300ms);
      return JsonResponse(200, {{"slept", true}});
    });
    router_.Add("GET", "/api/throw", [](HttpRequest&) -> HttpResponse {
      throw std::runtime_error("secret internal detail");
    });
    router_.Add("GET", "/static/{*rest}", [](HttpRequest& r) {
      HttpResponse res;
      res.content_type = "text/plain";
      res.body = r.path_params["rest"];
      res.headers.emplace_back("X-Custom", "yes");
      res.headers.emplace_back("Set-Cookie", "a=1");
      res.headers.emplace_back("Set-Cookie", "b=2");
      return res;
    });
  }
  void StartServer(HttpServerOptions opts = {}) {
    opts.port = 0;
    server_ = std::make_unique<HttpServer>(router_, opts);
    ASSERT_TRUE(server_->Start().ok());
    ASSERT_GT(server_->port(), 0);
  }
  void TearDown() override {
    if (server_) server_->Stop();
  }
  int port() const { return server_->port(); }

  Router router_;
  std::unique_ptr<HttpServer> server_;
};

TEST(HttpHelpersTest, PercentDecodeQueryAndCookies) {
  EXPECT_EQ(PercentDecode("a%20b+c%2fd%zz%4", false), "a b+c/d%zz%4");
  EXPECT_EQ(PercentDecode("a+b%2B", true), "a b+");
  auto q = ParseQuery("x=1&x=2&name=%E5%AE%88+r&&flag");
  EXPECT_EQ(q.count("x"), 2u);
  EXPECT_EQ(q.find("name")->second, "守 r");
  EXPECT_EQ(q.find("flag")->second, "");
  auto c = ParseCookies(" sid=abc ;theme=\"dark\"; bad; sid=later");
  EXPECT_EQ(c["sid"], "abc");
  EXPECT_EQ(c["theme"], "dark");
  EXPECT_EQ(c.count("bad"), 0u);
}

TEST(HttpHelpersTest, StatusTableAndErrorBodies) {
  EXPECT_EQ(HttpStatusFor(ErrorKind::kInvalidArgument), 400);
  EXPECT_EQ(HttpStatusFor(ErrorKind::kNotFound), 404);
  EXPECT_EQ(HttpStatusFor(ErrorKind::kRuleViolation), 422);
  EXPECT_EQ(HttpStatusFor(ErrorKind::kConflict), 409);
  EXPECT_EQ(HttpStatusFor(ErrorKind::kUnauthenticated), 401);
  EXPECT_EQ(HttpStatusFor(ErrorKind::kForbidden), 403);
  EXPECT_EQ(HttpStatusFor(ErrorKind::kThrottled), 429);
  EXPECT_EQ(HttpStatusFor(ErrorKind::kInternal), 500);
  auto res = ErrorResponse(Status::Error(ErrorKind::kRuleViolation, "media.witness_differs",
                                         "000 第4 7(1)", "立会者", "witness", "witness_id"));
  EXPECT_EQ(res.status, 422);
  Json e = Json::parse(res.body)["error"];
  EXPECT_EQ(e["kind"], "rule_violation");
  EXPECT_EQ(e["clause"], "000 第4 7(1)");
  EXPECT_EQ(e["field"], "witness_id");
  Json no_field = Json::parse(ErrorResponse(Status::Error(ErrorKind::kConflict, "r", "", "j",
                                                          "e")).body)["error"];
  EXPECT_FALSE(no_field.contains("field"));
  auto internal = ErrorResponse(Status::Internal("disk /var/db full"));
  EXPECT_EQ(internal.status, 500);
  EXPECT_EQ(internal.body.find("disk"), std::string::npos);
  EXPECT_EQ(Json::parse(internal.body)["error"]["message_en"], "Internal error");
}

TEST(RouterTest, RoutesSpecificityAndRest) {
  Router r;
  r.Add("GET", "/a/{id}", [](HttpRequest&) { return JsonResponse(200, {{"p", "param"}}); });
  r.Add("GET", "/a/new", [](HttpRequest&) { return JsonResponse(200, {{"p", "literal"}}); });
  r.Add("GET", "/s/{*rest}", [](HttpRequest& q) { return JsonResponse(200, q.path_params); });
  ASSERT_EQ(r.Routes().size(), 3u);
  EXPECT_EQ(r.Routes()[0], std::make_pair(std::string("GET"), std::string("/a/{id}")));
  HttpRequest req{.method = "GET", .path = "/a/new"};
  EXPECT_EQ(Json::parse(r.Dispatch(req).body)["p"], "literal");
  req.path = "/a/x%2Fy";  // an encoded slash never binds a parameter
  EXPECT_EQ(r.Dispatch(req).status, 404);
  req.path = "/s/css/app.css";
  EXPECT_EQ(Json::parse(r.Dispatch(req).body)["rest"], "css/app.css");
  req.path = "/s/css/../../etc/passwd";
  EXPECT_EQ(r.Dispatch(req).status, 404);
  req.path = "/a/1/";
  EXPECT_EQ(r.Dispatch(req).status, 404);
}

TEST_F(HttpServerTest, RoutesWithPathParams) {
  StartServer();
  Conn c(port());
  auto res = c.Send("GET", "/api/v1/items/a%20b/checkout");
  ASSERT_TRUE(c.ok()) << c.error().message();
  EXPECT_EQ(res.result_int(), 200u);
  EXPECT_EQ(Body(res)["id"], "a b");
  EXPECT_EQ(Body(res)["ip"], "127.0.0.1");
  res = c.Send("POST", "/api/v1/items/42/checkout", "{}");
  EXPECT_EQ(res.result_int(), 201u);
  EXPECT_EQ(Body(res)["id"], "42");
  EXPECT_EQ(Body(res)["body"], "{}");
  EXPECT_EQ(Body(c.Send("GET", "/api/v1/items/new"))["literal"], true);
  EXPECT_EQ(c.Send("GET", "/static/js/app.js").body(), "js/app.js");
}

TEST_F(HttpServerTest, NotFoundAndMethodNotAllowed) {
  StartServer();
  Conn c(port());
  auto res = c.Send("GET", "/api/v1/nothing");
  EXPECT_EQ(res.result_int(), 404u);
  EXPECT_EQ(Body(res)["error"]["rule"], "http.not_found");
  EXPECT_EQ(Body(res)["error"]["kind"], "not_found");
  res = c.Send("DELETE", "/api/v1/items/1/checkout");
  EXPECT_EQ(res.result_int(), 405u);
  EXPECT_EQ(res[bhttp::field::allow], "GET, POST");
  EXPECT_EQ(Body(res)["error"]["rule"], "http.method_not_allowed");
  EXPECT_FALSE(Body(res)["error"]["message_ja"].get<std::string>().empty());
}

TEST_F(HttpServerTest, QueryCookiesAndHeaders) {
  StartServer();
  Conn c(port());
  auto res = c.Send("GET", "/api/echo?q=a+b%26c&x=1&x=2&flag",
                    "", {{"Cookie", "sid=s3cr3t; theme=dark"}, {"User-Agent", "ua/1"}});
  Json b = Body(res);
  EXPECT_EQ(b["first"], "a b&c");
  EXPECT_EQ(b["missing"], "dflt");
  EXPECT_EQ(b["query"]["x"], Json::array({"1", "2"}));
  EXPECT_EQ(b["query"]["flag"], Json::array({""}));
  EXPECT_EQ(b["sid"], "s3cr3t");
  EXPECT_EQ(b["theme"], "dark");
  EXPECT_EQ(b["ua"], "ua/1");
}

TEST_F(HttpServerTest, SecurityHeadersOnEveryResponse) {
  StartServer();
  Conn c(port());
  for (const char* target : {"/api/echo", "/api/none", "/static/x"}) {
    auto res = c.Send("GET", target);
    EXPECT_EQ(res["Content-Security-Policy"],
              "default-src 'self'; img-src 'self' data:; object-src 'none'; frame-ancestors 'none'; base-uri 'none'; "
              "form-action 'self'");
    EXPECT_EQ(res["X-Content-Type-Options"], "nosniff");
    EXPECT_EQ(res["X-Frame-Options"], "DENY");
    EXPECT_EQ(res["Referrer-Policy"], "no-referrer");
    bool api = std::string(target).rfind("/api/", 0) == 0;
    EXPECT_EQ(res[bhttp::field::cache_control], api ? "no-store" : "") << target;
  }
  auto res = c.Send("GET", "/static/x");
  EXPECT_EQ(res["X-Custom"], "yes");
  EXPECT_EQ(res[bhttp::field::content_type], "text/plain");
  EXPECT_EQ(res.count("Set-Cookie"), 2u);
}

TEST_F(HttpServerTest, OversizedBodyGets413) {
  StartServer({.max_body_bytes = 1024});
  Conn c(port());
  auto res = c.Send("POST", "/api/v1/items/1/checkout", std::string(4096, 'x'));
  EXPECT_EQ(res.result_int(), 413u);
  EXPECT_EQ(Body(res)["error"]["rule"], "http.body_too_large");
  EXPECT_FALSE(res.keep_alive());
  // At the default limit, a 3 MiB body is refused too, and the reply survives the unread body.
  server_->Stop();
  StartServer();
  Conn big(port());
  res = big.Send("POST", "/api/v1/items/1/checkout", std::string(3 << 20, 'y'));
  ASSERT_TRUE(big.ok()) << big.error().message();
  EXPECT_EQ(res.result_int(), 413u);
}

TEST_F(HttpServerTest, MalformedRequestGets400AndClose) {
  StartServer();
  Conn c(port());
  c.SendRaw("GET / HTTX/1.1\r\nHost: x\r\n\r\n");
  auto res = c.Read();
  EXPECT_EQ(res.result_int(), 400u);
  EXPECT_EQ(Body(res)["error"]["rule"], "http.malformed_request");
  c.Read();
  EXPECT_EQ(c.error(), bhttp::error::end_of_stream);
}

TEST_F(HttpServerTest, HandlerExceptionIs500WithoutDetails) {
  StartServer();
  Conn c(port());
  auto res = c.Send("GET", "/api/throw");
  EXPECT_EQ(res.result_int(), 500u);
  EXPECT_EQ(res.body().find("secret"), std::string::npos);
  EXPECT_EQ(Body(res)["error"]["kind"], "internal");
  EXPECT_EQ(c.Send("GET", "/api/echo").result_int(), 200u);  // connection still usable
}

TEST_F(HttpServerTest, KeepAliveServesTwoRequestsOnOneConnection) {
  StartServer();
  Conn c(port());
  auto first = c.Send("GET", "/api/echo?q=1");
  ASSERT_TRUE(c.ok());
  EXPECT_TRUE(first.keep_alive());
  auto second = c.Send("GET", "/api/echo?q=2");
  ASSERT_TRUE(c.ok()) << c.error().message();
  EXPECT_EQ(Body(second)["first"], "2");
}

TEST_F(HttpServerTest, HundredConcurrentClientsWithBlockingHandlers) {
  StartServer();
  constexpr int kClients = 100, kRequests = 3;
  std::atomic<int> ok{0};
  auto start = std::chrono::steady_clock::now();
  std::vector<std::thread> threads;
  for (int i = 0; i < kClients; ++i) {
    threads.emplace_back([&] {
      Conn c(port());
      for (int j = 0; j < kRequests; ++j) {
        if (c.Send("GET", "/api/slow").result_int() == 200u) ++ok;
      }
    });
  }
  for (auto& t : threads) t.join();
  auto elapsed = std::chrono::steady_clock::now() - start;
  EXPECT_EQ(ok.load(), kClients * kRequests);
  // Serially this would take 100 * 3 * 20 ms = 6 s.
  EXPECT_LT(elapsed, 3s);
}

TEST_F(HttpServerTest, ConnectionsBeyondTheCapAreRefused) {
  StartServer({.max_connections = 2});
  Conn a(port()), b(port());
  EXPECT_EQ(a.Send("GET", "/api/echo").result_int(), 200u);
  EXPECT_EQ(b.Send("GET", "/api/echo").result_int(), 200u);
  Conn c(port());
  EXPECT_EQ(c.Read().result_int(), 503u);
}

TEST_F(HttpServerTest, PortInUseIsAnError) {
  StartServer();
  HttpServer second(router_, {.port = port()});
  Status st = second.Start();
  EXPECT_FALSE(st.ok());
  EXPECT_EQ(st.rule(), "http.listen_failed");
}

TEST_F(HttpServerTest, StopIsPromptAndFinishesInFlightRequests) {
  StartServer();
  Conn idle(port());
  ASSERT_EQ(idle.Send("GET", "/api/echo").result_int(), 200u);  // now an idle keep-alive
  Conn busy(port());
  Conn::Response busy_res;
  std::thread t([&] { busy_res = busy.Send("GET", "/api/slower"); });
  std::this_thread::sleep_for(100ms);
  auto start = std::chrono::steady_clock::now();
  server_->Stop();
  EXPECT_LT(std::chrono::steady_clock::now() - start, 1s);
  t.join();
  EXPECT_EQ(busy_res.result_int(), 200u);
  EXPECT_FALSE(busy_res.keep_alive());
  idle.Read();
  EXPECT_TRUE(idle.error());  // closed by Stop()
  server_->Stop();            // idempotent
}

}  // namespace
}  // namespace mamori
