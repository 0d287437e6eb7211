#include "notify/mail.h"

#include <gtest/gtest.h>
#include <openssl/evp.h>

#include <algorithm>
#include <map>
#include <regex>

#include "notify/mailer.h"
#include "notify/mime.h"
#include "notify/smtp_mailer.h"

namespace mamori {
namespace {

// 2026-12-01T00:00:00Z, a Tuesday (09:00 in Tokyo).
constexpr Micros kDec1 = 1796083200LL * kSecond;

// Base64 decoding by OpenSSL, independent of the encoder under test.
std::string Unbase64(const std::string& b64) {
  std::string out(b64.size() / 4 * 3, '\0');
  const int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                reinterpret_cast<const unsigned char*>(b64.data()), static_cast<int>(b64.size()));
  EXPECT_GE(n, 0) << b64;
  if (n < 0) return "";
  size_t pad = 0;
  for (size_t i = b64.size(); i > 0 && b64[i - 1] == '='; --i) ++pad;
  out.resize(static_cast<size_t>(n) - pad);
  return out;
}

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  size_t start = 0;
  for (size_t at = text.find("\r\n"); at != std::string::npos; at = text.find("\r\n", start)) {
    lines.push_back(text.substr(start, at - start));
    start = at + 2;
  }
  if (start < text.size()) lines.push_back(text.substr(start));
  return lines;
}

// A rendered message taken apart: unfolded headers by name, and the raw body.
struct Parsed {
  std::multimap<std::string, std::string> headers;
  std::vector<std::string> header_lines;  // as sent, folded
  std::string body;
  std::string Header(const std::string& name) const {
    auto it = headers.find(name);
    return it == headers.end() ? "" : it->second;
  }
};

Parsed Parse(const std::string& text) {
  Parsed p;
  const size_t end = text.find("\r\n\r\n");
  EXPECT_NE(end, std::string::npos);
  p.body = text.substr(end + 4);
  p.header_lines = Lines(text.substr(0, end));
  std::string unfolded;
  auto flush = [&p](const std::string& field) {
    if (field.empty()) return;
    const size_t colon = field.find(':');
    const size_t value = std::min(field.size(), colon + 2);
    p.headers.emplace(field.substr(0, colon), field.substr(value));
  };
  for (const std::string& line : p.header_lines) {
    if (!line.empty() && (line[0] == ' ' || line[0] == '\t')) {
      unfolded += line;
      continue;
    }
    flush(unfolded);
    unfolded = line;
  }
  flush(unfolded);
  return p;
}

const std::regex kWord(R"(=\?UTF-8\?B\?([A-Za-z0-9+/=]*)\?=)");

// Decodes a header value made of encoded-words (whitespace between adjacent words is dropped, as
// RFC 2047 6.2 says) and plain text.
std::string DecodeWords(const std::string& value) {
  std::string out;
  auto it = std::sregex_iterator(value.begin(), value.end(), kWord);
  size_t last = 0;
  for (; it != std::sregex_iterator(); ++it) {
    const std::string between = value.substr(last, it->position() - last);
    if (last == 0 || between.find_first_not_of(" \t") != std::string::npos) out += between;
    out += Unbase64((*it)[1]);
    last = it->position() + it->length();
  }
  return out + value.substr(last);
}

std::string DecodeBody(const std::string& body) {
  std::string b64;
  for (const std::string& line : Lines(body)) {
    EXPECT_LE(line.size(), 76u);
    b64 += line;
  }
  return Unbase64(b64);
}

MailMessage Digest() {
  MailMessage m;
  m.from = {"mamori@cyber.example.go.jp", "mamori 情報保証"};
  m.to = {{"tanaka@cyber.example.go.jp", "田中 太郎"}, {"suzuki@cyber.example.go.jp", ""}};
  m.subject = "【mamori】期限の近い手続き 3件・期限切れ 1件";
  m.body =
      "田中 太郎 様\n\n"
      "次の可搬記憶媒体の返却期限が近づいています。\n"
      "・M-CY-001（USBメモリ）返却期限 令和8年12月1日 18:15\n"
      "・M-CY-002（外付けHDD）貸出し期間の終了 令和8年12月3日 18:00\n\n"
      "期限切れ: M-CY-004 破棄の立会い（000 第4 7(1)）\n";
  return m;
}

