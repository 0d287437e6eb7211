#pragma once
// A small synchronous HTTP/1.1 client for black-box tests (Boost.Beast). One keep-alive
// connection, reopened when the server closed it; every operation is bounded by a timeout.
// It keeps a cookie jar (Set-Cookie name=value, whatever the Secure/Path/Domain attributes)
// and a set of default headers sent with every request (X-CSRF-Token, Authorization, ...).
// Not thread-safe: use one client per thread. Never throws for I/O errors: a failed request
// yields a Reply with status 0 and the error text as its body.

#include <chrono>
#include <map>
#include <memory>
#include <string>

#include <nlohmann/json.hpp>

namespace mamori {

class HttpClient {
 public:
  struct Reply {
    int status = 0;  // 0: no response (connect/read/write failure or timeout)
    std::string body;
    // Lower-case keys; repeated headers joined with ", " (Set-Cookie lines with "\n").
    std::map<std::string, std::string> headers;
    // The body parsed as JSON; a "discarded" value (is_discarded()) when it is not JSON.
    nlohmann::json Json() const;
    // Header value by case-insensitive name, or "".
    std::string Header(const std::string& name) const;
  };

  HttpClient(std::string host, int port);
  ~HttpClient();
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  // Sends `headers` after the default headers (a same-named one, any case, replaces the
  // default) and a Cookie header from the jar unless `headers` has one. `target` is the
  // path plus query, sent as given.
  Reply Request(std::string method, std::string target, std::string body = "",
                std::map<std::string, std::string> headers = {});
  Reply Get(std::string target, std::map<std::string, std::string> headers = {});
  Reply Delete(std::string target, std::map<std::string, std::string> headers = {});
  // Body is `json.dump()` with Content-Type application/json.
  Reply Post(std::string target, const nlohmann::json& json,
             std::map<std::string, std::string> headers = {});
  Reply Put(std::string target, const nlohmann::json& json,
            std::map<std::string, std::string> headers = {});
  Reply Patch(std::string target, const nlohmann::json& json,
              std::map<std::string, std::string> headers = {});

  // Default header for every later request; an empty value removes it.
  void SetHeader(std::string name, std::string value);
  // Cookie jar access. A Set-Cookie with Max-Age <= 0, or with an empty value and an
  // Expires attribute, removes the cookie.
  std::string GetCookie(const std::string& name) const;
  void SetCookie(std::string name, std::string value);  // empty value removes
  void ClearCookies();
  // Per-operation timeout (connect, write, read); default 30 s.
  void SetTimeout(std::chrono::milliseconds timeout);
  // Closes the connection; the next request opens a new one.
  void Close();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace mamori
