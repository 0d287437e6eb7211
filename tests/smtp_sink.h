#pragma once
// The SMTP server of the black-box mail tests: tests/tools/smtp_sink.py (Debian's python3-aiosmtpd, run by
// /usr/bin/python3, never the python3 first on the PATH) as a child process on 127.0.0.1, and what it
// received, decoded by tests/tools/eml_to_json.py with Python's email package — a decoder independent
// of mamori's, so base64 bodies and encoded-words are checked end to end.
//
//   SmtpSink sink;                    // or SmtpSink sink({.tls = "starttls", .auth = "user:password"});
//   ASSERT_TRUE(sink.Start());        // waits (≤ 30 s) for the port it prints when ready
//   … send to sink.Url() …
//   for (auto& eml : sink.Messages()) Json m = DecodeMail(eml);   // m["subject"], m["body"], …

#include <gtest/gtest.h>
#include <sys/types.h>

#include <string>
#include <vector>

#include "server_harness.h"

namespace mamori::test {

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
  SmtpSink(const SmtpSink&) = delete;
  SmtpSink& operator=(const SmtpSink&) = delete;

  // Runs the sink and waits (≤ 30 s) for the port it prints when ready.
  ::testing::AssertionResult Start();
  void Stop();

  std::string Url(const std::string& scheme = "smtp") const { return scheme + "://127.0.0.1:" + std::to_string(port_); }
  std::string out_dir() const { return dir_.Sub("out"); }
  std::string ca_file() const { return out_dir() + "/tls/cert.pem"; }
  // The .eml files received so far, in order of arrival.
  std::vector<std::string> Messages() const;

 private:
  SinkOptions options_;
  TempDir dir_;
  pid_t pid_ = -1;
  int port_ = 0;
};

// A received message decoded by Python's email package (tests/tools/eml_to_json.py): from, to, subject,
// date, message_id, mime_version, content_type, charset, transfer_encoding, body, raw_lines, defects.
// null (and a non-fatal failure) if the decoder fails.
Json DecodeMail(const std::string& eml);
// The envelope the sink saw for a message: {"mail_from", "rcpt_tos", "auth_user"}.
Json MailEnvelope(const std::string& eml);

}  // namespace mamori::test