TEST(MailRender, HasTheStandardHeaders) {
  FakeClock clock(kDec1);
  auto text = RenderMessage(Digest(), clock);
  ASSERT_TRUE(text.ok()) << text.status().ToString();
  const Parsed p = Parse(*text);
  EXPECT_EQ(p.Header("Date"), "Tue, 01 Dec 2026 09:00:00 +0900");
  EXPECT_TRUE(std::regex_match(p.Header("Message-ID"), std::regex("<[0-9a-f]{32}@cyber\\.example\\.go\\.jp>")))
      << p.Header("Message-ID");
  EXPECT_EQ(p.Header("MIME-Version"), "1.0");
  EXPECT_EQ(p.Header("Content-Type"), "text/plain; charset=UTF-8");
  EXPECT_EQ(p.Header("Content-Transfer-Encoding"), "base64");
  for (const std::string& line : p.header_lines) EXPECT_LE(line.size(), 76u) << line;
  EXPECT_EQ(text->find('\n'), text->find("\r\n") + 1) << "line breaks are CRLF";
  EXPECT_EQ(std::count(text->begin(), text->end(), '\n'), std::count(text->begin(), text->end(), '\r'));
}

TEST(MailRender, MessageIdIsFreshEachTime) {
  FakeClock clock(kDec1);
  auto a = RenderMessage(Digest(), clock), b = RenderMessage(Digest(), clock);
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_NE(Parse(*a).Header("Message-ID"), Parse(*b).Header("Message-ID"));
}

TEST(MailRender, DateUsesTheClockAndZone) {
  FakeClock clock(kDec1 - 10 * kHour);  // 2026-11-30T14:00Z
  auto text = RenderMessage(Digest(), clock, TimeZone{"UTC", 0});
  ASSERT_TRUE(text.ok());
  EXPECT_EQ(Parse(*text).Header("Date"), "Mon, 30 Nov 2026 14:00:00 +0000");
  EXPECT_EQ(mime::Rfc5322Date(0, TimeZone{"-03:30", -210}), "Wed, 31 Dec 1969 20:30:00 -0330");
}

TEST(MailRender, BodyDecodesBackToTheJapaneseText) {
  FakeClock clock(kDec1);
  const MailMessage m = Digest();
  auto text = RenderMessage(m, clock);
  ASSERT_TRUE(text.ok());
  const std::string body = Parse(*text).body;
  EXPECT_GT(Lines(body).size(), 3u) << "a long body takes several base64 lines";
  EXPECT_EQ(DecodeBody(body), mime::CanonicalLineBreaks(m.body));
}

TEST(MailRender, BodyWithoutLineBreaksDecodesExactly) {
  FakeClock clock(kDec1);
  MailMessage m = Digest();
  m.body = "返却期限を過ぎた媒体があります。𠮷野家の領収書は関係ありません。";
  auto text = RenderMessage(m, clock);
  ASSERT_TRUE(text.ok());
  EXPECT_EQ(DecodeBody(Parse(*text).body), m.body);
}

TEST(MailRender, SubjectIsAnEncodedWordThatDecodesBack) {
  FakeClock clock(kDec1);
  const MailMessage m = Digest();
  auto text = RenderMessage(m, clock);
  ASSERT_TRUE(text.ok());
  const std::string subject = Parse(*text).Header("Subject");
  EXPECT_EQ(subject.rfind("=?UTF-8?B?", 0), 0u) << subject;
  EXPECT_EQ(DecodeWords(subject), m.subject);
}

TEST(MailRender, ShortAsciiSubjectStaysPlain) {
  FakeClock clock(kDec1);
  MailMessage m = Digest();
  m.subject = "mamori: 3 duties due soon";
  auto text = RenderMessage(m, clock);
  ASSERT_TRUE(text.ok());
  EXPECT_EQ(Parse(*text).Header("Subject"), m.subject);
}

