// Authentication (src/identity/auth.cc): passwords, throttling, sessions with CSRF, API tokens,
// sign-out, disabled accounts, and what the trail records about sign-ins.

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>

#include "testing/test_support.h"
#include "app/app.h"
#include "base/time.h"
#include "crypto/crypto.h"
#include "identity/identity.h"

namespace mamori {
namespace {

const char* const kPassword = "admin-password-0001";
const char* const kWrong = "wrong-password-9876";

class IdentityAuthTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/mamori-auth-test-XXXXXX";
    ASSERT_NE(mkdtemp(tmpl), nullptr);
    dir_ = tmpl;
    auto app = mamori::testing::InitTestOrg(dir_ + "/var", &clock_, kPassword);
    ASSERT_TRUE(app.ok()) << app.status().ToString();
    app_ = std::move(app).value();
  }
  void TearDown() override {
    app_.reset();
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }
  Auth& auth() { return app_->auth(); }

  SessionInfo LoginOk(const std::string& user = "admin", const std::string& password = kPassword) {
    auto s = auth().Login(user, password, "", "192.0.2.10");
    EXPECT_TRUE(s.ok()) << s.status().ToString();
    return s.ok() ? s.value() : SessionInfo{};
  }
  // All trail payloads (and actors, entities) as one string.
  std::string TrailText(const std::string& where = "1 = 1") {
    auto r = app_->engine().Read([&](Conn& c) {
      return c.Query("SELECT command, actor, entity, payload FROM trail_events WHERE " + where + " ORDER BY seq");
    });
    EXPECT_TRUE(r.ok());
    std::string all;
    if (r.ok())
      for (const Row& row : r->rows) all += row.Str(0) + " " + row.Str(1) + " " + row.Str(2) + " " + row.Str(3) + "\n";
    return all;
  }
  int64_t CountEvents(const std::string& command) {
    auto r = app_->engine().Read(
        [&](Conn& c) { return c.Query("SELECT COUNT(*) FROM trail_events WHERE command = ?", {command}); });
    return r.ok() ? r->rows[0].Int(0) : -1;
  }

  FakeClock clock_{ParseTimestamp("2026-11-24T00:00:00Z").value()};
  std::string dir_;
  std::unique_ptr<App> app_;
};

TEST_F(IdentityAuthTest, RightPasswordOpensASessionWrongOneDoesNot) {
  SessionInfo s = LoginOk();
  EXPECT_EQ(s.actor.username, "admin");
  EXPECT_EQ(s.actor.person_id, 1);
  EXPECT_GT(s.actor.account_id, 0);
  EXPECT_FALSE(s.actor.system);
  EXPECT_EQ(s.cookie.size(), 64u);
  EXPECT_EQ(s.csrf.size(), 64u);
  EXPECT_NE(s.cookie, s.csrf);
  EXPECT_EQ(s.expires_at, clock_.Now() + 8 * kHour);
  EXPECT_FALSE(s.must_change_password);

  auto wrong = auth().Login("admin", kWrong, "", "192.0.2.10");
  ASSERT_FALSE(wrong.ok());
  EXPECT_EQ(wrong.status().kind(), ErrorKind::kUnauthenticated);
  EXPECT_EQ(wrong.status().rule(), "auth.bad_credentials");
  // An unknown user gets exactly the same answer: names are not revealed.
  auto unknown = auth().Login("nobody", kWrong, "", "192.0.2.11");
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.status().kind(), wrong.status().kind());
  EXPECT_EQ(unknown.status().rule(), wrong.status().rule());
  EXPECT_EQ(unknown.status().ja(), wrong.status().ja());
  EXPECT_EQ(unknown.status().en(), wrong.status().en());
  EXPECT_EQ(unknown.status().field(), wrong.status().field());
  // Case matters in user names.
  EXPECT_FALSE(auth().Login("ADMIN", kPassword, "", "192.0.2.12").ok());
}

