// SmtpMailer against a real SMTP server on loopback: tests/tools/smtp_sink.py (Debian's
// python3-aiosmtpd, run by /usr/bin/python3, never the python3 first on the PATH). What arrives is
// read back by tests/tools/eml_to_json.py with Python's email package, a decoder independent of
// ours, so the base64 body and the encoded-words are checked end to end.

#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <thread>

#include "notify/mime.h"
#include "notify/smtp_mailer.h"
#include "server_harness.h"

namespace mamori::test {
namespace {

namespace fs = std::filesystem;
using std::chrono::milliseconds;
using std::chrono::seconds;
using Steady = std::chrono::steady_clock;

constexpr const char* kPython = "/usr/bin/python3";
constexpr Micros kDec1 = 1796083200LL * kSecond;  // 2026-12-01T00:00:00Z
const std::string kTools = std::string(MAMORI_SOURCE_DIR) + "/tests/tools/";

struct SinkOptions {
  std::string tls = "none";  // none | starttls | implicit
  std::vector<std::string> reject_rcpt;
  std::string auth;  // "user:password": AUTH required
};

// The sink as a child process: started with Start(), stopped (SIGTERM, then SIGKILL) on destruction.
class SmtpSink {
 public:
  explicit SmtpSink(SinkOptions o = {}) : options_(std::move(o)), dir_("mamori-smtp") {}
  ~SmtpSink() { Stop(); }

