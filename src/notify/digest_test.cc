// Reminder digests: who gets one and what it lists (CollectDigests), the message (RenderDigest), sending
// and recording (SendDigests with a FakeMailer, notify.record_reminder) and the daily schedule.
// Occurrences are planted as rows of obligation_occurrences; the obligation calendar's own tests cover
// how they are raised.

#include "notify/digest.h"

#include <gtest/gtest.h>

#include "app/app.h"
#include "identity/identity.h"
#include "profile/profile.h"
#include "testing/test_support.h"

namespace mamori {
namespace {

const TimeZone kTokyo{};
// 2026-12-01 09:00 in Tokyo.
const Micros kDec1 = ParseTimestamp("2026-12-01T09:00:00+09:00").value();

// The end of a local day in Tokyo ("2026-11-28" → 2026-11-28T23:59:59.999+09:00), as stored.
std::string EndOf(const std::string& day) {
  return FormatUtc(ParseTimestamp(day + "T00:00:00+09:00").value() + kDay - 1000);
}
std::string StartOf(const std::string& day) { return FormatUtc(ParseTimestamp(day + "T00:00:00+09:00").value()); }

size_t Count(const std::string& haystack, const std::string& needle) {
  size_t n = 0;
  for (size_t at = haystack.find(needle); at != std::string::npos; at = haystack.find(needle, at + 1)) ++n;
  return n;
}

class DigestTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(dir_.ok());
    auto app = testing::InitTestOrg(dir_.path() + "/var", &clock_);
    ASSERT_TRUE(app.ok()) << app.status().ToString();
    app_ = std::move(app).value();
    root_ = Query("SELECT id FROM org_units WHERE code = 'ROOT'").rows.at(0).Int(0);
    cyber_ = Run(sys_, "unit.create",
                 Json{{"parent_id", root_},
                      {"kind", "division"},
                      {"code", "CYBER"},
                      {"name_ja", "サイバー整備課"},
                      {"name_en", "Cyber Maintenance Division"},
                      {"head_title", "課長"}})["unit_id"];
    sato_ = NewPerson("佐藤", "一郎", root_, "sato@example.go.jp");
    suzuki_ = NewPerson("鈴木", "花子", cyber_, "suzuki@example.go.jp");
    takahashi_ = NewPerson("高橋", "健", cyber_, "takahashi@example.go.jp");
    watanabe_ = NewPerson("渡辺", "直子", cyber_, "");  // no e-mail address
    Designate(sys_, sato_, "ia_officer", root_);
    Designate(sato_, suzuki_, "unit_ia_officer", cyber_);
    Designate(suzuki_, takahashi_, "unit_ia_assistant", cyber_);
    Designate(suzuki_, watanabe_, "unit_ia_assistant", cyber_);
    // Start from an empty calendar (the profile's triggers raised duties for the people just added):
    // each test plants exactly the occurrences it reasons about.
    auto conn = app_->store().Connect(false);
    ASSERT_TRUE(conn.ok());
    ASSERT_TRUE((*conn)->Exec("DELETE FROM obligation_occurrences").ok());
    clock_.Set(kDec1);
  }

  Engine& engine() { return app_->engine(); }

  Rows Query(const std::string& sql, const Params& params = {}) {
    auto rows = engine().Read([&](Conn& c) { return c.Query(sql, params); });
    EXPECT_TRUE(rows.ok()) << rows.status().ToString();
    return rows.ok() ? *rows : Rows{};
  }

  Json Run(const Actor& a, const std::string& cmd, const Json& in) {
    auto r = engine().Execute(a, cmd, in);
    EXPECT_TRUE(r.ok()) << cmd << ": " << r.status().ToString();
    return r.ok() ? *r : Json::object();
  }

  Actor NewPerson(const char* family, const char* given, int64_t unit, const char* email) {
    Json r = Run(
        sys_, "person.create",
        Json{{"family_name", family}, {"given_name", given}, {"unit_id", unit}, {"title", "事務官"}, {"email", email}});
    Actor a;
    a.person_id = r.value("person_id", int64_t{0});
    a.username = family;
    return a;
  }

  void Designate(const Actor& by, const Actor& who, const char* role, int64_t unit) {
    Run(by, "designation.create", Json{{"person_id", who.person_id}, {"role", role}, {"unit_id", unit}});
  }

