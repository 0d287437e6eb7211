// list_filter_bench: how long the server takes to answer the ledger list (GET /api/v1/items) when
// the web UI changes a filter, on a store holding 100,000 items.
//
// Fixture: a real var/ (App::Init, migrations, engine) with 4 bureaus of 5 sections each, 10
// people per section, and three signed-in actors (a session cookie each, as the web UI has):
//   officer  情報保証責任者 (ia_officer, org-wide: sees every unit)
//   bureau   部隊等情報保証責任者 of one bureau (unit_ia_officer: sees its 5 sections)
//   staff    職員 of one section, no designation (the implicit staff role: sees their own section)
// Units, people, accounts and designations go through the command path; the 100,000 items and
// their ledger rows (history, current uses, take-outs and loans, handovers, destructions, some
// overdue) are inserted with SQL in one transaction, as the commands would have stored them.
//
// Each request is a filter change: the filters are taken round-robin, so no two consecutive
// requests are the same; "next page (after=)" is keyset paging from the middle of the list. Timed
// per request:
//   in-process  Router::Dispatch of the GET — authentication (session lookup), the visible-unit
//               resolution, the query and the JSON serialization: all the server-side work
//   http        the same request through HttpServer on 127.0.0.1 (keep-alive client)
//
// Prints a table on stderr and one JSON object on stdout. Usage:
//   list_filter_bench [--items N] [--rounds R] [--http 0|1] [--seed S] [--keep DIR]

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <spdlog/spdlog.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <random>
#include <string>
#include <vector>

#include "api/api.h"
#include "bench/bench_org.h"
#include "api/http.h"
#include "api/http_server.h"
#include "app/app.h"
#include "base/time.h"
#include "crypto/crypto.h"
#include "ledger/queries.h"
#include "testing/test_support.h"

