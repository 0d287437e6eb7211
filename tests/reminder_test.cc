// Reminder digests end to end: `mamori remind` on the demo sends one digest per person with duties due
// soon or overdue to a real SMTP server on loopback (tests/smtp_sink.h), each recorded by one
// notify.record_reminder trail event; the same day nothing is sent twice; a refused send is recorded as
// failed, without the SMTP password anywhere, and retried by the next run.

#include <algorithm>
#include <map>
#include <set>

#include "smtp_sink.h"

namespace mamori::test {
namespace {

constexpr const char* kFrom = "mamori@demo.example.go.jp";
constexpr const char* kBaseUrl = "https://mamori.example.go.jp";

std::vector<std::string> RemindArgs(const Server& s, const std::string& url, std::vector<std::string> more = {}) {
  std::vector<std::string> args = {"remind",      "--var", s.var(),      "--smtp", url,
                                   "--smtp-from", kFrom,   "--base-url", kBaseUrl};
  args.insert(args.end(), more.begin(), more.end());
  return args;
}

// The value of a header in a received message's raw lines ("" if absent).
std::string Header(const Json& mail, const std::string& name) {
  for (const Json& line : mail["raw_lines"]) {
    const std::string l = line.get<std::string>();
    if (l.rfind(name + ": ", 0) == 0) return l.substr(name.size() + 2);
  }
  return "";
}

class ReminderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(s_.MakeDemo());
    ASSERT_TRUE(s_.Start());
    auditor_ = s_.Login("nakamura");
    officer_ = s_.Login("sato");
    ASSERT_TRUE(auditor_ && officer_);
  }
  void TearDown() override {
    if (!s_.running()) return;
    EXPECT_EQ(s_.Stop(), 0) << s_.Log();
    CommandResult v = s_.Verify();
    EXPECT_EQ(v.exit_code, 0) << v.All();
  }

  // The reminder events, newest first.
  Json Reminders() {
    Json j = auditor_->Get("/api/v1/trail?command=notify.record_reminder&limit=1000").Json();
    EXPECT_TRUE(j.is_object() && j.contains("events")) << j.dump();
    return j.is_object() && j.contains("events") ? j["events"] : Json::array();
  }

  // The overdue duties of the demo, as the information assurance officer (org-wide) sees them.
  Json Overdue() {
    Json j = officer_->Get("/api/v1/obligations?status=overdue&limit=500").Json();
    EXPECT_TRUE(j.is_object() && j.contains("occurrences")) << j.dump();
    return j.is_object() ? j.value("occurrences", Json::array()) : Json::array();
  }

  // Adds a person with an e-mail address who owns `duty` through the real commands: person.create as the
  // administrator, then designation.create of the duty's owner role for its unit by a demo user who may
  // designate that role. Returns the person's id (0 and a failure otherwise).
  int64_t AddOwner(const Json& duty, const std::string& email) {
    auto admin = s_.Login("admin");
    if (!admin) return 0;
    const int64_t unit = duty["unit_id"].get<int64_t>();
    Reply created = admin->Post(
        "/api/v1/persons",
        Json{{"family_name", "通知"}, {"given_name", "受取"}, {"unit_id", unit}, {"title", "係員"}, {"email", email}});
    if (!IsOk(created)) {
      ADD_FAILURE() << created.body;
      return 0;
    }
    const int64_t person = created.Json()["person_id"].get<int64_t>();
    const std::string role = duty["owner_role"].get<std::string>();
    const Json roles = admin->Get("/api/v1/roles").Json(), people = admin->Get("/api/v1/persons").Json();
    const Json designations = admin->Get("/api/v1/designations").Json();
    Json designators = Json::array();
    for (const Json& r : roles["roles"])
      if (r["code"] == role) designators = r["designated_by"];
    std::map<int64_t, std::string> usernames;
    for (const Json& p : people["persons"])
      if (p["username"].is_string()) usernames[p["id"].get<int64_t>()] = p["username"].get<std::string>();
    std::string tried;
    for (const Json& d : designations["designations"]) {
      const bool designates = std::find(designators.begin(), designators.end(), d["role_code"]) != designators.end();
      if (!designates || !d["revoked_at"].is_null() || !usernames.count(d["person_id"].get<int64_t>())) continue;
      auto by = s_.Login(usernames[d["person_id"].get<int64_t>()]);
      if (!by) continue;
      Reply r = by->Post("/api/v1/designations",
                         Json{{"person_id", person}, {"role", role}, {"unit_id", unit}, {"note", "リマインダの試験"}});
      if (r.status / 100 == 2) return person;
      tried += r.body + "\n";
    }
    ADD_FAILURE() << "nobody could designate " << role << " for unit " << unit << ":\n" << tried;
    return 0;
  }

