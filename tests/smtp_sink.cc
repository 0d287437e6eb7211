#include "smtp_sink.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <thread>

namespace mamori::test {
namespace {

namespace fs = std::filesystem;
using std::chrono::milliseconds;
using std::chrono::seconds;
using Steady = std::chrono::steady_clock;

constexpr const char* kPython = "/usr/bin/python3";
const std::string kTools = std::string(MAMORI_SOURCE_DIR) + "/tests/tools/";

// fork + execve with stdout on `out_fd` and stderr to a file; everything allocated before fork.
pid_t SpawnWithStdout(std::vector<std::string>& args, std::vector<std::string>& env, int out_fd,
                      const std::string& err_file) {
  std::vector<char*> argv, envp;
  for (auto& a : args) argv.push_back(a.data());
  for (auto& e : env) envp.push_back(e.data());
  argv.push_back(nullptr);
  envp.push_back(nullptr);
  const pid_t parent = getpid();
  const pid_t pid = fork();
  if (pid != 0) return pid;
  prctl(PR_SET_PDEATHSIG, SIGKILL);
  if (getppid() != parent) _exit(127);
  const int in = open("/dev/null", O_RDONLY);
  const int err = open(err_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (in < 0 || err < 0) _exit(127);
  dup2(in, 0);
  dup2(out_fd, 1);
  dup2(err, 2);
  execve(argv[0], argv.data(), envp.data());
  _exit(127);
}

std::string ReadLine(int fd, Steady::duration timeout) {
  std::string line;
  const auto deadline = Steady::now() + timeout;
  while (line.find('\n') == std::string::npos) {
    const auto left = std::chrono::duration_cast<milliseconds>(deadline - Steady::now()).count();
    pollfd p{fd, POLLIN, 0};
    if (left <= 0 || poll(&p, 1, static_cast<int>(left)) <= 0) break;
    char buf[64];
    const ssize_t n = read(fd, buf, sizeof buf);
    if (n <= 0) break;
    line.append(buf, static_cast<size_t>(n));
  }
  return line;
}

}  // namespace

::testing::AssertionResult SmtpSink::Start() {
  std::vector<std::string> args = {kPython, "-I", kTools + "smtp_sink.py", out_dir(), "--tls", options_.tls};
  for (const auto& r : options_.reject_rcpt) args.insert(args.end(), {"--reject-rcpt", r});
  std::vector<std::string> env = {"PATH=/usr/bin:/bin", "LANG=C.UTF-8"};
  if (!options_.auth.empty()) env.push_back("SMTP_SINK_AUTH=" + options_.auth);
  int out[2];
  if (pipe2(out, O_CLOEXEC) != 0) return ::testing::AssertionFailure() << "pipe failed";
  pid_ = SpawnWithStdout(args, env, out[1], dir_.Sub("sink.err"));
  close(out[1]);
  const std::string line = ReadLine(out[0], seconds(30));
  close(out[0]);
  port_ = std::atoi(line.c_str());
  if (port_ > 0) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << "the SMTP sink did not start (is python3-aiosmtpd installed?): "
                                       << ReadFile(dir_.Sub("sink.err"));
}

void SmtpSink::Stop() {
  if (pid_ <= 0) return;
  kill(pid_, SIGTERM);
  int status = 0;
  const auto deadline = Steady::now() + seconds(10);
  while (waitpid(pid_, &status, WNOHANG) == 0) {
    if (Steady::now() > deadline) {
      kill(pid_, SIGKILL);
      waitpid(pid_, &status, 0);
      break;
    }
    std::this_thread::sleep_for(milliseconds(10));
  }
  pid_ = -1;
}

std::vector<std::string> SmtpSink::Messages() const {
  std::vector<std::string> files;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(out_dir(), ec)) {
    if (e.path().extension() == ".eml") files.push_back(e.path().string());
  }
  std::sort(files.begin(), files.end());
  return files;
}

Json DecodeMail(const std::string& eml) {
  const std::string cmd = std::string(kPython) + " -I " + kTools + "eml_to_json.py '" + eml + "'";
  FILE* p = popen(cmd.c_str(), "r");
  if (!p) return nullptr;
  std::string out;
  char buf[4096];
  for (size_t n; (n = fread(buf, 1, sizeof buf, p)) > 0;) out.append(buf, n);
  const int rc = pclose(p);
  EXPECT_EQ(rc, 0) << "eml_to_json.py failed on " << eml;
  return Json::parse(out, nullptr, false);
}

Json MailEnvelope(const std::string& eml) {
  return Json::parse(ReadFile(eml.substr(0, eml.size() - 4) + ".json"), nullptr, false);
}

}  // namespace mamori::test
