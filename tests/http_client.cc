#include "http_client.h"

#include <limits>
#include <optional>
#include <utility>

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

namespace mamori {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

std::string Lower(std::string s) {
  for (char& c : s) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return s;
}

std::string Trim(std::string s) {
  size_t b = s.find_first_not_of(" \t");
  size_t e = s.find_last_not_of(" \t");
  return b == std::string::npos ? std::string() : s.substr(b, e - b + 1);
}

}  // namespace

struct HttpClient::Impl {
  std::string host;
  int port;
  std::chrono::milliseconds timeout = std::chrono::seconds(30);
  asio::io_context ioc;
  std::optional<beast::tcp_stream> stream;
  beast::flat_buffer buffer;
  std::map<std::string, std::pair<std::string, std::string>> defaults;  // lower -> (name, value)
  std::map<std::string, std::string> cookies;

  // Runs the queued asynchronous operation to completion (or until the stream's timer fires).
  void Run() {
    ioc.restart();
    ioc.run();
  }

  beast::error_code Connect() {
    beast::error_code ec;
    tcp::resolver resolver(ioc);
    auto endpoints = resolver.resolve(host, std::to_string(port), ec);
    if (ec) return ec;
    stream.emplace(ioc);
    buffer.clear();
    stream->expires_after(timeout);
    stream->async_connect(endpoints, [&](beast::error_code e, const tcp::endpoint&) { ec = e; });
    Run();
    if (ec) stream.reset();
    return ec;
  }

  void Disconnect() {
    if (!stream) return;
    beast::error_code ignored;
    stream->socket().shutdown(tcp::socket::shutdown_both, ignored);
    stream->close();
    stream.reset();
  }

  // One exchange on the open connection. `any_read` tells whether response bytes arrived.
  beast::error_code Exchange(http::request<http::string_body>& req,
                             http::response_parser<http::string_body>& parser, bool& any_read) {
    beast::error_code ec;
    stream->expires_after(timeout);
    http::async_write(*stream, req, [&](beast::error_code e, std::size_t) { ec = e; });
    Run();
    if (ec) return ec;
    std::size_t before = buffer.size();
    stream->expires_after(timeout);
    http::async_read(*stream, buffer, parser, [&](beast::error_code e, std::size_t n) {
      ec = e;
      any_read = n > 0 || buffer.size() != before;
    });
    Run();
    return ec;
  }

  void StoreCookie(const std::string& line) {
    std::string pair = line.substr(0, line.find(';'));
    size_t eq = pair.find('=');
    if (eq == std::string::npos) return;
    std::string name = Trim(pair.substr(0, eq));
    std::string value = Trim(pair.substr(eq + 1));
    bool remove = false;
    size_t pos = line.find(';');
    while (pos != std::string::npos) {
      size_t next = line.find(';', pos + 1);
      std::string attr = Trim(line.substr(pos + 1, next == std::string::npos ? std::string::npos
                                                                             : next - pos - 1));
      std::string key = Lower(attr.substr(0, attr.find('=')));
      std::string val = attr.find('=') == std::string::npos ? "" : attr.substr(attr.find('=') + 1);
      if (key == "max-age" && (val.empty() || val[0] == '-' || val == "0")) remove = true;
      if (key == "expires" && value.empty()) remove = true;
      pos = next;
    }
    if (name.empty()) return;
    if (remove) {
      cookies.erase(name);
    } else {
      cookies[name] = value;
    }
  }
};

nlohmann::json HttpClient::Reply::Json() const {
  return nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
}

std::string HttpClient::Reply::Header(const std::string& name) const {
  auto it = headers.find(Lower(name));
  return it == headers.end() ? std::string() : it->second;
}

HttpClient::HttpClient(std::string host, int port) : impl_(std::make_unique<Impl>()) {
  impl_->host = std::move(host);
  impl_->port = port;
}

HttpClient::~HttpClient() { Close(); }

