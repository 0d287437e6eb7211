#pragma once
// SmtpMailer: the real Mailer, over SMTP through libcurl — plain smtp://, smtp:// upgraded with
// STARTTLS, or smtps:// (TLS from the first byte), with optional SMTP AUTH. One connection per
// message; nothing is retried here (the caller records the failure and decides).

#include <chrono>
#include <memory>
#include <string>

#include "base/clock.h"
#include "base/status.h"
#include "base/time.h"
#include "notify/mailer.h"

namespace mamori {

struct SmtpOptions {
  // "smtp://host[:port]" or "smtps://host[:port]" (e.g. "smtp://127.0.0.1:2525"). Credentials do not
  // belong in the URL: use username/password.
  std::string url = "smtp://127.0.0.1:25";
  // smtp:// only: send nothing unless the server offers STARTTLS and the TLS handshake succeeds.
  // When false, smtp:// talks in clear text. smtps:// is always TLS.
  bool require_starttls = false;
  // SMTP AUTH when username is not empty. The password is never logged and never put in a Status.
  std::string username;
  std::string password;
  // PEM file of the CA certificates that may vouch for the server (a private CA); empty: the system's.
  std::string ca_file;
  // Bound on one message's whole exchange: connect, TLS, AUTH, envelope and DATA.
  std::chrono::milliseconds timeout{std::chrono::seconds(30)};
  // Zone of the Date header: the organization's.
  TimeZone time_zone;
};

// Checks options before use; refusals are kInvalidArgument:
//   mail.smtp_url      the scheme is not smtp/smtps, the host is missing, or the URL carries
//                      credentials ('@'), spaces or control characters
//   mail.smtp_timeout  timeout is not positive
Status ValidateSmtpOptions(const SmtpOptions& options);

class SmtpMailer final : public Mailer {
 public:
  // Errors: those of ValidateSmtpOptions. `clock` dates the messages and must outlive the mailer.
  static Result<std::unique_ptr<SmtpMailer>> Create(SmtpOptions options, const Clock* clock);

  // Renders the message (RenderMessage) and sends it with MAIL FROM the sender and RCPT TO every
  // recipient. Errors: ValidateMessage's refusals, then kInternal with one of the rules
  //   mail.connect_failed        no connection (refused, unknown host)
  //   mail.timeout               options.timeout passed
  //   mail.starttls_unavailable  require_starttls and the server does not offer STARTTLS
  //   mail.tls_failed            TLS handshake or certificate verification failed
  //   mail.auth_failed           the server refused the user name or password
  //   mail.rejected              the server answered 5xx (e.g. an unknown recipient)
  //   mail.send_failed           anything else
  // whose English text carries the URL, curl's message and the last SMTP reply code — never the
  // password. Thread-safe (each call has its own connection).
  Status Send(const MailMessage& msg) override;

 private:
  SmtpMailer(SmtpOptions options, const Clock* clock) : options_(std::move(options)), clock_(clock) {}

  const SmtpOptions options_;
  const Clock* const clock_;
};

}  // namespace mamori
