#include "bench/bench_org.h"

#include <sqlite3.h>
#include <sys/stat.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <map>
#include <memory>
#include <numeric>
#include <queue>
#include <random>
#include <string_view>

#include "app/app.h"
#include "crypto/crypto.h"
#include "ledger/queries.h"
#include "profile/profile.h"

namespace mamori::bench {

// ---- running a bench ------------------------------------------------------------------------------

namespace {
const char* g_bench_name = "bench";
}

void SetBenchName(const char* name) { g_bench_name = name; }

void Die(const std::string& what) {
  std::fprintf(stderr, "%s: %s\n", g_bench_name, what.c_str());
  std::exit(1);
}

void Check(const Status& s, const char* what) {
  if (!s.ok()) Die(std::string(what) + ": " + s.ToString());
}

double Percentile(std::vector<double> v, double p) {
  std::sort(v.begin(), v.end());
  const size_t i = static_cast<size_t>(std::ceil(p * static_cast<double>(v.size())));
  return v[std::min(i > 0 ? i - 1 : 0, v.size() - 1)];
}

std::string LoadAverage() {
  char buf[64] = {};
  FILE* f = std::fopen("/proc/loadavg", "r");
  if (f) {
    if (!std::fgets(buf, sizeof buf, f)) buf[0] = '\0';
    std::fclose(f);
  }
  std::string s = buf;
  size_t cut = 0;
  for (int spaces = 0; cut < s.size() && spaces < 3; ++cut) spaces += s[cut] == ' ';
  return s.substr(0, cut ? cut - 1 : 0);
}

std::string CpuModel() {
  FILE* f = std::fopen("/proc/cpuinfo", "r");
  std::string cpu;
  char line[512];
  while (f && std::fgets(line, sizeof line, f))
    if (std::strncmp(line, "model name", 10) == 0 && std::strchr(line, ':')) {
      cpu = std::strchr(line, ':') + 2;
      cpu.erase(cpu.find_last_not_of("\n") + 1);
      break;
    }
  if (f) std::fclose(f);
  return cpu;
}

int64_t FileBytes(const std::string& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0 ? static_cast<int64_t>(st.st_size) : 0;
}

// ---- item states ------------------------------------------------------------------------------------

const std::vector<Share> kMediumStates = {
    {"in_storage", 70},         {"in_use", 6},   {"awaiting_check", 2},     {"movement_requested", 0.5},
    {"out", 3},                 {"handover_requested", 0.3}, {"handover_approved", 0.2},
    {"destruction_pending", 0.5}, {"destroyed", 16}, {"handed_over", 1.5}};
const std::vector<Share> kDeviceStates = {{"in_storage", 72}, {"in_use", 8},  {"awaiting_check", 2},
                                          {"movement_requested", 0.5}, {"out", 2.5}, {"disposed", 15}};

bool HasCurrentRow(const std::string& s) {
  return s == "in_use" || s == "awaiting_check" || s == "movement_requested" || s == "out" ||
         s == "handover_requested" || s == "handover_approved";
}

bool IsFinal(const std::string& s) {
  return s == "destroyed" || s == "handed_over" || s == "disposed" || s == "destruction_pending";
}

// ---- the generator ------------------------------------------------------------------------------------

namespace {

using Steady = std::chrono::steady_clock;
constexpr Micros kYear = 365 * kDay;

double SecondsSince(Steady::time_point t0) { return std::chrono::duration<double>(Steady::now() - t0).count(); }

// "2026-11-22T01:42:00.000Z" as FormatUtc writes it, without allocating (tens of millions are written).
class Ts {
 public:
  explicit Ts(Micros t) {
    const int64_t ms_total = t >= 0 ? t / 1000 : -((-t + 999) / 1000);
    int64_t secs = ms_total >= 0 ? ms_total / 1000 : -((-ms_total + 999) / 1000);
    const int ms = static_cast<int>(ms_total - secs * 1000);
    int64_t days = secs >= 0 ? secs / 86400 : -((-secs + 86399) / 86400);
    const int64_t rem = secs - days * 86400;
    // Howard Hinnant's days_from_civil inverse.
    const int64_t z = days + 719468;
    const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const int64_t doe = z - era * 146097;
    const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const int64_t mp = (5 * doy + 2) / 153;
    const int d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
    const int m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
    const int y = static_cast<int>(yoe + era * 400 + (m <= 2));
    Put(0, y, 4);
    s_[4] = '-';
    Put(5, m, 2);
    s_[7] = '-';
    Put(8, d, 2);
    s_[10] = 'T';
    Put(11, static_cast<int>(rem / 3600), 2);
    s_[13] = ':';
    Put(14, static_cast<int>(rem % 3600 / 60), 2);
    s_[16] = ':';
    Put(17, static_cast<int>(rem % 60), 2);
    s_[19] = '.';
    Put(20, ms, 3);
    s_[23] = 'Z';
    s_[24] = '\0';
  }
  std::string_view view() const { return {s_, 24}; }

 private:
  void Put(int at, int v, int width) {
    for (int i = width - 1; i >= 0; --i, v /= 10) s_[at + i] = static_cast<char>('0' + v % 10);
  }
  char s_[25];
};

// A bound statement argument: NULL, an integer or text (borrowed until the statement has run).
struct Arg {
  enum Kind { kNull, kInt, kText } kind;
  int64_t i = 0;
  std::string_view s;
  Arg(std::nullptr_t) : kind(kNull) {}  // NOLINT(google-explicit-constructor): argument lists read as rows
  Arg(int64_t v) : kind(kInt), i(v) {}  // NOLINT
  Arg(int v) : kind(kInt), i(v) {}      // NOLINT
  Arg(std::string_view v) : kind(kText), s(v) {}  // NOLINT
  Arg(const std::string& v) : kind(kText), s(v) {}  // NOLINT
  Arg(const char* v) : kind(kText), s(v) {}  // NOLINT
  Arg(const Ts& t) : kind(kText), s(t.view()) {}  // NOLINT
};

// The generator's own connection: raw SQLite, prepared statements, errors end the run.
class Db {
 public:
  explicit Db(const std::string& path) {
    if (sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nullptr) != SQLITE_OK) Die("open " + path);
  }
  ~Db() { sqlite3_close_v2(db_); }
  Db(const Db&) = delete;
  void Exec(const std::string& sql) {
    char* err = nullptr;
    if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &err) != SQLITE_OK) Die(sql.substr(0, 80) + ": " + (err ? err : "?"));
  }
  int64_t Int(const std::string& sql) {
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &st, nullptr) != SQLITE_OK) Die(sql + ": " + sqlite3_errmsg(db_));
    const int64_t v = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    sqlite3_finalize(st);
    return v;
  }
  sqlite3* raw() { return db_; }

 private:
  sqlite3* db_ = nullptr;
};