  struct Planted {
    std::string obligation, owner_role, due_day, remind_day;
    std::string state = "open";
    int level = 0;
    std::string escalated_to;
    std::string period = "2026-11";
  };

  // Writes an occurrence of the CYBER unit straight into the table (as obligation.schedule would).
  int64_t Plant(const Planted& p) {
    auto conn = app_->store().Connect(false);
    EXPECT_TRUE(conn.ok());
    const int64_t id = 1000 + ++planted_;
    const Status st = (*conn)->Exec(
        "INSERT INTO obligation_occurrences (id, profile, obligation, clause, period, scope_kind, scope_id, unit_id, "
        "owner_role, escalate_to, due_at, remind_from, source, state, escalation_level, escalated_to, escalated_at, "
        "created_at) VALUES (?, 'mod-internal', ?, '000 第4 1(3)', ?, 'unit', ?, ?, ?, ?, ?, ?, 'schedule', ?, ?, ?, "
        "?, ?)",
        {id, p.obligation, p.period, cyber_, cyber_, p.owner_role,
         p.escalated_to.empty() ? Value() : Value(p.escalated_to), EndOf(p.due_day), StartOf(p.remind_day), p.state,
         int64_t{p.level}, p.escalated_to.empty() ? Value() : Value(p.escalated_to),
         p.level > 0 ? Value(StartOf(p.due_day)) : Value(), StartOf("2026-11-01")});
    EXPECT_TRUE(st.ok()) << st.ToString();
    return id;
  }

  // The standard set: two overdue (one escalated), one due soon, one not yet in its reminder window,
  // one done.
  void PlantStandard() {
    reconcile_ = Plant({"media_reconcile", "unit_ia_officer", "2026-11-28", "2026-11-01"});
    check_ = Plant({"erasure_check", "unit_ia_assistant", "2026-11-30", "2026-11-20", "open", 1, "unit_ia_officer"});
    report_ = Plant({"monthly_report", "unit_ia_officer", "2026-12-03", "2026-11-25"});
    later_ = Plant({"annual_review", "unit_ia_officer", "2026-12-20", "2026-12-10"});
    done_ = Plant({"training", "unit_ia_officer", "2026-11-27", "2026-11-01", "done"});
  }

  std::vector<Digest> Collect(Micros now) {
    DigestContext ctx{&engine().catalog(), &engine().profiles(), kTokyo};
    auto d = engine().Read([&](Conn& c) { return CollectDigests(c, ctx, now); });
    EXPECT_TRUE(d.ok()) << d.status().ToString();
    return d.ok() ? *d : std::vector<Digest>{};
  }

  const Digest* For(const std::vector<Digest>& ds, const Actor& who) {
    for (const Digest& d : ds)
      if (d.person_id == who.person_id) return &d;
    return nullptr;
  }

  int64_t RecordEvents() {
    return Query("SELECT COUNT(*) FROM trail_events WHERE command = 'notify.record_reminder'").rows.at(0).Int(0);
  }

  DigestMailOptions MailOptions() {
    DigestMailOptions o;
    o.from = {"mamori@example.go.jp", "mamori"};
    o.base_url = "https://mamori.example.go.jp/";
    return o;
  }

  FakeClock clock_{kDec1 - 2 * kDay};  // the organization is set up two days before
  testing::TempDir dir_{"mamori-digest-test"};
  std::unique_ptr<App> app_;
  Actor sys_ = SystemActor("test");
  int64_t root_ = 0, cyber_ = 0, planted_ = 0;
  Actor sato_, suzuki_, takahashi_, watanabe_;
  int64_t reconcile_ = 0, check_ = 0, report_ = 0, later_ = 0, done_ = 0;
};

