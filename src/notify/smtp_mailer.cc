#include "notify/smtp_mailer.h"

#include <curl/curl.h>

#include <algorithm>
#include <cstring>
#include <mutex>

namespace mamori {
namespace {

struct CurlDeleter {
  void operator()(CURL* c) const { curl_easy_cleanup(c); }
  void operator()(curl_slist* l) const { curl_slist_free_all(l); }
};
using CurlHandle = std::unique_ptr<CURL, CurlDeleter>;
using CurlList = std::unique_ptr<curl_slist, CurlDeleter>;

// The message text handed to curl's upload, in pieces as curl asks for them.
struct Upload {
  const std::string* text;
  size_t pos = 0;
};

size_t ReadUpload(char* buffer, size_t size, size_t count, void* user) {
  auto* up = static_cast<Upload*>(user);
  const size_t n = std::min(size * count, up->text->size() - up->pos);
  std::memcpy(buffer, up->text->data() + up->pos, n);
  up->pos += n;
  return n;
}

Status BadOption(std::string rule, std::string field, std::string ja, std::string en) {
  return Status::Error(ErrorKind::kInvalidArgument, std::move(rule), "", std::move(ja), std::move(en),
                       std::move(field));
}

struct Failure {
  const char* rule;
  const char* ja;
};

Failure Classify(CURLcode rc, long smtp_code) {
  switch (rc) {
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_CONNECT:
      return {"mail.connect_failed", "メールサーバに接続できませんでした"};
    case CURLE_OPERATION_TIMEDOUT:
      return {"mail.timeout", "メールサーバとの通信が時間切れになりました"};
    case CURLE_USE_SSL_FAILED:
      return {"mail.starttls_unavailable",
              "メールサーバが STARTTLS に対応していないため、暗号化せずに送ることはせず中止しました"};
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_CERTPROBLEM:
      return {"mail.tls_failed", "メールサーバとの TLS 接続を確立できませんでした"};
    case CURLE_LOGIN_DENIED:
      return {"mail.auth_failed", "メールサーバの認証に失敗しました"};
    default:
      if (smtp_code >= 500) return {"mail.rejected", "メールサーバが送信を拒否しました"};
      return {"mail.send_failed", "メールを送信できませんでした"};
  }
}

void Scrub(std::string& text, const std::string& secret) {
  if (secret.empty()) return;
  constexpr std::string_view kMask = "****";
  for (size_t at = text.find(secret); at != std::string::npos; at = text.find(secret, at + kMask.size())) {
    text.replace(at, secret.size(), kMask);
  }
}

void SetOptions(CURL* c, const SmtpOptions& o) {
  curl_easy_setopt(c, CURLOPT_URL, o.url.c_str());
  curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
  curl_easy_setopt(c, CURLOPT_PROXY, "");  // mail goes straight to the server, whatever *_proxy says
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  const long ms = static_cast<long>(o.timeout.count());
  curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, ms);
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, ms);
  if (o.require_starttls) curl_easy_setopt(c, CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_ALL));
  if (!o.ca_file.empty()) curl_easy_setopt(c, CURLOPT_CAINFO, o.ca_file.c_str());
  if (!o.username.empty()) {
    curl_easy_setopt(c, CURLOPT_USERNAME, o.username.c_str());
    curl_easy_setopt(c, CURLOPT_PASSWORD, o.password.c_str());
  }
}

}  // namespace

Status ValidateSmtpOptions(const SmtpOptions& o) {
  const std::string& u = o.url;
  const bool scheme = u.rfind("smtp://", 0) == 0 || u.rfind("smtps://", 0) == 0;
  const size_t host = u.find("://") + 3;
  const bool clean = std::none_of(u.begin(), u.end(), [](char c) { return c <= 0x20 || c == 0x7F || c == '@'; });
  if (!scheme || !clean || host >= u.size() || u[host] == '/' || u[host] == ':') {
    return BadOption("mail.smtp_url", "url",
                     "メールサーバの URL は smtp://ホスト[:ポート] か smtps://ホスト[:ポート] で指定してください"
                     "（認証情報は URL に含めません）。",
                     "The mail server URL must be smtp://host[:port] or smtps://host[:port], without credentials.");
  }
  if (o.timeout.count() <= 0) {
    return BadOption("mail.smtp_timeout", "timeout", "メール送信のタイムアウトは正の値にしてください。",
                     "The mail timeout must be positive.");
  }
  return Status::Ok();
}

Result<std::unique_ptr<SmtpMailer>> SmtpMailer::Create(SmtpOptions options, const Clock* clock) {
  RETURN_IF_ERROR(ValidateSmtpOptions(options));
  static std::once_flag init;
  std::call_once(init, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
  return std::unique_ptr<SmtpMailer>(new SmtpMailer(std::move(options), clock));
}

Status SmtpMailer::Send(const MailMessage& msg) {
  ASSIGN_OR_RETURN(const std::string text, RenderMessage(msg, *clock_, options_.time_zone));
  CurlHandle curl(curl_easy_init());
  if (!curl) return Status::Internal("curl_easy_init failed");
  const std::string from = "<" + msg.from.address + ">";
  CurlList rcpt;
  for (const MailAddress& to : msg.to) {
    curl_slist* next = curl_slist_append(rcpt.get(), ("<" + to.address + ">").c_str());
    if (!next) return Status::Internal("curl_slist_append failed");
    static_cast<void>(rcpt.release());
    rcpt.reset(next);
  }
  Upload upload{&text};
  char error[CURL_ERROR_SIZE] = "";
  CURL* c = curl.get();
  SetOptions(c, options_);
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, error);
  curl_easy_setopt(c, CURLOPT_MAIL_FROM, from.c_str());
  curl_easy_setopt(c, CURLOPT_MAIL_RCPT, rcpt.get());
  curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(c, CURLOPT_READFUNCTION, ReadUpload);
  curl_easy_setopt(c, CURLOPT_READDATA, &upload);
  curl_easy_setopt(c, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(text.size()));
  const CURLcode rc = curl_easy_perform(c);
  if (rc == CURLE_OK) return Status::Ok();

  long smtp_code = 0;
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &smtp_code);
  std::string detail = curl_easy_strerror(rc);
  if (error[0] != '\0' && detail != error) detail += " (" + std::string(error) + ")";
  if (smtp_code > 0) detail += "; last SMTP reply " + std::to_string(smtp_code);
  Scrub(detail, options_.password);
  const Failure f = Classify(rc, smtp_code);
  return Status::Error(ErrorKind::kInternal, f.rule, "", std::string(f.ja) + "（" + options_.url + "）: " + detail,
                       "Cannot send mail via " + options_.url + ": " + detail);
}

}  // namespace mamori