class Stmt {
 public:
  Stmt(Db& db, const char* sql) : db_(db.raw()) {
    if (sqlite3_prepare_v3(db_, sql, -1, SQLITE_PREPARE_PERSISTENT, &st_, nullptr) != SQLITE_OK)
      Die(std::string(sql).substr(0, 60) + ": " + sqlite3_errmsg(db_));
  }
  ~Stmt() { sqlite3_finalize(st_); }
  Stmt(const Stmt&) = delete;
  void Run(std::initializer_list<Arg> args) {
    int k = 0;
    for (const Arg& a : args) {
      ++k;
      if (a.kind == Arg::kNull) sqlite3_bind_null(st_, k);
      else if (a.kind == Arg::kInt) sqlite3_bind_int64(st_, k, a.i);
      else sqlite3_bind_text(st_, k, a.s.data(), static_cast<int>(a.s.size()), SQLITE_STATIC);
    }
    if (sqlite3_step(st_) != SQLITE_DONE) Die(std::string(sqlite3_sql(st_)).substr(0, 60) + ": " + sqlite3_errmsg(db_));
    sqlite3_reset(st_);
  }

 private:
  sqlite3* db_;
  sqlite3_stmt* st_ = nullptr;
};

const char* const kFamily[] = {"佐藤", "鈴木", "高橋", "田中", "伊藤", "渡辺", "山本", "中村", "小林", "加藤",
                               "吉田", "山田", "佐々木", "山口", "松本", "井上", "木村", "林", "斎藤", "清水",
                               "山崎", "森", "池田", "橋本", "阿部", "石川", "山下", "中島", "石井", "小川"};
const char* const kGiven[] = {"太郎", "花子", "一郎", "陽子", "健", "直美", "誠", "恵子", "翔", "美咲",
                              "大輔", "由美", "拓也", "明美", "亮", "真由美", "剛", "香織", "浩二", "智子",
                              "学", "裕子", "修", "京子", "聡", "愛", "隆", "彩", "実", "舞"};
const char* const kMediaTypes[] = {"USBメモリ", "USBメモリ", "USBメモリ", "SDカード", "DVD-R", "外付けHDD", "BD-R"};
const char* const kDevTypes[] = {"デジタルカメラ", "ICレコーダー", "タブレット端末", "プロジェクタ"};

enum Level { kRoot, kDivision, kDepartment, kSection, kFacility };

struct UnitG {
  int64_t id = 0;
  int parent = -1;  // index
  Level level = kSection;
  std::string code, name_ja;
  std::vector<int32_t> members;  // person indices
  // Sections: who does what in its ledger (person indices; actives only).
  int32_t manager = -1, inspector = -1;
  std::vector<int32_t> media_users, carriers, plain;  // plain: active members who are neither
  std::vector<int32_t> items;                          // item indices
};

struct PersonG {
  int64_t id = 0;
  int32_t unit = 0;
  bool active = true;
  std::string name;
};

// One item and, while the ledger is written, where its timeline stands.
struct ItemG {
  Micros registered = 0, end = 0, final_at = 0, current_created = 0;
  int64_t current_entry = 0;
  uint64_t rng = 0;  // splitmix64 state of its timeline
  int32_t unit = 0;
  uint16_t history = 0, row = 0;
  uint8_t state = 0;  // index into kStateNames
  bool device = false;
};

const char* const kStateNames[] = {"in_storage", "in_use", "awaiting_check", "movement_requested", "out",
                                   "handover_requested", "handover_approved", "destruction_pending",
                                   "destroyed", "handed_over", "disposed"};
uint8_t StateIndex(const std::string& s) {
  for (uint8_t i = 0; i < std::size(kStateNames); ++i)
    if (s == kStateNames[i]) return i;
  Die("unknown state " + s);
}

