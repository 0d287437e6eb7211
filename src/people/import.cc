// CSV import of people (import.h).

#include "people/import.h"

#include <iconv.h>

#include <map>

#include "engine/engine.h"
#include "engine/input.h"
#include "identity/catalog.h"
#include "people/people.h"

namespace mamori {
namespace {

Status ImportError(const std::string& rule, int line, int column, const std::string& ja, const std::string& en) {
  const std::string at_ja = std::to_string(line) + "行目" + (column ? " " + std::to_string(column) + "列目" : "") + ": ";
  const std::string at_en = "line " + std::to_string(line) + (column ? ", column " + std::to_string(column) : "") + ": ";
  return Status::Error(ErrorKind::kInvalidArgument, rule, "", at_ja + ja, at_en + en, "csv");
}

// Length of the valid UTF-8 sequence at s[i] (0 if invalid).
size_t Utf8Len(const std::string& s, size_t i) {
  const auto b = static_cast<unsigned char>(s[i]);
  size_t n = b < 0x80 ? 1 : (b >> 5) == 6 ? 2 : (b >> 4) == 14 ? 3 : (b >> 3) == 30 ? 4 : 0;
  if (n == 0 || i + n > s.size()) return 0;
  for (size_t k = 1; k < n; ++k)
    if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return 0;
  return n;
}

// Offset of the first byte that is not valid UTF-8 (npos if all valid).
size_t FirstInvalidUtf8(const std::string& s) {
  for (size_t i = 0; i < s.size();) {
    const size_t n = Utf8Len(s, i);
    if (n == 0) return i;
    i += n;
  }
  return std::string::npos;
}

Result<std::string> FromShiftJis(const std::string& bytes) {
  iconv_t cd = iconv_open("UTF-8", "CP932");
  if (cd == reinterpret_cast<iconv_t>(-1)) return Status::Internal("iconv: CP932 is not available");
  std::string out(bytes.size() * 3 + 16, '\0');
  char* in = const_cast<char*>(bytes.data());
  size_t in_left = bytes.size(), out_left = out.size();
  char* o = out.data();
  const size_t r = iconv(cd, &in, &in_left, &o, &out_left);
  iconv_close(cd);
  if (r == static_cast<size_t>(-1)) {
    const size_t at = bytes.size() - in_left;
    return Status::Error(ErrorKind::kInvalidArgument, "import.encoding", "",
                         std::to_string(at + 1) + "バイト目が UTF-8 でも Shift_JIS でもありません。",
                         "Byte " + std::to_string(at + 1) + " is neither UTF-8 nor Shift_JIS.", "csv");
  }
  out.resize(out.size() - out_left);
  return out;
}

const std::map<std::string, std::string>& HeaderNames() {
  static const std::map<std::string, std::string> kNames = {
      {"氏", "family_name"}, {"family_name", "family_name"}, {"名", "given_name"}, {"given_name", "given_name"},
      {"所属コード", "unit_code"}, {"unit_code", "unit_code"}, {"官名又は階級", "title"}, {"title", "title"},
      {"区分", "kind"}, {"kind", "kind"}, {"メール", "email"}, {"email", "email"}, {"生年月日", "birth_date"},
      {"birth_date", "birth_date"}, {"国籍", "nationality"}, {"nationality", "nationality"}, {"役職", "position"},
      {"position", "position"}};
  return kNames;
}

const std::map<std::string, std::string>& KindNames() {
  static const std::map<std::string, std::string> kKinds = {
      {"", "employee"},           {"職員", "employee"},       {"employee", "employee"},
      {"非常勤", "non_regular"},  {"non_regular", "non_regular"}, {"派遣等", "contractor"},
      {"派遣", "contractor"},     {"委託", "contractor"},     {"contractor", "contractor"},
      {"来訪者", "visitor"},      {"visitor", "visitor"}};
  return kKinds;
}

std::string Trim(const std::string& s) {
  size_t b = 0, e = s.size();
  while (b < e && (s[b] == ' ' || s[b] == '\t')) ++b;
  while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t')) --e;
  return s.substr(b, e - b);
}

// Checks one data row and fills `row.fields`; `col` maps field → column index.
Status CheckRow(Conn& conn, const std::map<std::string, size_t>& col, const std::vector<std::string>& cells,
                ImportRow& row) {
  auto cell = [&](const char* f) {
    auto it = col.find(f);
    return it == col.end() || it->second >= cells.size() ? std::string() : Trim(cells[it->second]);
  };
  auto column = [&](const char* f) { return col.count(f) ? static_cast<int>(col.at(f)) + 1 : 0; };
  for (const char* f : {"family_name", "given_name", "unit_code"})
    if (cell(f).empty())
      return ImportError("import.value_missing", row.line, column(f), "値がありません。", "the value is missing.");
  ASSIGN_OR_RETURN(Rows unit, conn.Query("SELECT id FROM org_units WHERE code = ?", {cell("unit_code")}));
  if (unit.empty())
    return ImportError("import.unit_unknown", row.line, column("unit_code"), "所属コード " + cell("unit_code") + " の組織はありません。",
                       "no unit has the code " + cell("unit_code") + ".");
  auto kind = KindNames().find(cell("kind"));
  if (kind == KindNames().end())
    return ImportError("import.kind_unknown", row.line, column("kind"), "区分は 職員・非常勤・派遣等・来訪者 のいずれかです。",
                       "kind must be employee, non_regular, contractor or visitor.");
  std::string birth = cell("birth_date");
  for (char& c : birth)
    if (c == '/') c = '-';
  if (!birth.empty() && !IsCalendarDate(birth))
    return ImportError("import.date_invalid", row.line, column("birth_date"), "生年月日は YYYY-MM-DD の日付です。",
                       "birth_date must be a date YYYY-MM-DD.");
  const int given = !birth.empty() + !cell("nationality").empty() + !cell("position").empty();
  if (given != 0 && given != 3)
    return ImportError("import.particulars_partial", row.line, column(birth.empty() ? "birth_date" : cell("nationality").empty() ? "nationality" : "position"),
                       "生年月日・国籍・役職は3つとも記入するか、すべて空欄にしてください。",
                       "give date of birth, nationality and position together, or none of them.");
  row.fields = Json{{"family_name", cell("family_name")}, {"given_name", cell("given_name")},
                    {"unit_code", cell("unit_code")}, {"unit_id", unit.rows[0].Int(0)}, {"title", cell("title")},
                    {"kind", kind->second}, {"email", cell("email")}};
  if (given == 3) row.fields["particulars"] = Json{{"birth_date", birth}, {"nationality", cell("nationality")},
                                                   {"position", cell("position")}};
  return Status::Ok();
}

// create, update (with the changed fields) or unchanged, by e-mail.
Status Classify(Conn& conn, ImportRow& row) {
  row.action = "create";
  const std::string email = row.fields["email"];
  if (email.empty()) return Status::Ok();
  ASSIGN_OR_RETURN(Rows p, conn.Query("SELECT id, family_name, given_name, unit_id, title, kind FROM persons "
                                      "WHERE email = ? AND active = 1 ORDER BY id LIMIT 1", {email}));
  if (p.empty()) return Status::Ok();
  row.person_id = p.rows[0].Int(0);
  const Row& r = p.rows[0];
  if (r.Str(1) != row.fields["family_name"].get<std::string>()) row.changes.push_back("family_name");
  if (r.Str(2) != row.fields["given_name"].get<std::string>()) row.changes.push_back("given_name");
  if (r.Int(3) != row.fields["unit_id"].get<int64_t>()) row.changes.push_back("unit");
  if (r.Str(4) != row.fields["title"].get<std::string>()) row.changes.push_back("title");
  if (r.Str(5) != row.fields["kind"].get<std::string>()) row.changes.push_back("kind");
  if (row.fields.contains("particulars")) {
    const Json& pp = row.fields["particulars"];
    ASSIGN_OR_RETURN(Rows cur, conn.Query("SELECT birth_date, nationality, position FROM person_particulars WHERE id = ?",
                                          {row.person_id}));
    if (cur.empty() || cur.rows[0].Str(0) != pp["birth_date"].get<std::string>() ||
        cur.rows[0].Str(1) != pp["nationality"].get<std::string>() || cur.rows[0].Str(2) != pp["position"].get<std::string>())
      row.changes.push_back("particulars");
  }
  row.action = row.changes.empty() ? "unchanged" : "update";
  return Status::Ok();
}

Status ApplyRow(Tx& tx, const ImportRow& row) {
  const Json& f = row.fields;
  const int64_t unit = f["unit_id"];
  int64_t id = row.person_id;
  if (row.action == "create") {
    ASSIGN_OR_RETURN(id, tx.NextId("persons"));
    RETURN_IF_ERROR(tx.Put("persons", Record{{"id", id}, {"family_name", f["family_name"].get<std::string>()},
                                             {"given_name", f["given_name"].get<std::string>()}, {"unit_id", unit},
                                             {"title", f["title"].get<std::string>()}, {"kind", f["kind"].get<std::string>()},
                                             {"email", f["email"].get<std::string>()}, {"active", int64_t{1}},
                                             {"created_at", tx.now_text()}}));
  } else if (row.action == "update") {
    ASSIGN_OR_RETURN(Record p, tx.Get("persons", id));
    p["family_name"] = f["family_name"].get<std::string>();
    p["given_name"] = f["given_name"].get<std::string>();
    p["unit_id"] = unit;
    p["title"] = f["title"].get<std::string>();
    p["kind"] = f["kind"].get<std::string>();
    RETURN_IF_ERROR(tx.Put("persons", p));
  }
  if (f.contains("particulars") && row.action != "unchanged") {
    const Json& pp = f["particulars"];
    RETURN_IF_ERROR(tx.Put("person_particulars",
                           Record{{"id", id}, {"birth_date", pp["birth_date"].get<std::string>()},
                                  {"nationality", pp["nationality"].get<std::string>()},
                                  {"position", pp["position"].get<std::string>()}, {"updated_at", tx.now_text()},
                                  {"updated_by_person_id", tx.actor().person_id ? Value(tx.actor().person_id) : NullValue()}}));
  }
  return Status::Ok();
}

// The roster particulars' clause (people.particulars: 001 第5 2(1)エ) for the refusals about date of birth,
// nationality and position, when the organization's profiles keep such a roster; the file-format refusals
// (encoding, CSV, columns, units, kinds, e-mails) break no clause and keep an empty one (their messages name
// the line and column).
Status WithParticularsClause(const Catalog& catalog, Status st) {
  if (st.rule() != "import.particulars_partial" && st.rule() != "import.date_invalid") return st;
  const PermissionDef* p = catalog.FindPermission("people.particulars");
  if (!p) return st;
  return Status::Error(st.kind(), st.rule(), p->clause, st.ja(), st.en(), st.field());
}

// Each row needs org.admin on its unit and, for an update, on the person's current unit (so that nobody
// moves a person out of a unit they do not administer); particulars need people.particulars there.
Status AuthorizeRows(Tx& tx, const std::vector<ImportRow>& plan) {
  for (const ImportRow& row : plan) {
    const int64_t unit = row.fields["unit_id"];
    RETURN_IF_ERROR(tx.Authorize("org.admin", unit));
    if (row.action != "create") {
      ASSIGN_OR_RETURN(Record p, tx.Get("persons", row.person_id));
      RETURN_IF_ERROR(tx.Authorize("org.admin", RecInt(p, "unit_id")));
    }
    if (row.fields.contains("particulars") && row.action != "unchanged")
      RETURN_IF_ERROR(tx.Authorize("people.particulars", unit));
  }
  return Status::Ok();
}

// person.import {source, csv}: plans the (UTF-8) CSV against the transaction and applies every row.
Status PersonImport(Tx& tx, const Json& j) {
  Input in(j);
  RETURN_IF_ERROR(AuthorizeImporter(tx));
  ASSIGN_OR_RETURN(std::string source, in.OptText(Field{"source", "", "ファイル名", "file name"}));
  if (!j.contains("csv") || !j["csv"].is_string() || j["csv"].get<std::string>().empty())
    return Missing(Field{"csv", "", "CSV", "CSV"});
  ASSIGN_OR_RETURN(std::vector<ImportRow> plan, PlanPersonImportAs(tx, j["csv"].get<std::string>()));
  Json summary{{"created", 0}, {"updated", 0}, {"unchanged", 0}};
  for (const ImportRow& row : plan) {
    RETURN_IF_ERROR(ApplyRow(tx, row));
    const char* key = row.action == "create" ? "created" : row.action == "update" ? "updated" : "unchanged";
    summary[key] = summary[key].get<int>() + 1;
  }
  tx.SetEntity("import:" + (source.empty() ? std::string("persons") : source));
  tx.output() = summary;
  return Status::Ok();
}

}  // namespace

Result<std::string> DecodeCsvBytes(const std::string& bytes, const std::string& encoding) {
  if (encoding != "auto" && encoding != "utf-8" && encoding != "shift_jis")
    return Status::Error(ErrorKind::kInvalidArgument, "import.encoding", "", "文字コードは auto, utf-8, shift_jis のいずれかです。",
                         "The encoding must be auto, utf-8 or shift_jis.", "encoding");
  std::string b = bytes;
  if (b.rfind("\xEF\xBB\xBF", 0) == 0) b = b.substr(3);
  if (encoding == "shift_jis") return FromShiftJis(b);
  const size_t bad = FirstInvalidUtf8(b);
  if (bad == std::string::npos) return b;
  if (encoding == "utf-8")
    return Status::Error(ErrorKind::kInvalidArgument, "import.encoding", "",
                         std::to_string(bad + 1) + "バイト目が UTF-8 ではありません。",
                         "Byte " + std::to_string(bad + 1) + " is not UTF-8.", "csv");
  return FromShiftJis(b);
}

Result<std::vector<CsvRecord>> ParseCsv(const std::string& text) {
  std::vector<CsvRecord> out;
  std::vector<std::string> line;
  int record_line = 1;
  std::string field;
  bool quoted = false, was_quoted = false;
  int ln = 1, col = 1, field_line = 1, field_col = 1;
  auto end_field = [&] {
    line.push_back(field);
    field.clear();
    was_quoted = false;
  };
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field += '"', ++i, col += 2;
        continue;
      }
      if (c == '"') {
        quoted = false, ++col;
        continue;
      }
      field += c;
      if (c == '\n') ++ln, col = 1;
      else if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++col;
      continue;
    }
    if (c == '"') {
      if (!field.empty() || was_quoted)
        return ImportError("import.csv_malformed", ln, col, "引用符（\"）の位置が正しくありません。",
                           "a quote (\") in the middle of an unquoted field.");
      quoted = was_quoted = true, field_line = ln, field_col = col, ++col;
      continue;
    }
    if (c == ',') {
      end_field(), ++col;
      continue;
    }
    if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') continue;
    if (c == '\n' || c == '\r') {
      end_field();
      if (!(line.size() == 1 && line[0].empty())) out.push_back(CsvRecord{record_line, line});
      line.clear(), ++ln, col = 1, record_line = ln;
      continue;
    }
    if (was_quoted)
      return ImportError("import.csv_malformed", ln, col, "引用符で囲んだ値の後に文字があります。",
                         "text after the closing quote of a field.");
    field += c;
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++col;
  }
  if (quoted)
    return ImportError("import.csv_malformed", field_line, field_col, "引用符が閉じられていません。", "a quoted field is not closed.");
  if (!field.empty() || !line.empty()) {
    end_field();
    out.push_back(CsvRecord{record_line, line});
  }
  return out;
}