TEST_F(IdentityAuthTest, FailedSignInsAreInTheTrailWithoutThePassword) {
  ASSERT_FALSE(auth().Login("admin", kWrong, "", "192.0.2.10").ok());
  ASSERT_FALSE(auth().Login("ghost", kPassword, "", "192.0.2.10").ok());
  EXPECT_EQ(CountEvents("auth.login_failed"), 2);
  const std::string failed = TrailText("command = 'auth.login_failed'");
  EXPECT_NE(failed.find("account:admin"), std::string::npos) << failed;
  EXPECT_NE(failed.find("account:ghost"), std::string::npos) << failed;
  EXPECT_NE(failed.find("192.0.2.10"), std::string::npos) << failed;
  EXPECT_NE(failed.find("\"reason\":\"password\""), std::string::npos) << failed;
  SessionInfo s = LoginOk();
  EXPECT_EQ(CountEvents("auth.session_create"), 1);
  const std::string all = TrailText();
  EXPECT_EQ(all.find(kWrong), std::string::npos);
  EXPECT_EQ(all.find(kPassword), std::string::npos);
  EXPECT_EQ(all.find("$argon2id$"), std::string::npos);
  // Nor the session's secrets: the cookie, its hash, the CSRF token.
  EXPECT_EQ(all.find(s.cookie), std::string::npos);
  EXPECT_EQ(all.find(ToHex(Sha256(s.cookie))), std::string::npos);
  EXPECT_EQ(all.find(s.csrf), std::string::npos);
}

TEST_F(IdentityAuthTest, FiveFailuresThrottleTheName) {
  for (int i = 0; i < 5; ++i) {
    auto r = auth().Login("admin", kWrong, "", "198.51.100." + std::to_string(i));
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.status().kind(), ErrorKind::kUnauthenticated) << i;
  }
  // The sixth attempt is refused before the password is even looked at, right or wrong.
  auto throttled = auth().Login("admin", kPassword, "", "203.0.113.1");
  ASSERT_FALSE(throttled.ok());
  EXPECT_EQ(throttled.status().kind(), ErrorKind::kThrottled);
  EXPECT_EQ(throttled.status().rule(), "auth.throttled");
  EXPECT_FALSE(throttled.status().ja().empty());
  EXPECT_EQ(CountEvents("auth.login_failed"), 5);
  clock_.Advance(2 * kSecond);
  EXPECT_TRUE(auth().Login("admin", kPassword, "", "203.0.113.1").ok());
}

TEST_F(IdentityAuthTest, FiveFailuresThrottleTheAddress) {
  for (int i = 0; i < 5; ++i) ASSERT_FALSE(auth().Login("user" + std::to_string(i), kWrong, "", "192.0.2.99").ok());
  auto r = auth().Login("admin", kPassword, "", "192.0.2.99");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().kind(), ErrorKind::kThrottled);
  EXPECT_TRUE(auth().Login("admin", kPassword, "", "192.0.2.100").ok());
}

TEST_F(IdentityAuthTest, SessionsNeedCsrfForUnsafeMethodsTokensDoNot) {
  SessionInfo s = LoginOk();
  std::string csrf;
  auto get = auth().Authenticate(s.cookie, "", false, "", &csrf);
  ASSERT_TRUE(get.ok()) << get.status().ToString();
  EXPECT_EQ(get->username, "admin");
  EXPECT_EQ(get->account_id, s.actor.account_id);
  EXPECT_EQ(get->person_id, 1);
  EXPECT_EQ(csrf, s.csrf);

  auto no_csrf = auth().Authenticate(s.cookie, "", true, "");
  ASSERT_FALSE(no_csrf.ok());
  EXPECT_EQ(no_csrf.status().kind(), ErrorKind::kForbidden);
  EXPECT_EQ(no_csrf.status().rule(), "auth.csrf");
  auto bad_csrf = auth().Authenticate(s.cookie, "", true, std::string(64, 'a'));
  ASSERT_FALSE(bad_csrf.ok());
  EXPECT_EQ(bad_csrf.status().rule(), "auth.csrf");
  EXPECT_TRUE(auth().Authenticate(s.cookie, "", true, s.csrf).ok());

  auto bad_cookie = auth().Authenticate(std::string(64, '0'), "", false, "");
  ASSERT_FALSE(bad_cookie.ok());
  EXPECT_EQ(bad_cookie.status().kind(), ErrorKind::kUnauthenticated);
  EXPECT_EQ(bad_cookie.status().rule(), "auth.required");
  EXPECT_EQ(auth().Authenticate("", "", false, "").status().kind(), ErrorKind::kUnauthenticated);

  auto token = auth().CreateToken(s.actor, "nightly export", 0);
  ASSERT_TRUE(token.ok()) << token.status().ToString();
  const std::string secret = (*token)["token"].get<std::string>();
  EXPECT_EQ(secret.rfind("mamori_", 0), 0u);
  EXPECT_EQ((*token)["name"], "nightly export");
  auto by_token = auth().Authenticate("", secret, true, "");
  ASSERT_TRUE(by_token.ok()) << by_token.status().ToString();
  EXPECT_EQ(by_token->username, "admin");
  EXPECT_EQ(auth().Authenticate("", secret + "x", false, "").status().kind(), ErrorKind::kUnauthenticated);
  EXPECT_EQ(TrailText().find(secret), std::string::npos);
  EXPECT_EQ(TrailText().find(ToHex(Sha256(secret))), std::string::npos);

  // Sessions expire.
  clock_.Advance(8 * kHour + kSecond);
  EXPECT_EQ(auth().Authenticate(s.cookie, "", false, "").status().kind(), ErrorKind::kUnauthenticated);
  EXPECT_TRUE(auth().Authenticate("", secret, false, "").ok());
}

