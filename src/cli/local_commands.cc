// Sub-commands that work on var/ directly: init, demo, user, verify, export, trail.

#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "app/app.h"
#include "base/time.h"
#include "cli/cli_util.h"
#include "cli/subcommands.h"
#include "crypto/crypto.h"
#include "export/ledger_form.h"
#include "ledger/queries.h"
#include "trail/verify.h"

namespace mamori {
namespace {

void PrintJson(const Json& j) { std::printf("%s\n", j.dump(2).c_str()); }

// RFC 4648 base32 (no padding) of the bytes given in hex, for authenticator apps.
std::string Base32(const std::string& hex) {
  static const char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  std::string out;
  uint32_t buffer = 0;
  int bits = 0;
  for (size_t i = 0; i + 1 < hex.size(); i += 2) {
    buffer = (buffer << 8) | static_cast<uint32_t>(std::stoi(hex.substr(i, 2), nullptr, 16));
    bits += 8;
    while (bits >= 5) {
      out.push_back(kAlphabet[(buffer >> (bits - 5)) & 31]);
      bits -= 5;
    }
  }
  if (bits > 0) out.push_back(kAlphabet[(buffer << (5 - bits)) & 31]);
  return out;
}

}  // namespace

int CmdInit(int argc, char** argv) {
  CLI::App cli("Create var/ with an organization on a regulation profile and an administrator", "mamori init");
  std::string var = DefaultVar(), name = "防衛省本省 内部部局", tz = "Asia/Tokyo";
  std::string end = "18:15", admin = "admin", password;
  std::vector<std::string> profiles;
  cli.add_option("--var", var, "data directory")->capture_default_str();
  cli.add_option("--profile", profiles,
                 "regulation profile (default mod-internal); repeat to take several, the first is org.profile");
  cli.add_option("--name", name, "organization name")->capture_default_str();
  cli.add_option("--timezone", tz, "time zone for display")->capture_default_str();
  cli.add_option("--workday-end", end, "end of the working day (HH:MM), when media must be back")->capture_default_str();
  cli.add_option("--admin-user", admin, "administrator's user name")->capture_default_str();
  cli.add_option("--admin-password", password, "administrator's password (default: $MAMORI_ADMIN_PASSWORD or generated)");
  return ParseArgs(cli, argc, argv, [&] {
    if (password.empty() && std::getenv("MAMORI_ADMIN_PASSWORD")) password = std::getenv("MAMORI_ADMIN_PASSWORD");
    const bool generated = password.empty();
    if (generated) password = RandomHex(10);
    auto zone = TimeZone::FromName(tz);
    if (!zone.ok()) return Fail(zone.status());
    if (profiles.empty()) profiles.push_back("mod-internal");
    OrgSettings org{name, profiles[0], *zone, end, {profiles.begin() + 1, profiles.end()}};
    auto app = App::Init(var, org, admin, password);
    if (!app.ok()) return Fail(app.status());
    std::string taken;
    for (const auto& p : profiles) taken += (taken.empty() ? "" : ", ") + p;
    std::printf("initialized %s (profile %s)\nadministrator: %s\n", var.c_str(), taken.c_str(), admin.c_str());
    if (generated) std::printf("password: %s   (shown once; change it after signing in)\n", password.c_str());
    return 0;
  });
}

int CmdDemo(int argc, char** argv) {
  CLI::App cli("Create var/ with the demo organization and a month of history", "mamori demo");
  std::string var = DefaultVar();
  bool force = false, keep = false;
  std::string profile = "mod-internal";
  cli.add_option("--var", var, "data directory")->capture_default_str();
  cli.add_option("--profile", profile, "mod-internal (MOD internal bureaus) or defense-contractor")
      ->check(CLI::IsMember({"mod-internal", "defense-contractor"}))
      ->capture_default_str();
  cli.add_flag("--force", force, "delete an existing var/ first");
  cli.add_flag("--keep", keep, "do nothing if var/ already holds an organization");
  return ParseArgs(cli, argc, argv, [&] {
    if (std::filesystem::exists(Paths{var}.db())) {
      if (keep) {
        std::ifstream creds(var + "/demo-credentials.txt");
        std::cout << "using the existing " << var << "\n" << creds.rdbuf();
        return 0;
      }
      if (!force) return Fail(Status::Error(ErrorKind::kConflict, "org.exists", "", var + " には既にデータがあります（--force で削除）。",
                                            var + " already holds data (use --force to delete it)."));
      std::filesystem::remove_all(var);
    }
    auto creds = profile == "defense-contractor" ? BuildContractorDemo(var) : BuildDemo(var);
    if (!creds.ok()) return Fail(creds.status());
    std::printf("%s", creds->c_str());
    return 0;
  });
}

int CmdUser(int argc, char** argv) {
  CLI::App cli("Manage accounts locally (as the server's administrator)", "mamori user");
  cli.require_subcommand(1);
  cli.fallthrough();
  std::string var = DefaultVar(), username, password, family, given, unit_code, title, token_name = "cli";
  int days = 90;
  cli.add_option("--var", var, "data directory")->capture_default_str();
  auto* add = cli.add_subcommand("add", "add a person with an account");
  add->add_option("username", username)->required();
  add->add_option("--family-name", family)->required();
  add->add_option("--given-name", given)->required();
  add->add_option("--unit", unit_code, "unit code")->required();
  add->add_option("--title", title, "官名又は階級");
  add->add_option("--password", password, "password (default: generated and printed)");
  auto* passwd = cli.add_subcommand("passwd", "set a password (the user must change it at sign-in)");
  passwd->add_option("username", username)->required();
  passwd->add_option("--password", password);
  auto* disable = cli.add_subcommand("disable", "disable an account and end its sessions and tokens");
  disable->add_option("username", username)->required();
  auto* token = cli.add_subcommand("token", "create an API token for scripts");
  token->add_option("username", username)->required();
  token->add_option("--name", token_name)->capture_default_str();
  token->add_option("--days", days, "validity in days (0 = no expiry)")->capture_default_str();
  cli.add_subcommand("list", "list accounts");
  auto* totp = cli.add_subcommand("totp", "enable a TOTP second factor and print its otpauth:// URI");
  totp->add_option("username", username)->required();
  return ParseArgs(cli, argc, argv, [&]() -> int {
    auto app = App::Open(var);
    if (!app.ok()) return Fail(app.status());
    Engine& e = (*app)->engine();
    const Actor sys = SystemActor("cli");
    auto account = [&](const std::string& u) {
      return e.Read([&](Conn& c) { return c.Query("SELECT id, person_id FROM accounts WHERE username = ?", {u}); });
    };
    const std::string sub = cli.get_subcommands()[0]->get_name();
    if (sub == "list") {
      auto rows = e.Read([](Conn& c) {
        return c.Query("SELECT a.username, p.family_name || ' ' || p.given_name, u.name_ja, a.disabled FROM accounts a "
                       "JOIN persons p ON p.id = a.person_id JOIN org_units u ON u.id = p.unit_id ORDER BY a.username");
      });
      if (!rows.ok()) return Fail(rows.status());
      for (const Row& r : rows->rows)
        std::printf("%-12s %s  %s%s\n", r.Str(0).c_str(), r.Str(1).c_str(), r.Str(2).c_str(),
                    r.Int(3) ? "  (disabled)" : "");
      return 0;
    }
    const bool generated = password.empty() && (sub == "add" || sub == "passwd");
    if (generated) password = RandomHex(10);
    if (sub == "add") {
      auto unit = e.Read([&](Conn& c) { return c.Query("SELECT id FROM org_units WHERE code = ?", {unit_code}); });
      if (!unit.ok()) return Fail(unit.status());
      if (unit->empty()) return Fail(Status::Error(ErrorKind::kNotFound, "unit.not_found", "", "組織コードがありません: " + unit_code,
                                                   "No unit with code " + unit_code));
      auto person = e.Execute(sys, "person.create", Json{{"family_name", family}, {"given_name", given},
                                                         {"unit_id", unit->rows[0].Int(0)}, {"title", title}});
      if (!person.ok()) return Fail(person.status());
      Status policy = Auth::CheckPasswordPolicy(password);
      if (!policy.ok()) return Fail(policy);
      auto r = e.Execute(sys, "account.create", Json{{"person_id", (*person)["person_id"]}, {"username", username},
                                                     {"password_hash", HashPassword(password).value()},
                                                     {"must_change_password", generated}});
      if (!r.ok()) return Fail(r.status());
      std::printf("added %s (person %lld)\n", username.c_str(), static_cast<long long>((*person)["person_id"].get<int64_t>()));
      if (generated) std::printf("password: %s\n", password.c_str());
      return 0;
    }
    auto acc = account(username);
    if (!acc.ok()) return Fail(acc.status());
    if (acc->empty()) return Fail(Status::Error(ErrorKind::kNotFound, "account.not_found", "", "アカウントがありません: " + username,
                                                "No account " + username));
    const int64_t id = acc->rows[0].Int(0);
    if (sub == "passwd") {
      Status policy = Auth::CheckPasswordPolicy(password);
      if (!policy.ok()) return Fail(policy);
      auto r = e.Execute(sys, "account.set_password", Json{{"account_id", id}, {"password_hash", HashPassword(password).value()}});
      if (!r.ok()) return Fail(r.status());
      if (generated) std::printf("password: %s\n", password.c_str());
      return 0;
    }
    if (sub == "disable") {
      auto r = e.Execute(sys, "account.set_disabled", Json{{"account_id", id}, {"disabled", true}});
      return r.ok() ? 0 : Fail(r.status());
    }
    if (sub == "totp") {
      const std::string secret = RandomHex(20);
      auto r = e.Execute(sys, "account.set_totp", Json{{"account_id", id}, {"totp_secret", secret}});
      if (!r.ok()) return Fail(r.status());
      std::printf("otpauth://totp/mamori:%s?secret=%s&issuer=mamori&digits=6&period=30\n", username.c_str(),
                  Base32(secret).c_str());
      return 0;
    }
    Actor who;
    who.account_id = id;
    who.person_id = acc->rows[0].Int(1);
    who.username = username;
    auto t = (*app)->auth().CreateToken(who, token_name, days > 0 ? days * kDay : 0);
    if (!t.ok()) return Fail(t.status());
    std::printf("%s\n", (*t)["token"].get<std::string>().c_str());
    return 0;
  });
}

namespace {

void ProgressBar(int64_t done, int64_t total) {
  if (total < 20000) return;
  const int width = 40;
  const int filled = static_cast<int>(width * done / std::max<int64_t>(total, 1));
  std::fprintf(stderr, "\r[%s%s] %3d%% %lld/%lld events", std::string(filled, '#').c_str(),
               std::string(width - filled, ' ').c_str(), static_cast<int>(100 * done / std::max<int64_t>(total, 1)),
               static_cast<long long>(done), static_cast<long long>(total));
  if (done == total) std::fprintf(stderr, "\n");
}

}  // namespace

int CmdVerify(int argc, char** argv) {
  CLI::App cli("Recompute the hash chain, Merkle tree, signed tree heads and every covered row", "mamori verify");
  std::string var = DefaultVar();
  std::vector<std::string> head_files;
  bool json = false, quiet = false;
  cli.add_option("--var", var, "data directory")->capture_default_str();
  cli.add_option("--head", head_files, "a tree head exported earlier (JSON file or JSON-lines file); repeatable");
  cli.add_flag("--json", json, "print the report as JSON");
  cli.add_flag("--quiet", quiet, "no progress bar");
  return ParseArgs(cli, argc, argv, [&]() -> int {
    const Paths paths{var};
    if (!std::filesystem::exists(paths.db())) return Fail(Status::Error(ErrorKind::kNotFound, "var.missing", "",
                                                                        var + " にデータベースがありません。", "No database in " + var));
    VerifyOptions o;
    if (!std::filesystem::exists(paths.key())) return Fail(Status::Internal("no trail key at " + paths.key()));
    auto key = SigningKey::LoadOrCreate(paths.key());
    if (!key.ok()) return Fail(key.status());
    o.public_key = key->PublicKeyHex();
    head_files.insert(head_files.begin(), paths.heads());
    for (const auto& f : head_files) {
      auto heads = ReadHeadsFile(f);
      if (!heads.ok()) return Fail(heads.status());
      o.heads.insert(o.heads.end(), heads->begin(), heads->end());
    }
    if (!quiet && !json) o.progress = ProgressBar;
    auto store = OpenSqliteStore(StoreOptions{paths.db(), true});
    if (!store.ok()) return Fail(store.status());
    auto conn = (*store)->Connect(true);
    if (!conn.ok()) return Fail(conn.status());
    const auto t0 = std::chrono::steady_clock::now();
    auto report = VerifyStore(**conn, o);
    if (!report.ok()) return Fail(report.status());
    const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    const VerifyReport& r = *report;
    if (json) {
      PrintJson(Json{{"ok", r.ok}, {"events", r.events}, {"rows", r.rows}, {"heads_checked", r.heads_checked},
                     {"bytes", r.bytes}, {"seconds", secs}, {"root", r.root}, {"first_bad_event", r.first_bad_seq},
                     {"problem_ja", r.problem_ja}, {"problem_en", r.problem_en}});
    } else if (r.ok) {
      std::printf("OK: %lld events, %lld rows, %lld signed heads checked; root %s (%.2f s)\n",
                  static_cast<long long>(r.events), static_cast<long long>(r.rows),
                  static_cast<long long>(r.heads_checked), r.root.c_str(), secs);
    } else {
      std::printf("FAILED at event %lld\n  %s\n  %s\n", static_cast<long long>(r.first_bad_seq), r.problem_ja.c_str(),
                  r.problem_en.c_str());
    }
    return r.ok ? 0 : 1;
  });
}

int CmdExport(int argc, char** argv) {
  if (const int code = CmdExportForm(argc, argv); code >= 0) return code;
  CLI::App cli("Export item ledgers in the layout of the 別紙様式 (or: mamori export training|roster|entry-roster --help)",
               "mamori export");
  std::string var = DefaultVar(), item, unit, format = "csv", dates = "wareki", out;
  cli.add_option("--var", var, "data directory")->capture_default_str();
  auto* item_opt = cli.add_option("--item", item, "one item's control number (媒体番号・機器番号)");
  cli.add_option("--unit", unit, "every item of a unit (unit code)")->excludes(item_opt);
  cli.add_option("--format", format, "csv, xlsx or flat-csv")->check(CLI::IsMember({"csv", "xlsx", "flat-csv"}))->capture_default_str();
  cli.add_option("--dates", dates, "wareki (和暦) or seireki (西暦)")->check(CLI::IsMember({"wareki", "seireki"}))->capture_default_str();
  cli.add_option("-o,--output", out, "output file (default: standard output for CSV)");
  return ParseArgs(cli, argc, argv, [&]() -> int {
    if (item.empty() && unit.empty()) return Fail(Status::Error(ErrorKind::kInvalidArgument, "export.target", "",
                                                                "--item か --unit を指定してください。", "Give --item or --unit."));
    if (format == "xlsx" && out.empty()) return Fail(Status::Error(ErrorKind::kInvalidArgument, "export.output", "",
                                                                   "XLSX には -o が必要です。", "XLSX needs -o FILE."));
    auto app = App::Open(var);
    if (!app.ok()) return Fail(app.status());
    Engine& e = (*app)->engine();
    auto forms = e.Read([&](Conn& c) -> Result<std::vector<LedgerForm>> {
      std::optional<int64_t> unit_id;
      if (!unit.empty()) {
        ASSIGN_OR_RETURN(Rows u, c.Query("SELECT id FROM org_units WHERE code = ?", {unit}));
        if (u.empty()) return Status::Error(ErrorKind::kNotFound, "unit.not_found", "", "組織コードがありません: " + unit,
                                            "No unit with code " + unit);
        unit_id = u.rows[0].Int(0);
      }
      return LoadForms(c, item, unit_id);
    });
    if (!forms.ok()) return Fail(forms.status());
    for (const LedgerForm& f : *forms)
      e.RecordView(SystemActor("cli"), "item:" + f.control_no, Json{{"export", format}});
    const DateStyle style = dates == "wareki" ? DateStyle::kWareki : DateStyle::kSeireki;
    const TimeZone& tz = (*app)->org().tz;
    if (format == "xlsx") {
      Status st = WriteLedgerXlsx(*forms, tz, style, out);
      if (!st.ok()) return Fail(st);
      std::fprintf(stderr, "wrote %zu ledger(s) to %s\n", forms->size(), out.c_str());
      return 0;
    }
    const std::string csv = format == "csv" ? RenderLedgerCsv(*forms, tz, style) : RenderLedgerCsvFlat(*forms);
    if (out.empty()) {
      std::fwrite(csv.data(), 1, csv.size(), stdout);
    } else {
      std::ofstream(out, std::ios::binary) << csv;
      std::fprintf(stderr, "wrote %zu ledger(s) to %s\n", forms->size(), out.c_str());
    }
    return 0;
  });
}

}  // namespace mamori