TEST_F(DigestTest, OneDigestPerOwnerOverdueFirstThenByDueDate) {
  PlantStandard();
  const auto digests = Collect(kDec1);
  ASSERT_EQ(digests.size(), 2u);  // suzuki and takahashi; not watanabe (no address) nor sato (not theirs)
  const Digest* suzuki = For(digests, suzuki_);
  ASSERT_NE(suzuki, nullptr);
  EXPECT_EQ(suzuki->name, "鈴木 花子");
  EXPECT_EQ(suzuki->email, "suzuki@example.go.jp");
  EXPECT_EQ(suzuki->occurrence_ids(), (std::vector<int64_t>{reconcile_, check_, report_}));
  EXPECT_EQ(suzuki->overdue(), 2);
  EXPECT_EQ(suzuki->due_soon(), 1);
  EXPECT_TRUE(suzuki->lines[0].overdue);
  EXPECT_EQ(suzuki->lines[0].days, 3);  // due 28 Nov, today 1 Dec
  EXPECT_EQ(suzuki->lines[1].days, 1);
  EXPECT_FALSE(suzuki->lines[2].overdue);
  EXPECT_EQ(suzuki->lines[2].days, 2);  // due 3 Dec
  EXPECT_EQ(suzuki->lines[0].unit_ja, "サイバー整備課");
  EXPECT_EQ(suzuki->lines[0].clause, "000 第4 1(3)");

  const Digest* takahashi = For(digests, takahashi_);
  ASSERT_NE(takahashi, nullptr);
  EXPECT_EQ(takahashi->occurrence_ids(), (std::vector<int64_t>{check_}));
  EXPECT_EQ(For(digests, watanabe_), nullptr) << "no e-mail address, no digest";
}

TEST_F(DigestTest, NotYetInTheReminderWindowDoneOrNobodysDutiesAreLeftOut) {
  PlantStandard();
  for (const Digest& d : Collect(kDec1))
    for (int64_t id : d.occurrence_ids()) {
      EXPECT_NE(id, later_) << "remind_from is 10 Dec";
      EXPECT_NE(id, done_) << "done";
    }
  // On 10 December the annual review enters the window.
  const auto later = Collect(ParseTimestamp("2026-12-10T09:00:00+09:00").value());
  const Digest* suzuki = For(later, suzuki_);
  ASSERT_NE(suzuki, nullptr);
  EXPECT_EQ(suzuki->occurrence_ids().back(), later_);
  // A role nobody holds gives no digest at all.
  Plant({"incident_drill", "incident_officer", "2026-11-20", "2026-11-01"});
  EXPECT_EQ(Collect(kDec1).size(), 2u);
}

TEST_F(DigestTest, AnEscalatedDutyCarriesTheNoteForWhomItWasEscalatedTo) {
  PlantStandard();
  // Escalated to an org-wide role: its holder in the root unit gets it too.
  const int64_t audit = Plant({"self_audit", "unit_ia_officer", "2026-11-25", "2026-11-01", "open", 2, "ia_officer"});
  const auto digests = Collect(kDec1);
  const Digest* sato = For(digests, sato_);
  ASSERT_NE(sato, nullptr);
  EXPECT_EQ(sato->occurrence_ids(), (std::vector<int64_t>{audit}));
  EXPECT_EQ(sato->lines[0].escalation_level, 2);
  EXPECT_NE(RenderDigest(*sato, MailOptions(), kDec1, "<x@example.go.jp>")
                .body.find("情報保証責任者であるあなたに上げられています（2 段階）"),
            std::string::npos);
  const Digest* suzuki = For(digests, suzuki_);
  const Digest* takahashi = For(digests, takahashi_);
  ASSERT_TRUE(suzuki && takahashi);
  ASSERT_EQ(suzuki->occurrence_ids(), (std::vector<int64_t>{audit, reconcile_, check_, report_}));
  EXPECT_EQ(suzuki->lines[0].escalation_level, 0) << "the owner, not the one it was escalated to";
  const DigestLine& escalated = suzuki->lines[2];
  EXPECT_EQ(escalated.occurrence_id, check_);
  EXPECT_EQ(escalated.escalation_level, 1);
  EXPECT_EQ(escalated.escalated_role_ja, "部隊等情報保証責任者");
  EXPECT_EQ(escalated.escalated_role_en, "Unit IA Officer");
  EXPECT_EQ(suzuki->lines[1].escalation_level, 0) << "not escalated: no note";
  EXPECT_EQ(takahashi->lines[0].escalation_level, 0) << "the owner still has it, without the note";

  const MailMessage to_suzuki = RenderDigest(*suzuki, MailOptions(), kDec1, "<x@example.go.jp>");
  EXPECT_EQ(Count(to_suzuki.body, "部隊等情報保証責任者であるあなたに上げられています（1 段階）"), 1u)
      << to_suzuki.body;
  EXPECT_EQ(Count(to_suzuki.body, "escalated to you as Unit IA Officer because it is overdue (level 1)"), 1u);
  const MailMessage to_takahashi = RenderDigest(*takahashi, MailOptions(), kDec1, "<x@example.go.jp>");
  EXPECT_EQ(to_takahashi.body.find("上げられています"), std::string::npos);
  EXPECT_EQ(to_takahashi.body.find("escalated"), std::string::npos);
}