  Server s_;
  std::unique_ptr<HttpClient> auditor_, officer_;
};

TEST_F(ReminderTest, RemindSendsADigestPerPersonRecordsEachAndNothingTwiceADay) {
  const Json overdue = Overdue();
  ASSERT_FALSE(overdue.empty()) << "the demo has overdue duties";
  const Json duty = overdue[0];
  const int64_t owner = AddOwner(duty, "tsuchi@demo.example.go.jp");
  ASSERT_NE(owner, 0);
  SmtpSink sink;
  ASSERT_TRUE(sink.Start());

  CommandResult dry = RunMamori({"remind", "--var", s_.var(), "--dry-run", "--base-url", kBaseUrl});
  ASSERT_EQ(dry.exit_code, 0) << dry.All();
  EXPECT_NE(dry.out.find("Subject: 【mamori】"), std::string::npos) << dry.out;
  EXPECT_NE(dry.out.find("dry run: nothing sent or recorded"), std::string::npos) << dry.out;
  EXPECT_TRUE(sink.Messages().empty());
  EXPECT_TRUE(Reminders().empty()) << "a dry run records nothing";

  CommandResult run = RunMamori(RemindArgs(s_, sink.Url()));
  ASSERT_EQ(run.exit_code, 0) << run.All();
  const std::vector<std::string> mails = sink.Messages();
  ASSERT_FALSE(mails.empty()) << run.All();
  const Json events = Reminders();
  ASSERT_EQ(events.size(), mails.size()) << "one trail event per digest";
  EXPECT_NE(run.out.find("reminders: " + std::to_string(mails.size()) + " sent, 0 failed"), std::string::npos)
      << run.out;

  // Each message: one recipient, its reminder row on the trail, decoded by an independent decoder.
  std::map<std::string, Json> by_address;  // recipient → decoded message
  std::set<int64_t> persons;
  for (const std::string& eml : mails) {
    const Json m = DecodeMail(eml);
    ASSERT_TRUE(m.is_object());
    EXPECT_EQ(m["defects"], Json::array()) << eml;
    ASSERT_EQ(m["to"].size(), 1u);
    EXPECT_EQ(m["from"][0]["address"], kFrom);
    EXPECT_EQ(m["charset"], "utf-8");
    EXPECT_EQ(m["transfer_encoding"], "base64");
    EXPECT_EQ(m["subject"].get<std::string>().rfind("【mamori】", 0), 0u) << m["subject"];
    by_address[m["to"][0]["address"].get<std::string>()] = m;
  }
  EXPECT_EQ(by_address.size(), mails.size()) << "one digest per person";
  for (const Json& e : events) {
    const Json row = e["payload"]["effects"][0]["row"];
    EXPECT_EQ(e["actor"], "system:reminders");
    EXPECT_EQ(row["status"], "sent");
    EXPECT_TRUE(row["error"].is_null());
    persons.insert(row["person_id"].get<int64_t>());
    auto m = by_address.find(row["email"].get<std::string>());
    ASSERT_NE(m, by_address.end()) << row.dump();
    EXPECT_EQ(Header(m->second, "X-Mamori-Reminder-ID"), row["message_id"]) << "the recorded id is the one sent";
    const int64_t listed = row["due_soon"].get<int64_t>() + row["overdue"].get<int64_t>();
    EXPECT_EQ(static_cast<int64_t>(Json::parse(row["occurrence_ids"].get<std::string>()).size()), listed);
  }
  EXPECT_EQ(persons.size(), events.size());

  // The new owner's digest lists the overdue duty, with its clause and its link, Japanese first.
  ASSERT_TRUE(by_address.count("tsuchi@demo.example.go.jp")) << run.All();
  const Json mine = by_address["tsuchi@demo.example.go.jp"];
  EXPECT_EQ(mine["to"][0]["name"], "通知 受取");
  const std::string body = mine["body"].get<std::string>();
  SCOPED_TRACE(body);
  EXPECT_NE(body.find("通知 受取 様"), std::string::npos);
  EXPECT_NE(body.find(duty["name_ja"].get<std::string>() + "（" + duty["clause"].get<std::string>() + "）"),
            std::string::npos);
  EXPECT_NE(body.find(duty["name_en"].get<std::string>() + " (" + duty["clause"].get<std::string>() + ")"),
            std::string::npos);
  EXPECT_NE(body.find(std::string(kBaseUrl) + "/duties?id=" + std::to_string(duty["id"].get<int64_t>())),
            std::string::npos);
  const size_t late = body.find("■ 期限超過"), dear = body.find("Dear 通知 受取,");
  ASSERT_NE(late, std::string::npos);
  ASSERT_NE(dear, std::string::npos);
  EXPECT_LT(late, dear) << "Japanese first, then English";
  EXPECT_NE(body.find("日超過"), std::string::npos);
  EXPECT_NE(body.find("overdue", dear), std::string::npos);
  EXPECT_NE(mine["subject"].get<std::string>().find("期限超過"), std::string::npos) << mine["subject"];
  EXPECT_TRUE(persons.count(owner));

  // The same day: nothing is sent again.
  CommandResult again = RunMamori(RemindArgs(s_, sink.Url()));
  EXPECT_EQ(again.exit_code, 0) << again.All();
  EXPECT_NE(again.out.find("reminders: 0 sent, 0 failed"), std::string::npos) << again.out;
  EXPECT_EQ(sink.Messages().size(), mails.size());
  EXPECT_EQ(Reminders().size(), events.size());
}