uint64_t SplitMix(uint64_t& x) {
  uint64_t z = (x += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}
double Unit01(uint64_t& x) { return static_cast<double>(SplitMix(x) >> 11) * 0x1.0p-53; }
int64_t Range(uint64_t& x, int64_t lo, int64_t hi) {
  return lo + static_cast<int64_t>(SplitMix(x) % static_cast<uint64_t>(hi - lo + 1));
}

class Generator {
 public:
  Generator(const OrgSpec& spec, Micros now, Db& db, const Profile& profile)
      : spec_(spec), now_(now), db_(db), profile_(profile), rng_(spec.seed),
        mod_internal_(std::find(spec.profiles.begin(), spec.profiles.end(), "mod-internal") != spec.profiles.end()),
        cutoff_(Workday{TimeZone{}, "18:15"}.LastEndBefore(now)), start_(now - 6 * kYear) {}

  void Run(OrgStats& st) {
    Step("units", [&] { Units(); });
    Step("persons", [&] { Persons(); });
    Step("designations", [&] { Designations(); });
    Step("accounts", [&] { Accounts(); });
    Step("items", [&] { Items(); });
    Step("ledger entries", [&] { Ledger(); });
    Step("current rows", [&] { CurrentRows(); });
    Step("reconciliations", [&] { Reconciliations(); });
    Step("obligation occurrences", [&] { Occurrences(); });
    st.units = static_cast<int64_t>(units_.size());
    st.persons = static_cast<int64_t>(persons_.size());
    st.accounts = accounts_;
    st.designations = designations_;
    st.items = static_cast<int64_t>(items_.size());
    st.entries = entries_;
    st.reconciliations = reconciliations_;
    st.discrepancies = discrepancies_;
    st.occurrences = occurrences_;
    for (const auto& [rule, n] : planted_) st.planted.emplace_back(rule, n);
  }

 private:
  template <typename F>
  void Step(const char* what, F&& f) {
    const auto t0 = Steady::now();
    db_.Exec("BEGIN");
    f();
    db_.Exec("COMMIT");
    std::fprintf(stderr, "  %-24s %7.1f s\n", what, SecondsSince(t0));
  }

  bool Chance(double p) { return std::uniform_real_distribution<double>(0, 1)(rng_) < p; }
  int64_t Between(int64_t lo, int64_t hi) { return std::uniform_int_distribution<int64_t>(lo, hi)(rng_); }
  template <typename T, size_t N>
  T Pick(T (&a)[N]) { return a[static_cast<size_t>(Between(0, static_cast<int64_t>(N) - 1))]; }
  void Plant(const char* rule, int64_t n = 1) { planted_[rule] += n; }

  // ---- units ----
  void Units() {
    const int64_t base = db_.Int("SELECT COALESCE(MAX(id), 0) FROM org_units");
    const int64_t root_id = db_.Int("SELECT MIN(id) FROM org_units");
    units_.push_back({root_id, -1, kRoot, "ROOT", "本社"});
    constexpr int kDivisions = 8, kDepartments = 12;
    const int64_t sections = std::max<int64_t>(kDivisions * kDepartments,
                                               spec_.units - 1 - kDivisions * (kDepartments + 2));
    Stmt ins(db_, "INSERT INTO org_units (id, parent_id, kind, code, name_ja, name_en, head_title, created_at) "
                  "VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    const Ts created(start_);
    int64_t id = base;
    auto add = [&](int parent, Level level, const std::string& code, const std::string& ja, const std::string& en,
                   const char* kind, const char* head) {
      ins.Run({++id, units_[static_cast<size_t>(parent)].id, kind, code, ja, en, head, created});
      units_.push_back({id, parent, level, code, ja});
      return static_cast<int>(units_.size()) - 1;
    };
    std::vector<int> depts;
    for (int d = 1; d <= kDivisions; ++d) {
      const std::string dc = "D" + std::to_string(d);
      const int div = add(0, kDivision, dc, "第" + std::to_string(d) + "事業部", "Division " + std::to_string(d),
                          "department", "事業部長");
      add(div, kFacility, "F" + std::to_string(d), "第" + std::to_string(d) + "事業部 取扱施設",
          "Handling facility " + std::to_string(d), "handling_facility", "施設管理者");
      for (int p = 1; p <= kDepartments; ++p) {
        char code[16];
        std::snprintf(code, sizeof code, "%s-%02d", dc.c_str(), p);
        depts.push_back(add(div, kDepartment, code, "第" + std::to_string(d) + "事業部 第" + std::to_string(p) + "部",
                            std::string("Department ") + code, "department", "部長"));
      }
    }
    // Sections per department vary (a realistic tree is not regular): 60 % to 140 % of the mean.
    std::vector<double> w;
    for (size_t i = 0; i < depts.size(); ++i) w.push_back(0.6 + 0.8 * std::uniform_real_distribution<double>(0, 1)(rng_));
    const double sum = std::accumulate(w.begin(), w.end(), 0.0);
    int64_t left = sections;
    for (size_t i = 0; i < depts.size(); ++i) {
      const int64_t n = i + 1 == depts.size() ? left : std::max<int64_t>(1, std::llround(sections * w[i] / sum));
      for (int64_t s = 1; s <= n && left > 0; ++s, --left) {
        char code[24];
        std::snprintf(code, sizeof code, "%s-%02lld", units_[static_cast<size_t>(depts[i])].code.c_str(),
                      static_cast<long long>(s));
        add(depts[i], kSection, code, units_[static_cast<size_t>(depts[i])].name_ja + " 第" + std::to_string(s) + "課",
            std::string("Section ") + code, "department", "課長");
      }
    }
  }

  // ---- persons ----
  void Persons() {
    const int64_t base = db_.Int("SELECT COALESCE(MAX(id), 0) FROM persons");
    std::vector<double> w;
    for (const UnitG& u : units_)
      w.push_back(u.level == kRoot ? 60 : u.level == kDivision ? 20 : u.level == kDepartment ? 10
                  : u.level == kFacility ? 6 : 30 + 70 * std::uniform_real_distribution<double>(0, 1)(rng_));
    std::discrete_distribution<int32_t> unit_of(w.begin(), w.end());
    std::vector<int32_t> assign;
    for (size_t u = 0; u < units_.size(); ++u)  // every unit has someone; sections at least 10
      for (int k = 0; k < (units_[u].level == kSection ? 10 : 4); ++k) assign.push_back(static_cast<int32_t>(u));
    while (static_cast<int64_t>(assign.size()) < spec_.persons) assign.push_back(unit_of(rng_));
    std::shuffle(assign.begin(), assign.end(), rng_);
    for (size_t i = 0; i < assign.size(); ++i) {
      PersonG p;
      p.id = base + 1 + static_cast<int64_t>(i);
      p.unit = assign[i];
      p.active = !Chance(0.03);  // 3 % have left
      UnitG& u = units_[static_cast<size_t>(p.unit)];
      if (u.members.size() < 8) p.active = true;  // the first 8 of a unit hold its roles
      u.members.push_back(static_cast<int32_t>(i));
      persons_.push_back(std::move(p));
    }
    Stmt ins(db_, "INSERT INTO persons (id, family_name, given_name, unit_id, title, kind, email, active, created_at) "
                  "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
    const Ts created(start_);
    for (PersonG& p : persons_) {
      const char* fam = Pick(kFamily);
      const char* giv = Pick(kGiven);
      p.name = std::string(fam) + " " + giv;
      const double k = std::uniform_real_distribution<double>(0, 1)(rng_);
      const char* kind = k < 0.88 ? "employee" : k < 0.96 ? "contractor" : "non_regular";
      ins.Run({p.id, fam, giv, units_[static_cast<size_t>(p.unit)].id, "社員", kind,
               "p" + std::to_string(p.id) + "@bench.example.co.jp", int64_t{p.active}, created});
    }
  }

  // ---- designations ----
  struct Held {
    bool handler = false, psu = false;
  };

  // valid_from (and created_at) is `from`, or a day in the first 20 of the organization when 0.
  void Designate(int32_t person, const char* role, int unit, int32_t by, const char* note, Micros until = 0,
                 Micros revoked = 0, Micros from = 0) {
    if (!from) from = start_ + Between(0, 20) * kDay;
    des_->Run({++designation_id_, persons_[static_cast<size_t>(person)].id, role, units_[static_cast<size_t>(unit)].id,
               by >= 0 ? Arg(persons_[static_cast<size_t>(by)].id) : Arg(nullptr), Ts(from),
               until ? Arg(Ts(until)) : Arg(nullptr), revoked ? Arg(Ts(revoked)) : Arg(nullptr),
               revoked && by >= 0 ? Arg(persons_[static_cast<size_t>(by)].id) : Arg(nullptr), note, Ts(from)});
    ++designations_;
  }
  // A designation that needs a stated reason (minimum_necessary): 1.5 % have none.
  void DesignateWithReason(int32_t person, const char* role, int unit, int32_t by, const char* rule) {
    const bool bare = Chance(0.015);
    if (bare) Plant(rule);
    Designate(person, role, unit, by, bare ? "" : "業務の遂行上必要なため（担当業務に従事）");
  }
  void Handler(int32_t p, int unit) { DesignateWithReason(p, "handler", unit, executive_, "handler_designation_without_reason"); }
  void SystemUser(int32_t p, int unit) {
    DesignateWithReason(p, "protected_system_user", unit, executive_, "system_user_designation_without_reason");
  }

  std::vector<int32_t> Actives(const UnitG& u) {
    std::vector<int32_t> out;
    for (int32_t m : u.members)
      if (persons_[static_cast<size_t>(m)].active) out.push_back(m);
    return out;
  }

  void Designations() {
    designation_id_ = db_.Int("SELECT COALESCE(MAX(id), 0) FROM designations");
    Stmt ins(db_, "INSERT INTO designations (id, person_id, role_code, unit_id, designated_by_person_id, valid_from, "
                  "valid_until, revoked_at, revoked_by_person_id, note, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    des_ = &ins;
    const std::vector<int32_t> top = Actives(units_[0]);
    executive_ = top[0];
    Designate(executive_, "executive", 0, -1, "");
    Handler(top[1], 0);
    Designate(top[1], "general_manager", 0, executive_, "");
    Handler(top[2], 0);
    Designate(top[2], "audit_department_member", 0, executive_, "");
    Designate(top[3], "audit_participant", 0, top[1], "", now_ + 90 * kDay);
    if (mod_internal_) Designate(top[0], "ia_officer", 0, -1, "");
    for (size_t u = 1; u < units_.size(); ++u) {
      UnitG& unit = units_[u];
      const std::vector<int32_t> a = Actives(unit);
      const int ui = static_cast<int>(u);
      if (unit.level == kDivision) Division(ui, a);
      else if (unit.level == kDepartment) Department(ui, a);
      else if (unit.level == kFacility) Facility(ui, a);
      else Section(ui, a);
      Departed(ui);
    }
  }

  void Division(int u, const std::vector<int32_t>& a) {
    const bool broken = ++divisions_seen_ == 3;  // one physical security manager is not a manager
    Handler(a[0], u);
    if (!broken) Designate(a[0], "manager", u, executive_, "");
    else Plant("physical_security_manager_not_manager");
    Designate(a[0], "physical_security_manager", u, general_manager(), "");
    for (size_t i = 1; i < a.size(); ++i)
      if (Chance(0.5)) Handler(a[i], u);
  }

  void Department(int u, const std::vector<int32_t>& a) {
    Handler(a[0], u);
    SystemUser(a[0], u);
    Designate(a[0], "manager", u, executive_, "");
    Handler(a[1], u);
    const bool no_user = Chance(0.02);
    if (no_user) Plant("system_role_holder_not_user");
    else SystemUser(a[1], u);
    Designate(a[1], "protected_system_admin", u, executive_, "");
    if (Chance(0.03)) {  // also a manager: a pair 第5 2(3)エ does not allow
      Designate(a[1], "manager", u, executive_, "");
      Plant("incompatible_roles_held");
    }
    Handler(a[2], u);
    SystemUser(a[2], u);
    Designate(a[2], "protected_system_staff", u, executive_, "");
    for (size_t i = 3; i < a.size(); ++i)
      if (Chance(0.5)) Handler(a[i], u);
  }

  void Facility(int u, const std::vector<int32_t>& a) {
    for (size_t i = 0; i < a.size(); ++i) Designate(a[i], i == 0 ? "escort" : "guard", u, -1, "");
  }

  void Section(int u, const std::vector<int32_t>& a) {
    UnitG& unit = units_[static_cast<size_t>(u)];
    // 0 manager, 1-2 carriers, 3 disposal inspector, 4 key holder, 5-6 media users; the rest by chance.
    unit.manager = a[0];
    const bool not_handler = Chance(0.005);
    if (not_handler) Plant("responsibility_holder_not_handler");
    else Handler(a[0], u);
    SystemUser(a[0], u);
    Designate(a[0], "manager", u, executive_, "");
    for (size_t i = 1; i < a.size(); ++i) {
      const int32_t p = a[i];
      const bool forced_media = i == 5 || i == 6;
      const bool handler = i <= 6 || Chance(0.65);
      bool psu = forced_media || (handler ? Chance(0.55) : Chance(0.01));
      if (handler) Handler(p, u);
      if (psu) SystemUser(p, u);
      if (psu && !handler) Plant("non_handler_with_protected_access");
      if (i == 1 || i == 2) {
        DesignateWithReason(p, "carrier", u, a[0], "carrier_designation_without_reason");
        unit.carriers.push_back(p);
      } else if (i == 3) {
        Designate(p, "disposal_inspector", u, a[0], "");
        unit.inspector = p;
        if (mod_internal_) {  // 000's roles too: the manager is the unit IA officer, who names the witness
          Designate(a[0], "unit_ia_officer", u, executive_, "");
          Designate(p, "destruction_witness", u, a[0], "", 0, 0, start_ + Between(25, 30) * kDay);
        }
      } else if (i == 4) {
        Designate(p, "key_holder", u, a[0], "");
      }
      if (forced_media || (handler && psu && Chance(0.75))) {
        DesignateWithReason(p, "media_user", u, a[0], "media_user_designation_without_reason");
        unit.media_users.push_back(p);
      } else if (i > 2) {
        unit.plain.push_back(p);
      }
      if (handler && Chance(0.04))  // an earlier designation, ended
        Designate(p, "handler", u, executive_, "前任業務", 0, start_ + Between(30, 300) * kDay);
    }
  }

  // People who left: their designations ended when they left, except for some (a breach).
  void Departed(int u) {
    for (int32_t m : units_[static_cast<size_t>(u)].members) {
      if (persons_[static_cast<size_t>(m)].active) continue;
      const bool kept = Chance(0.2);
      const Micros left = now_ - Between(10, 900) * kDay;
      Designate(m, "handler", u, executive_, "業務の遂行上必要なため", 0, kept ? 0 : left);
      if (kept) Plant("departed_handler_still_designated");
      if (Chance(0.5)) {
        Designate(m, "protected_system_user", u, executive_, "業務の遂行上必要なため", 0, kept ? 0 : left);
        if (kept) Plant("departed_system_user_still_designated");
      }
    }
  }
  int32_t general_manager() const { return Actives0(1); }
  int32_t Actives0(size_t k) const {
    size_t seen = 0;
    for (int32_t m : units_[0].members)
      if (persons_[static_cast<size_t>(m)].active && seen++ == k) return m;
    return executive_;
  }

  // ---- accounts ----
  void Accounts() {
    const std::string hash = Check(HashPassword("bench-password-0001"), "hash");
    std::vector<char> has(persons_.size(), 0);
    for (const UnitG& u : units_) {
      if (u.manager >= 0) has[static_cast<size_t>(u.manager)] = 1;
      if (u.inspector >= 0) has[static_cast<size_t>(u.inspector)] = 1;
      for (int32_t p : u.carriers) has[static_cast<size_t>(p)] = 1;
      for (int32_t p : u.media_users) has[static_cast<size_t>(p)] = 1;
      if (u.level != kSection)
        for (size_t i = 0; i < std::min<size_t>(4, u.members.size()); ++i) has[static_cast<size_t>(u.members[i])] = 1;
    }
    int64_t id = db_.Int("SELECT COALESCE(MAX(id), 0) FROM accounts");
    Stmt ins(db_, "INSERT INTO accounts (id, person_id, username, password_hash, totp_secret, must_change_password, "
                  "disabled, password_changed_at, created_at) VALUES (?, ?, ?, ?, NULL, 0, ?, ?, ?)");
    const Ts created(start_ + 30 * kDay);
    for (size_t i = 0; i < persons_.size(); ++i) {
      if (!has[i] && !Chance(0.15)) continue;
      char user[24];
      std::snprintf(user, sizeof user, "u%06lld", static_cast<long long>(persons_[i].id));
      ins.Run({++id, persons_[i].id, user, hash, int64_t{!persons_[i].active}, created, created});
      ++accounts_;
    }
  }

  // ---- items ----
  std::string PickState(bool device) {
    const std::vector<Share>& s = device ? kDeviceStates : kMediumStates;
    std::vector<double> w;
    for (const Share& x : s) w.push_back(x.weight);
    return s[std::discrete_distribution<size_t>(w.begin(), w.end())(rng_)].state;
  }

  void Items() {
    std::vector<int> sections;
    std::vector<double> w;
    for (size_t u = 0; u < units_.size(); ++u)
      if (units_[u].level == kSection) {
        sections.push_back(static_cast<int>(u));
        w.push_back(0.3 + 1.4 * std::uniform_real_distribution<double>(0, 1)(rng_));
      }
    std::discrete_distribution<size_t> section_of(w.begin(), w.end());
    items_.resize(static_cast<size_t>(spec_.items));
    for (ItemG& it : items_) {
      it.unit = sections[section_of(rng_)];
      it.device = Chance(0.2);
      const double u = std::uniform_real_distribution<double>(0, 1)(rng_);
      it.registered = now_ - 30 * kDay - static_cast<Micros>(std::pow(u, 1.5) * static_cast<double>(5 * kYear - 30 * kDay));
      it.state = StateIndex(PickState(it.device));
      it.rng = rng_();
    }
    // Ids in registration order, as the commands would have given them.
    std::sort(items_.begin(), items_.end(), [](const ItemG& a, const ItemG& b) { return a.registered < b.registered; });
    PlanTimelines();
    item_base_ = db_.Int("SELECT COALESCE(MAX(id), 0) FROM items");
    Stmt ins(db_,
             "INSERT INTO items (id, control_no, kind, type, storage, custodian_unit_id, vendor, product, serial, state, "
             "origin, received_from, registered_at, registered_by_person_id, current_entry_id, final_kind, final_at, "
             "final_method, executor_person_id, executor_affiliation, executor_name, witness_person_id, "
             "witness_affiliation, witness_name, witnessed_at, erasure_confirmed_by_person_id, version) "
             "VALUES (?, ?, ?, ?, ?, ?, ?, '', ?, ?, ?, ?, ?, ?, NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    std::map<std::pair<int, bool>, int> next_no;
    for (size_t i = 0; i < items_.size(); ++i) {
      ItemG& it = items_[i];
      UnitG& u = units_[static_cast<size_t>(it.unit)];
      u.items.push_back(static_cast<int32_t>(i));
      char no[40];
      std::snprintf(no, sizeof no, "%s-%s-%05d", it.device ? "D" : "M", u.code.c_str(), ++next_no[{it.unit, it.device}]);
      WriteItem(ins, i, no);
    }
  }

  void WriteItem(Stmt& ins, size_t i, const char* no) {
    ItemG& it = items_[i];
    const UnitG& u = units_[static_cast<size_t>(it.unit)];
    const std::string state = kStateNames[it.state];
    const bool received = !it.device && Chance(0.05);
    const bool fin = IsFinal(state);
    const PersonG& mgr = persons_[static_cast<size_t>(u.manager)];
    const PersonG& insp = persons_[static_cast<size_t>(u.inspector)];
    const bool destroyed = state == "destroyed", disposed = state == "disposed";
    // 0.5 % of destructions and disposals were inspected by whoever carried them out.
    const bool self = (destroyed || disposed) && Chance(0.005);
    if (self) Plant("disposal_inspected_by_executor");
    const PersonG& witness = self ? mgr : insp;
    const Ts fat(it.final_at);
    ins.Run({item_base_ + 1 + static_cast<int64_t>(i), no, it.device ? "device" : "medium",
             it.device ? Pick(kDevTypes) : Pick(kMediaTypes), u.name_ja + " 施錠保管庫", u.id,
             it.device ? "SONY" : "BUFFALO", "SN" + std::to_string(item_base_ + 1 + static_cast<int64_t>(i)), state,
             received ? "received" : "registered", received ? "防衛装備庁" : "", Ts(it.registered), mgr.id,
             fin ? Arg(state == "destruction_pending" ? "destroyed" : state.c_str()) : Arg(nullptr),
             fin ? Arg(fat) : Arg(nullptr), fin ? Arg(disposed ? "" : state == "handed_over" ? "" : "shred") : Arg(nullptr),
             fin ? Arg(mgr.id) : Arg(nullptr), fin ? Arg(u.name_ja) : Arg(nullptr), fin ? Arg(mgr.name) : Arg(nullptr),
             destroyed || state == "destruction_pending" ? Arg(witness.id) : Arg(nullptr),
             destroyed ? Arg(u.name_ja) : Arg(nullptr), destroyed ? Arg(witness.name) : Arg(nullptr),
             destroyed ? Arg(fat) : Arg(nullptr), disposed ? Arg(witness.id) : Arg(nullptr),
             int64_t{1 + 2 * it.history + (it.current_created ? 2 : 0)}});
  }

  // How many rows each item's ledger has (older and busier items more, spec_.events in all) and when
  // its current row, if any, was opened.
  void PlanTimelines() {
    std::vector<double> weight(items_.size());
    std::lognormal_distribution<double> activity(0, 0.8);
    double sum = 0;
    for (size_t i = 0; i < items_.size(); ++i) {
      ItemG& it = items_[i];
      const std::string state = kStateNames[it.state];
      if (IsFinal(state)) {
        it.final_at = it.registered + 20 * kDay +
                      static_cast<Micros>(std::uniform_real_distribution<double>(0, 1)(rng_) *
                                          static_cast<double>(now_ - kDay - it.registered - 20 * kDay));
        it.end = it.final_at - kHour;
      } else if (HasCurrentRow(state)) {
        it.current_created = CurrentCreated(state);
        it.end = it.current_created - kHour;
      } else {
        it.end = now_ - kHour;
      }
      weight[i] = static_cast<double>(it.end - it.registered) / kDay * activity(rng_);
      sum += weight[i];
    }
    const int64_t current = std::count_if(items_.begin(), items_.end(), [](const ItemG& it) { return it.current_created; });
    const double scale = static_cast<double>(spec_.events - current) / sum;
    int64_t total = 0;
    for (size_t i = 0; i < items_.size(); ++i) {
      const double x = weight[i] * scale;
      int64_t n = static_cast<int64_t>(x) + (std::uniform_real_distribution<double>(0, 1)(rng_) < x - std::floor(x));
      if (kStateNames[items_[i].state] == std::string("handed_over")) n = std::max<int64_t>(n, 1);
      items_[i].history = static_cast<uint16_t>(std::min<int64_t>(n, 2000));
      total += items_[i].history;
    }
    // Exactly spec_.events rows: add or take single rows at random.
    std::uniform_int_distribution<size_t> any(0, items_.size() - 1);
    while (total + current < spec_.events) ++items_[any(rng_)].history, ++total;
    while (total + current > spec_.events) {
      ItemG& it = items_[any(rng_)];
      if (it.history > (kStateNames[it.state] == std::string("handed_over") ? 1 : 0)) --it.history, --total;
    }
  }

  Micros CurrentCreated(const std::string& state) {
    if (state == "in_use")  // one in six was taken before the end of the last working day: overdue
      return Chance(1.0 / 6) ? cutoff_ - Between(1, 48) * kHour : now_ - Between(10, 200) * kMinute;
    if (state == "awaiting_check") return now_ - Between(60, 300) * kMinute;
    if (state == "movement_requested") return now_ - Between(1, 48) * kHour;
    return now_ - Between(24, 240) * kHour;  // out, handover requested or approved
  }

  // ---- ledger entries, in time order over all items ----
  void Ledger() {
    Stmt ins(db_,
             "INSERT INTO ledger_entries (id, item_id, row_no, movement, started_at, user_person_id, user_name, purpose, "
             "place, returned_at, returned_by_person_id, check_result, checked_at, checked_by_person_id, period_from, "
             "period_until, destination, movement_purpose, borrower, handover_at, handover_executor, handover_recipient, "
             "data_minimized, approval, approved_by_person_id, approved_at, approval_note, created_at) "
             "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '', ?, ?, ?, ?, ?, ?, ?, '', ?)");
    ins_ = &ins;
    entry_id_ = db_.Int("SELECT COALESCE(MAX(id), 0) FROM ledger_entries");
    using Next = std::pair<Micros, int32_t>;
    std::priority_queue<Next, std::vector<Next>, std::greater<>> heap;
    for (size_t i = 0; i < items_.size(); ++i) {
      ItemG& it = items_[i];
      if (it.history) heap.push({NextTime(it, it.registered), static_cast<int32_t>(i)});
      else if (it.current_created) heap.push({it.current_created, static_cast<int32_t>(i)});
    }
    const auto t0 = Steady::now();
    while (!heap.empty()) {
      const auto [at, i] = heap.top();
      heap.pop();
      ItemG& it = items_[static_cast<size_t>(i)];
      if (it.history == 0) {
        CurrentEntry(it, static_cast<size_t>(i));
        continue;
      }
      --it.history;
      Micros next = 0;
      if (it.history) next = NextTime(it, at);
      else if (it.current_created) next = it.current_created;
      HistoryEntry(it, static_cast<size_t>(i), at, next ? next : it.end + kHour);
      if (next) heap.push({next, i});
      if (entries_ % 1'000'000 == 0) {
        db_.Exec("COMMIT");
        db_.Exec("BEGIN");
        std::fprintf(stderr, "    %lld rows, %.0f rows/s\n", static_cast<long long>(entries_),
                     static_cast<double>(entries_) / SecondsSince(t0));
      }
    }
  }

  // The start of the item's next history row after `prev`: the k remaining rows are spread uniformly
  // over (prev, end), drawn in order.
  Micros NextTime(ItemG& it, Micros prev) {
    const double u = Unit01(it.rng);
    const double span = static_cast<double>(std::max<Micros>(it.end - prev, 0));
    const Micros t = prev + static_cast<Micros>(span * (1 - std::pow(u, 1.0 / it.history)));
    return std::max(t, prev + 20 * kMinute);
  }

  int32_t User(ItemG& it, bool movement, bool* planted) {
    const UnitG& u = units_[static_cast<size_t>(it.unit)];
    *planted = false;
    if (movement) {  // take-outs and loans: by a named carrier, 3 % by someone else
      if (Unit01(it.rng) < 0.03 && !u.plain.empty()) {
        *planted = true;
        return u.plain[static_cast<size_t>(Range(it.rng, 0, static_cast<int64_t>(u.plain.size()) - 1))];
      }
      return u.carriers[static_cast<size_t>(Range(it.rng, 0, static_cast<int64_t>(u.carriers.size()) - 1))];
    }
    if (!it.device && Unit01(it.rng) < 0.02 && !u.plain.empty()) {  // media: by a named media user, 2 % not
      *planted = true;
      return u.plain[static_cast<size_t>(Range(it.rng, 0, static_cast<int64_t>(u.plain.size()) - 1))];
    }
    return u.media_users[static_cast<size_t>(Range(it.rng, 0, static_cast<int64_t>(u.media_users.size()) - 1))];
  }

  // A closed row starting at `at`; the item's next row starts at `bound`.
  void HistoryEntry(ItemG& it, size_t i, Micros at, Micros bound) {
    const bool last_handover = it.history == 0 && kStateNames[it.state] == std::string("handed_over");
    const double r = Unit01(it.rng);
    const char* movement = last_handover ? "handover" : r < 0.93 ? "use" : it.device ? "lend" : r < 0.965 ? "take_out" : "lend";
    const UnitG& u = units_[static_cast<size_t>(it.unit)];
    const Micros room = std::max<Micros>(bound - at - 2 * kMinute, 4 * kMinute);
    if (std::string_view(movement) == "use") {
      bool planted = false;
      const int32_t user = User(it, false, &planted);
      if (planted && at >= fy_start()) Plant("medium_used_by_non_media_user");
      const Micros ret = at + std::min<Micros>(Range(it.rng, 30, 480) * kMinute, room / 2);
      const bool unchecked = Unit01(it.rng) < 0.01;  // returned but never checked
      const Micros chk = ret + std::min<Micros>(Range(it.rng, 5, 60) * kMinute, room / 2);
      Row(it, i, movement, at, user, ret, unchecked ? -1 : chk, nullptr, 0, 0, 0);
      return;
    }
    bool by_other = false;
    const int32_t user = User(it, true, &by_other);
    const double a = Unit01(it.rng);
    const bool rejected = !last_handover && a < 0.02;
    const bool wrong_approver = !rejected && a < 0.035;  // approved by someone who is not a manager
    if (at >= fy_start()) {
      if (by_other && !(rejected)) Plant("take_out_by_non_carrier");
      if (wrong_approver) Plant("take_out_without_manager_permission");
    }
    const int32_t approver = wrong_approver ? u.plain.empty() ? u.carriers[0] : u.plain[0] : u.manager;
    const Micros approved = at + std::min<Micros>(Range(it.rng, 10, 120) * kMinute, room / 3);
    const Micros until = at + Range(it.rng, 24, 120) * kHour;
    const Micros ret = rejected ? approved : approved + std::min<Micros>(Range(it.rng, 4, 96) * kHour, room / 2);
    const Micros chk = ret + std::min<Micros>(Range(it.rng, 5, 60) * kMinute, std::max<Micros>(room / 4, kMinute));
    Row(it, i, movement, at, user, ret, rejected ? -2 : chk, rejected ? "rejected" : "approved", approver, approved,
        until);
  }

  // The open row of an item whose state has one.
  void CurrentEntry(ItemG& it, size_t i) {
    const std::string state = kStateNames[it.state];
    const UnitG& u = units_[static_cast<size_t>(it.unit)];
    const Micros at = it.current_created;
    if (state == "in_use" || state == "awaiting_check") {
      bool planted = false;
      const int32_t user = User(it, false, &planted);
      if (planted) Plant("medium_used_by_non_media_user");
      Row(it, i, "use", at, user, state == "awaiting_check" ? now_ - Between(5, 50) * kMinute : 0, -1, nullptr, 0, 0, 0);
    } else if (state == "movement_requested" || state == "out") {
      bool by_other = false;
      const int32_t user = User(it, true, &by_other);
      const bool out = state == "out";
      const bool late = out && Chance(0.2);
      const Micros until = late ? now_ - Between(1, 72) * kHour : now_ + Between(2, 96) * kHour;
      const bool wrong = out && Chance(0.015);
      if (out && by_other) Plant("take_out_by_non_carrier");
      if (wrong) Plant("take_out_without_manager_permission");
      if (late) Plant("take_out_past_permitted_period");
      Row(it, i, it.device || Chance(0.5) ? "lend" : "take_out", at, user, 0, -1, out ? "approved" : "pending",
          wrong ? (u.plain.empty() ? u.carriers[0] : u.plain[0]) : u.manager, out ? at + kHour : 0, until);
    } else {  // handover requested or approved
      Row(it, i, "handover", at, u.carriers[0], 0, -1, state == "handover_approved" ? "approved" : "pending", u.manager,
          state == "handover_approved" ? at + kHour : 0, 0);
    }
    if (state == "in_use") {
      if (at < cutoff_) Plant("item_in_use_after_workday");
    }
    it.current_entry = entry_id_;
  }

  // Writes one ledger row. returned 0: open. checked -1: not checked; -2: not taken (rejected).
  // approval nullptr: a plain use. approved 0: not decided.
  void Row(ItemG& it, size_t i, const char* movement, Micros created, int32_t user, Micros returned, Micros checked,
           const char* approval, int32_t approver, Micros approved, Micros until) {
    const std::string_view m = movement;
    const bool moving = m == "take_out" || m == "lend";
    const bool handover = m == "handover";
    const PersonG& who = persons_[static_cast<size_t>(user)];
    const UnitG& u = units_[static_cast<size_t>(it.unit)];
    const bool decided = approved != 0;
    const Micros started = moving && decided && std::string_view(approval) == "approved" ? approved : created;
    const int32_t checker = u.inspector >= 0 && (entries_ & 1) ? u.inspector : u.manager;
    ++entry_id_;
    ++entries_;
    ++it.row;
    ins_->Run({entry_id_, item_base_ + 1 + static_cast<int64_t>(i), int64_t{it.row}, movement, Ts(started), who.id,
               who.name, moving ? "打合せ資料の運搬" : handover ? "契約先への納入" : "会議資料の作成",
               it.device && m == "use" ? "第1会議室" : "",
               returned ? Arg(Ts(returned)) : Arg(nullptr), returned && checked != -2 ? Arg(who.id) : Arg(nullptr),
               checked == -2 ? Arg("not_taken") : checked > 0 ? Arg(Unit01(it.rng) < 0.15 ? "erased" : "no_data") : Arg(nullptr),
               checked > 0 ? Arg(Ts(checked)) : Arg(nullptr),
               checked > 0 ? Arg(persons_[static_cast<size_t>(checker)].id) : Arg(nullptr),
               moving ? Arg(Ts(created + kHour)) : Arg(nullptr), moving ? Arg(Ts(until)) : Arg(nullptr),
               moving || handover ? "防衛装備庁 調達事業部" : "", moving || handover ? "打合せ" : "",
               handover ? Arg(Ts(created + kDay)) : Arg(nullptr), handover ? Arg(who.name) : Arg(""),
               handover ? "防衛装備庁 担当官" : "", int64_t{moving || handover ? 1 : 0},
               approval ? Arg(approval) : Arg(nullptr), decided ? Arg(persons_[static_cast<size_t>(approver)].id) : Arg(nullptr),
               decided ? Arg(Ts(approved)) : Arg(nullptr), Ts(created)});
  }

  void CurrentRows() {
    Stmt upd(db_, "UPDATE items SET current_entry_id = ? WHERE id = ?");
    for (size_t i = 0; i < items_.size(); ++i)
      if (items_[i].current_entry) upd.Run({items_[i].current_entry, item_base_ + 1 + static_cast<int64_t>(i)});
  }

  // ---- reconciliations: each section counts its media and its devices once per fiscal year ----
  // The start of the fiscal year holding t (April 1st, Japan time).
  Micros FiscalYearStart(Micros t) const {
    const TimeZone tz;
    CivilTime c = ToCivil(t, tz);
    const int year = c.month >= 4 ? c.year : c.year - 1;
    return FromCivil(CivilTime{year, 4, 1, 0, 0, 0}, tz);
  }
  Micros fy_start() const { return FiscalYearStart(now_); }

  void Reconciliations() {
    int64_t id = db_.Int("SELECT COALESCE(MAX(id), 0) FROM reconciliations");
    int64_t did = db_.Int("SELECT COALESCE(MAX(id), 0) FROM discrepancies");
    Stmt rec(db_, "INSERT INTO reconciliations (id, unit_id, kind, counted_by_person_id, counted_at, expected_count, "
                  "counted_count, state, closed_at, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, '')");
    Stmt dis(db_, "INSERT INTO discrepancies (id, reconciliation_id, item_id, control_no, kind, ledger_state, "
                  "resolution, resolved_by_person_id, resolved_at) "
                  "SELECT ?, ?, id, control_no, ?, state, ?, ?, ? FROM items WHERE id = ?");
    const Micros fy = fy_start();
    for (const UnitG& u : units_) {
      if (u.level != kSection || u.items.empty()) continue;
      const bool lapsed = Chance(0.03);  // the media catalog has not been reviewed for over a year
      if (lapsed) Plant("media_catalog_not_reviewed");
      for (const char* kind : {"medium", "device"}) {
        const bool medium = std::string_view(kind) == "medium";
        for (int y = 5; y >= 0; --y) {
          const Micros year = fy - y * kYear;
          const Micros at = year + Between(30, 200) * kDay;
          if (at >= now_ - kDay || (medium && lapsed && at > now_ - 2 * kYear + 90 * kDay)) continue;
          const int64_t expected = static_cast<int64_t>(u.items.size()) / (medium ? 1 : 4);
          const bool short_one = Chance(0.04);
          rec.Run({++id, u.id, kind, persons_[static_cast<size_t>(u.manager)].id, Ts(at), expected,
                   expected - (short_one ? 1 : 0), "closed", Ts(at + kHour)});
          ++reconciliations_;
          if (!short_one) continue;
          const bool open = Chance(0.25);  // not yet resolved
          if (open) Plant("missing_medium_unresolved");
          const int32_t item = u.items[static_cast<size_t>(Between(0, static_cast<int64_t>(u.items.size()) - 1))];
          dis.Run({++did, id, "missing", open ? Arg(nullptr) : Arg("found"),
                   open ? Arg(nullptr) : Arg(persons_[static_cast<size_t>(u.manager)].id),
                   open ? Arg(nullptr) : Arg(Ts(at + 2 * kDay)), item_base_ + 1 + item});
          ++discrepancies_;
        }
      }
    }
  }

  // ---- obligation occurrences: the profile's recurring duties, five fiscal years back ----
  struct Period {
    std::string label;
    Micros start, due;  // due: the end of the period's last day (Japan time), in UTC
  };

  std::vector<Period> Periods(const std::string& every) const {
    const TimeZone tz;
    std::vector<Period> out;
    const Micros from = FiscalYearStart(now_) - 5 * kYear;
    auto end_of = [&](int y, int m) {  // the last instant of month m of year y
      return FromCivil(CivilTime{m == 12 ? y + 1 : y, m == 12 ? 1 : m + 1, 1, 0, 0, 0}, tz) - 1000;
    };
    const CivilTime f = ToCivil(from + kDay, tz);
    const CivilTime n = ToCivil(now_, tz);
    for (int y = f.year; y <= n.year + 1; ++y)
      for (int m = 1; m <= 12; ++m) {
        const Micros start = FromCivil(CivilTime{y, m, 1, 0, 0, 0}, tz);
        if (start < from || start > now_) continue;
        char label[24];
        if (every == "fiscal_year" && m == 4) {
          std::snprintf(label, sizeof label, "FY%d", y);
          out.push_back({label, start, end_of(y + 1, 3)});
        } else if (every == "year" && m == 1) {
          std::snprintf(label, sizeof label, "%d", y);
          out.push_back({label, start, end_of(y, 12)});
        } else if (every == "half_year" && (m == 1 || m == 7)) {
          std::snprintf(label, sizeof label, "%d-H%d", y, m == 1 ? 1 : 2);
          out.push_back({label, start, end_of(y, m + 5)});
        } else if (every == "quarter" && m % 3 == 1) {
          std::snprintf(label, sizeof label, "%d-Q%d", y, m / 3 + 1);
          out.push_back({label, start, end_of(y, m + 2)});
        } else if (every == "month") {
          std::snprintf(label, sizeof label, "%d-%02d", y, m);
          out.push_back({label, start, end_of(y, m)});
        }
      }
    return out;
  }

  void Occurrences() {
    int64_t id = db_.Int("SELECT COALESCE(MAX(id), 0) FROM obligation_occurrences");
    Stmt ins(db_,
             "INSERT INTO obligation_occurrences (id, profile, obligation, clause, period, scope_kind, scope_id, unit_id, "
             "owner_role, escalate_to, due_at, remind_from, source, trigger_event, raised_by_seq, subject, state, "
             "escalation_level, escalated_to, escalated_at, done_at, done_by_person_id, done_by_command, evidence_kind, "
             "evidence_ref, evidence_note, created_at) "
             "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'schedule', NULL, NULL, NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    for (const ObligationDef& o : profile_.obligations) {
      std::vector<int> scopes;
      for (size_t u = 0; u < units_.size(); ++u) {
        const Level l = units_[u].level;
        if ((o.per == "org" && l == kRoot) || (o.per == "unit" && l == kSection) || (o.per == "facility" && l == kFacility))
          scopes.push_back(static_cast<int>(u));
      }
      for (const Period& p : Periods(o.every))
        for (int s : scopes) {
          const UnitG& u = units_[static_cast<size_t>(s)];
          const bool past = p.due < now_;
          const bool done = past ? !Chance(0.04) : Chance(0.4);
          const bool escalated = past && !done;
          const Micros done_at = done ? std::min(now_ - kHour, p.start + Between(1, 300) * kDay) : 0;
          const int32_t owner = u.manager >= 0 ? u.manager : u.members[0];
          const std::string scope = o.per == "org" ? "org" : o.per == "facility" ? "facility" : "unit";
          ins.Run({++id, profile_.name, o.code, o.clause, p.label, scope, o.per == "org" ? int64_t{0} : u.id, u.id,
                   o.owner, o.escalate_to.empty() ? Arg(nullptr) : Arg(o.escalate_to), Ts(p.due),
                   Ts(p.due - o.remind_before_days * kDay), done ? "done" : "open", int64_t{escalated ? 1 : 0},
                   escalated && !o.escalate_to.empty() ? Arg(o.escalate_to) : Arg(nullptr),
                   escalated ? Arg(Ts(p.due + kDay)) : Arg(nullptr), done ? Arg(Ts(done_at)) : Arg(nullptr),
                   done ? Arg(persons_[static_cast<size_t>(owner)].id) : Arg(nullptr), nullptr,
                   done ? Arg(o.evidence) : Arg(nullptr), done ? Arg("DOC-" + std::to_string(id)) : Arg(nullptr),
                   nullptr, Ts(p.start)});
          ++occurrences_;
        }
    }
  }

  const OrgSpec& spec_;
  const Micros now_;
  Db& db_;
  const Profile& profile_;
  std::mt19937_64 rng_;
  const bool mod_internal_;  // the organization also takes mod-internal: designate its roles too
  const Micros cutoff_, start_;
  std::vector<UnitG> units_;
  std::vector<PersonG> persons_;
  std::vector<ItemG> items_;
  std::map<std::string, int64_t> planted_;
  Stmt* des_ = nullptr;
  Stmt* ins_ = nullptr;
  int32_t executive_ = -1;
  int divisions_seen_ = 0;
  int64_t designation_id_ = 0, entry_id_ = 0, item_base_ = 0;
  int64_t accounts_ = 0, designations_ = 0, entries_ = 0, reconciliations_ = 0, discrepancies_ = 0, occurrences_ = 0;
};

// The indexes of items and ledger_entries the migrations created (not those of UNIQUE constraints), in
// creation order: name and CREATE statement.
std::vector<std::pair<std::string, std::string>> BigTableIndexes(Db& db) {
  std::vector<std::pair<std::string, std::string>> out;
  sqlite3_stmt* st = nullptr;
  const char* sql = "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
                    "AND tbl_name IN ('items', 'ledger_entries') ORDER BY rowid";
  if (sqlite3_prepare_v2(db.raw(), sql, -1, &st, nullptr) != SQLITE_OK) Die("list indexes");
  while (sqlite3_step(st) == SQLITE_ROW)
    out.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(st, 0)),
                     reinterpret_cast<const char*>(sqlite3_column_text(st, 1)));
  sqlite3_finalize(st);
  return out;
}

// App::Init, tolerating an org.init that cannot designate its first administrator on this profile (the
// organization, its first unit and administrator are in place by then).
void InitVar(const std::string& var, const OrgSpec& spec, const Clock& clock) {
  OrgSettings org{"防衛関連企業（ベンチマーク）", spec.profiles.at(0), TimeZone{}, "18:15"};
  org.more_profiles.assign(spec.profiles.begin() + 1, spec.profiles.end());
  auto app = App::Init(var, org, "admin", "bench-admin-password-0001", &clock);
  if (!app.ok() && app.status().rule() != "designation.role_unknown") Check(app.status(), "init");
}

}  // namespace

Result<OrgStats> GenerateOrg(const std::string& var, const OrgSpec& spec, Micros now) {
  const auto t0 = Steady::now();
  for (Micros t : {now, Micros{0}, now - 7 * kYear + 123'456'789})
    if (Ts(t).view() != FormatUtc(t)) Die("timestamp format differs from FormatUtc");
  FakeClock clock(now);
  InitVar(var, spec, clock);
  std::shared_ptr<const Profile> profile;
  {
    ASSIGN_OR_RETURN(std::unique_ptr<App> app, App::Open(var, &clock));
    for (const auto& p : app->profiles())
      if (p->name == "defense-contractor") profile = p;
  }
  if (!profile) Die("the generator needs the defense-contractor profile among the organization's profiles");
  OrgStats st;
  st.now = FormatUtc(now);
  {
    Db db(Paths{var}.db());
    // A bulk load: no journal (a failed run is thrown away), no syncs, a large cache, and the indexes of
    // the two big tables built once at the end (sorting) instead of row by row.
    db.Exec("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA foreign_keys=ON; PRAGMA cache_size=-1048576; "
            "PRAGMA temp_store=MEMORY");
    const std::vector<std::pair<std::string, std::string>> indexes = BigTableIndexes(db);
    for (const auto& [name, sql] : indexes) db.Exec("DROP INDEX " + name);
    Generator gen(spec, now, db, *profile);
    gen.Run(st);
    const auto ti = Steady::now();
    for (const auto& [name, sql] : indexes) db.Exec(sql);
    std::fprintf(stderr, "  %-24s %7.1f s\n", "indexes", SecondsSince(ti));
    const auto ta = Steady::now();
    db.Exec("ANALYZE");
    std::fprintf(stderr, "  %-24s %7.1f s\n", "ANALYZE", SecondsSince(ta));
    db.Exec("PRAGMA journal_mode=WAL");
  }
  st.seconds = SecondsSince(t0);
  st.db_bytes = FileBytes(Paths{var}.db());
  return st;
}

}  // namespace mamori::bench