// Every alignment of 2-, 3- and 4-byte characters against the word boundaries: each word must hold
// whole characters (valid UTF-8 on its own), be ≤ 75 characters, and every folded line ≤ 76.
TEST(MailRender, LongSubjectSplitsOnUtf8Boundaries) {
  FakeClock clock(kDec1);
  for (int shift = 0; shift < 6; ++shift) {
    MailMessage m = Digest();
    m.subject = std::string(shift, 'x');
    for (int i = 0; i < 12; ++i) m.subject += "可搬記憶媒体の返却期限Ωé𠮷🙂 ";
    auto text = RenderMessage(m, clock);
    ASSERT_TRUE(text.ok());
    const Parsed p = Parse(*text);
    const std::string subject = p.Header("Subject");
    size_t words = 0;
    for (auto it = std::sregex_iterator(subject.begin(), subject.end(), kWord); it != std::sregex_iterator(); ++it) {
      ++words;
      EXPECT_LE(it->length(), 75) << it->str();
      EXPECT_TRUE(mime::IsValidUtf8(Unbase64((*it)[1]))) << "shift " << shift << " word " << words;
    }
    EXPECT_GT(words, 5u);
    EXPECT_EQ(DecodeWords(subject), m.subject) << "shift " << shift;
    for (const std::string& line : p.header_lines) EXPECT_LE(line.size(), 76u) << line;
  }
}

TEST(MailRender, EncodedWordsRespectTheFirstLinesRoom) {
  const std::string text(300, 'a');
  const auto words = mime::EncodedWords(text, 30);
  ASSERT_GT(words.size(), 2u);
  EXPECT_LE(words[0].size(), 30u);
  for (const auto& w : words) EXPECT_LE(w.size(), 75u);
  EXPECT_TRUE(mime::EncodedWords("").empty());
}

TEST(MailRender, DisplayNamesAreEncodedOrQuoted) {
  FakeClock clock(kDec1);
  MailMessage m = Digest();
  m.to.push_back({"sato@cyber.example.go.jp", "Sato, \"Jiro\""});
  auto text = RenderMessage(m, clock);
  ASSERT_TRUE(text.ok());
  const Parsed p = Parse(*text);
  EXPECT_EQ(DecodeWords(p.Header("From")), "mamori 情報保証 <mamori@cyber.example.go.jp>");
  EXPECT_EQ(DecodeWords(p.Header("To")),
            "田中 太郎 <tanaka@cyber.example.go.jp>, suzuki@cyber.example.go.jp, "
            "\"Sato, \\\"Jiro\\\"\" <sato@cyber.example.go.jp>");
}

TEST(MailRender, ExtraHeadersFollowTheStandardOnes) {
  FakeClock clock(kDec1);
  MailMessage m = Digest();
  m.extra_headers = {{"Auto-Submitted", "auto-generated"}, {"X-Mamori-Digest", "田中 太郎 2026-12-01"}};
  auto text = RenderMessage(m, clock);
  ASSERT_TRUE(text.ok());
  const Parsed p = Parse(*text);
  EXPECT_EQ(p.Header("Auto-Submitted"), "auto-generated");
  EXPECT_EQ(DecodeWords(p.Header("X-Mamori-Digest")), "田中 太郎 2026-12-01");
}

// Header injection: a CR or LF anywhere in a header value would let a value start new headers
// (a hidden Bcc) or the body.
struct InjectionCase {
  const char* name;
  void (*spoil)(MailMessage&);
  const char* field;
};

