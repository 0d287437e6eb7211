#pragma once
// Black-box test harness: runs the real `mamori` binary as a child process on a temporary var/
// directory and talks to it over loopback only (127.0.0.1).
//
//   Server s;                         // a fresh temporary directory; var/ is s.var()
//   ASSERT_TRUE(s.MakeDemo());        // `mamori demo --var` (built once per test process, then copied)
//   ASSERT_TRUE(s.Start());           // `mamori serve --var … --port 0`, waits for /healthz
//   auto tanaka = s.Login("tanaka");  // HttpClient with the session cookie and X-CSRF-Token set
//   s.Stop();                         // SIGTERM, waitpid; s.Kill9() for crash tests
//
// Every wait is bounded in time. The binary is MAMORI_BINARY unless $MAMORI_TEST_BINARY names
// another one (e.g. a sanitizer build).

#include <gtest/gtest.h>
#include <sys/types.h>

#include <chrono>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "http_client.h"

namespace mamori::test {

using Json = nlohmann::json;
using Reply = HttpClient::Reply;

inline constexpr const char* kDemoPassword = "mamori-demo-2026";

std::string MamoriBinary();

// A directory under $TMPDIR (or /tmp), removed with everything in it on destruction.
class TempDir {
 public:
  explicit TempDir(const std::string& prefix = "mamori-test");
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }
  std::string Sub(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

// Copies a directory tree (a var/ that no process has open).
void CopyTree(const std::string& from, const std::string& to);
std::string ReadFile(const std::string& path);
void WriteFile(const std::string& path, const std::string& text);

struct CommandResult {
  int exit_code = -1;  // -1: killed by a signal or timed out
  bool timed_out = false;
  std::string out, err;
  std::string All() const { return out + err; }
};

// Runs `mamori ARGS…` to completion (killed after `timeout`), capturing stdout and stderr. The
// child gets no MAMORI_* variables from the test's environment and bypasses any HTTP proxy.
CommandResult RunMamori(const std::vector<std::string>& args, std::chrono::seconds timeout = std::chrono::seconds(120));

// ISO 8601 UTC ("2026-11-22T01:42:00Z") of now + offset.
std::string IsoFromNow(std::chrono::seconds offset);
// The local date "YYYY-MM-DD" (UTC+09:00) whose end of working day (HH:MM local) comes next.
std::string NextWorkdayEndDate(int hour = 18, int minute = 15);

class Server {
 public:
  Server();
  ~Server();  // kills the server if still running
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  const std::string& var() const { return var_; }
  const std::string& dir() const { return dir_.path(); }
  int port() const { return port_; }
  std::string Url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  bool running() const { return pid_ > 0; }
  pid_t pid() const { return pid_; }

  // `mamori demo --var` (the demo of this test process is built once, then copied).
  ::testing::AssertionResult MakeDemo();
  // `mamori init --var` with an administrator "admin".
  ::testing::AssertionResult Init(const std::string& admin_password);

  // Starts `mamori serve --var VAR --port 0`, reads the port from its stdout and waits for
  // GET /healthz to answer 200.
  ::testing::AssertionResult Start(std::chrono::seconds timeout = std::chrono::seconds(60));
  // SIGTERM and waitpid (SIGKILL after `timeout`). Returns the exit code, -1 if it was killed.
  int Stop(std::chrono::seconds timeout = std::chrono::seconds(60));
  // SIGKILL and waitpid: a crash.
  void Kill9();
  // What the server printed so far (stdout, then stderr), for failure messages.
  std::string Log() const;

  std::unique_ptr<HttpClient> Client() const;  // no session
  // Signs in; the client keeps the session cookie and sends X-CSRF-Token. nullptr (and a
  // non-fatal failure) if the sign-in fails.
  std::unique_ptr<HttpClient> Login(const std::string& username, const std::string& password = kDemoPassword);
  // A second client on the session of a signed-in one (cookie and CSRF token), for another thread.
  std::unique_ptr<HttpClient> SameSession(HttpClient& signed_in) const;

  // `mamori verify --var VAR --quiet [extra…]` (the server should be stopped first).
  CommandResult Verify(const std::vector<std::string>& extra = {}) const;

 private:
  TempDir dir_;
  std::string var_;
  pid_t pid_ = -1;
  int port_ = 0;
  int starts_ = 0;
  std::string out_file_, err_file_;
};

// Stops a running server (expecting exit code 0) and verifies its var/ (expecting exit code 0); does
// nothing if the server is not running (e.g. the test stopped it or never started it).
void StopAndVerify(Server& s);

// A test with a server `s_` that is stopped and verified when the test ends (StopAndVerify).
// `Base` is ::testing::Test or a ::testing::TestWithParam<…>.
template <typename Base = ::testing::Test>
class ServerTest : public Base {
 protected:
  void TearDown() override { StopAndVerify(s_); }
  Server s_;
};

// A ServerTest whose server runs a copy of the demo (MakeDemo, then Start).
template <typename Base = ::testing::Test>
class DemoServerTest : public ServerTest<Base> {
 protected:
  void SetUp() override {
    ASSERT_TRUE(this->s_.MakeDemo());
    ASSERT_TRUE(this->s_.Start());
  }
};

// HTTP-level helpers ---------------------------------------------------------------------

// Asserts an error reply: HTTP status, error.kind, error.rule, error.clause, both messages
// present (the Japanese one with Japanese text) and, if given, error.field.
::testing::AssertionResult IsApiError(const Reply& r, int status, const std::string& kind, const std::string& rule,
                                      const std::string& clause, std::optional<std::string> field = std::nullopt);
// Asserts a 2xx reply (with the body in the failure message).
::testing::AssertionResult IsOk(const Reply& r);

// Reading the trail needs trail.view (nakamura, sato, yamamoto in the demo).
// The size of the trail (GET /api/v1/trail → "size"), -1 on failure.
int64_t TrailSize(HttpClient& auditor);
// Waits until every write queued before it (including view records) is committed: the writer
// signs a tree head only after the batch it is running (GET /api/v1/trail/head).
bool TrailBarrier(HttpClient& auditor);
// Events of one entity (newest first), or of all when entity is empty; up to `limit`.
Json TrailEvents(HttpClient& auditor, const std::string& entity, int limit = 1000);

// Demo look-ups (any signed-in user may list units and persons).
int64_t UnitId(HttpClient& c, const std::string& code);
int64_t PersonId(HttpClient& c, const std::string& username);

}  // namespace mamori::test
