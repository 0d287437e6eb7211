#pragma once
// Authentication: Argon2id passwords, optional TOTP (liboath), sessions carried in a secure
// HttpOnly cookie with a CSRF token, API tokens for scripts, and login throttling. Sessions and
// tokens are stored only as SHA-256 hashes; their values are shown once and never logged.

#include <map>
#include <mutex>
#include <string>

#include "engine/engine.h"

namespace mamori {

void RegisterIdentityCommands(Engine& engine);

// Per-key failure counter with exponential lock-out: after `free_attempts` failures within the
// window, each further attempt waits 2^(n-free) seconds, capped at `max_lock`. Thread-safe.
class LoginThrottle {
 public:
  struct Options {
    int free_attempts = 5;
    Micros window = 15 * kMinute;
    Micros max_lock = 15 * kMinute;
  };
  LoginThrottle() = default;
  explicit LoginThrottle(Options o) : options_(o) {}
  // 0 if an attempt is allowed now, else the microseconds to wait.
  Micros RetryAfter(const std::string& key, Micros now);
  void Failure(const std::string& key, Micros now);
  void Success(const std::string& key);

 private:
  struct Entry {
    int failures = 0;
    Micros first = 0, last = 0;
  };
  Options options_;
  std::mutex mu_;
  std::map<std::string, Entry> entries_;
};

struct SessionInfo {
  std::string cookie;  // the secret cookie value: give it to the client, never log it
  std::string csrf;
  Micros expires_at = 0;
  Actor actor;
  bool must_change_password = false;
};

struct AuthOptions {
  Micros session_ttl = 8 * kHour;
};

class Auth {
 public:
  Auth(Engine& engine, AuthOptions options = {}) : engine_(engine), options_(options) {}

  // Checks the password (and TOTP code when the account has one), then opens a session.
  // kUnauthenticated for a wrong user name or password (the same message for both),
  // kThrottled when the user name or the address has failed too often.
  Result<SessionInfo> Login(const std::string& username, const std::string& password, const std::string& totp_code,
                            const std::string& remote_ip);
  // The actor of a session cookie or a bearer token. For unsafe methods with a cookie, the CSRF
  // header must match the session's token (bearer tokens need none). `csrf_out` gets the session's
  // CSRF token when a cookie authenticated.
  Result<Actor> Authenticate(const std::string& cookie, const std::string& bearer, bool unsafe_method,
                             const std::string& csrf_header, std::string* csrf_out = nullptr);
  // Ends this session, or every session and token of the actor when `everywhere`.
  Status Logout(const Actor& actor, const std::string& cookie, bool everywhere);
  // Creates an API token for the actor; returns its secret value (shown once).
  Result<Json> CreateToken(const Actor& actor, const std::string& name, Micros ttl);
  // Changes the actor's own password after checking the current one. Every other session of the
  // account ends; the session whose cookie is `keep_cookie` (if any) stays signed in.
  Status ChangePassword(const Actor& actor, const std::string& current, const std::string& next,
                        const std::string& keep_cookie = "");

  static Status CheckPasswordPolicy(const std::string& password);

 private:
  Engine& engine_;
  AuthOptions options_;
  LoginThrottle throttle_;
};

// An actor for the local administrator at the command line.
Actor SystemActor(const std::string& what);

}  // namespace mamori