  // Runs the sink and waits (≤ 30 s) for the port it prints when ready.
  ::testing::AssertionResult Start() {
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

  void Stop() {
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

  std::string Url(const std::string& scheme = "smtp") const { return scheme + "://127.0.0.1:" + std::to_string(port_); }
  std::string out_dir() const { return dir_.Sub("out"); }
  std::string ca_file() const { return out_dir() + "/tls/cert.pem"; }

  // The .eml files received so far, in order of arrival.
  std::vector<std::string> Messages() const {
    std::vector<std::string> files;
    for (const auto& e : fs::directory_iterator(out_dir())) {
      if (e.path().extension() == ".eml") files.push_back(e.path().string());
    }
    std::sort(files.begin(), files.end());
    return files;
  }

 private:
  // fork + execve with stdout on `out_fd` and stderr to a file; everything allocated before fork.
  static pid_t SpawnWithStdout(std::vector<std::string>& args, std::vector<std::string>& env, int out_fd,
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

  static std::string ReadLine(int fd, Steady::duration timeout) {
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

  SinkOptions options_;
  TempDir dir_;
  pid_t pid_ = -1;
  int port_ = 0;
};

// A received message decoded by Python's email package (tests/tools/eml_to_json.py).
Json Decode(const std::string& eml) {
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

Json Envelope(const std::string& eml) {
  return Json::parse(ReadFile(eml.substr(0, eml.size() - 4) + ".json"), nullptr, false);
}

// A port on 127.0.0.1 that nobody listens on: bound by the kernel, then released.
int RefusedPort() {
  const int s = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof a;
  bind(s, reinterpret_cast<sockaddr*>(&a), sizeof a);
  getsockname(s, reinterpret_cast<sockaddr*>(&a), &len);
  close(s);
  return ntohs(a.sin_port);
}

std::unique_ptr<SmtpMailer> MakeMailer(SmtpOptions o, const Clock* clock) {
  auto m = SmtpMailer::Create(std::move(o), clock);
  EXPECT_TRUE(m.ok()) << m.status().ToString();
  return m.ok() ? std::move(m).value() : nullptr;
}

MailMessage Digest() {
  MailMessage m;
  m.from = {"mamori@cyber.example.go.jp", "mamori 情報保証"};
  m.to = {{"tanaka@cyber.example.go.jp", "田中 太郎"}, {"suzuki@cyber.example.go.jp", "鈴木 一郎"}};
  m.subject = "【mamori】期限の近い手続き 3件・期限切れ 1件";
  m.body =
      "田中 太郎 様\n\n次の可搬記憶媒体の返却期限が近づいています。\n"
      "・M-CY-001（USBメモリ）返却期限 令和8年12月1日 18:15\n"
      "・M-CY-002（外付けHDD）貸出し期間の終了 令和8年12月3日 18:00\n\n"
      "期限切れ: M-CY-004 破棄の立会い（000 第4 7(1)）\n";
  m.extra_headers = {{"Auto-Submitted", "auto-generated"}};
  return m;
}

MailMessage Overdue() {
  MailMessage m;
  m.from = {"mamori@cyber.example.go.jp", ""};
  m.to = {{"ito@cyber.example.go.jp", "Ito Kenji"}};
  m.subject = "";
  for (int i = 0; i < 8; ++i) m.subject += "【至急】期限切れの可搬記憶媒体があります𠮷🙂 ";
  m.body = "伊藤 様\r\n\r\n.\r\n..ピリオドで始まる行\r\n" + std::string(2000, 'x') + "\r\n末尾（改行なし）";
  return m;
}

void ExpectArrivedIntact(const std::string& eml, const MailMessage& sent) {
  SCOPED_TRACE(eml);
  const Json got = Decode(eml);
  ASSERT_TRUE(got.is_object());
  EXPECT_EQ(got["defects"], Json::array());
  EXPECT_EQ(got["from"], Json::array({{{"name", sent.from.display_name}, {"address", sent.from.address}}}));
  Json to = Json::array();
  for (const auto& t : sent.to) to.push_back({{"name", t.display_name}, {"address", t.address}});
  EXPECT_EQ(got["to"], to);
  EXPECT_EQ(got["subject"], sent.subject);
  EXPECT_EQ(got["body"], mime::CanonicalLineBreaks(sent.body)) << "line breaks travel as CRLF (RFC 2045 6.8)";
  EXPECT_EQ(got["date"], "Tue, 01 Dec 2026 09:00:00 +0900");
  EXPECT_EQ(got["mime_version"], "1.0");
  EXPECT_EQ(got["content_type"], "text/plain");
  EXPECT_EQ(got["charset"], "utf-8");
  EXPECT_EQ(got["transfer_encoding"], "base64");
  EXPECT_NE(got["message_id"].get<std::string>().find("@cyber.example.go.jp>"), std::string::npos);
  for (const auto& line : got["raw_lines"]) EXPECT_LE(line.get<std::string>().size(), 76u) << line;
  Json rcpt = Json::array();
  for (const auto& t : sent.to) rcpt.push_back(t.address);
  const Json env = Envelope(eml);
  EXPECT_EQ(env["mail_from"], sent.from.address);
  EXPECT_EQ(env["rcpt_tos"], rcpt);
}

TEST(Smtp, TwoJapaneseMessagesArriveIntact) {
  SmtpSink sink;
  ASSERT_TRUE(sink.Start());
  FakeClock clock(kDec1);
  SmtpOptions o;
  o.url = sink.Url();
  o.timeout = seconds(20);
  auto mailer = MakeMailer(o, &clock);
  ASSERT_TRUE(mailer);
  const MailMessage first = Digest(), second = Overdue();
  const Status s1 = mailer->Send(first);
  ASSERT_TRUE(s1.ok()) << s1.ToString();
  const Status s2 = mailer->Send(second);
  ASSERT_TRUE(s2.ok()) << s2.ToString();
  const auto files = sink.Messages();
  ASSERT_EQ(files.size(), 2u);
  ExpectArrivedIntact(files[0], first);
  ExpectArrivedIntact(files[1], second);
}

TEST(Smtp, ConnectionRefusedIsAClearErrorNotAHang) {
  FakeClock clock(kDec1);
  SmtpOptions o;
  o.url = "smtp://127.0.0.1:" + std::to_string(RefusedPort());
  o.timeout = seconds(3);
  auto mailer = MakeMailer(o, &clock);
  ASSERT_TRUE(mailer);
  const auto start = Steady::now();
  const Status s = mailer->Send(Digest());
  EXPECT_LT(Steady::now() - start, seconds(3));
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.kind(), ErrorKind::kInternal);
  EXPECT_EQ(s.rule(), "mail.connect_failed");
  EXPECT_NE(s.en().find(o.url), std::string::npos) << s.en();
  EXPECT_NE(s.en().find("Couldn't connect to server"), std::string::npos) << s.en();
  EXPECT_NE(s.ja().find("メールサーバに接続できませんでした"), std::string::npos) << s.ja();
}

TEST(Smtp, ServerThatNeverAnswersTimesOut) {
  // A socket that listens but never accepts: the kernel completes the handshake, no greeting comes.
  const int listener = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof a;
  ASSERT_EQ(bind(listener, reinterpret_cast<sockaddr*>(&a), sizeof a), 0);
  ASSERT_EQ(listen(listener, 4), 0);
  getsockname(listener, reinterpret_cast<sockaddr*>(&a), &len);
  FakeClock clock(kDec1);
  SmtpOptions o;
  o.url = "smtp://127.0.0.1:" + std::to_string(ntohs(a.sin_port));
  o.timeout = milliseconds(1000);
  auto mailer = MakeMailer(o, &clock);
  ASSERT_TRUE(mailer);
  const auto start = Steady::now();
  const Status s = mailer->Send(Digest());
  const auto took = Steady::now() - start;
  close(listener);
  EXPECT_GE(took, milliseconds(900));
  EXPECT_LT(took, seconds(5));
  EXPECT_EQ(s.rule(), "mail.timeout") << s.ToString();
}

TEST(Smtp, RequiredStarttlsIsNeverSkipped) {
  SmtpSink sink;  // no STARTTLS on offer
  ASSERT_TRUE(sink.Start());
  FakeClock clock(kDec1);
  SmtpOptions o;
  o.url = sink.Url();
  o.require_starttls = true;
  o.timeout = seconds(20);
  auto mailer = MakeMailer(o, &clock);
  ASSERT_TRUE(mailer);
  const Status s = mailer->Send(Digest());
  EXPECT_EQ(s.rule(), "mail.starttls_unavailable") << s.ToString();
  EXPECT_TRUE(sink.Messages().empty());
}

TEST(Smtp, StarttlsWithAuthDeliversAndKeepsThePasswordOutOfErrors) {
  SmtpSink sink({.tls = "starttls", .auth = "reminder:Pa55-w0rd-令和"});
  ASSERT_TRUE(sink.Start());
  FakeClock clock(kDec1);
  SmtpOptions o;
  o.url = sink.Url();
  o.require_starttls = true;
  o.ca_file = sink.ca_file();
  o.username = "reminder";
  o.password = "Pa55-w0rd-令和";
  o.timeout = seconds(20);
  auto mailer = MakeMailer(o, &clock);
  ASSERT_TRUE(mailer);
  const Status s = mailer->Send(Digest());
  ASSERT_TRUE(s.ok()) << s.ToString();
  const auto files = sink.Messages();
  ASSERT_EQ(files.size(), 1u);
  ExpectArrivedIntact(files[0], Digest());
  EXPECT_EQ(Envelope(files[0])["auth_user"], "reminder");

  o.password = "wrong-Secret-42";
  auto wrong = MakeMailer(o, &clock);
  ASSERT_TRUE(wrong);
  const Status denied = wrong->Send(Digest());
  EXPECT_EQ(denied.rule(), "mail.auth_failed") << denied.ToString();
  EXPECT_EQ(denied.ToString().find("wrong-Secret-42"), std::string::npos) << denied.ToString();
  EXPECT_EQ(sink.Messages().size(), 1u);
}

TEST(Smtp, ImplicitTlsVerifiesTheServer) {
  SmtpSink sink({.tls = "implicit"});
  ASSERT_TRUE(sink.Start());
  FakeClock clock(kDec1);
  SmtpOptions o;
  o.url = sink.Url("smtps");
  o.timeout = seconds(20);
  auto untrusted = MakeMailer(o, &clock);  // the system's CAs do not know the sink's certificate
  ASSERT_TRUE(untrusted);
  const Status refused = untrusted->Send(Digest());
  EXPECT_EQ(refused.rule(), "mail.tls_failed") << refused.ToString();
  EXPECT_TRUE(sink.Messages().empty());

  o.ca_file = sink.ca_file();
  auto trusted = MakeMailer(o, &clock);
  ASSERT_TRUE(trusted);
  const Status s = trusted->Send(Overdue());
  ASSERT_TRUE(s.ok()) << s.ToString();
  ASSERT_EQ(sink.Messages().size(), 1u);
  ExpectArrivedIntact(sink.Messages()[0], Overdue());
}

TEST(Smtp, RejectedRecipientIsReportedWithTheServersCode) {
  SmtpSink sink({.reject_rcpt = {"nobody@cyber.example.go.jp"}});
  ASSERT_TRUE(sink.Start());
  FakeClock clock(kDec1);
  SmtpOptions o;
  o.url = sink.Url();
  o.timeout = seconds(20);
  auto mailer = MakeMailer(o, &clock);
  ASSERT_TRUE(mailer);
  MailMessage m = Digest();
  m.to.push_back({"nobody@cyber.example.go.jp", ""});
  const Status s = mailer->Send(m);
  EXPECT_EQ(s.rule(), "mail.rejected") << s.ToString();
  EXPECT_NE(s.en().find("550"), std::string::npos) << s.en();
  EXPECT_TRUE(sink.Messages().empty());
}

TEST(Smtp, HeaderInjectionIsRefusedBeforeConnecting) {
  SmtpSink sink;
  ASSERT_TRUE(sink.Start());
  FakeClock clock(kDec1);
  SmtpOptions o;
  o.url = sink.Url();
  o.timeout = seconds(20);
  auto mailer = MakeMailer(o, &clock);
  ASSERT_TRUE(mailer);
  MailMessage m = Digest();
  m.subject = "期限のお知らせ\r\nBcc: attacker@example.com";
  EXPECT_EQ(mailer->Send(m).rule(), "mail.header_injection");
  EXPECT_TRUE(sink.Messages().empty());
}

}  // namespace
}  // namespace mamori::test