namespace mamori {
namespace {

using bench::Check;
using bench::CpuModel;
using bench::Die;
using bench::kDeviceStates;
using bench::kMediumStates;
using bench::LoadAverage;
using bench::Percentile;
using bench::SetBenchName;
using bench::Share;
using Steady = std::chrono::steady_clock;

struct Options {
  int items = 100000;
  int rounds = 200;  // timed requests per (actor, filter, path)
  bool http = true;
  uint64_t seed = 20261122;
  std::string keep;  // if set, the var/ is built there and kept (for EXPLAIN QUERY PLAN by hand)
};

Options ParseArgs(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    const char* v = i + 1 < argc ? argv[i + 1] : nullptr;
    if (!v) Die("missing value for " + a);
    if (a == "--items") o.items = std::atoi(v);
    else if (a == "--rounds") o.rounds = std::atoi(v);
    else if (a == "--http") o.http = std::atoi(v) != 0;
    else if (a == "--seed") o.seed = std::strtoull(v, nullptr, 10);
    else if (a == "--keep") o.keep = v;
    else Die("unknown option " + a);
    ++i;
  }
  if (o.items < 1000 || o.rounds < 1) Die("--items must be >= 1000 and --rounds >= 1");
  return o;
}

// ---- the organization ---------------------------------------------------------------------------

struct Person {
  int64_t id = 0;
  std::string name;
};

struct Section {
  int64_t id = 0;
  std::string code;  // "U07"
  std::vector<Person> people;
};

struct Org {
  std::vector<int64_t> bureaus;
  std::vector<Section> sections;  // 5 per bureau, in order
  Actor officer, bureau_officer, staff;
  int staff_section = 0;  // index into sections
};

Json Exec(App& app, const Actor& a, const char* cmd, Json in) {
  return Check(app.engine().Execute(a, cmd, std::move(in)), cmd);
}

Actor AccountFor(App& app, const Person& p, const std::string& username, const std::string& hash) {
  const Actor sys = SystemActor("bench");
  Json acc = Exec(app, sys, "account.create", Json{{"person_id", p.id}, {"username", username}, {"password_hash", hash}});
  Actor a;
  a.account_id = acc["account_id"].get<int64_t>();
  a.person_id = p.id;
  a.username = username;
  return a;
}

Org BuildOrg(App& app) {
  const Actor sys = SystemActor("bench");
  Org org;
  const char* kFamily[] = {"佐藤", "鈴木", "高橋", "田中", "伊藤", "渡辺", "山本", "中村", "小林", "加藤"};
  for (int b = 0; b < 4; ++b) {
    const std::string bc = "B" + std::to_string(b + 1);
    Json r = Exec(app, sys, "unit.create", Json{{"parent_id", 1}, {"kind", "bureau"}, {"code", bc},
                                                 {"name_ja", "第" + std::to_string(b + 1) + "局"}, {"name_en", bc},
                                                 {"head_title", "局長"}});
    org.bureaus.push_back(r["unit_id"].get<int64_t>());
    for (int s = 0; s < 5; ++s) {
      Section sec;
      char code[8];
      std::snprintf(code, sizeof code, "U%02d", b * 5 + s + 1);
      sec.code = code;
      Json u = Exec(app, sys, "unit.create", Json{{"parent_id", org.bureaus.back()}, {"kind", "section"}, {"code", code},
                                                   {"name_ja", "第" + std::to_string(b * 5 + s + 1) + "課"},
                                                   {"name_en", code}, {"head_title", "課長"}});
      sec.id = u["unit_id"].get<int64_t>();
      for (int p = 0; p < 10; ++p) {
        const std::string given = "職員" + std::to_string(p + 1);
        Json person = Exec(app, sys, "person.create", Json{{"family_name", kFamily[p]}, {"given_name", given},
                                                           {"unit_id", sec.id}, {"title", "事務官"}});
        sec.people.push_back({person["person_id"].get<int64_t>(), std::string(kFamily[p]) + " " + given});
      }
      org.sections.push_back(std::move(sec));
    }
  }
  const std::string hash = Check(HashPassword("bench-password-0001"), "hash");
  org.officer = AccountFor(app, org.sections[0].people[0], "officer", hash);
  Exec(app, sys, "designation.create", Json{{"person_id", org.officer.person_id}, {"role", "ia_officer"}, {"unit_id", 1}});
  org.bureau_officer = AccountFor(app, org.sections[5].people[0], "bureau", hash);
  Exec(app, org.officer, "designation.create",
       Json{{"person_id", org.bureau_officer.person_id}, {"role", "unit_ia_officer"}, {"unit_id", org.bureaus[1]}});
  org.staff_section = 6;
  org.staff = AccountFor(app, org.sections[6].people[3], "staff", hash);
  return org;
}

// ---- the items ----------------------------------------------------------------------------------

class ItemWriter {
 public:
  ItemWriter(Conn& conn, const Org& org, uint64_t seed, Micros now, Micros workday_end)
      : c_(conn), org_(org), rng_(seed), now_(now), cutoff_(workday_end) {}

  Status Write(int count) {
    RETURN_IF_ERROR(c_.Begin());
    // An item's ledger rows are written before the item (its current_entry_id names one): check
    // the foreign keys at commit.
    RETURN_IF_ERROR(c_.ExecScript("PRAGMA defer_foreign_keys = ON"));
    std::vector<double> weights;  // sections of unequal size: 1x .. 4x
    for (size_t i = 0; i < org_.sections.size(); ++i) weights.push_back(1.0 + static_cast<double>((i * 7) % 4));
    std::discrete_distribution<size_t> section(weights.begin(), weights.end());
    std::vector<int> next_no(org_.sections.size() * 2, 0);
    for (int n = 0; n < count; ++n) {
      const size_t s = section(rng_);
      const bool device = Chance(0.2);
      const int no = ++next_no[s * 2 + (device ? 1 : 0)];
      RETURN_IF_ERROR(WriteItem(n + 1, org_.sections[s], device, no));
    }
    return c_.Commit();
  }
  int64_t entries() const { return entry_id_; }

 private:
  bool Chance(double p) { return std::uniform_real_distribution<double>(0, 1)(rng_) < p; }
  int64_t Between(int64_t lo, int64_t hi) { return std::uniform_int_distribution<int64_t>(lo, hi)(rng_); }
  const Person& AnyoneIn(const Section& s) { return s.people[static_cast<size_t>(Between(0, 9))]; }

  std::string PickState(const std::vector<Share>& shares) {
    std::vector<double> w;
    for (const Share& x : shares) w.push_back(x.weight);
    return shares[std::discrete_distribution<size_t>(w.begin(), w.end())(rng_)].state;
  }

