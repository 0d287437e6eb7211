// `mamori remind`: sends the reminder digests due now, once (or prints them with --dry-run), and the
// --smtp options that `serve` shares to send them daily (docs/architecture.md, "Reminders").

#include <CLI/CLI.hpp>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <memory>

#include "app/app.h"
#include "cli/cli_util.h"
#include "cli/subcommands.h"
#include "notify/digest.h"
#include "notify/smtp_mailer.h"

namespace mamori {
namespace {

Status BadFlag(const std::string& field, const std::string& ja, const std::string& en) {
  return Status::Error(ErrorKind::kInvalidArgument, "notify.option", "", ja, en, field);
}

// Moves the user name of "smtp://user@host:port" to o.username. A password in the URL is refused
// (command lines are visible to every local user): it comes from $MAMORI_SMTP_PASSWORD or a file.
Status SplitUserInfo(const std::string& url, SmtpOptions& o) {
  o.url = url;
  const size_t host = url.find("://");
  if (host == std::string::npos) return Status::Ok();  // ValidateSmtpOptions refuses it
  const size_t end = url.find('/', host + 3), at = url.rfind('@', end);
  if (at == std::string::npos || at < host + 3) return Status::Ok();
  const std::string user = url.substr(host + 3, at - host - 3);
  if (user.find(':') != std::string::npos)
    return BadFlag(
        "smtp",
        "メールサーバのパスワードを URL に書くことはできません（$MAMORI_SMTP_PASSWORD か --smtp-password-file）。",
        "The SMTP password cannot be given in the URL: use $MAMORI_SMTP_PASSWORD or --smtp-password-file.");
  o.username = user;
  o.url = url.substr(0, host + 3) + url.substr(at + 1);
  return Status::Ok();
}

Result<std::string> ReadPassword(const ReminderFlags& f) {
  if (f.password_file.empty()) {
    const char* env = std::getenv("MAMORI_SMTP_PASSWORD");
    return std::string(env ? env : "");
  }
  std::ifstream in(f.password_file);
  std::string line;
  if (!in || !std::getline(in, line))
    return BadFlag("smtp-password-file", "パスワードのファイルを読めません: " + f.password_file,
                   "Cannot read the password file: " + f.password_file);
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

Result<SmtpOptions> SmtpFromFlags(const ReminderFlags& f, const TimeZone& tz) {
  SmtpOptions o;
  RETURN_IF_ERROR(SplitUserInfo(f.smtp, o));
  ASSIGN_OR_RETURN(o.password, ReadPassword(f));
  if (!o.password.empty() && o.username.empty())
    return BadFlag("smtp", "パスワードがありますが、URL に利用者名がありません（smtp://利用者名@ホスト）。",
                   "An SMTP password is given but the URL names no user (smtp://user@host).");
  o.require_starttls = f.starttls;
  o.ca_file = f.ca_file;
  o.time_zone = tz;
  RETURN_IF_ERROR(ValidateSmtpOptions(o));
  return o;
}

Result<DigestMailOptions> MailFromFlags(const ReminderFlags& f, const std::string& default_base_url) {
  DigestMailOptions o;
  o.from = MailAddress{f.from, "mamori"};
  o.base_url = f.base_url.empty() ? default_base_url : f.base_url;
  MailMessage probe{o.from, {o.from}, "", "", {}};
  RETURN_IF_ERROR(ValidateMessage(probe));
  const bool http = o.base_url.rfind("http://", 0) == 0 || o.base_url.rfind("https://", 0) == 0;
  const bool clean = o.base_url.find_first_of(" \t\r\n\"<>") == std::string::npos;
  if (!http || !clean)
    return BadFlag("base-url", "--base-url は http:// か https:// で始まる URL にしてください: " + o.base_url,
                   "--base-url must be an http:// or https:// URL: " + o.base_url);
  return o;
}

int DryRun(App& app, const DigestMailOptions& mail) {
  Engine& e = app.engine();
  const Micros now = app.clock().Now();
  const DigestContext ctx{&e.catalog(), &e.profiles(), app.org().tz};
  auto digests = e.Read([&](Conn& c) { return CollectDigests(c, ctx, now); });
  if (!digests.ok()) return Fail(digests.status());
  for (const Digest& d : *digests) {
    const MailMessage m = RenderDigest(d, mail, now, "<dry-run>");
    std::printf("To: %s <%s>\nSubject: %s\n\n%s\n", d.name.c_str(), d.email.c_str(), m.subject.c_str(), m.body.c_str());
  }
  std::printf("mamori: %zu digest(s) due; dry run: nothing sent or recorded\n", digests->size());
  return 0;
}

int SendNow(App& app, const ReminderFlags& flags, const DigestMailOptions& mail) {
  auto smtp = SmtpFromFlags(flags, app.org().tz);
  if (!smtp.ok()) return Fail(smtp.status());
  auto mailer = SmtpMailer::Create(*smtp, &app.clock());
  if (!mailer.ok()) return Fail(mailer.status());
  auto sent = SendDigests(app, **mailer, mail, app.clock().Now());
  if (!sent.ok()) return Fail(sent.status());
  std::printf("mamori: reminders: %d sent, %d failed (via %s)\n", sent->sent, sent->failed, (*smtp).url.c_str());
  for (const std::string& e : sent->errors) std::fprintf(stderr, "mamori: not sent: %s\n", e.c_str());
  return sent->failed > 0 ? 1 : 0;
}

}  // namespace

void AddReminderFlags(CLI::App& cli, ReminderFlags& f, bool daily) {
  cli.add_option("--smtp", f.smtp, "mail server for reminder digests: smtp://[user@]host[:port] or smtps://…");
  cli.add_option("--smtp-from", f.from, "sender address of the digests")->capture_default_str();
  cli.add_flag("--smtp-starttls", f.starttls, "smtp://: require STARTTLS (never send in clear text)");
  cli.add_option("--smtp-ca", f.ca_file, "PEM file of the CAs trusted for the mail server (default: the system's)");
  cli.add_option("--smtp-password-file", f.password_file,
                 "file whose first line is the SMTP password (default: $MAMORI_SMTP_PASSWORD)");
  cli.add_option("--base-url", f.base_url, "the server's public URL, for links in the digests");
  if (daily)
    cli.add_option("--remind-at", f.remind_at, "local time (HH:MM) after which each day's digests go out")
        ->capture_default_str();
}

Result<std::function<Status(Micros)>> MakeReminderTask(const ReminderFlags& f, App& app,
                                                       const std::string& default_base_url) {
  ASSIGN_OR_RETURN(int remind_at, ParseRemindAt(f.remind_at));
  ASSIGN_OR_RETURN(DigestMailOptions mail, MailFromFlags(f, default_base_url));
  ASSIGN_OR_RETURN(SmtpOptions smtp, SmtpFromFlags(f, app.org().tz));
  ASSIGN_OR_RETURN(std::unique_ptr<SmtpMailer> mailer, SmtpMailer::Create(smtp, &app.clock()));
  std::shared_ptr<Mailer> shared_mailer = std::move(mailer);
  auto schedule = std::make_shared<ReminderSchedule>(app, *shared_mailer, mail, remind_at);
  return std::function<Status(Micros)>([shared_mailer, schedule](Micros now) { return schedule->Tick(now); });
}

int CmdRemind(int argc, char** argv) {
  CLI::App cli("Send the reminder digests due now (once a day per person), or print them", "mamori remind");
  std::string var = DefaultVar();
  ReminderFlags flags;
  bool dry_run = false;
  cli.add_option("--var", var, "data directory")->capture_default_str();
  AddReminderFlags(cli, flags, false);
  cli.add_flag("--dry-run", dry_run, "print the digests; send and record nothing");
  try {
    cli.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return cli.exit(e);
  }
  if (flags.smtp.empty() && !dry_run) {
    std::fprintf(stderr, "mamori remind: --smtp URL is required (or --dry-run)\n");
    return 2;
  }
  auto mail = MailFromFlags(flags, "http://127.0.0.1:8080");
  if (!mail.ok()) return Fail(mail.status());
  auto app = App::Open(var);
  if (!app.ok()) return Fail(app.status());
  return dry_run ? DryRun(**app, *mail) : SendNow(**app, flags, *mail);
}

}  // namespace mamori
