// `mamori export training|roster|entry-roster`: the people forms of issue 5, written from var/ directly
// as the local administrator (the item ledgers' `mamori export` is in local_commands.cc). Each roster
// and entry-roster export is recorded on the trail as a view, as the API's are.

#include <CLI/CLI.hpp>
#include <cstdio>
#include <fstream>

#include "app/app.h"
#include "cli/cli_util.h"
#include "cli/subcommands.h"
#include "export/table_form.h"
#include "export/training_form.h"
#include "facility/facility.h"
#include "identity/catalog.h"
#include "people/people.h"
#include "training/training.h"

namespace mamori {
namespace {

Status NeedOut() {
  return Status::Error(ErrorKind::kInvalidArgument, "export.output", "", "XLSX には --out が必要です。",
                       "XLSX needs --out FILE.");
}

// Writes `bytes` to `out`, or to standard output when `out` is empty.
Status WriteOut(const std::string& bytes, const std::string& out) {
  if (out.empty()) {
    std::fwrite(bytes.data(), 1, bytes.size(), stdout);
    return Status::Ok();
  }
  std::ofstream f(out, std::ios::binary);
  f << bytes;
  f.close();
  if (!f) return Status::Error(ErrorKind::kInternal, "export.write", "", "書き込めません: " + out, "Cannot write " + out);
  return Status::Ok();
}

// A one-table form as CSV or XLSX to `out`.
Status WriteTableForm(const TableForm& form, const std::string& format, const std::string& out) {
  if (format == "csv") return WriteOut(RenderTableCsv(form), out);
  ASSIGN_OR_RETURN(std::string bytes, RenderTableXlsx(form));
  return WriteOut(bytes, out);
}

void AddFormatOptions(CLI::App& cli, std::string& var, std::string& format, std::string& out) {
  cli.add_option("--var", var, "data directory")->capture_default_str();
  cli.add_option("--format", format, "csv or xlsx")->check(CLI::IsMember({"csv", "xlsx"}))->capture_default_str();
  cli.add_option("-o,--out,--output", out, "output file (default: standard output for CSV)");
}

// mamori export training: the 教育実施状況記録 (000 別紙様式第2) of one fiscal year.
int CmdExportTraining(int argc, char** argv) {
  CLI::App cli("Export the training record (教育実施状況記録) of a fiscal year", "mamori export training");
  std::string var = DefaultVar(), format = "csv", dates = "wareki", out;
  int fy = 0;
  AddFormatOptions(cli, var, format, out);
  cli.add_option("--fiscal-year", fy, "fiscal year, named by the year it starts in (default: the current one)");
  cli.add_option("--dates", dates, "wareki (和暦) or seireki (西暦)")->check(CLI::IsMember({"wareki", "seireki"}))->capture_default_str();
  return ParseArgs(cli, argc, argv, [&]() -> int {
    if (format == "xlsx" && out.empty()) return Fail(NeedOut());
    auto app = App::Open(var);
    if (!app.ok()) return Fail(app.status());
    const auto& profiles = (*app)->profiles();
    SessionFilter f;
    f.fiscal_year = fy ? fy : CurrentFiscalYear(profiles, (*app)->clock().Now(), (*app)->org().tz);
    auto sessions = (*app)->engine().Read([&](Conn& c) { return ListTrainingSessions(c, profiles, f); });
    if (!sessions.ok()) return Fail(sessions.status());
    const TrainingForm form = TrainingFormOf(f.fiscal_year, *sessions);
    const DateStyle style = dates == "wareki" ? DateStyle::kWareki : DateStyle::kSeireki;
    Status st = format == "xlsx" ? WriteTrainingXlsx(form, style, out) : WriteOut(RenderTrainingCsv(form, style), out);
    if (!st.ok()) return Fail(st);
    if (!out.empty()) std::fprintf(stderr, "wrote %zu session(s) of FY%d to %s\n", sessions->size(), f.fiscal_year, out.c_str());
    return 0;
  });
}

// The newest version number of `roster`, or kNotFound if it has none yet.
Result<int64_t> LatestRosterVersion(Conn& conn, const std::string& roster) {
  ASSIGN_OR_RETURN(Rows r, conn.Query("SELECT MAX(version) FROM roster_versions WHERE roster = ?", {roster}));
  if (r.empty() || r.rows[0].IsNull(0))
    return Status::Error(ErrorKind::kNotFound, "roster.no_version", "", "この名簿にはまだ版がありません: " + roster,
                         "The roster has no version yet: " + roster);
  return r.rows[0].Int(0);
}

// The id of the unit with `code`, or kNotFound "unit.not_found".
Result<int64_t> UnitIdOf(Conn& conn, const std::string& code) {
  ASSIGN_OR_RETURN(Rows u, conn.Query("SELECT id FROM org_units WHERE code = ?", {code}));
  if (u.empty())
    return Status::Error(ErrorKind::kNotFound, "unit.not_found", "", "組織コードがありません: " + code,
                         "No unit with code " + code);
  return u.rows[0].Int(0);
}

// mamori export roster: one version of a roster (取扱者名簿, 保護システム利用者名簿) as its form, for submission.
int CmdExportRoster(int argc, char** argv) {
  CLI::App cli("Export a roster version (取扱者名簿 etc.) as its form, e.g. for submission to MOD",
               "mamori export roster");
  std::string var = DefaultVar(), roster, format = "csv", out;
  int64_t version = 0;
  bool without_particulars = false;
  AddFormatOptions(cli, var, format, out);
  cli.add_option("--roster", roster, "roster code of the profile (people.yaml), e.g. handler")->required();
  cli.add_option("--version", version, "version number (default: the newest)");
  std::string unit;
  cli.add_option("--unit", unit, "unit code of the 課室等, for a roster kept per unit (e.g. section_user)");
  cli.add_flag("--without-particulars", without_particulars, "leave date of birth and nationality blank");
  return ParseArgs(cli, argc, argv, [&]() -> int {
    if (format == "xlsx" && out.empty()) return Fail(NeedOut());
    auto app = App::Open(var);
    if (!app.ok()) return Fail(app.status());
    Engine& e = (*app)->engine();
    const RosterDef* def = e.catalog().FindRoster(roster);
    if (!def)
      return Fail(Status::Error(ErrorKind::kNotFound, "roster.unknown", "", "この規程にない名簿です: " + roster,
                                "No such roster in this organization's profiles: " + roster));
    if (def->per_unit != !unit.empty())
      return Fail(Status::Error(ErrorKind::kInvalidArgument, "export.unit", def->clause,
                                def->per_unit ? def->name_ja + "は課室等ごとの記録です。--unit を指定してください。"
                                              : def->name_ja + "は組織全体の名簿です。--unit は指定できません。",
                                def->per_unit ? "The " + def->name_en + " is kept per unit: give --unit."
                                              : "The " + def->name_en + " is one roster for the organization: no --unit."));
    const bool particulars = !without_particulars;
    int64_t unit_id = 0;
    std::string key;
    auto form = e.Read([&](Conn& c) -> Result<TableForm> {
      if (!unit.empty()) {
        ASSIGN_OR_RETURN(unit_id, UnitIdOf(c, unit));
      }
      key = RosterKey(*def, unit_id);
      if (version == 0) {
        ASSIGN_OR_RETURN(version, LatestRosterVersion(c, key));
      }
      return RosterForm(c, e.catalog(), roster, version, particulars, (*app)->org().tz, unit_id);
    });
    if (!form.ok()) return Fail(form.status());
    e.RecordView(SystemActor("cli"), "roster:" + key + ":" + std::to_string(version),
                 Json{{"view", format}, {"particulars", particulars}});
    if (Status st = WriteTableForm(*form, format, out); !st.ok()) return Fail(st);
    if (!out.empty()) std::fprintf(stderr, "wrote %s version %lld to %s\n", roster.c_str(), static_cast<long long>(version), out.c_str());
    return 0;
  });
}

// mamori export entry-roster: one facility's 取扱施設等立入名簿 (001 第8 2(1)ウ).
int CmdExportEntryRoster(int argc, char** argv) {
  CLI::App cli("Export a facility's entry roster (取扱施設等立入名簿)", "mamori export entry-roster");
  std::string var = DefaultVar(), facility, format = "csv", out;
  AddFormatOptions(cli, var, format, out);
  cli.add_option("--facility", facility, "the facility's unit code")->required();
  return ParseArgs(cli, argc, argv, [&]() -> int {
    if (format == "xlsx" && out.empty()) return Fail(NeedOut());
    auto app = App::Open(var);
    if (!app.ok()) return Fail(app.status());
    Engine& e = (*app)->engine();
    int64_t unit_id = 0;
    auto form = e.Read([&](Conn& c) -> Result<TableForm> {
      ASSIGN_OR_RETURN(unit_id, UnitIdOf(c, facility));
      return EntryRosterForm(c, unit_id, (*app)->org().tz);
    });
    if (!form.ok()) return Fail(form.status());
    e.RecordView(SystemActor("cli"), "facility:" + std::to_string(unit_id), Json{{"view", "entry_roster"}, {"format", format}});
    if (Status st = WriteTableForm(*form, format, out); !st.ok()) return Fail(st);
    if (!out.empty()) std::fprintf(stderr, "wrote the entry roster of %s to %s\n", facility.c_str(), out.c_str());
    return 0;
  });
}

}  // namespace

int CmdExportForm(int argc, char** argv) {
  const std::string form = argc > 1 ? argv[1] : "";
  if (form == "training") return CmdExportTraining(argc - 1, argv + 1);
  if (form == "roster") return CmdExportRoster(argc - 1, argv + 1);
  if (form == "entry-roster") return CmdExportEntryRoster(argc - 1, argv + 1);
  return -1;
}

}  // namespace mamori
