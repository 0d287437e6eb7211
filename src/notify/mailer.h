#pragma once
// Sending mail: the Mailer interface, which callers (the reminder digests) take through their
// constructors, and FakeMailer, which records what it was asked to send. The real implementation is
// SmtpMailer (smtp_mailer.h).

#include <deque>
#include <mutex>
#include <vector>

#include "base/status.h"
#include "notify/mail.h"

namespace mamori {

class Mailer {
 public:
  virtual ~Mailer() = default;
  // Sends `msg` to every address of msg.to. OK once the server has accepted the message for all of
  // them; on any error nothing is known to be delivered. A message that ValidateMessage refuses is
  // refused with its Status before any I/O. Implementations are thread-safe.
  virtual Status Send(const MailMessage& msg) = 0;
};

// Records every message it accepts, in order, and sends nothing. Checks messages as SmtpMailer does,
// so a caller's test also sees header-injection refusals. Thread-safe.
class FakeMailer final : public Mailer {
 public:
  Status Send(const MailMessage& msg) override;

  // The next Send calls return these errors, one each, in order (and record nothing).
  // REQUIRES: !error.ok().
  void FailNext(Status error);

  // Copies of the messages accepted so far.
  std::vector<MailMessage> sent() const;

 private:
  mutable std::mutex mu_;
  std::vector<MailMessage> sent_;
  std::deque<Status> failures_;
};

}  // namespace mamori