TEST_F(DigestTest, TheMessageIsJapaneseThenEnglishWithWarekiDatesAndLinks) {
  PlantStandard();
  const auto digests = Collect(kDec1);
  const Digest* suzuki = For(digests, suzuki_);
  ASSERT_NE(suzuki, nullptr);
  const MailMessage m = RenderDigest(*suzuki, MailOptions(), kDec1, "<abc.reminder@example.go.jp>");
  EXPECT_EQ(m.subject, "【mamori】期限の近い義務 1 件・期限超過 2 件 / 1 due soon, 2 overdue");
  ASSERT_EQ(m.to.size(), 1u);
  EXPECT_EQ(m.to[0].address, "suzuki@example.go.jp");
  EXPECT_EQ(m.to[0].display_name, "鈴木 花子");
  EXPECT_EQ(m.from.address, "mamori@example.go.jp");
  ASSERT_EQ(m.extra_headers.size(), 2u);
  EXPECT_EQ(m.extra_headers[0].name, "Auto-Submitted");
  EXPECT_EQ(m.extra_headers[1].value, "<abc.reminder@example.go.jp>");
  EXPECT_TRUE(ValidateMessage(m).ok()) << ValidateMessage(m).ToString();

  const std::string& b = m.body;
  const size_t ja = b.find("鈴木 花子 様"), en = b.find("Dear 鈴木 花子,");
  ASSERT_NE(ja, std::string::npos);
  ASSERT_NE(en, std::string::npos);
  EXPECT_LT(ja, en) << "Japanese first";
  EXPECT_NE(b.find("令和8年12月1日（2026/12/01）現在"), std::string::npos) << b;
  // Japanese part: overdue first, then due soon, each with both calendars.
  const size_t late = b.find("■ 期限超過 2 件"), soon = b.find("■ 期限の近い義務 1 件");
  ASSERT_NE(late, std::string::npos);
  ASSERT_NE(soon, std::string::npos);
  EXPECT_LT(late, soon);
  EXPECT_NE(b.find("1. media_reconcile（000 第4 1(3)）"), std::string::npos) << b;
  EXPECT_NE(b.find("組織: サイバー整備課　期間: 2026-11"), std::string::npos);
  EXPECT_NE(b.find("期限: 令和8年11月28日（2026/11/28）　3 日超過"), std::string::npos);
  EXPECT_NE(b.find("期限: 令和8年12月3日（2026/12/03）　あと 2 日"), std::string::npos);
  // erasure_check is an obligation of the profile: its name comes from there.
  const ObligationDef* erasure = nullptr;
  for (const auto& p : engine().profiles())
    for (const ObligationDef& o : p->obligations)
      if (p->name == "mod-internal" && o.code == "erasure_check") erasure = &o;
  ASSERT_NE(erasure, nullptr);
  EXPECT_EQ(suzuki->lines[1].name_ja, erasure->name_ja);
  EXPECT_EQ(suzuki->lines[1].name_en, erasure->name_en);
  const size_t second = b.find("2. " + erasure->name_ja + "（000 第4 1(3)）");
  EXPECT_LT(b.find("1. media_reconcile"), second);
  EXPECT_LT(second, b.find("3. monthly_report"));
  EXPECT_GT(b.find("2. " + erasure->name_en + " (000 第4 1(3))"), en);
  // English part, after the Japanese one.
  EXPECT_GT(b.find("Due: 2026/11/28 (令和8年11月28日), 3 days overdue"), en);
  EXPECT_GT(b.find("Due: 2026/12/03 (令和8年12月3日), 2 days left"), en);
  EXPECT_GT(b.find("Unit: Cyber Maintenance Division   Period: 2026-11"), en);
  // One link per duty and language, without a doubled slash.
  const std::string link = "https://mamori.example.go.jp/duties?id=" + std::to_string(reconcile_) + "\n";
  EXPECT_EQ(Count(b, link), 2u) << b;
}

