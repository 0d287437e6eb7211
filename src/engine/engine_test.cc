// The command path (src/engine/engine.h): deny by default, one savepoint per command inside a
// group-committed batch, the trail event of every accepted command, redaction of secrets, views.

#include "engine/engine.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <set>
#include <thread>

#include "app/app.h"
#include "base/time.h"
#include "crypto/crypto.h"
#include "identity/identity.h"
#include "trail/verify.h"

namespace mamori {
namespace {

Status PutUnit(Tx& tx, const std::string& code) {
  ASSIGN_OR_RETURN(int64_t id, tx.NextId("org_units"));
  RETURN_IF_ERROR(tx.Put("org_units", Record{{"id", id}, {"parent_id", NullValue()}, {"kind", std::string("bureau")},
                                             {"code", code}, {"name_ja", code}, {"name_en", code},
                                             {"head_title", std::string("局長")}, {"created_at", tx.now_text()}}));
  tx.SetEntity("unit:" + code);
  tx.output()["unit_id"] = id;
  return Status::Ok();
}

// Writes, but never establishes an authorization.
Status NoAuthz(Tx& tx, const Json& j) { return PutUnit(tx, j.value("code", std::string("X"))); }

// Writes a unit; fails after writing when asked to.
Status PutThenMaybeFail(Tx& tx, const Json& j) {
  tx.AuthorizedBy("test");
  RETURN_IF_ERROR(PutUnit(tx, j.at("code").get<std::string>()));
  if (j.value("fail", false))
    return Status::Error(ErrorKind::kRuleViolation, "test.fail", "T 1", "テストの失敗です。", "Test failure.");
  return Status::Ok();
}

Status Slow(Tx& tx, const Json& j) {
  tx.AuthorizedBy("test");
  std::this_thread::sleep_for(std::chrono::milliseconds(j.value("ms", 300)));
  return PutUnit(tx, "SLOW");
}

class EngineTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/mamori-engine-test-XXXXXX";
    ASSERT_NE(mkdtemp(tmpl), nullptr);
    dir_ = tmpl;
    auto store = OpenSqliteStore(StoreOptions{dir_ + "/mamori.db"});
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    store_ = std::move(store).value();
    {
      auto conn = store_->Connect(false);
      ASSERT_TRUE(conn.ok());
      ASSERT_TRUE(Migrate(**conn).ok());
    }
    EngineOptions o;
    o.key_file = dir_ + "/trail-ed25519.pem";
    o.heads_file = dir_ + "/trail-heads.jsonl";
    engine_ = std::make_unique<Engine>(*store_, clock_, o);
    RegisterAllCommands(*engine_);
    engine_->Register({"test.no_authz", "writes without authorizing", NoAuthz});
    engine_->Register({"test.put", "writes a unit, fails on request", PutThenMaybeFail});
    engine_->Register({"test.slow", "holds the writer", Slow});
    ASSERT_TRUE(engine_->Start().ok());
    alice_.account_id = 7;
    alice_.person_id = 7;
    alice_.username = "alice";
  }
  void TearDown() override {
    engine_.reset();
    store_.reset();
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }
  int64_t Count(const std::string& sql) {
    auto r = engine_->Read([&](Conn& c) { return c.Query(sql); });
    EXPECT_TRUE(r.ok()) << sql;
    return r.ok() ? r->rows[0].Int(0) : -1;
  }
  std::set<std::string> UnitCodes() {
    std::set<std::string> out;
    auto r = engine_->Read([](Conn& c) { return c.Query("SELECT code FROM org_units"); });
    if (r.ok())
      for (const Row& row : r->rows) out.insert(row.Str(0));
    return out;
  }

  FakeClock clock_{ParseTimestamp("2026-11-24T00:00:00Z").value()};
  std::string dir_;
  std::unique_ptr<Store> store_;
  std::unique_ptr<Engine> engine_;
  Actor alice_;
};

TEST_F(EngineTest, DenyByDefault) {
  auto r = engine_->Execute(alice_, "test.no_authz", Json{{"code", "SNEAK"}});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().kind(), ErrorKind::kForbidden);
  EXPECT_EQ(r.status().rule(), "authz.default_deny");
  EXPECT_FALSE(r.status().ja().empty());
  EXPECT_FALSE(r.status().en().empty());
  // Not even the system actor gets through without an authorization.
  EXPECT_EQ(engine_->Execute(SystemActor("t"), "test.no_authz", Json{{"code", "SNEAK2"}}).status().rule(),
            "authz.default_deny");
  EXPECT_EQ(Count("SELECT COUNT(*) FROM org_units"), 0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM trail_events"), 0);
  // The engine carries on.
  EXPECT_TRUE(engine_->Execute(alice_, "test.put", Json{{"code", "OK"}}).ok());
  EXPECT_EQ(UnitCodes(), std::set<std::string>{"OK"});

  auto unknown = engine_->Execute(alice_, "test.nope", Json::object());
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.status().kind(), ErrorKind::kNotFound);
  EXPECT_EQ(unknown.status().rule(), "command.unknown");
  // Registered commands are listed; the identity and ledger modules are wired in.
  const auto names = engine_->CommandNames();
  const std::set<std::string> set(names.begin(), names.end());
  for (const char* c : {"org.init", "designation.create", "item.checkout", "item.witness_destruction", "test.put"})
    EXPECT_TRUE(set.count(c)) << c;
}