TEST_F(IdentityAuthTest, TokensWithATimeToLiveExpire) {
  SessionInfo s = LoginOk();
  auto token = auth().CreateToken(s.actor, "short", kHour);
  ASSERT_TRUE(token.ok());
  const std::string secret = (*token)["token"].get<std::string>();
  EXPECT_TRUE(auth().Authenticate("", secret, false, "").ok());
  clock_.Advance(2 * kHour);
  EXPECT_EQ(auth().Authenticate("", secret, false, "").status().kind(), ErrorKind::kUnauthenticated);
  // The command-line administrator has no account to hold a token.
  auto sys = auth().CreateToken(SystemActor("cli"), "x", 0);
  ASSERT_FALSE(sys.ok());
  EXPECT_EQ(sys.status().rule(), "auth.token_account");
}

TEST_F(IdentityAuthTest, LogoutRevokesTheSessionEverywhereRevokesTokensToo) {
  SessionInfo a = LoginOk();
  SessionInfo b = LoginOk();
  auto token = auth().CreateToken(a.actor, "script", 0);
  ASSERT_TRUE(token.ok());
  const std::string secret = (*token)["token"].get<std::string>();

  ASSERT_TRUE(auth().Logout(a.actor, a.cookie, false).ok());
  EXPECT_EQ(auth().Authenticate(a.cookie, "", false, "").status().kind(), ErrorKind::kUnauthenticated);
  EXPECT_TRUE(auth().Authenticate(b.cookie, "", false, "").ok());
  EXPECT_TRUE(auth().Authenticate("", secret, false, "").ok());

  ASSERT_TRUE(auth().Logout(b.actor, b.cookie, true).ok());
  EXPECT_EQ(auth().Authenticate(b.cookie, "", false, "").status().kind(), ErrorKind::kUnauthenticated);
  EXPECT_EQ(auth().Authenticate("", secret, false, "").status().kind(), ErrorKind::kUnauthenticated);
  EXPECT_EQ(CountEvents("auth.session_revoke"), 2);
}

TEST_F(IdentityAuthTest, ADisabledAccountCannotSignIn) {
  SessionInfo s = LoginOk();
  auto token = auth().CreateToken(s.actor, "script", 0);
  ASSERT_TRUE(token.ok());
  const Json disable{{"account_id", s.actor.account_id}, {"disabled", true}};
  ASSERT_TRUE(app_->engine().Execute(SystemActor("test"), "account.set_disabled", disable).ok());
  auto r = auth().Login("admin", kPassword, "", "192.0.2.10");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().kind(), ErrorKind::kUnauthenticated);
  EXPECT_EQ(r.status().rule(), "auth.bad_credentials");
  EXPECT_NE(TrailText("command = 'auth.login_failed'").find("\"reason\":\"disabled\""), std::string::npos);
  EXPECT_FALSE(auth().Authenticate(s.cookie, "", false, "").ok());
  EXPECT_FALSE(auth().Authenticate("", (*token)["token"].get<std::string>(), false, "").ok());
  // Re-enabled, the account signs in again.
  ASSERT_TRUE(app_->engine().Execute(SystemActor("test"), "account.set_disabled",
                                     Json{{"account_id", s.actor.account_id}, {"disabled", false}}).ok());
  EXPECT_TRUE(auth().Login("admin", kPassword, "", "192.0.2.10").ok());
}

