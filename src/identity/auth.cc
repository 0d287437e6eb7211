#include <liboath/oath.h>

#include <algorithm>

#include "base/time.h"
#include "crypto/crypto.h"
#include "engine/input.h"
#include "identity/identity.h"

namespace mamori {

Actor SystemActor(const std::string& what) {
  Actor a;
  a.username = what;
  a.system = true;
  return a;
}

Micros LoginThrottle::RetryAfter(const std::string& key, Micros now) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = entries_.find(key);
  if (it == entries_.end()) return 0;
  Entry& e = it->second;
  if (now - e.last > options_.window) {
    entries_.erase(it);
    return 0;
  }
  if (e.failures < options_.free_attempts) return 0;
  const int over = std::min(e.failures - options_.free_attempts, 20);
  const Micros locked_for = std::min<Micros>(kSecond << over, options_.max_lock);
  return std::max<Micros>(0, e.last + locked_for - now);
}

void LoginThrottle::Failure(const std::string& key, Micros now) {
  std::lock_guard<std::mutex> lock(mu_);
  Entry& e = entries_[key];
  if (e.failures == 0) e.first = now;
  ++e.failures;
  e.last = now;
}

void LoginThrottle::Success(const std::string& key) {
  std::lock_guard<std::mutex> lock(mu_);
  entries_.erase(key);
}

namespace {

Status BadLogin() {
  return Status::Error(ErrorKind::kUnauthenticated, "auth.bad_credentials", "000 第2 2(2)",
                       "ユーザ名またはパスワードが正しくありません。", "Wrong user name or password.");
}

Status NeedLogin() {
  return Status::Error(ErrorKind::kUnauthenticated, "auth.required", "000 第2 2(2)",
                       "ログインしてください（セッションが無効か期限切れです）。",
                       "Please sign in (no valid session or token).");
}

bool TotpValid(const std::string& secret_hex, const std::string& code, Micros now) {
  static const int init = oath_init();
  (void)init;
  std::string secret;
  for (size_t i = 0; i + 1 < secret_hex.size(); i += 2)
    secret.push_back(static_cast<char>(std::stoi(secret_hex.substr(i, 2), nullptr, 16)));
  const int rc = oath_totp_validate(secret.data(), secret.size(), now / kSecond, 30, 0, 1, code.c_str());
  return rc >= 0;
}

Status CmdSessionCreate(Tx& tx, const Json& j) {
  if (tx.actor().account_id == 0 || j.value("account_id", int64_t{0}) != tx.actor().account_id)
    return Status::Error(ErrorKind::kForbidden, "auth.session_self", "000 第2 2(2)", "不正なセッション要求です。",
                         "A session may only be opened for the authenticated account.");
  tx.AuthorizedBy("password verified");
  RETURN_IF_ERROR(tx.ExecUncovered(
      "INSERT INTO sessions(id_hash, account_id, csrf_token, created_at, expires_at) VALUES (?,?,?,?,?)",
      {j.at("session_hash").get<std::string>(), tx.actor().account_id, j.at("csrf_token").get<std::string>(),
       tx.now_text(), j.at("expires_at").get<std::string>()}));
  tx.SetEntity("account:" + tx.actor().username);
  return Status::Ok();
}

Status CmdLoginFailed(Tx& tx, const Json& j) {
  RETURN_IF_ERROR(tx.AuthorizeSystem());
  tx.SetEntity("account:" + j.value("username", std::string("?")));
  return Status::Ok();
}

Status CmdSessionRevoke(Tx& tx, const Json& j) {
  tx.AuthorizedBy("own sessions");
  if (j.value("everywhere", false)) {
    RETURN_IF_ERROR(tx.ExecUncovered("UPDATE sessions SET revoked = 1 WHERE account_id = ?", {tx.actor().account_id}));
    RETURN_IF_ERROR(tx.ExecUncovered("UPDATE api_tokens SET revoked_at = ? WHERE account_id = ? AND revoked_at IS NULL",
                                     {tx.now_text(), tx.actor().account_id}));
  } else {
    RETURN_IF_ERROR(tx.ExecUncovered("UPDATE sessions SET revoked = 1 WHERE id_hash = ? AND account_id = ?",
                                     {j.value("session_hash", std::string()), tx.actor().account_id}));
  }
  tx.SetEntity("account:" + tx.actor().username);
  return Status::Ok();
}

Status CmdTokenCreate(Tx& tx, const Json& j) {
  if (tx.actor().account_id == 0)
    return Status::Error(ErrorKind::kForbidden, "auth.token_account", "000 第2 2(2)",
                         "APIトークンはアカウントに対して発行します。", "API tokens belong to an account.");
  tx.AuthorizedBy("own token");
  ASSIGN_OR_RETURN(std::string name, Input(j).Text(Field{"name", "", "トークン名", "token name"}));
  ASSIGN_OR_RETURN(int64_t id, tx.NextId("api_tokens"));
  RETURN_IF_ERROR(tx.ExecUncovered(
      "INSERT INTO api_tokens(id, account_id, name, token_hash, created_at, expires_at) VALUES (?,?,?,?,?,?)",
      {id, tx.actor().account_id, name, j.at("token_hash").get<std::string>(), tx.now_text(),
       j.value("expires_at", std::string())}));
  tx.SetEntity("account:" + tx.actor().username);
  tx.output() = Json{{"token_id", id}, {"name", name}};
  return Status::Ok();
}

}  // namespace