const InjectionCase kInjections[] = {
    {"subject_lf", [](MailMessage& m) { m.subject += "\nBcc: attacker@example.com"; }, "subject"},
    {"subject_cr", [](MailMessage& m) { m.subject += "\rBcc: attacker@example.com"; }, "subject"},
    {"subject_crlf", [](MailMessage& m) { m.subject = "件名\r\n\r\n偽の本文"; }, "subject"},
    {"from_name", [](MailMessage& m) { m.from.display_name = "mamori\r\nBcc: a@example.com"; }, "from.display_name"},
    {"from_address", [](MailMessage& m) { m.from.address = "mamori@example.go.jp\r\nBcc: a@example.com"; },
     "from.address"},
    {"to_address", [](MailMessage& m) { m.to[1].address = "suzuki@example.go.jp\nRCPT TO:<a@example.com>"; },
     "to[1].address"},
    {"to_name", [](MailMessage& m) { m.to[0].display_name = "田中\n太郎"; }, "to[0].display_name"},
    {"header_value",
     [](MailMessage& m) {
       m.extra_headers = {{"X-Note", "a\r\nBcc: a@example.com"}};
     },
     "extra_headers[0]"},
    {"header_name",
     [](MailMessage& m) {
       m.extra_headers = {{"Bcc: a@example.com\r\nX-Note", "a"}};
     },
     "extra_headers[0]"},
    {"subject_nul", [](MailMessage& m) { m.subject += std::string(1, '\0') + "x"; }, "subject"},
};

TEST(MailInjection, CrOrLfInAnyHeaderIsRefused) {
  FakeClock clock(kDec1);
  for (const InjectionCase& c : kInjections) {
    MailMessage m = Digest();
    c.spoil(m);
    auto text = RenderMessage(m, clock);
    ASSERT_FALSE(text.ok()) << c.name;
    const Status& s = text.status();
    EXPECT_EQ(s.kind(), ErrorKind::kInvalidArgument) << c.name;
    EXPECT_EQ(s.rule(), "mail.header_injection") << c.name;
    EXPECT_EQ(s.field(), c.field) << c.name;
    EXPECT_NE(s.ja().find("ヘッダ注入"), std::string::npos) << s.ja();
    EXPECT_NE(s.en().find("header injection"), std::string::npos) << s.en();
  }
}

TEST(MailInjection, LineBreaksInTheBodyAreFine) {
  FakeClock clock(kDec1);
  MailMessage m = Digest();
  m.body = "一行目\r\n\r\nBcc: not-a-header@example.com\r\n.\r\n";
  EXPECT_TRUE(ValidateMessage(m).ok());
}

TEST(MailValidate, RefusesMalformedMessages) {
  struct Case {
    void (*spoil)(MailMessage&);
    const char* rule;
    const char* field;
  };
  const Case cases[] = {
      {[](MailMessage& m) { m.to.clear(); }, "mail.no_recipient", "to"},
      {[](MailMessage& m) { m.from.address = "mamori"; }, "mail.invalid_address", "from.address"},
      {[](MailMessage& m) { m.to[0].address = "田中@example.go.jp"; }, "mail.invalid_address", "to[0].address"},
      {[](MailMessage& m) { m.to[0].address = "a b@example.go.jp"; }, "mail.invalid_address", "to[0].address"},
      {[](MailMessage& m) { m.to[1].address = "a@example.go.jp>"; }, "mail.invalid_address", "to[1].address"},
      {[](MailMessage& m) { m.to[1].address = "a@@example.go.jp"; }, "mail.invalid_address", "to[1].address"},
      {[](MailMessage& m) { m.to[1].address = "a@example..jp"; }, "mail.invalid_address", "to[1].address"},
      {[](MailMessage& m) { m.subject = "\xE3\x81"; }, "mail.invalid_utf8", "subject"},
      {[](MailMessage& m) { m.body = "ok \xC0\xAF"; }, "mail.invalid_utf8", "body"},
      {[](MailMessage& m) {
         m.extra_headers = {{"Bcc", "a@example.com"}};
       },
       "mail.invalid_header", "extra_headers[0]"},
      {[](MailMessage& m) {
         m.extra_headers = {{"content-type", "text/html"}};
       },
       "mail.invalid_header", "extra_headers[0]"},
      {[](MailMessage& m) {
         m.extra_headers = {{"X Bad", "v"}};
       },
       "mail.invalid_header", "extra_headers[0]"},
      {[](MailMessage& m) {
         m.extra_headers = {{"X-Long", std::string(1000, 'a')}};
       },
       "mail.invalid_header", "extra_headers[0]"},
  };
  for (const Case& c : cases) {
    MailMessage m = Digest();
    c.spoil(m);
    const Status s = ValidateMessage(m);
    EXPECT_EQ(s.rule(), c.rule) << c.field << ": " << s.ToString();
    EXPECT_EQ(s.field(), c.field) << s.ToString();
    EXPECT_FALSE(s.ja().empty());
  }
  EXPECT_TRUE(ValidateMessage(Digest()).ok());
}