TEST_F(IdentityAuthTest, PasswordPolicyAndChange) {
  EXPECT_EQ(Auth::CheckPasswordPolicy("short").rule(), "auth.password_policy");
  EXPECT_EQ(Auth::CheckPasswordPolicy(std::string(257, 'x')).kind(), ErrorKind::kInvalidArgument);
  EXPECT_TRUE(Auth::CheckPasswordPolicy(std::string(12, 'x')).ok());
  SessionInfo s = LoginOk();
  EXPECT_EQ(auth().ChangePassword(s.actor, kWrong, "a-new-password-0002").rule(), "auth.current_password");
  ASSERT_TRUE(auth().ChangePassword(s.actor, kPassword, "a-new-password-0002").ok());
  // The change ends the other sessions, and only the new password works.
  EXPECT_FALSE(auth().Authenticate(s.cookie, "", false, "").ok());
  EXPECT_FALSE(auth().Login("admin", kPassword, "", "192.0.2.10").ok());
  EXPECT_TRUE(auth().Login("admin", "a-new-password-0002", "", "192.0.2.10").ok());
  EXPECT_EQ(TrailText().find("a-new-password-0002"), std::string::npos);
  EXPECT_EQ(TrailText().find("$argon2id$"), std::string::npos);
}

// ---- LoginThrottle with explicit times ----------------------------------------------------------

TEST(IdentityLoginThrottleTest, FreeAttemptsThenExponentialLockCappedAndWindowed) {
  LoginThrottle t;
  const Micros t0 = 1'000 * kSecond;
  EXPECT_EQ(t.RetryAfter("u:a", t0), 0);
  for (int i = 0; i < 4; ++i) t.Failure("u:a", t0);
  EXPECT_EQ(t.RetryAfter("u:a", t0), 0);
  t.Failure("u:a", t0);  // the fifth
  EXPECT_EQ(t.RetryAfter("u:a", t0), kSecond);
  EXPECT_EQ(t.RetryAfter("u:a", t0 + kSecond / 4), 3 * kSecond / 4);
  EXPECT_EQ(t.RetryAfter("u:a", t0 + kSecond), 0);
  EXPECT_EQ(t.RetryAfter("u:b", t0), 0);  // keys are independent
  t.Failure("u:a", t0 + 10 * kSecond);     // the sixth: 2 s
  EXPECT_EQ(t.RetryAfter("u:a", t0 + 10 * kSecond), 2 * kSecond);
  t.Failure("u:a", t0 + 20 * kSecond);     // the seventh: 4 s
  EXPECT_EQ(t.RetryAfter("u:a", t0 + 21 * kSecond), 3 * kSecond);
  t.Success("u:a");
  EXPECT_EQ(t.RetryAfter("u:a", t0 + 21 * kSecond), 0);

  // Capped at max_lock.
  for (int i = 0; i < 40; ++i) t.Failure("u:c", t0);
  EXPECT_EQ(t.RetryAfter("u:c", t0), 15 * kMinute);
  // Failures older than the window are forgotten.
  EXPECT_EQ(t.RetryAfter("u:c", t0 + 15 * kMinute + 1), 0);
  t.Failure("u:c", t0 + 16 * kMinute);
  EXPECT_EQ(t.RetryAfter("u:c", t0 + 16 * kMinute), 0);  // counting starts again
}

TEST(IdentityLoginThrottleTest, OptionsAreHonoured) {
  LoginThrottle t(LoginThrottle::Options{2, kMinute, 3 * kSecond});
  const Micros t0 = 50 * kSecond;
  t.Failure("k", t0);
  EXPECT_EQ(t.RetryAfter("k", t0), 0);
  t.Failure("k", t0);
  EXPECT_EQ(t.RetryAfter("k", t0), kSecond);
  t.Failure("k", t0);
  t.Failure("k", t0);
  EXPECT_EQ(t.RetryAfter("k", t0), 3 * kSecond);  // 4 s capped at 3 s
  EXPECT_EQ(t.RetryAfter("k", t0 + kMinute + 1), 0);
}

}  // namespace
}  // namespace mamori