TEST_F(EngineTest, EverySuccessReturnsItsTrailEvent) {
  auto a = engine_->Execute(alice_, "test.put", Json{{"code", "A"}});
  auto b = engine_->Execute(alice_, "test.put", Json{{"code", "B"}});
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ((*a)["trail_seq"], 1);
  EXPECT_EQ((*b)["trail_seq"], 2);
  EXPECT_EQ((*a)["unit_id"], 1);
  auto rows = engine_->Read([](Conn& c) {
    return c.Query("SELECT seq, hash, prev_hash, actor, command, entity, payload FROM trail_events ORDER BY seq");
  });
  ASSERT_TRUE(rows.ok());
  ASSERT_EQ(rows->rows.size(), 2u);
  const std::string ha = (*a)["event_hash"].get<std::string>();
  EXPECT_EQ(ha.size(), 64u);
  EXPECT_EQ(ha, rows->rows[0].Str(1));
  EXPECT_EQ((*b)["event_hash"].get<std::string>(), rows->rows[1].Str(1));
  EXPECT_EQ(rows->rows[0].Str(2), ZeroHashHex());
  EXPECT_EQ(rows->rows[1].Str(2), ha);  // chained
  EXPECT_EQ(rows->rows[0].Str(3), "user:alice");
  EXPECT_EQ(rows->rows[0].Str(4), "test.put");
  EXPECT_EQ(rows->rows[0].Str(5), "unit:A");
  const Json payload = Json::parse(rows->rows[0].Str(6));
  EXPECT_EQ(payload["authz"], "test");
  EXPECT_EQ(payload["input"]["code"], "A");
  ASSERT_EQ(payload["effects"].size(), 1u);
  EXPECT_EQ(payload["effects"][0]["t"], "org_units");
  EXPECT_EQ(payload["effects"][0]["row"]["code"], "A");
}

