// SmtpMailer against a real SMTP server on loopback (tests/smtp_sink.h: tests/tools/smtp_sink.py, what
// arrives read back by Python's email package, a decoder independent of ours, so the base64 body and the
// encoded-words are checked end to end).

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>

#include "notify/mime.h"
#include "notify/smtp_mailer.h"
#include "smtp_sink.h"

namespace mamori::test {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;
using Steady = std::chrono::steady_clock;

constexpr Micros kDec1 = 1796083200LL * kSecond;  // 2026-12-01T00:00:00Z

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
  const Json got = DecodeMail(eml);
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
  const Json env = MailEnvelope(eml);
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
  EXPECT_EQ(MailEnvelope(files[0])["auth_user"], "reminder");

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