void RegisterAuthCommands(Engine& e) {
  e.Register({"auth.session_create", "Open a session after a verified password", CmdSessionCreate});
  e.Register({"auth.login_failed", "Record a failed sign-in (000 第2 2(3) 認証ログ)", CmdLoginFailed});
  e.Register({"auth.session_revoke", "Sign out (this session, or everywhere)", CmdSessionRevoke});
  e.Register({"auth.token_create", "Create an API token", CmdTokenCreate});
}

Status Auth::CheckPasswordPolicy(const std::string& p) {
  if (p.size() < 12 || p.size() > 256)
    return Status::Error(ErrorKind::kInvalidArgument, "auth.password_policy", "000 第2 2(2)",
                         "パスワードは12文字以上256文字以下にしてください。",
                         "Passwords must be 12 to 256 characters long.", "password");
  return Status::Ok();
}

Result<SessionInfo> Auth::Login(const std::string& username, const std::string& password,
                                const std::string& totp_code, const std::string& remote_ip) {
  const Micros now = engine_.clock().Now();
  const Micros wait = std::max(throttle_.RetryAfter("u:" + username, now), throttle_.RetryAfter("ip:" + remote_ip, now));
  if (wait > 0)
    return Status::Error(ErrorKind::kThrottled, "auth.throttled", "000 第2 2(2)",
                         "ログインの失敗が続いたため、" + std::to_string(wait / kSecond + 1) + "秒後に再試行してください。",
                         "Too many failed sign-ins; retry in " + std::to_string(wait / kSecond + 1) + " s.");
  struct Acc {
    int64_t id = 0, person_id = 0;
    std::string hash, totp;
    bool disabled = false, must_change = false;
  };
  auto found = engine_.Read([&](Conn& c) -> Result<Acc> {
    ASSIGN_OR_RETURN(Rows r, c.Query("SELECT id, person_id, password_hash, COALESCE(totp_secret, ''), disabled, "
                                     "must_change_password FROM accounts WHERE username = ?", {username}));
    if (r.empty()) return Acc{};
    const Row& x = r.rows[0];
    return Acc{x.Int(0), x.Int(1), x.Str(2), x.Str(3), x.Int(4) == 1, x.Int(5) == 1};
  });
  if (!found.ok()) return found.status();
  const Acc& acc = *found;
  // Verify even for unknown users so that timing does not reveal which names exist.
  static const std::string kDummy = HashPassword("not-a-real-password").value();
  const bool pw_ok = VerifyPassword(acc.id ? acc.hash : kDummy, password) && acc.id != 0;
  const bool totp_ok = acc.totp.empty() || TotpValid(acc.totp, totp_code, now);
  if (!pw_ok || !totp_ok || acc.disabled) {
    throttle_.Failure("u:" + username, now);
    throttle_.Failure("ip:" + remote_ip, now);
    (void)engine_.Execute(SystemActor("auth"), "auth.login_failed",
                          Json{{"username", username}, {"remote_ip", remote_ip},
                               {"reason", !pw_ok ? "password" : (!totp_ok ? "totp" : "disabled")}});
    if (pw_ok && !totp_ok && !totp_code.empty())
      return Status::Error(ErrorKind::kUnauthenticated, "auth.totp", "000 第2 2(2)", "確認コードが正しくありません。",
                           "Wrong one-time code.", "totp");
    if (pw_ok && !totp_ok)
      return Status::Error(ErrorKind::kUnauthenticated, "auth.totp_required", "000 第2 2(2)",
                           "確認コード（TOTP）を入力してください。", "Enter your one-time code (TOTP).", "totp");
    return BadLogin();
  }
  throttle_.Success("u:" + username);
  SessionInfo s;
  s.cookie = RandomHex(32);
  s.csrf = RandomHex(32);
  s.expires_at = now + options_.session_ttl;
  s.actor.account_id = acc.id;
  s.actor.person_id = acc.person_id;
  s.actor.username = username;
  s.must_change_password = acc.must_change;
  auto r = engine_.Execute(s.actor, "auth.session_create",
                           Json{{"account_id", acc.id}, {"session_hash", ToHex(Sha256(s.cookie))},
                                {"csrf_token", s.csrf}, {"expires_at", FormatUtc(s.expires_at)},
                                {"remote_ip", remote_ip}});
  if (!r.ok()) return r.status();
  return s;
}

