// Sending the reminder digests and recording each one (notify.record_reminder), and the daily schedule.

#include <cctype>
#include <utility>

#include "app/app.h"
#include "engine/input.h"
#include "identity/identity.h"
#include "notify/digest.h"

namespace mamori {
namespace {

const Field kPerson{"person_id", "", "職員", "person"};
const Field kEmail{"email", "", "メールアドレス", "e-mail address"};
const Field kResult{"status", "", "送信結果", "result of the sending"};
const Field kError{"error", "", "送信エラー", "sending error"};
const Field kMessageId{"message_id", "", "メッセージID", "message id"};
const Field kDueSoon{"due_soon", "", "期限の近い義務の件数", "number due soon"};
const Field kOverdue{"overdue", "", "期限超過の義務の件数", "number overdue"};
const Field kOccurrences{"occurrence_ids", "", "通知した義務", "duties listed"};

constexpr size_t kMaxError = 1000;  // bytes of the mail error kept on the row and in the trail

Result<std::vector<int64_t>> OccurrenceIds(const Json& j) {
  std::vector<int64_t> ids;
  const bool is_list = j.is_object() && j.contains(kOccurrences.key) && j[kOccurrences.key].is_array();
  if (!is_list) return Malformed(kOccurrences, "義務の ID の配列", "an array of occurrence ids");
  for (const Json& v : j[kOccurrences.key]) {
    if (!v.is_number_integer() || v.get<int64_t>() <= 0)
      return Malformed(kOccurrences, "義務の ID の配列", "an array of occurrence ids");
    ids.push_back(v.get<int64_t>());
  }
  return ids;
}

Status Inconsistent(const std::string& ja, const std::string& en, const char* field) {
  return Status::Error(ErrorKind::kInvalidArgument, "notify.reminder_inconsistent", "", ja, en, field);
}

Status RecordReminder(Tx& tx, const Json& j) {
  RETURN_IF_ERROR(tx.AuthorizeSystem());
  Input in(j);
  ASSIGN_OR_RETURN(int64_t person, in.Int(kPerson));
  ASSIGN_OR_RETURN(std::string email, in.Text(kEmail));
  ASSIGN_OR_RETURN(std::string result, in.OneOf(kResult, {"sent", "failed"}));
  ASSIGN_OR_RETURN(std::string error, in.OptText(kError));
  ASSIGN_OR_RETURN(std::string message_id, in.Text(kMessageId));
  ASSIGN_OR_RETURN(int64_t due_soon, in.Int(kDueSoon));
  ASSIGN_OR_RETURN(int64_t overdue, in.Int(kOverdue));
  ASSIGN_OR_RETURN(std::vector<int64_t> ids, OccurrenceIds(j));
  RETURN_IF_ERROR(tx.Get("persons", person).status());
  if (due_soon < 0 || overdue < 0 || static_cast<size_t>(due_soon + overdue) != ids.size())
    return Inconsistent("件数が通知した義務の数と一致しません。", "The counts do not match the duties listed.",
                        "occurrence_ids");
  if ((result == "failed") == error.empty())
    return Inconsistent("送信に失敗したときだけ、そのエラーを記録します。",
                        "An error is recorded exactly when the sending failed.", "error");
  ASSIGN_OR_RETURN(int64_t id, tx.NextId("reminders"));
  RETURN_IF_ERROR(tx.Put("reminders", Record{{"id", id},
                                             {"person_id", person},
                                             {"email", email},
                                             {"sent_at", tx.now_text()},
                                             {"status", result},
                                             {"error", TextOrNull(error)},
                                             {"message_id", message_id},
                                             {"due_soon", due_soon},
                                             {"overdue", overdue},
                                             {"occurrence_ids", Json(ids).dump()}}));
  tx.SetEntity("person:" + std::to_string(person));
  tx.output() = Json{{"reminder_id", id}};
  return Status::Ok();
}

// At most kMaxError bytes, cut on a UTF-8 character boundary.
std::string Shorten(std::string s) {
  if (s.size() <= kMaxError) return s;
  size_t n = kMaxError;
  while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
  return s.substr(0, n) + "…";
}

std::string ErrorText(const Status& st) { return Shorten("[" + st.rule() + "] " + st.en()); }

}  // namespace

void RegisterNotifyCommands(Engine& engine) {
  engine.Register({"notify.record_reminder", "Record a reminder digest sent (or refused) by e-mail", RecordReminder});
}

Result<SendSummary> SendDigests(App& app, Mailer& mailer, const DigestMailOptions& options, Micros now) {
  Engine& engine = app.engine();
  DigestMailOptions o = options;
  o.tz = app.org().tz;
  const DigestContext ctx{&engine.catalog(), &engine.profiles(), o.tz};
  ASSIGN_OR_RETURN(std::vector<Digest> digests, engine.Read([&](Conn& c) { return CollectDigests(c, ctx, now); }));
  SendSummary summary;
  const Actor actor = SystemActor("reminders");
  for (const Digest& d : digests) {
    const std::string id = NewReminderId(o.from);
    const Status sent = mailer.Send(RenderDigest(d, o, now, id));
    Json in{{"person_id", d.person_id},
            {"email", d.email},
            {"status", sent.ok() ? "sent" : "failed"},
            {"message_id", id},
            {"due_soon", d.due_soon()},
            {"overdue", d.overdue()},
            {"occurrence_ids", d.occurrence_ids()}};
    if (!sent.ok()) {
      in["error"] = ErrorText(sent);
      summary.errors.push_back(d.email + ": " + ErrorText(sent));
    }
    RETURN_IF_ERROR(engine.Execute(actor, "notify.record_reminder", in).status());
    ++(sent.ok() ? summary.sent : summary.failed);
  }
  return summary;
}

Result<int> ParseRemindAt(const std::string& t) {
  const bool shape = t.size() == 5 && t[2] == ':' && isdigit(static_cast<unsigned char>(t[0])) &&
                     isdigit(static_cast<unsigned char>(t[1])) && isdigit(static_cast<unsigned char>(t[3])) &&
                     isdigit(static_cast<unsigned char>(t[4]));
  const int h = shape ? (t[0] - '0') * 10 + (t[1] - '0') : 99, m = shape ? (t[3] - '0') * 10 + (t[4] - '0') : 99;
  if (h > 23 || m > 59)
    return Status::Error(ErrorKind::kInvalidArgument, "notify.remind_at", "",
                         "通知の時刻は HH:MM で指定してください（例: 08:30）: " + t,
                         "The reminder time must be HH:MM (e.g. 08:30): " + t, "remind_at");
  return h * 60 + m;
}

Status ReminderSchedule::Tick(Micros now) {
  const TimeZone& tz = app_.org().tz;
  const CivilTime c = ToCivil(now, tz);
  if (c.hour * 60 + c.minute < remind_at_) return Status::Ok();
  const std::string today = LocalDate(now, tz);
  const bool again = today == last_day_;
  if (again && (retry_at_ == 0 || now < retry_at_)) return Status::Ok();
  backoff_ = again ? backoff_ * 2 : retry_after_;  // 15 min, 30 min, 1 h, … after failures on one day
  last_day_ = today;
  retry_at_ = now + backoff_;
  ASSIGN_OR_RETURN(SendSummary s, SendDigests(app_, mailer_, options_, now));
  if (s.failed == 0) {
    retry_at_ = 0;
    return Status::Ok();
  }
  const std::string n = std::to_string(s.failed), of = std::to_string(s.failed + s.sent);
  return Status::Error(
      ErrorKind::kInternal, "notify.send_failed", "",
      "通知メール " + of + " 通のうち " + n + " 通を送信できませんでした（記録済み、後で再送します）。",
      n + " of " + of + " reminder digests could not be sent (recorded; retried later): " + s.errors.front());
}

}  // namespace mamori