Result<std::vector<ImportRow>> PlanPersonImport(Conn& conn, const std::vector<CsvRecord>& rows) {
  if (rows.empty()) return ImportError("import.empty", 1, 0, "ファイルが空です。", "the file is empty.");
  std::map<std::string, size_t> col;
  const int header_line = rows[0].line;
  for (size_t c = 0; c < rows[0].cells.size(); ++c) {
    const std::string h = Trim(rows[0].cells[c]);
    auto it = HeaderNames().find(h);
    if (it == HeaderNames().end())
      return ImportError("import.column_unknown", header_line, static_cast<int>(c) + 1, "不明な列名です: " + h,
                         "unknown column \"" + h + "\" (see the import format in the manual).");
    if (col.count(it->second))
      return ImportError("import.column_duplicate", header_line, static_cast<int>(c) + 1, "同じ列が2回あります: " + h,
                         "the column \"" + h + "\" appears twice.");
    col[it->second] = c;
  }
  for (const char* f : {"family_name", "given_name", "unit_code"})
    if (!col.count(f))
      return ImportError("import.column_missing", header_line, 0, std::string("必要な列がありません: ") + f,
                         std::string("a required column is missing: ") + f);
  std::vector<ImportRow> plan;
  std::map<std::string, int> emails;
  for (size_t i = 1; i < rows.size(); ++i) {
    ImportRow row;
    row.line = rows[i].line;
    RETURN_IF_ERROR(CheckRow(conn, col, rows[i].cells, row));
    const std::string email = row.fields["email"];
    if (!email.empty()) {
      if (emails.count(email))
        return ImportError("import.email_duplicate", row.line, static_cast<int>(col["email"]) + 1,
                           "同じメールアドレスが " + std::to_string(emails[email]) + "行目にもあります。",
                           "the same e-mail is on line " + std::to_string(emails[email]) + ".");
      emails[email] = row.line;
    }
    RETURN_IF_ERROR(Classify(conn, row));
    plan.push_back(std::move(row));
  }
  return plan;
}

