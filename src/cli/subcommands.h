#pragma once
// Handlers of the `mamori` sub-commands. Each takes the arguments after `mamori` (argv[0] is the
// sub-command's name) and returns the process exit code: 0 ok, 1 failure (e.g. verify found
// tampering), 2 usage error.

#include <functional>
#include <string>

#include "base/clock.h"
#include "base/status.h"

namespace CLI {
class App;
}

namespace mamori {

struct Subcommand {
  const char* name;
  const char* help;
  int (*run)(int argc, char** argv);
};

int CmdInit(int argc, char** argv);
int CmdDemo(int argc, char** argv);
int CmdServe(int argc, char** argv);
int CmdUser(int argc, char** argv);
int CmdVerify(int argc, char** argv);
int CmdExport(int argc, char** argv);
// export_commands.cc: `mamori export training|roster|entry-roster …`; -1 if argv[1] names none of them.
int CmdExportForm(int argc, char** argv);
int CmdTrail(int argc, char** argv);
int CmdImport(int argc, char** argv);
int CmdApi(int argc, char** argv);
int CmdItem(int argc, char** argv);
int CmdProfile(int argc, char** argv);
int CmdCheck(int argc, char** argv);  // check_command.cc: exit 0 nothing violated, 2 something is, 1 error
int CmdObligations(int argc, char** argv);
int CmdRemind(int argc, char** argv);

class App;

// The reminder-digest options shared by `serve` and `remind` (remind_command.cc).
struct ReminderFlags {
  std::string smtp;                      // smtp://[user@]host[:port] or smtps://…; empty: no reminders
  std::string from = "mamori@localhost";  // sender address
  std::string base_url;                  // links in the digests; empty: the caller's default
  std::string remind_at = "08:30";       // serve: local time after which each day's digests go out
  std::string password_file;             // else $MAMORI_SMTP_PASSWORD; never on the command line
  std::string ca_file;
  bool starttls = false;
};
// Adds --smtp, --smtp-from, --smtp-starttls, --smtp-ca, --smtp-password-file, --base-url (and
// --remind-at when `daily`).
void AddReminderFlags(CLI::App& cli, ReminderFlags& flags, bool daily);
// The daily task of `serve --smtp` for the obligation scheduler (ReminderSchedule::Tick); it owns its
// SmtpMailer. `app` must outlive it. Errors: a bad URL, sender, --remind-at, base URL or password file.
Result<std::function<Status(Micros)>> MakeReminderTask(const ReminderFlags& flags, App& app,
                                                       const std::string& default_base_url);

}  // namespace mamori
