#pragma once
// Reminder digests (issue 4 item 6): once a day, one e-mail per person listing the open duties of the
// obligation calendar (obligation_occurrences) that the person owns now and that are due soon
// (now ≥ remind_from) or overdue; each digest sent, or refused by the mail server, is recorded by the
// command notify.record_reminder (a `reminders` row and one trail event).
//
//   CollectDigests    who gets a digest now, and what it lists            (digest.cc)
//   RenderDigest      a digest as a MailMessage, Japanese then English; pure (digest.cc)
//   SendDigests       send with a Mailer and record each one               (reminders.cc)
//   ReminderSchedule  the daily task `serve --smtp` runs on its scheduler  (reminders.cc)
//
// At most one digest per person and local day is sent: a person who has a `sent` reminder dated today
// (in the organization's time zone) is skipped; a `failed` one does not count, so the next run retries.

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "base/clock.h"
#include "base/status.h"
#include "base/time.h"
#include "engine/engine.h"
#include "notify/mail.h"
#include "notify/mailer.h"

namespace mamori {

class App;

// One duty in a digest.
struct DigestLine {
  int64_t occurrence_id = 0;
  std::string obligation;        // the obligation's code in its profile
  std::string name_ja, name_en;  // from the profile; the code when the profile no longer defines it
  std::string clause;            // as recorded on the occurrence
  std::string unit_ja, unit_en;  // the unit it is for
  std::string period;            // "FY2026", "2026-11", "once", "event:123", …
  std::string subject;           // what a duty raised by an event is about ("persons/12"), else ""
  Micros due_at = 0;             // UTC: the end of the due day (of its working day for workday duties)
  bool overdue = false;          // now > due_at
  int64_t days = 0;              // overdue: local days past the due day (0: due earlier today); else days left
  // Set when the duty was escalated and reaches this person through the role it was escalated to.
  int escalation_level = 0;
  std::string escalated_role_ja, escalated_role_en;
};

// The digest of one person. Lines: overdue first, then by due date (then occurrence id).
struct Digest {
  int64_t person_id = 0;
  std::string name;   // "田中 美咲"
  std::string email;  // persons.email, trimmed
  std::vector<DigestLine> lines;

  int64_t due_soon() const;
  int64_t overdue() const;
  std::vector<int64_t> occurrence_ids() const;  // in line order
};

// What digests are built from: the engine's catalog and profiles (names of roles and obligations) and
// the organization's time zone (local days).
struct DigestContext {
  const Catalog* catalog = nullptr;
  const std::vector<std::shared_ptr<const Profile>>* profiles = nullptr;
  TimeZone tz;
};

// The digests due at `now`, by person id: every active person with an e-mail address who owns now at
// least one open occurrence that is due soon (remind_from ≤ now) or overdue, and who has no `sent`
// reminder on the local day of `now`. Owners are the obligation calendar's (src/obligation/owners.h:
// the holders of the owner role, and of the role it was escalated to); a line carries the escalation
// when its person owns the duty only through the role it was escalated to. Nobody without an address
// gets a digest. REQUIRES: ctx.catalog. Errors: the store's. Thread-compatible (uses `conn` only).
Result<std::vector<Digest>> CollectDigests(Conn& conn, const DigestContext& ctx, Micros now);

// How digests are addressed and linked.
struct DigestMailOptions {
  MailAddress from{"mamori@localhost", "mamori"};
  std::string base_url = "http://127.0.0.1:8080";  // each duty links to <base_url>/duties?id=<occurrence id>
  TimeZone tz;                                     // dates are shown in this zone (和暦 and 西暦)
};

// The digest as a message to its person: subject
//   "【mamori】期限の近い義務 3 件・期限超過 1 件 / 3 due soon, 1 overdue" (a zero count is left out),
// a plain-text body in Japanese then English (each line: name, clause, unit, period, due date in 和暦 and
// 西暦, days overdue or left, the escalation note, the link), and Auto-Submitted: auto-generated and
// X-Mamori-Reminder-ID: `reminder_id` headers. Pure; `now` dates the digest ("as of").
MailMessage RenderDigest(const Digest& digest, const DigestMailOptions& options, Micros now,
                         const std::string& reminder_id);

// A fresh reminder id "<hex.reminder@domain>" (domain of `from`), recorded as the reminder's message_id
// and sent in the X-Mamori-Reminder-ID header.
std::string NewReminderId(const MailAddress& from);

// Registers notify.record_reminder: records one reminder (system actor only: run by the scheduler or
// `mamori remind`). Input {person_id, email, status: "sent"|"failed", error, message_id, due_soon,
// overdue, occurrence_ids: [ids]}; writes a `reminders` row (sent_at = the command's time) and answers
// {reminder_id}. The error text must hold no secret (SmtpMailer's never holds the password).
void RegisterNotifyCommands(Engine& engine);

struct SendSummary {
  int sent = 0;
  int failed = 0;
  std::vector<std::string> errors;  // "tanaka@example.go.jp: [mail.rejected] …", one per failure
};

// Collects the digests due at `now` (CollectDigests with the app's catalog, profiles and zone), sends each
// with `mailer`, and records each — sent or failed, with the mail error's text — through
// notify.record_reminder. A failed send does not stop the others. Errors: reading the store, or
// recording a reminder (the digests after it are not sent). Thread-safe as the engine is.
Result<SendSummary> SendDigests(App& app, Mailer& mailer, const DigestMailOptions& options, Micros now);

// Parses a local time "HH:MM" into minutes after midnight; kInvalidArgument (notify.remind_at) otherwise.
Result<int> ParseRemindAt(const std::string& text);

// The daily reminder run of `serve`: Tick (called by the obligation scheduler) sends the digests once
// the local time of day has passed `remind_at_minutes`, once per local day; when some sends failed (or
// the run failed) it runs again on the first tick `retry_after` later, then after twice that, and so on
// (the same day only), so a mail server that was down is retried without flooding the trail. The one-per-day rule
// (CollectDigests) keeps restarts from sending twice. Not thread-safe (one scheduler thread calls Tick).
class ReminderSchedule {
 public:
  ReminderSchedule(App& app, Mailer& mailer, DigestMailOptions options, int remind_at_minutes,
                   Micros retry_after = 15 * kMinute)
      : app_(app),
        mailer_(mailer),
        options_(std::move(options)),
        remind_at_(remind_at_minutes),
        retry_after_(retry_after) {}

  // OK when nothing was due or every digest went out; kInternal (notify.send_failed, naming how many
  // failed) when some could not be sent — they are recorded and retried; other errors as SendDigests.
  Status Tick(Micros now);

 private:
  App& app_;
  Mailer& mailer_;
  const DigestMailOptions options_;
  const int remind_at_;
  const Micros retry_after_;
  std::string last_day_;  // local day of the last run
  Micros retry_at_ = 0;   // > 0: the last run had failures; run again from then on (same day)
  Micros backoff_ = 0;    // the wait before that retry
};

}  // namespace mamori