HttpClient::Reply HttpClient::Request(std::string method, std::string target, std::string body,
                                      std::map<std::string, std::string> headers) {
  Impl& s = *impl_;
  http::request<http::string_body> req;
  req.method_string(method);
  req.target(target);
  req.version(11);
  req.set(http::field::host, s.host + ":" + std::to_string(s.port));
  req.set(http::field::user_agent, "mamori-test-client");
  std::map<std::string, std::string> lower_given;
  for (const auto& [name, value] : headers) lower_given[Lower(name)] = value;
  for (const auto& [lower, nv] : s.defaults) {
    if (!lower_given.count(lower)) req.set(nv.first, nv.second);
  }
  for (const auto& [name, value] : headers) req.set(name, value);
  if (!lower_given.count("cookie") && !s.cookies.empty()) {
    std::string cookie;
    for (const auto& [name, value] : s.cookies) {
      cookie += (cookie.empty() ? "" : "; ") + name + "=" + value;
    }
    req.set(http::field::cookie, cookie);
  }
  req.body() = std::move(body);
  req.keep_alive(true);
  req.prepare_payload();

  Reply reply;
  for (int attempt = 0; attempt < 2; ++attempt) {
    bool reused = s.stream.has_value();
    beast::error_code ec;
    if (!reused) ec = s.Connect();
    if (ec) {
      reply.body = "connect: " + ec.message();
      return reply;
    }
    http::response_parser<http::string_body> parser;
    parser.body_limit(std::numeric_limits<std::uint64_t>::max());
    if (method == "HEAD") parser.skip(true);
    bool any_read = false;
    ec = s.Exchange(req, parser, any_read);
    if (ec) {
      s.Disconnect();
      if (reused && !any_read && ec != beast::error::timeout) continue;  // idle conn closed
      reply.body = "exchange: " + ec.message();
      return reply;
    }
    auto res = parser.release();
    reply.status = static_cast<int>(res.result_int());
    reply.body = std::move(res.body());
    for (const auto& field : res) {
      std::string key = Lower(std::string(field.name_string()));
      std::string value(field.value());
      if (key == "set-cookie") s.StoreCookie(value);
      auto [it, inserted] = reply.headers.emplace(key, value);
      if (!inserted) it->second += (key == "set-cookie" ? "\n" : ", ") + value;
    }
    if (!res.keep_alive()) s.Disconnect();
    return reply;
  }
  reply.body = "exchange: connection closed by server";
  return reply;
}

HttpClient::Reply HttpClient::Get(std::string target, std::map<std::string, std::string> h) {
  return Request("GET", std::move(target), "", std::move(h));
}

HttpClient::Reply HttpClient::Delete(std::string target, std::map<std::string, std::string> h) {
  return Request("DELETE", std::move(target), "", std::move(h));
}

HttpClient::Reply HttpClient::Post(std::string target, const nlohmann::json& json,
                                   std::map<std::string, std::string> h) {
  h.emplace("Content-Type", "application/json");
  return Request("POST", std::move(target), json.dump(), std::move(h));
}

HttpClient::Reply HttpClient::Put(std::string target, const nlohmann::json& json,
                                  std::map<std::string, std::string> h) {
  h.emplace("Content-Type", "application/json");
  return Request("PUT", std::move(target), json.dump(), std::move(h));
}

HttpClient::Reply HttpClient::Patch(std::string target, const nlohmann::json& json,
                                    std::map<std::string, std::string> h) {
  h.emplace("Content-Type", "application/json");
  return Request("PATCH", std::move(target), json.dump(), std::move(h));
}

void HttpClient::SetHeader(std::string name, std::string value) {
  std::string lower = Lower(name);
  if (value.empty()) {
    impl_->defaults.erase(lower);
  } else {
    impl_->defaults[lower] = {std::move(name), std::move(value)};
  }
}

std::string HttpClient::GetCookie(const std::string& name) const {
  auto it = impl_->cookies.find(name);
  return it == impl_->cookies.end() ? std::string() : it->second;
}

void HttpClient::SetCookie(std::string name, std::string value) {
  if (value.empty()) {
    impl_->cookies.erase(name);
  } else {
    impl_->cookies[std::move(name)] = std::move(value);
  }
}

void HttpClient::ClearCookies() { impl_->cookies.clear(); }

void HttpClient::SetTimeout(std::chrono::milliseconds timeout) { impl_->timeout = timeout; }

void HttpClient::Close() { impl_->Disconnect(); }

}  // namespace mamori
