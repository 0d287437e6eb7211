// Training records through the real binary on the demo (mod-internal): the 課等の長 of サイバー整備課 records
// a session with its attendees, a member of staff is refused with the clause, the session is on the trail
// and in the 教育実施状況記録 served as CSV, and `mamori export training` prints the same form from var/;
// the status says, per person and program, its state and deadline (due by 31 March, done once attended
// this fiscal year).

#include "base/time.h"
#include "obligation/periods.h"
#include "server_harness.h"

namespace mamori::test {
namespace {

class TrainingApiTest : public DemoServerTest<> {};

TEST_F(TrainingApiTest, RecordedSessionIsOnTheTrailAndInTheForm) {
  auto suzuki = s_.Login("suzuki");  // 部隊等情報保証責任者 (課室等の長) of サイバー整備課
  auto tanaka = s_.Login("tanaka");  // 職員 of the same unit
  auto sato = s_.Login("sato");      // 情報保証責任者: reads the trail
  ASSERT_TRUE(suzuki && tanaka && sato);
  const int64_t cyber = UnitId(*sato, "CYBER");
  const int64_t p_tanaka = PersonId(*sato, "tanaka");
  const int64_t p_ito = PersonId(*sato, "ito");
  ASSERT_TRUE(cyber && p_tanaka && p_ito);

  // The programs of the profile (training.yaml), with their content items, for the recording form.
  Reply programs = tanaka->Get("/api/v1/training/programs");
  ASSERT_EQ(programs.status, 200) << programs.body;
  const Json defs = programs.Json()["programs"];
  ASSERT_GE(defs.size(), 2u) << programs.body;
  EXPECT_EQ(defs[0].value("code", ""), "annual_training");
  EXPECT_EQ(defs[0].value("clause", ""), "000 第5(1)");
  EXPECT_EQ(defs[0].value("every", ""), "fiscal_year");
  ASSERT_EQ(defs[0]["contents"].size(), 2u);
  EXPECT_EQ(defs[0]["contents"][1].value("key", ""), "leak_response");

  Json session{{"program", "annual_training"},
               {"held_on", "2025-06-02"},
               {"trainer", "サイバー整備課長 鈴木 花子"},
               {"method", "集合教育"},
               {"unit_id", cyber},
               {"room_group", "事案対処班"},
               {"content", "情報漏えい対応を含む情報保証教育, 年次"},
               {"audience", "課員全員"},
               {"attendees", Json::array({p_tanaka, p_ito})},
               {"contents_covered", Json::array({"information_assurance", "leak_response"})}};
  // Staff may not record it: 000 第5(3) puts the record with the 課等の長.
  EXPECT_TRUE(IsApiError(tanaka->Post("/api/v1/training/sessions", session), 403, "forbidden", "authz.denied",
                         "000 第5(3)"));
  // A column of the form missing: refused with the clause of the form.
  Json no_method = session;
  no_method.erase("method");
  EXPECT_TRUE(IsApiError(suzuki->Post("/api/v1/training/sessions", no_method), 400, "invalid_argument",
                         "input.required", "000 第5(3)", "method"));

  Reply done = suzuki->Post("/api/v1/training/sessions", session);
  ASSERT_TRUE(IsOk(done));
  EXPECT_EQ(done.Json().value("attendee_count", 0), 2);
  const int64_t id = done.Json().value("session_id", int64_t{0});
  ASSERT_TRUE(TrailBarrier(*sato));
  const Json events = TrailEvents(*sato, "training:" + std::to_string(id));
  ASSERT_EQ(events.size(), 1u) << events.dump().substr(0, 500);
  EXPECT_EQ(events[0].value("command", ""), "training.record");

  Reply list = suzuki->Get("/api/v1/training/sessions?fiscal_year=2025");
  ASSERT_EQ(list.status, 200) << list.body;
  ASSERT_EQ(list.Json()["sessions"].size(), 1u);
  EXPECT_EQ(list.Json()["sessions"][0].value("attendee_count", 0), 2);
  EXPECT_TRUE(IsApiError(tanaka->Get("/api/v1/training/sessions"), 403, "forbidden", "authz.denied", "000 第5(3)"));

  Reply csv = suzuki->Get("/api/v1/training/record?fiscal_year=2025&format=csv");
  ASSERT_EQ(csv.status, 200) << csv.body;
  EXPECT_NE(csv.Header("Content-Type").find("text/csv"), std::string::npos);
  EXPECT_EQ(csv.body.substr(0, 3), "\xEF\xBB\xBF");
  EXPECT_NE(csv.body.find("教育実施状況記録\r\n年度：令和7年度\r\n実施日,実施者,実施手段,局 課,室又はグループ\r\n"),
            std::string::npos)
      << csv.body;
  EXPECT_NE(csv.body.find("令和7年6月2日,サイバー整備課長 鈴木 花子,集合教育,"), std::string::npos) << csv.body;
  EXPECT_NE(csv.body.find(",事案対処班\r\n,,,\"情報漏えい対応を含む情報保証教育, 年次\",課員全員（2名）\r\n"),
            std::string::npos)
      << csv.body;
  Reply other_year = suzuki->Get("/api/v1/training/record?fiscal_year=2024&format=csv");
  EXPECT_EQ(other_year.body.find("令和7年6月2日"), std::string::npos);

  // The CLI prints the same form from var/.
  ASSERT_EQ(s_.Stop(), 0);
  CommandResult cli = RunMamori({"export", "training", "--var", s_.var(), "--fiscal-year", "2025", "--format", "csv"});
  ASSERT_EQ(cli.exit_code, 0) << cli.All();
  EXPECT_EQ(cli.out, csv.body);
  CommandResult xlsx = RunMamori({"export", "training", "--var", s_.var(), "--fiscal-year", "2025", "--format",
                                  "xlsx", "--out", s_.dir() + "/training.xlsx"});
  ASSERT_EQ(xlsx.exit_code, 0) << xlsx.All();
  EXPECT_EQ(ReadFile(s_.dir() + "/training.xlsx").substr(0, 2), "PK");
  EXPECT_EQ(s_.Verify().exit_code, 0);
}

// The local date today in the demo's zone (Asia/Tokyo) and the last day of its fiscal year (April start).
struct Today {
  std::string day, fiscal_year_end;
};
Today TodayInTokyo() {
  const LocalDay d = DayOf(SystemClock().Now(), TimeZone{});
  return {FormatDay(d), FormatDay(LocalDay{FiscalYearOf(d, MonthDay{4, 1}) + 1, 3, 31})};
}

// The program `code` of `person` in GET /api/v1/training/status, or null.
Json ProgramOf(const Json& status, int64_t person, const std::string& code) {
  for (const Json& p : status["people"])
    if (p.value("person_id", int64_t{0}) == person)
      for (const Json& s : p["programs"])
        if (s.value("program", "") == code) return s;
  return nullptr;
}

TEST_F(TrainingApiTest, StatusSaysTheStateAndTheDeadline) {
  auto suzuki = s_.Login("suzuki");
  ASSERT_TRUE(suzuki);
  const int64_t cyber = UnitId(*suzuki, "CYBER");
  const int64_t p_tanaka = PersonId(*suzuki, "tanaka");
  const int64_t p_ito = PersonId(*suzuki, "ito");
  ASSERT_TRUE(cyber && p_tanaka && p_ito);
  // Reads the status; the expected dates are those of today, read before and after (a day may turn between).
  auto read = [&](Today& today) {
    const Today before = TodayInTokyo();
    Reply r = suzuki->Get("/api/v1/training/status");
    EXPECT_EQ(r.status, 200) << r.body;
    today = TodayInTokyo();
    if (before.day != today.day) today.fiscal_year_end = "";  // either answer is right: not compared
    return r.status == 200 ? r.Json() : Json::object();
  };
  auto expect_due = [](const Json& s, const Today& today) {
    ASSERT_TRUE(s.is_object());
    EXPECT_EQ(s.value("state", ""), "due") << s.dump();
    EXPECT_TRUE(s["required"].get<bool>());
    EXPECT_FALSE(s["current"].get<bool>());
    if (!today.fiscal_year_end.empty()) {
      EXPECT_EQ(s.value("due_on", ""), today.fiscal_year_end) << s.dump();
    }
  };

  // 000 第5(1): everyone of the unit every fiscal year; nobody of the demo has attended yet.
  Today today;
  Json status = read(today);
  ASSERT_GT(status["people"].size(), 0u);
  for (const Json& p : status["people"]) expect_due(ProgramOf(status, p.value("person_id", int64_t{0}), "annual_training"), today);

  // A session of a past fiscal year counts as attended, not as this year's.
  Json session{{"program", "annual_training"},
               {"held_on", "2025-03-31"},  // the last day of FY2024
               {"trainer", "サイバー整備課長 鈴木 花子"},
               {"method", "集合教育"},
               {"unit_id", cyber},
               {"room_group", "事案対処班"},
               {"content", "情報漏えい対応を含む情報保証教育"},
               {"audience", "課員全員"},
               {"attendees", Json::array({p_tanaka, p_ito})},
               {"contents_covered", Json::array({"information_assurance", "leak_response"})}};
  ASSERT_TRUE(IsOk(suzuki->Post("/api/v1/training/sessions", session)));
  status = read(today);
  Json ito = ProgramOf(status, p_ito, "annual_training");
  expect_due(ito, today);
  EXPECT_EQ(ito.value("last_held_on", ""), "2025-03-31");

  // Attended today: done, nothing due, for tanaka only.
  session["held_on"] = TodayInTokyo().day;
  session["attendees"] = Json::array({p_tanaka});
  Reply done = suzuki->Post("/api/v1/training/sessions", session);
  if (done.status != 200) {  // the day turned between reading it and recording (a future date is refused)
    session["held_on"] = TodayInTokyo().day;
    done = suzuki->Post("/api/v1/training/sessions", session);
  }
  ASSERT_TRUE(IsOk(done));
  status = read(today);
  const Json tanaka = ProgramOf(status, p_tanaka, "annual_training");
  ASSERT_TRUE(tanaka.is_object());
  EXPECT_EQ(tanaka.value("state", ""), "done") << tanaka.dump();
  EXPECT_TRUE(tanaka["due_on"].is_null()) << tanaka.dump();
  EXPECT_TRUE(tanaka["current"].get<bool>());
  EXPECT_EQ(tanaka.value("last_held_on", ""), session["held_on"].get<std::string>());
  expect_due(ProgramOf(status, p_ito, "annual_training"), today);
}

}  // namespace
}  // namespace mamori::test