TEST_F(DigestTest, WarekiDatesFollowTheEraBoundaryAndWorkdayDutiesShowTheirTime) {
  Digest d;
  d.person_id = 1;
  d.name = "伊藤 大輔";
  d.email = "ito@example.go.jp";
  DigestLine heisei;
  heisei.occurrence_id = 7;
  heisei.name_ja = heisei.name_en = "x";
  heisei.due_at = ParseTimestamp("2019-04-30T23:59:59.999+09:00").value();
  heisei.overdue = true;
  heisei.days = 2;
  DigestLine reiwa = heisei;
  heisei.period = "event:5";
  heisei.subject = "persons/12";
  reiwa.occurrence_id = 8;
  reiwa.due_at = ParseTimestamp("2019-05-01T23:59:59.999+09:00").value();
  reiwa.days = 1;
  DigestLine workday = heisei;
  workday.occurrence_id = 9;
  workday.due_at = ParseTimestamp("2019-05-02T18:15:00+09:00").value();
  workday.overdue = false;
  workday.days = 0;
  d.lines = {heisei, reiwa, workday};
  const std::string b =
      RenderDigest(d, MailOptions(), ParseTimestamp("2019-05-02T10:00:00+09:00").value(), "<i@x>").body;
  EXPECT_NE(b.find("期限: 平成31年4月30日（2019/04/30）　2 日超過"), std::string::npos) << b;
  EXPECT_NE(b.find("期間: 記録 #5 を契機とするもの　対象: persons/12"), std::string::npos) << b;
  EXPECT_NE(b.find("Period: raised by trail event #5   About: persons/12"), std::string::npos) << b;
  EXPECT_NE(b.find("期限: 令和元年5月1日（2019/05/01）　1 日超過"), std::string::npos) << b;
  EXPECT_NE(b.find("期限: 令和元年5月2日 18:15（2019/05/02 18:15）　本日が期限"), std::string::npos) << b;
  EXPECT_NE(b.find("Due: 2019/05/01 (令和元年5月1日), 1 day overdue"), std::string::npos) << b;
  EXPECT_NE(b.find("Due: 2019/05/02 18:15 (令和元年5月2日 18:15), due today"), std::string::npos) << b;
  EXPECT_NE(b.find("令和元年5月2日（2019/05/02）現在"), std::string::npos) << b;
}

TEST_F(DigestTest, SubjectLeavesOutAZeroCount) {
  Digest d;
  d.name = "a";
  d.email = "a@example.go.jp";
  DigestLine l;
  l.due_at = kDec1 + kDay;
  d.lines = {l, l, l};
  EXPECT_EQ(RenderDigest(d, MailOptions(), kDec1, "<i@x>").subject, "【mamori】期限の近い義務 3 件 / 3 due soon");
  for (DigestLine& x : d.lines) x.overdue = true;
  d.lines.pop_back();
  EXPECT_EQ(RenderDigest(d, MailOptions(), kDec1, "<i@x>").subject, "【mamori】期限超過の義務 2 件 / 2 overdue");
}

TEST_F(DigestTest, SendingRecordsEachDigestInTheTrailAndSendsOncePerDay) {
  PlantStandard();
  FakeMailer mailer;
  auto first = SendDigests(*app_, mailer, MailOptions(), clock_.Now());
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_EQ(first->sent, 2);
  EXPECT_EQ(first->failed, 0);
  ASSERT_EQ(mailer.sent().size(), 2u);
  EXPECT_EQ(RecordEvents(), 2);
  const Rows rows = Query(
      "SELECT person_id, email, status, error, message_id, due_soon, overdue, occurrence_ids, "
      "sent_at FROM reminders ORDER BY id");
  ASSERT_EQ(rows.rows.size(), 2u);
  bool saw_suzuki = false;
  for (const Row& r : rows.rows) {
    EXPECT_EQ(r.Str(2), "sent");
    EXPECT_TRUE(r.IsNull(3));
    EXPECT_EQ(r.Str(8), FormatUtc(clock_.Now()));
    if (r.Int(0) != suzuki_.person_id) continue;
    saw_suzuki = true;
    EXPECT_EQ(r.Str(1), "suzuki@example.go.jp");
    EXPECT_EQ(r.Int(5), 1);
    EXPECT_EQ(r.Int(6), 2);
    EXPECT_EQ(r.Str(7), Json({reconcile_, check_, report_}).dump());
    // The recorded id is the one the message carried.
    bool found = false;
    for (const MailMessage& m : mailer.sent())
      if (m.to[0].address == "suzuki@example.go.jp") found = m.extra_headers[1].value == r.Str(4);
    EXPECT_TRUE(found) << r.Str(4);
  }
  EXPECT_TRUE(saw_suzuki);
  const Rows event = Query(
      "SELECT actor, entity, payload FROM trail_events WHERE command = 'notify.record_reminder' "
      "ORDER BY seq LIMIT 1");
  EXPECT_EQ(event.rows.at(0).Str(0), "system:reminders");
  EXPECT_EQ(event.rows.at(0).Str(1).rfind("person:", 0), 0u);
  const Json payload = Json::parse(event.rows.at(0).Str(2));
  EXPECT_EQ(payload["effects"][0]["t"], "reminders");

  // Later the same day: nothing more.
  clock_.Advance(6 * kHour);
  auto again = SendDigests(*app_, mailer, MailOptions(), clock_.Now());
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->sent, 0);
  EXPECT_EQ(mailer.sent().size(), 2u);
  EXPECT_EQ(RecordEvents(), 2);
  // The next day the duties still open are reminded again.
  clock_.Advance(kDay);
  auto next = SendDigests(*app_, mailer, MailOptions(), clock_.Now());
  ASSERT_TRUE(next.ok());
  EXPECT_EQ(next->sent, 2);
  EXPECT_EQ(RecordEvents(), 4);
}