TEST(MailMime, Base64MatchesRfc4648) {
  const std::pair<const char*, const char*> vectors[] = {{"", ""},
                                                         {"f", "Zg=="},
                                                         {"fo", "Zm8="},
                                                         {"foo", "Zm9v"},
                                                         {"foob", "Zm9vYg=="},
                                                         {"fooba", "Zm9vYmE="},
                                                         {"foobar", "Zm9vYmFy"}};
  for (const auto& [in, out] : vectors) EXPECT_EQ(mime::Base64(in), out);
  EXPECT_EQ(mime::Base64Lines(std::string(100, 'a'), 76).find("\r\n"), 76u);
}

TEST(MailMime, Utf8Checks) {
  EXPECT_TRUE(mime::IsValidUtf8("守り 𠮷 é"));
  EXPECT_FALSE(mime::IsValidUtf8("\xC0\x80"));          // overlong NUL
  EXPECT_FALSE(mime::IsValidUtf8("\xED\xA0\x80"));      // surrogate
  EXPECT_FALSE(mime::IsValidUtf8("\xF4\x90\x80\x80"));  // above U+10FFFF
  EXPECT_FALSE(mime::IsValidUtf8("\xE5\xAE"));          // truncated
  EXPECT_EQ(mime::CanonicalLineBreaks("a\nb\r\nc\rd"), "a\r\nb\r\nc\r\nd");
}

TEST(MailerFake, RecordsWhatItSendsAndFailsWhenTold) {
  FakeMailer mailer;
  ASSERT_TRUE(mailer.Send(Digest()).ok());
  mailer.FailNext(Status::Error(ErrorKind::kInternal, "mail.timeout", "", "時間切れ", "timed out"));
  EXPECT_EQ(mailer.Send(Digest()).rule(), "mail.timeout");
  MailMessage bad = Digest();
  bad.subject = "a\nBcc: x@example.com";
  EXPECT_EQ(mailer.Send(bad).rule(), "mail.header_injection");
  ASSERT_TRUE(mailer.Send(Digest()).ok());
  ASSERT_EQ(mailer.sent().size(), 2u);
  EXPECT_EQ(mailer.sent()[0].subject, Digest().subject);
}

TEST(MailSmtpOptions, UrlIsCheckedAndNeverCarriesCredentials) {
  FakeClock clock(kDec1);
  SmtpOptions o;
  o.url = "smtp://127.0.0.1:2525";
  EXPECT_TRUE(SmtpMailer::Create(o, &clock).ok());
  o.url = "smtps://mail.example.go.jp";
  EXPECT_TRUE(SmtpMailer::Create(o, &clock).ok());
  for (const char* url : {"http://127.0.0.1:25", "smtp://user:s3cret@127.0.0.1:25", "smtp://", "smtp://:25",
                          "smtp://host name", "127.0.0.1:25"}) {
    o.url = url;
    auto m = SmtpMailer::Create(o, &clock);
    ASSERT_FALSE(m.ok()) << url;
    EXPECT_EQ(m.status().rule(), "mail.smtp_url");
    EXPECT_EQ(m.status().ToString().find("s3cret"), std::string::npos);
  }
  o.url = "smtp://127.0.0.1:2525";
  o.timeout = std::chrono::milliseconds(0);
  EXPECT_EQ(ValidateSmtpOptions(o).rule(), "mail.smtp_timeout");
}

}  // namespace
}  // namespace mamori
