#include "api/http.h"
#include "server_harness.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <regex>
#include <sstream>
#include <thread>

extern char** environ;

namespace mamori::test {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

// The environment for children: ours without MAMORI_* and proxies, plus NO_PROXY for loopback.
std::vector<std::string> ChildEnvironment() {
  std::vector<std::string> env;
  for (char** e = environ; e && *e; ++e) {
    const std::string kv = *e;
    const std::string key = kv.substr(0, kv.find('='));
    std::string lower = key;
    for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (key.rfind("MAMORI_", 0) == 0 || lower.find("proxy") != std::string::npos) continue;
    env.push_back(kv);
  }
  env.push_back("NO_PROXY=127.0.0.1,localhost");
  env.push_back("no_proxy=127.0.0.1,localhost");
  return env;
}

std::vector<char*> CStrings(std::vector<std::string>& v) {
  std::vector<char*> out;
  for (auto& s : v) out.push_back(s.data());
  out.push_back(nullptr);
  return out;
}

// fork + execve with stdout/stderr sent to files. All allocation happens before fork.
pid_t Spawn(const std::vector<std::string>& args, const std::string& out_file, const std::string& err_file,
            bool die_with_parent) {
  std::vector<std::string> argv_s = {MamoriBinary()};
  argv_s.insert(argv_s.end(), args.begin(), args.end());
  std::vector<std::string> env_s = ChildEnvironment();
  std::vector<char*> argv = CStrings(argv_s), envp = CStrings(env_s);
  const pid_t parent = getpid();
  const pid_t pid = fork();
  if (pid != 0) return pid;
  // Child: only async-signal-safe calls from here on.
  if (die_with_parent) {
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (getppid() != parent) _exit(127);
  }
  const int in = open("/dev/null", O_RDONLY);
  const int out = open(out_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  const int err = open(err_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (in < 0 || out < 0 || err < 0) _exit(127);
  dup2(in, 0);
  dup2(out, 1);
  dup2(err, 2);
  execve(argv[0], argv.data(), envp.data());
  _exit(127);
}

// waitpid with a deadline; returns true when the child was reaped.
bool WaitFor(pid_t pid, int& status, Clock::duration timeout) {
  const auto deadline = Clock::now() + timeout;
  for (;;) {
    const pid_t r = waitpid(pid, &status, WNOHANG);
    if (r == pid) return true;
    if (r < 0 && errno != EINTR) return true;  // not our child any more
    if (Clock::now() >= deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
}

std::mutex g_demo_mu;
std::unique_ptr<TempDir> g_demo;  // the demo var/ of this process, copied by MakeDemo

}  // namespace

std::string MamoriBinary() {
  const char* override_bin = std::getenv("MAMORI_TEST_BINARY");
  return override_bin && *override_bin ? override_bin : MAMORI_BINARY;
}

TempDir::TempDir(const std::string& prefix) {
  const char* tmp = std::getenv("TMPDIR");
  std::string tmpl = std::string(tmp && *tmp ? tmp : "/tmp") + "/" + prefix + "-XXXXXX";
  if (!mkdtemp(tmpl.data())) throw std::runtime_error("mkdtemp failed: " + std::string(std::strerror(errno)));
  path_ = tmpl;
}

TempDir::~TempDir() {
  std::error_code ec;
  if (!std::getenv("MAMORI_TEST_KEEP")) fs::remove_all(path_, ec);
}

void CopyTree(const std::string& from, const std::string& to) {
  fs::copy(from, to, fs::copy_options::recursive | fs::copy_options::overwrite_existing);
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

void WriteFile(const std::string& path, const std::string& text) {
  std::ofstream(path, std::ios::binary | std::ios::trunc) << text;
}

CommandResult RunMamori(const std::vector<std::string>& args, std::chrono::seconds timeout) {
  TempDir capture("mamori-run");
  const std::string out = capture.Sub("out"), err = capture.Sub("err");
  CommandResult r;
  const pid_t pid = Spawn(args, out, err, /*die_with_parent=*/true);
  if (pid < 0) {
    r.err = "fork failed";
    return r;
  }
  int status = 0;
  if (!WaitFor(pid, status, timeout)) {
    kill(pid, SIGKILL);
    WaitFor(pid, status, std::chrono::seconds(10));
    r.timed_out = true;
  }
  r.exit_code = !r.timed_out && WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.out = ReadFile(out);
  r.err = ReadFile(err);
  return r;
}

std::string IsoFromNow(std::chrono::seconds offset) {
  const std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now() + offset);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

std::string NextWorkdayEndDate(int hour, int minute) {
  // Local (UTC+9) now, moved forward by the time left in a day after the workday end: its date
  // is today's when the end is still ahead, tomorrow's otherwise.
  const auto shift = std::chrono::hours(9) + (std::chrono::hours(24) - std::chrono::hours(hour) -
                                              std::chrono::minutes(minute));
  const std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now() + shift);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
  return buf;
}

// Server ------------------------------------------------------------------------------------

Server::Server() : dir_("mamori-server"), var_(dir_.Sub("var")) {}

Server::~Server() {
  if (running()) Kill9();
}

::testing::AssertionResult Server::MakeDemo() {
  {
    std::lock_guard<std::mutex> lock(g_demo_mu);
    if (!g_demo) {
      auto dir = std::make_unique<TempDir>("mamori-demo");
      CommandResult r = RunMamori({"demo", "--var", dir->Sub("var")});
      if (r.exit_code != 0)
        return ::testing::AssertionFailure() << "mamori demo failed (" << r.exit_code << "): " << r.All();
      g_demo = std::move(dir);
    }
  }
  std::error_code ec;
  fs::remove_all(var_, ec);
  CopyTree(g_demo->Sub("var"), var_);
  return ::testing::AssertionSuccess();
}

::testing::AssertionResult Server::Init(const std::string& admin_password) {
  CommandResult r = RunMamori({"init", "--var", var_, "--admin-password", admin_password});
  if (r.exit_code != 0) return ::testing::AssertionFailure() << "mamori init failed: " << r.All();
  return ::testing::AssertionSuccess();
}

::testing::AssertionResult Server::Start(std::chrono::seconds timeout) {
  if (running()) return ::testing::AssertionFailure() << "already running";
  ++starts_;
  out_file_ = dir_.Sub("serve-" + std::to_string(starts_) + ".out");
  err_file_ = dir_.Sub("serve-" + std::to_string(starts_) + ".err");
  port_ = 0;
  pid_ = Spawn({"serve", "--var", var_, "--port", "0"}, out_file_, err_file_, /*die_with_parent=*/true);
  if (pid_ < 0) return ::testing::AssertionFailure() << "fork failed";
  const auto deadline = Clock::now() + timeout;
  static const std::regex kListening(R"(listening on http://127\.0\.0\.1:(\d+))");
  while (port_ == 0) {
    std::smatch m;
    const std::string out = ReadFile(out_file_);
    if (std::regex_search(out, m, kListening)) {
      port_ = std::stoi(m[1]);
      break;
    }
    int status = 0;
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      return ::testing::AssertionFailure() << "mamori serve exited before listening:\n" << Log();
    }
    if (Clock::now() >= deadline) {
      Kill9();
      return ::testing::AssertionFailure() << "mamori serve did not print its port:\n" << Log();
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  HttpClient c("127.0.0.1", port_);
  c.SetTimeout(std::chrono::seconds(2));
  while (Clock::now() < deadline) {
    if (c.Get("/healthz").status == 200) return ::testing::AssertionSuccess();
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  Kill9();
  return ::testing::AssertionFailure() << "/healthz never answered 200:\n" << Log();
}

int Server::Stop(std::chrono::seconds timeout) {
  if (!running()) return -1;
  kill(pid_, SIGTERM);
  int status = 0;
  if (!WaitFor(pid_, status, timeout)) {
    kill(pid_, SIGKILL);
    WaitFor(pid_, status, std::chrono::seconds(10));
    pid_ = -1;
    return -1;
  }
  pid_ = -1;
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

void Server::Kill9() {
  if (!running()) return;
  kill(pid_, SIGKILL);
  int status = 0;
  WaitFor(pid_, status, std::chrono::seconds(30));
  pid_ = -1;
}

std::string Server::Log() const {
  if (out_file_.empty()) return "";
  return "--- stdout ---\n" + ReadFile(out_file_) + "--- stderr ---\n" + ReadFile(err_file_);
}

std::unique_ptr<HttpClient> Server::Client() const {
  auto c = std::make_unique<HttpClient>("127.0.0.1", port_);
  c->SetTimeout(std::chrono::seconds(20));
  return c;
}

std::unique_ptr<HttpClient> Server::Login(const std::string& username, const std::string& password) {
  auto c = Client();
  Reply r = c->Post("/api/v1/auth/login", Json{{"username", username}, {"password", password}});
  Json j = r.Json();
  if (r.status != 200 || !j.is_object() || !j.contains("csrf_token") || c->GetCookie("mamori_session").empty()) {
    ADD_FAILURE() << "login as " << username << " failed: HTTP " << r.status << " " << r.body;
    return nullptr;
  }
  c->SetHeader("X-CSRF-Token", j["csrf_token"].get<std::string>());
  return c;
}

std::unique_ptr<HttpClient> Server::SameSession(HttpClient& signed_in) const {
  Json me = signed_in.Get("/api/v1/auth/me").Json();
  if (!me.is_object() || !me.contains("csrf_token")) {
    ADD_FAILURE() << "GET /api/v1/auth/me: " << me.dump();
    return nullptr;
  }
  auto c = Client();
  c->SetCookie("mamori_session", signed_in.GetCookie("mamori_session"));
  c->SetHeader("X-CSRF-Token", me["csrf_token"].get<std::string>());
  return c;
}

CommandResult Server::Verify(const std::vector<std::string>& extra) const {
  std::vector<std::string> args = {"verify", "--var", var_, "--quiet"};
  args.insert(args.end(), extra.begin(), extra.end());
  return RunMamori(args);
}

// HTTP helpers ------------------------------------------------------------------------------

::testing::AssertionResult IsApiError(const Reply& r, int status, const std::string& kind, const std::string& rule,
                                      const std::string& clause, std::optional<std::string> field) {
  auto fail = [&]() { return ::testing::AssertionFailure() << "HTTP " << r.status << " " << r.body << "\n  "; };
  if (r.status != status) return fail() << "expected HTTP " << status;
  const Json j = r.Json();
  if (!j.is_object() || !j.contains("error") || !j["error"].is_object()) return fail() << "no error object";
  const Json& e = j["error"];
  auto str = [&](const char* k) { return e.contains(k) && e[k].is_string() ? e[k].get<std::string>() : "<absent>"; };
  if (str("kind") != kind) return fail() << "expected kind " << kind;
  if (str("rule") != rule) return fail() << "expected rule " << rule;
  if (str("clause") != clause) return fail() << "expected clause " << clause;
  const std::string ja = str("message_ja"), en = str("message_en");
  bool japanese = false;
  for (unsigned char c : ja) japanese |= c >= 0x80;
  if (ja == "<absent>" || ja.empty() || !japanese) return fail() << "message_ja missing or not Japanese";
  if (en == "<absent>" || en.empty()) return fail() << "message_en missing";
  if (field && str("field") != *field) return fail() << "expected field " << *field;
  return ::testing::AssertionSuccess();
}

::testing::AssertionResult IsOk(const Reply& r) {
  if (r.status >= 200 && r.status < 300) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << "HTTP " << r.status << " " << r.body;
}

int64_t TrailSize(HttpClient& auditor) {
  Reply r = auditor.Get("/api/v1/trail?limit=1");
  Json j = r.Json();
  if (r.status != 200 || !j.is_object() || !j.contains("size")) return -1;
  return j["size"].get<int64_t>();
}

bool TrailBarrier(HttpClient& auditor) { return auditor.Get("/api/v1/trail/head").status == 200; }

Json TrailEvents(HttpClient& auditor, const std::string& entity, int limit) {
  std::string target = "/api/v1/trail?limit=" + std::to_string(limit);
  if (!entity.empty()) target += "&entity=" + PercentEncode(entity);
  Reply r = auditor.Get(target);
  Json j = r.Json();
  if (r.status != 200 || !j.is_object() || !j.contains("events")) {
    ADD_FAILURE() << "GET " << target << ": HTTP " << r.status << " " << r.body;
    return Json::array();
  }
  return j["events"];
}

int64_t UnitId(HttpClient& c, const std::string& code) {
  Json j = c.Get("/api/v1/units").Json();
  if (j.is_object() && j.contains("units"))
    for (const Json& u : j["units"])
      if (u.value("code", "") == code) return u["id"].get<int64_t>();
  ADD_FAILURE() << "no unit " << code;
  return 0;
}

int64_t PersonId(HttpClient& c, const std::string& username) {
  Json j = c.Get("/api/v1/persons").Json();
  if (j.is_object() && j.contains("persons"))
    for (const Json& p : j["persons"])
      if (p["username"].is_string() && p["username"].get<std::string>() == username) return p["id"].get<int64_t>();
  ADD_FAILURE() << "no person with account " << username;
  return 0;
}

void StopAndVerify(Server& s) {
  if (!s.running()) return;
  EXPECT_EQ(s.Stop(), 0) << s.Log();
  CommandResult v = s.Verify();
  EXPECT_EQ(v.exit_code, 0) << v.All();
}

}  // namespace mamori::test