  Status WriteItem(int64_t id, const Section& sec, bool device, int no) {
    char control_no[24];
    std::snprintf(control_no, sizeof control_no, "%s-%s-%05d", device ? "D" : "M", sec.code.c_str(), no);
    const std::string state = device ? PickState(kDeviceStates) : PickState(kMediumStates);
    const char* kMediaTypes[] = {"USBメモリ", "USBメモリ", "SDカード", "DVD-R", "外付けHDD", "BD-R"};
    const char* kDevTypes[] = {"デジタルカメラ", "ICレコーダー", "タブレット端末", "プロジェクタ"};
    const std::string type = device ? kDevTypes[Between(0, 3)] : kMediaTypes[Between(0, 5)];
    const Micros registered = now_ - Between(200, 900) * kDay;
    // Closed history rows (used, returned, checked), then the current row if the state has one.
    int row = 0;
    const int history = static_cast<int>(Between(0, 4));
    for (int h = 0; h < history; ++h) {
      const Micros start = registered + (h + 1) * Between(20, 40) * kDay;
      RETURN_IF_ERROR(Entry(id, ++row, "use", AnyoneIn(sec), start, start + 3 * kHour, "", 0, true));
    }
    Value current = std::monostate{};
    const Person& holder = AnyoneIn(sec);
    if (state == "in_use" || state == "awaiting_check") {
      // One in six uses started before the last end of the working day: overdue (unless returned).
      const Micros start = Chance(1.0 / 6) ? cutoff_ - Between(1, 48) * kHour : now_ - Between(10, 200) * kMinute;
      RETURN_IF_ERROR(Entry(id, ++row, "use", holder, std::min(start, now_ - kMinute),
                            state == "awaiting_check" ? now_ - 5 * kMinute : 0, "", 0, false));
      current = entry_id_;
    } else if (state == "movement_requested" || state == "out") {
      // One in five loans or take-outs is past its period.
      const Micros until = Chance(0.2) ? now_ - Between(1, 72) * kHour : now_ + Between(2, 96) * kHour;
      RETURN_IF_ERROR(Entry(id, ++row, device || Chance(0.5) ? "lend" : "take_out", holder, until - 2 * kDay, 0,
                            state == "out" ? "approved" : "pending", until, false));
      current = entry_id_;
    } else if (state == "handover_requested" || state == "handover_approved" || state == "handed_over") {
      RETURN_IF_ERROR(Entry(id, ++row, "handover", holder, now_ - Between(1, 30) * kDay, 0,
                            state == "handover_requested" ? "pending" : "approved", 0, false));
      if (state != "handed_over") current = entry_id_;
    }
    return c_.Exec(
        "INSERT INTO items (id, control_no, kind, type, storage, custodian_unit_id, vendor, product, serial, state, "
        "origin, received_from, registered_at, registered_by_person_id, current_entry_id, final_kind, final_at, "
        "final_method, executor_person_id, executor_affiliation, executor_name, witness_person_id, witness_affiliation, "
        "witness_name, witnessed_at, erasure_confirmed_by_person_id, version) VALUES (?, ?, ?, ?, ?, ?, 'BUFFALO', '', "
        "?, ?, 'registered', '', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?)",
        {id, std::string(control_no), std::string(device ? "device" : "medium"), type,
         "第" + sec.code + "課 施錠保管庫", sec.id, "SN" + std::to_string(100000 + id), state, FormatUtc(registered),
         sec.people[1].id, current, Final(state, "kind"), Final(state, "at"), Final(state, "method"),
         Final(state, "executor_id", sec), Final(state, "executor_aff", sec), Final(state, "executor_name", sec),
         Final(state, "witness_id", sec), Final(state, "witness_aff", sec), Final(state, "witness_name", sec),
         Final(state, "witnessed_at"), int64_t{row + 1}});
  }