Json PlanJson(const std::vector<ImportRow>& plan) {
  Json rows = Json::array();
  for (const ImportRow& r : plan)
    rows.push_back(Json{{"line", r.line}, {"action", r.action}, {"person_id", r.person_id}, {"fields", r.fields},
                        {"changes", r.changes}});
  return rows;
}

Status AuthorizeImporter(Tx& tx) {
  if (tx.actor().system) return tx.AuthorizeSystem();
  ASSIGN_OR_RETURN(auto units, UnitsWithPermission(tx.conn(), tx.catalog(), tx.actor().person_id, "org.admin",
                                                   tx.now_text()));
  if (!units || !units->empty()) return Status::Ok();
  const PermissionDef* p = tx.catalog().FindPermission("org.admin");
  return Status::Error(ErrorKind::kForbidden, "authz.denied", p ? p->clause : "",
                       "職員を取り込む権限がありません。「" + (p ? p->name_ja : std::string("org.admin")) +
                           "」の権限を持つ指定が必要です。",
                       "Not allowed to import people: it needs a designation that allows to " +
                           (p ? p->name_en : std::string("org.admin")) + ".");
}

Result<std::vector<ImportRow>> PlanPersonImportAs(Tx& tx, const std::string& csv) {
  RETURN_IF_ERROR(AuthorizeImporter(tx));
  auto rows = ParseCsv(csv);
  if (!rows.ok()) return rows.status();
  auto plan = PlanPersonImport(tx.conn(), *rows);
  if (!plan.ok()) return WithParticularsClause(tx.catalog(), plan.status());
  if (plan->empty())
    return ImportError("import.empty", rows->empty() ? 1 : (*rows)[0].line + 1, 0, "取り込む行がありません。",
                       "the file has no rows to import.");
  RETURN_IF_ERROR(AuthorizeRows(tx, *plan));
  return plan;
}

void RegisterImportCommands(Engine& e) {
  e.Register({"person.import", "Create or update people from a CSV file, all rows or none", PersonImport});
}

}  // namespace mamori