TEST_F(ReminderTest, ARefusedSendIsRecordedAsFailedWithoutThePasswordAndRetried) {
  const Json overdue = Overdue();
  ASSERT_FALSE(overdue.empty());
  ASSERT_NE(AddOwner(overdue[0], "tsuchi@demo.example.go.jp"), 0);
  const std::string secret = "S3cret-令和-pw";
  SmtpSink sink({.auth = "reminder:" + secret});
  ASSERT_TRUE(sink.Start());
  const std::string url = "smtp://reminder@" + sink.Url().substr(std::string("smtp://").size());
  const std::string wrong_file = s_.dir() + "/wrong-password", right_file = s_.dir() + "/smtp-password";
  WriteFile(wrong_file, "Wr0ng-Passw0rd\n");
  WriteFile(right_file, secret + "\n");

  // A password in the URL is refused before anything is sent.
  CommandResult in_url = RunMamori(RemindArgs(s_, "smtp://reminder:" + secret + "@127.0.0.1:1"));
  EXPECT_EQ(in_url.exit_code, 1);
  EXPECT_EQ(in_url.All().find(secret), std::string::npos) << in_url.All();
  EXPECT_TRUE(Reminders().empty());

  CommandResult refused = RunMamori(RemindArgs(s_, url, {"--smtp-password-file", wrong_file}));
  EXPECT_EQ(refused.exit_code, 1) << refused.All();
  EXPECT_NE(refused.All().find("mail.auth_failed"), std::string::npos) << refused.All();
  EXPECT_EQ(refused.All().find("Wr0ng-Passw0rd"), std::string::npos) << refused.All();
  EXPECT_TRUE(sink.Messages().empty());
  const Json failed = Reminders();
  ASSERT_FALSE(failed.empty());
  for (const Json& e : failed) {
    const Json row = e["payload"]["effects"][0]["row"];
    EXPECT_EQ(row["status"], "failed");
    EXPECT_NE(row["error"].get<std::string>().find("[mail.auth_failed]"), std::string::npos) << row.dump();
    EXPECT_EQ(e.dump().find("Wr0ng-Passw0rd"), std::string::npos) << e.dump();
    EXPECT_EQ(e.dump().find("//reminder@"), std::string::npos) << "the URL's user info is not in the error";
    EXPECT_NE(e.dump().find("smtp://127.0.0.1:"), std::string::npos) << "the URL without it is";
  }

  CommandResult retried = RunMamori(RemindArgs(s_, url, {"--smtp-password-file", right_file}));
  EXPECT_EQ(retried.exit_code, 0) << retried.All();
  EXPECT_EQ(sink.Messages().size(), failed.size()) << "every failed digest is sent by the next run";
  EXPECT_EQ(MailEnvelope(sink.Messages()[0])["auth_user"], "reminder");
  const Json all = Reminders();
  EXPECT_EQ(all.size(), 2 * failed.size());
  EXPECT_EQ(all.dump().find(secret), std::string::npos);
  EXPECT_EQ(retried.All().find(secret), std::string::npos);
}

}  // namespace
}  // namespace mamori::test