TEST_F(DigestTest, AFailedSendIsRecordedAsFailedAndRetriedOnTheNextRun) {
  PlantStandard();
  FakeMailer mailer;
  mailer.FailNext(Status::Error(ErrorKind::kInternal, "mail.connect_failed", "", "メールサーバに接続できませんでした",
                                "Could not connect to smtp://127.0.0.1:2525: Couldn't connect to server"));
  auto first = SendDigests(*app_, mailer, MailOptions(), clock_.Now());
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_EQ(first->sent, 1);
  EXPECT_EQ(first->failed, 1);
  ASSERT_EQ(first->errors.size(), 1u);
  const Rows failed = Query("SELECT person_id, error FROM reminders WHERE status = 'failed'");
  ASSERT_EQ(failed.rows.size(), 1u);
  const int64_t who = failed.rows[0].Int(0);
  EXPECT_EQ(failed.rows[0].Str(1),
            "[mail.connect_failed] Could not connect to smtp://127.0.0.1:2525: Couldn't connect to server");
  EXPECT_EQ(RecordEvents(), 2) << "the failure is on the trail too";

  clock_.Advance(15 * kMinute);
  auto retry = SendDigests(*app_, mailer, MailOptions(), clock_.Now());
  ASSERT_TRUE(retry.ok());
  EXPECT_EQ(retry->sent, 1) << "only the failed one is sent again";
  EXPECT_EQ(retry->failed, 0);
  EXPECT_EQ(Query("SELECT person_id FROM reminders WHERE status = 'sent' ORDER BY id DESC LIMIT 1").rows.at(0).Int(0),
            who);
  EXPECT_EQ(mailer.sent().size(), 2u);
}

TEST_F(DigestTest, OnePerDayFollowsTheOrganizationsLocalDay) {
  PlantStandard();
  FakeMailer mailer;
  // 23:30 in Tokyo on 1 December is still 1 December there (14:30 UTC).
  clock_.Set(ParseTimestamp("2026-12-01T23:30:00+09:00").value());
  ASSERT_EQ(SendDigests(*app_, mailer, MailOptions(), clock_.Now())->sent, 2);
  // 00:10 on 2 December in Tokyo is 1 December in UTC, but a new day for the organization.
  clock_.Set(ParseTimestamp("2026-12-02T00:10:00+09:00").value());
  EXPECT_EQ(SendDigests(*app_, mailer, MailOptions(), clock_.Now())->sent, 2);
}