  // The footer columns of final (and destruction-pending) items.
  Value Final(const std::string& state, const char* col, const Section& sec = Section{}) {
    const bool final = state == "destroyed" || state == "handed_over" || state == "disposed" ||
                       state == "destruction_pending";
    if (!final) return std::monostate{};
    const std::string c = col;
    const std::string at = FormatUtc(now_ - 10 * kDay);
    if (c == "kind") return state == "destruction_pending" ? std::string("destroyed") : state;
    if (c == "at") return at;
    if (c == "method") return state == "disposed" ? std::string("") : std::string("shred");
    if (c == "executor_id") return sec.people[2].id;
    if (c == "executor_aff") return "第" + sec.code + "課";
    if (c == "executor_name") return sec.people[2].name;
    const bool witnessed = state == "destroyed";
    if (c == "witness_id") return witnessed || state == "destruction_pending" ? Value(sec.people[4].id) : Value();
    if (c == "witness_aff") return witnessed ? Value("第" + sec.code + "課") : Value();
    if (c == "witness_name") return witnessed ? Value(sec.people[4].name) : Value();
    if (c == "witnessed_at") return witnessed ? Value(at) : Value();
    return std::monostate{};
  }

  // One ledger row. returned == 0: not returned; `closed`: returned and checked. approval "" for a
  // plain use.
  Status Entry(int64_t item, int row, const char* movement, const Person& who, Micros started, Micros returned,
               const char* approval, Micros until, bool closed) {
    ++entry_id_;
    const std::string m = movement;
    const bool moving = m == "lend" || m == "take_out";
    return c_.Exec(
        "INSERT INTO ledger_entries (id, item_id, row_no, movement, started_at, user_person_id, user_name, purpose, "
        "place, returned_at, returned_by_person_id, check_result, checked_at, checked_by_person_id, period_from, "
        "period_until, destination, movement_purpose, borrower, handover_at, handover_executor, handover_recipient, "
        "data_minimized, approval, approved_by_person_id, approved_at, approval_note, created_at) VALUES (?, ?, ?, ?, "
        "?, ?, ?, '会議資料の作成', '', ?, ?, ?, ?, ?, ?, ?, ?, ?, '', ?, ?, '', ?, ?, NULL, NULL, '', ?)",
        {entry_id_, item, int64_t{row}, m, FormatUtc(started), who.id, who.name,
         returned ? Value(FormatUtc(returned)) : Value(), returned ? Value(who.id) : Value(),
         closed ? Value(std::string("no_data")) : Value(), closed ? Value(FormatUtc(returned + kHour)) : Value(),
         closed ? Value(who.id) : Value(), moving ? Value(FormatUtc(started)) : Value(),
         moving ? Value(FormatUtc(until)) : Value(), std::string(moving || m == "handover" ? "防衛装備庁" : ""),
         std::string(moving || m == "handover" ? "打合せ" : ""), m == "handover" ? Value(FormatUtc(started)) : Value(),
         std::string(m == "handover" ? who.name : ""), int64_t{moving || m == "handover" ? 1 : 0},
         *approval ? Value(std::string(approval)) : Value(), FormatUtc(started)});
  }