Result<Actor> Auth::Authenticate(const std::string& cookie, const std::string& bearer, bool unsafe_method,
                                 const std::string& csrf_header, std::string* csrf_out) {
  const std::string now = FormatUtc(engine_.clock().Now());
  if (!bearer.empty()) {
    return engine_.Read([&](Conn& c) -> Result<Actor> {
      ASSIGN_OR_RETURN(Rows r, c.Query(
          "SELECT a.id, a.person_id, a.username FROM api_tokens t JOIN accounts a ON a.id = t.account_id "
          "WHERE t.token_hash = ? AND t.revoked_at IS NULL AND (t.expires_at IS NULL OR t.expires_at = '' OR "
          "t.expires_at > ?) AND a.disabled = 0", {ToHex(Sha256(bearer)), now}));
      if (r.empty()) return NeedLogin();
      Actor a;
      a.account_id = r.rows[0].Int(0);
      a.person_id = r.rows[0].Int(1);
      a.username = r.rows[0].Str(2);
      return a;
    });
  }
  if (cookie.empty()) return NeedLogin();
  return engine_.Read([&](Conn& c) -> Result<Actor> {
    ASSIGN_OR_RETURN(Rows r, c.Query(
        "SELECT a.id, a.person_id, a.username, s.csrf_token FROM sessions s JOIN accounts a ON a.id = s.account_id "
        "WHERE s.id_hash = ? AND s.revoked = 0 AND s.expires_at > ? AND a.disabled = 0", {ToHex(Sha256(cookie)), now}));
    if (r.empty()) return NeedLogin();
    const std::string csrf = r.rows[0].Str(3);
    if (unsafe_method && !ConstantTimeEquals(csrf, csrf_header))
      return Status::Error(ErrorKind::kForbidden, "auth.csrf", "000 第2 2(2)",
                           "CSRFトークンがありません。画面を再読み込みしてください。",
                           "Missing or wrong CSRF token (X-CSRF-Token header).");
    if (csrf_out) *csrf_out = csrf;
    Actor a;
    a.account_id = r.rows[0].Int(0);
    a.person_id = r.rows[0].Int(1);
    a.username = r.rows[0].Str(2);
    return a;
  });
}

Status Auth::Logout(const Actor& actor, const std::string& cookie, bool everywhere) {
  return engine_.Execute(actor, "auth.session_revoke",
                         Json{{"everywhere", everywhere}, {"session_hash", ToHex(Sha256(cookie))}}).status();
}

Result<Json> Auth::CreateToken(const Actor& actor, const std::string& name, Micros ttl) {
  const std::string token = "mamori_" + RandomHex(24);
  Json in{{"name", name}, {"token_hash", ToHex(Sha256(token))}};
  if (ttl > 0) in["expires_at"] = FormatUtc(engine_.clock().Now() + ttl);
  ASSIGN_OR_RETURN(Json out, engine_.Execute(actor, "auth.token_create", in));
  out["token"] = token;
  return out;
}

Status Auth::ChangePassword(const Actor& actor, const std::string& current, const std::string& next,
                            const std::string& keep_cookie) {
  RETURN_IF_ERROR(CheckPasswordPolicy(next));
  auto hash = engine_.Read([&](Conn& c) -> Result<std::string> {
    ASSIGN_OR_RETURN(Rows r, c.Query("SELECT password_hash FROM accounts WHERE id = ?", {actor.account_id}));
    if (r.empty()) return NeedLogin();
    return r.rows[0].Str(0);
  });
  if (!hash.ok()) return hash.status();
  if (!VerifyPassword(*hash, current))
    return Status::Error(ErrorKind::kInvalidArgument, "auth.current_password", "000 第2 2(2)",
                         "現在のパスワードが正しくありません。", "The current password is wrong.", "current_password");
  ASSIGN_OR_RETURN(std::string next_hash, HashPassword(next));
  Json in{{"account_id", actor.account_id}, {"password_hash", next_hash}};
  if (!keep_cookie.empty()) in["keep_session_hash"] = ToHex(Sha256(keep_cookie));
  return engine_.Execute(actor, "account.set_password", in).status();
}

}  // namespace mamori