TEST_F(DigestTest, RecordReminderIsForTheSystemAndChecksItsInput) {
  const Json ok{{"person_id", suzuki_.person_id},
                {"email", "suzuki@example.go.jp"},
                {"status", "sent"},
                {"message_id", "<a@b>"},
                {"due_soon", 1},
                {"overdue", 0},
                {"occurrence_ids", {5}}};
  Actor user = suzuki_;
  auto denied = engine().Execute(user, "notify.record_reminder", ok);
  ASSERT_FALSE(denied.ok());
  EXPECT_EQ(denied.status().rule(), "authz.system_only");

  Json bad_counts = ok;
  bad_counts["overdue"] = 2;
  EXPECT_EQ(engine().Execute(sys_, "notify.record_reminder", bad_counts).status().rule(),
            "notify.reminder_inconsistent");
  Json failed_without_error = ok;
  failed_without_error["status"] = "failed";
  EXPECT_EQ(engine().Execute(sys_, "notify.record_reminder", failed_without_error).status().field(), "error");
  Json bad_status = ok;
  bad_status["status"] = "bounced";
  EXPECT_EQ(engine().Execute(sys_, "notify.record_reminder", bad_status).status().field(), "status");
  Json no_person = ok;
  no_person["person_id"] = 9999;
  EXPECT_EQ(engine().Execute(sys_, "notify.record_reminder", no_person).status().kind(), ErrorKind::kNotFound);
  EXPECT_EQ(Query("SELECT COUNT(*) FROM reminders").rows.at(0).Int(0), 0) << "refusals write nothing";

  auto recorded = engine().Execute(sys_, "notify.record_reminder", ok);
  ASSERT_TRUE(recorded.ok()) << recorded.status().ToString();
  EXPECT_EQ(Query("SELECT COUNT(*) FROM reminders").rows.at(0).Int(0), 1);
}

TEST_F(DigestTest, TheScheduleSendsOnceAfterTheRemindTimeAndRetriesFailuresWithBackoff) {
  PlantStandard();
  FakeMailer mailer;
  ReminderSchedule schedule(*app_, mailer, MailOptions(), 8 * 60 + 30, 15 * kMinute);
  const Micros day = ParseTimestamp("2026-12-01T00:00:00+09:00").value();
  clock_.Set(day + 8 * kHour + 29 * kMinute);
  EXPECT_TRUE(schedule.Tick(clock_.Now()).ok());
  EXPECT_TRUE(mailer.sent().empty()) << "08:29 is before 08:30";

  mailer.FailNext(Status::Error(ErrorKind::kInternal, "mail.timeout", "", "時間切れ", "timed out"));
  clock_.Set(day + 8 * kHour + 30 * kMinute);
  const Status first = schedule.Tick(clock_.Now());
  EXPECT_EQ(first.rule(), "notify.send_failed") << first.ToString();
  EXPECT_EQ(mailer.sent().size(), 1u);

  clock_.Advance(14 * kMinute);
  EXPECT_TRUE(schedule.Tick(clock_.Now()).ok());
  EXPECT_EQ(RecordEvents(), 2) << "no retry before 15 minutes";
  mailer.FailNext(Status::Error(ErrorKind::kInternal, "mail.timeout", "", "時間切れ", "timed out"));
  clock_.Advance(1 * kMinute);
  EXPECT_EQ(schedule.Tick(clock_.Now()).rule(), "notify.send_failed");
  EXPECT_EQ(RecordEvents(), 3) << "the retry tried the failed one only";

  clock_.Advance(29 * kMinute);
  EXPECT_TRUE(schedule.Tick(clock_.Now()).ok());
  EXPECT_EQ(RecordEvents(), 3) << "the second retry waits 30 minutes";
  clock_.Advance(1 * kMinute);
  EXPECT_TRUE(schedule.Tick(clock_.Now()).ok());
  EXPECT_EQ(mailer.sent().size(), 2u);
  EXPECT_EQ(RecordEvents(), 4);

  clock_.Advance(2 * kHour);
  EXPECT_TRUE(schedule.Tick(clock_.Now()).ok());
  EXPECT_EQ(RecordEvents(), 4) << "once a day";
  clock_.Set(day + kDay + 8 * kHour + 31 * kMinute);
  EXPECT_TRUE(schedule.Tick(clock_.Now()).ok());
  EXPECT_EQ(mailer.sent().size(), 4u) << "the next day";
}

TEST(ReminderOptions, RemindAtIsHoursAndMinutes) {
  EXPECT_EQ(ParseRemindAt("08:30").value(), 510);
  EXPECT_EQ(ParseRemindAt("00:00").value(), 0);
  EXPECT_EQ(ParseRemindAt("23:59").value(), 23 * 60 + 59);
  for (const char* bad : {"24:00", "8:30", "08:60", "0830", "", "ab:cd"})
    EXPECT_EQ(ParseRemindAt(bad).status().rule(), "notify.remind_at") << bad;
}

}  // namespace
}  // namespace mamori