TEST_F(EngineTest, AFailingCommandInABatchIsRolledBackAlone) {
  // Hold the writer so that the commands below queue up and run as one batch.
  std::thread slow([&] { EXPECT_TRUE(engine_->Execute(alice_, "test.slow", Json{{"ms", 400}}).ok()); });
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  constexpr int kN = 24;
  std::vector<std::optional<Result<Json>>> results(kN);
  std::vector<std::thread> threads;
  for (int i = 0; i < kN; ++i)
    threads.emplace_back([&, i] {
      results[i] = engine_->Execute(alice_, "test.put", Json{{"code", "U" + std::to_string(i)}, {"fail", i % 4 == 1}});
    });
  for (auto& t : threads) t.join();
  slow.join();

  std::set<int64_t> seqs;
  std::set<std::string> expected{"SLOW"};
  for (int i = 0; i < kN; ++i) {
    SCOPED_TRACE(i);
    ASSERT_TRUE(results[i].has_value());
    const Result<Json>& r = *results[i];
    if (i % 4 == 1) {
      ASSERT_FALSE(r.ok());
      EXPECT_EQ(r.status().rule(), "test.fail");
      EXPECT_EQ(r.status().clause(), "T 1");
    } else {
      ASSERT_TRUE(r.ok()) << r.status().ToString();
      EXPECT_TRUE(r->contains("event_hash"));
      seqs.insert((*r)["trail_seq"].get<int64_t>());
      expected.insert("U" + std::to_string(i));
    }
  }
  const int64_t ok_count = kN - kN / 4;
  EXPECT_EQ(static_cast<int64_t>(seqs.size()), ok_count);
  EXPECT_EQ(UnitCodes(), expected);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM trail_events"), ok_count + 1);
  EXPECT_EQ(Count("SELECT MAX(seq) FROM trail_events"), ok_count + 1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM trail_events WHERE payload LIKE '%\"fail\":true%'"), 0);
  // Ids stay dense: rolled-back rows left no holes.
  EXPECT_EQ(Count("SELECT MAX(id) FROM org_units"), ok_count + 1);

  // The trail still verifies: the rolled-back events left no trace in the chain or the tree.
  ASSERT_TRUE(engine_->PublishHeadNow().ok());
  VerifyOptions o;
  o.public_key = engine_->public_key();
  auto heads = ReadHeadsFile(dir_ + "/trail-heads.jsonl");
  ASSERT_TRUE(heads.ok());
  o.heads = *heads;
  auto report = engine_->Read([&](Conn& c) { return VerifyStore(c, o); });
  ASSERT_TRUE(report.ok());
  EXPECT_TRUE(report->ok) << report->problem_en;
  EXPECT_EQ(report->events, ok_count + 1);
}

TEST_F(EngineTest, RecordViewAddsViewEvents) {
  engine_->RecordView(alice_, "item:M-001", Json{{"q", "M-00"}, {"page", 2}});
  // The view is not awaited; a command queued after it commits with or after it.
  ASSERT_TRUE(engine_->Execute(alice_, "test.put", Json{{"code", "A"}}).ok());
  auto r = engine_->Read([](Conn& c) {
    return c.Query("SELECT actor, entity, payload, seq FROM trail_events WHERE command = 'view'");
  });
  ASSERT_TRUE(r.ok());
  // Views queued together become one access-log event listing each view.
  ASSERT_EQ(r->rows.size(), 1u);
  EXPECT_EQ(r->rows[0].Str(0), "system:access-log");
  EXPECT_EQ(r->rows[0].Str(1), "views");
  const Json payload = Json::parse(r->rows[0].Str(2));
  ASSERT_EQ(payload["input"]["views"].size(), 1u);
  const Json& v = payload["input"]["views"][0];
  EXPECT_EQ(v["actor"], "user:alice");
  EXPECT_EQ(v["entity"], "item:M-001");
  EXPECT_EQ(v["detail"]["q"], "M-00");
  EXPECT_EQ(v["detail"]["page"], 2);
  EXPECT_FALSE(v["ts"].get<std::string>().empty());
  engine_->Stop();
  engine_->RecordView(alice_, "item:M-002", Json::object());  // ignored once stopped
  EXPECT_EQ(engine_->Execute(alice_, "test.put", Json{{"code", "B"}}).status().rule(), "engine.stopping");
}

TEST(EngineRedactTest, RedactInputHidesSecrets) {
  const Json in{{"password", "hunter2-hunter2"}, {"password_hash", "$argon2id$v=19$m=19456,t=2,p=1$abc$def"},
                {"token", "mamori_abcdef"}, {"new_password", "n"}, {"current_password", "c"},
                {"token_hash", "th"}, {"session_hash", "sh"}, {"csrf_token", "ct"}, {"totp", "123456"},
                {"username", "alice"}, {"note", "keep"}};
  const Json out = RedactInput(in);
  const std::string text = out.dump();
  for (const char* secret : {"hunter2", "$argon2id$", "mamori_abcdef", "\"th\"", "\"sh\"", "\"ct\"", "123456"})
    EXPECT_EQ(text.find(secret), std::string::npos) << secret << " in " << text;
  EXPECT_EQ(out["password"], "[redacted]");
  EXPECT_EQ(out["username"], "alice");
  EXPECT_EQ(out["note"], "keep");
  EXPECT_EQ(out.size(), in.size());
  EXPECT_EQ(RedactInput(Json::array({"password"})), Json::array({"password"}));
  EXPECT_EQ(RedactInput(Json("password")), Json("password"));
}

TEST(EngineDemoTest, TrailPayloadsNeverHoldPasswords) {
  char tmpl[] = "/tmp/mamori-demo-test-XXXXXX";
  ASSERT_NE(mkdtemp(tmpl), nullptr);
  const std::string var = std::string(tmpl) + "/var";
  auto creds = BuildDemo(var);
  ASSERT_TRUE(creds.ok()) << creds.status().ToString();
  {
    auto app = App::Open(var);
    ASSERT_TRUE(app.ok()) << app.status().ToString();
    Auth& auth = (*app)->auth();
    auto s = auth.Login("sato", kDemoPassword, "", "192.0.2.1");
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    EXPECT_FALSE(auth.Login("sato", std::string(kDemoPassword) + "x", "", "192.0.2.1").ok());
    EXPECT_FALSE(auth.Login("nobody", kDemoPassword, "", "192.0.2.1").ok());
    ASSERT_TRUE(auth.ChangePassword(s->actor, kDemoPassword, "sato-new-password-2026").ok());
    auto rows = (*app)->engine().Read([](Conn& c) {
      return c.Query("SELECT command, payload FROM trail_events ORDER BY seq");
    });
    ASSERT_TRUE(rows.ok());
    int accounts = 0, checked = 0;
    for (const Row& r : rows->rows) {
      const std::string payload = r.Str(1);
      ++checked;
      if (r.Str(0) == "account.create") ++accounts;
      ASSERT_EQ(payload.find(kDemoPassword), std::string::npos) << r.Str(0) << ": " << payload;
      ASSERT_EQ(payload.find("$argon2id$"), std::string::npos) << r.Str(0) << ": " << payload;
      ASSERT_EQ(payload.find("sato-new-password-2026"), std::string::npos) << r.Str(0);
    }
    EXPECT_GE(accounts, 12);  // the administrator and the eleven demo people
    EXPECT_GT(checked, 100);
    EXPECT_GE(std::count_if(rows->rows.begin(), rows->rows.end(),
                            [](const Row& r) { return r.Str(0) == "auth.login_failed"; }),
              2);
  }
  std::error_code ec;
  std::filesystem::remove_all(tmpl, ec);
}

}  // namespace
}  // namespace mamori