  Conn& c_;
  const Org& org_;
  std::mt19937_64 rng_;
  Micros now_, cutoff_;
  int64_t entry_id_ = 0;
};

// ---- the requests -------------------------------------------------------------------------------

struct Filter {
  std::string name;   // as reported
  std::string query;  // the query string, without '?'
};

std::vector<Filter> Filters(const Org& org, int64_t last_page, const std::string& q_long) {
  const Section& s = org.sections[static_cast<size_t>(org.staff_section)];
  const std::string unit = "unit_id=" + std::to_string(s.id);
  return {
      {"no filter", "per_page=50"},
      {"unit", unit + "&per_page=50"},
      {"kind", "kind=device&per_page=50"},
      {"state", "state=in_use&per_page=50"},
      {"unit + state", unit + "&state=in_storage&per_page=50"},
      {"holder", "holder_person_id=" + std::to_string(org.staff.person_id) + "&per_page=50"},
      {"overdue only", "overdue=true&per_page=50"},
      {"q prefix (short)", "q=M-" + s.code + "&per_page=50"},
      {"q prefix (long)", "q=" + PercentEncode(q_long) + "&per_page=50"},
      {"last page", "per_page=50&page=" + std::to_string(last_page)},
      {"next page (after=)", "per_page=50&after=M-" + s.code + "-02000"},
  };
}

HttpRequest Get(const std::string& query, const std::string& cookie) {
  HttpRequest r;
  r.method = "GET";
  r.path = "/api/v1/items";
  r.target = r.path + "?" + query;
  r.query = ParseQuery(query);
  r.headers["cookie"] = std::string(kSessionCookie) + "=" + cookie;
  r.remote_ip = "127.0.0.1";
  return r;
}

// A blocking HTTP/1.1 client on one keep-alive connection; Content-Length bodies only.
class HttpClient {
 public:
  explicit HttpClient(int port) {
    fd_ = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(static_cast<uint16_t>(port));
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (fd_ < 0 || connect(fd_, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) Die("connect");
    int one = 1;
    setsockopt(fd_, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  }
  ~HttpClient() { close(fd_); }

  // Sends the GET and returns the status code; the body goes to `body`.
  int Get(const std::string& target, const std::string& cookie, std::string& body) {
    const std::string req = "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: " + kSessionCookie + "=" +
                            cookie + "\r\n\r\n";
    if (send(fd_, req.data(), req.size(), 0) != static_cast<ssize_t>(req.size())) Die("send");
    size_t end;
    while ((end = buf_.find("\r\n\r\n")) == std::string::npos) Fill();
    const std::string head = ToLowerAscii(buf_.substr(0, end));
    const size_t cl = head.find("content-length:");
    if (cl == std::string::npos) Die("response without Content-Length");
    const size_t len = std::strtoull(head.c_str() + cl + 15, nullptr, 10);
    while (buf_.size() < end + 4 + len) Fill();
    body = buf_.substr(end + 4, len);
    buf_.erase(0, end + 4 + len);
    return std::atoi(head.c_str() + 9);
  }

 private:
  void Fill() {
    char tmp[65536];
    const ssize_t n = recv(fd_, tmp, sizeof tmp, 0);
    if (n <= 0) Die("recv");
    buf_.append(tmp, static_cast<size_t>(n));
  }
  int fd_ = -1;
  std::string buf_;
};

struct Series {
  std::string actor, filter, path, query;
  std::vector<double> ms;
  int64_t total = 0, returned = 0;
  bool total_exact = true;
};

Json Summary(const Series& s) {
  return Json{{"actor", s.actor}, {"filter", s.filter}, {"path", s.path}, {"query", s.query},
              {"n", s.ms.size()}, {"p50_ms", Percentile(s.ms, 0.50)}, {"p99_ms", Percentile(s.ms, 0.99)},
              {"max_ms", *std::max_element(s.ms.begin(), s.ms.end())}, {"total", s.total},
              {"total_exact", s.total_exact}, {"returned", s.returned}};
}

struct Target {
  std::string actor, cookie;
  std::vector<Filter> filters;
};

// Times every filter of every actor, round-robin (each request differs from the one before).
std::vector<Series> Measure(const std::vector<Target>& targets, int rounds, const std::string& path,
                            const std::function<std::string(const Target&, const Filter&)>& send) {
  std::vector<Series> out;
  for (const Target& t : targets)
    for (const Filter& f : t.filters) {
      Series s{t.actor, f.name, path, f.query, {}};
      const Json j = Json::parse(send(t, f));  // warm-up, and the answer's size
      s.total = j["total"].get<int64_t>();
      s.total_exact = j.value("total_exact", true);
      s.returned = static_cast<int64_t>(j["items"].size());
      out.push_back(std::move(s));
    }
  for (int r = 0; r < rounds; ++r) {
    size_t k = 0;
    for (const Target& t : targets)
      for (const Filter& f : t.filters) {
        const auto t0 = Steady::now();
        const std::string body = send(t, f);
        out[k++].ms.push_back(std::chrono::duration<double, std::milli>(Steady::now() - t0).count());
        if (body.size() < 2) Die("empty answer");
      }
  }
  return out;
}

int Main(int argc, char** argv) {
  SetBenchName("list_filter_bench");
  const Options o = ParseArgs(argc, argv);
  spdlog::set_level(spdlog::level::warn);  // the server's info lines would land in the JSON on stdout
  mamori::testing::TempDir dir("mamori-list-bench");
  if (!dir.ok()) Die("mkdtemp");
  auto app = Check(mamori::testing::InitTestOrg(o.keep.empty() ? dir.path() + "/var" : o.keep, nullptr), "init");
  const auto t_fixture = Steady::now();
  Org org = BuildOrg(*app);
  const Micros now = app->clock().Now();
  const Workday wd{app->org().tz, app->org().workday_end};
  int64_t entries = 0;
  {
    auto conn = Check(app->store().Connect(false), "connect");
    ItemWriter w(*conn, org, o.seed, now, wd.LastEndBefore(now));
    Check(w.Write(o.items), "insert items");
    entries = w.entries();
    Check(conn->ExecScript("PRAGMA wal_checkpoint(TRUNCATE)"), "checkpoint");
  }
  const double fixture_s = std::chrono::duration<double>(Steady::now() - t_fixture).count();
  std::fprintf(stderr, "list_filter_bench: %d items, %lld ledger rows in %zu sections, fixture built in %.1f s\n",
               o.items, static_cast<long long>(entries), org.sections.size(), fixture_s);

  const std::string load_before = LoadAverage();
  Router router;
  InstallApiRoutes(router, *app);
  const Section& s = org.sections[static_cast<size_t>(org.staff_section)];
  std::string q_long = "M-" + s.code + "-001";
  std::vector<Target> targets;
  for (auto [name, actor] : {std::pair<const char*, Actor*>{"officer (org-wide)", &org.officer},
                             {"unit IA officer (1 bureau, 5 sections)", &org.bureau_officer},
                             {"staff (own section)", &org.staff}}) {
    auto session = Check(app->auth().Login(actor->username, "bench-password-0001", "", "127.0.0.1"), "login");
    HttpRequest first = Get("per_page=50", session.cookie);
    const HttpResponse r = router.Dispatch(first);
    if (r.status != 200) Die("list answered " + std::to_string(r.status) + ": " + r.body);
    const int64_t total = Json::parse(r.body)["total"].get<int64_t>();
    targets.push_back({name, session.cookie, Filters(org, std::max<int64_t>(1, (total + 49) / 50), q_long)});
  }

  auto in_process = [&](const Target& t, const Filter& f) {
    HttpRequest req = Get(f.query, t.cookie);
    HttpResponse r = router.Dispatch(req);
    if (r.status != 200) Die(f.name + " answered " + std::to_string(r.status) + ": " + r.body);
    return std::move(r.body);
  };
  std::vector<Series> all = Measure(targets, o.rounds, "in-process", in_process);
  if (o.http) {
    HttpServer server(router, HttpServerOptions{});
    Check(server.Start(), "http start");
    HttpClient client(server.port());
    auto over_http = [&](const Target& t, const Filter& f) {
      std::string body;
      const int status = client.Get("/api/v1/items?" + f.query, t.cookie, body);
      if (status != 200) Die(f.name + " answered HTTP " + std::to_string(status) + ": " + body);
      return body;
    };
    std::vector<Series> h = Measure(targets, o.rounds, "http", over_http);
    all.insert(all.end(), h.begin(), h.end());
    server.Stop();
  }
  app->engine().Stop();

  Json rows = Json::array();
  std::fprintf(stderr, "%-40s %-18s %-10s %8s %6s %8s %8s %8s\n", "actor", "filter", "path", "total", "rows", "p50 ms",
               "p99 ms", "max ms");
  for (const Series& x : all) {
    Json j = Summary(x);
    std::fprintf(stderr, "%-40s %-18s %-10s %8lld%s %5lld %8.2f %8.2f %8.2f\n", x.actor.c_str(), x.filter.c_str(),
                 x.path.c_str(), static_cast<long long>(x.total), x.total_exact ? " " : "+",
                 static_cast<long long>(x.returned), j["p50_ms"].get<double>(), j["p99_ms"].get<double>(),
                 j["max_ms"].get<double>());
    rows.push_back(std::move(j));
  }
  Json out{{"date", FormatUtc(SystemClock().Now())}, {"items", o.items}, {"ledger_entries", entries},
           {"sections", org.sections.size()}, {"rounds", o.rounds}, {"fixture_s", fixture_s}, {"cpu", CpuModel()},
           {"load_before", load_before}, {"load_after", LoadAverage()}, {"goal_ms", 100}, {"rows", rows}};
  std::printf("%s\n", out.dump(1).c_str());
  return 0;
}

}  // namespace
}  // namespace mamori

int main(int argc, char** argv) { return mamori::Main(argc, argv); }
