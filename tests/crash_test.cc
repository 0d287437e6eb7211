// Crash safety: clients write while the server is killed with SIGKILL. Every write the server
// acknowledged (HTTP 200/201) must be there after a restart, the trail must verify, and the
// restarted server must accept new writes.

#include <atomic>
#include <iostream>
#include <sstream>
#include <thread>

#include "server_harness.h"

namespace mamori::test {
namespace {

constexpr int kThreads = 16;
constexpr int kMaxCycles = 150;  // ≤ 450 writes per item: the trail query below reads up to 1000

struct Ack {
  int64_t seq;
  std::string command, control_no, state, purpose;
  int64_t row_no;  // the ledger row the write touched
};

struct Worker {
  std::vector<Ack> acks;
  std::vector<std::string> unexpected;  // replies that were neither the expected one nor "no reply"
  int refused = 0;
  bool cut = false;  // stopped because the server stopped answering
};

std::string ItemNo(int i) {
  std::string n = std::to_string(i + 1);
  return "M-CR-" + std::string(n.size() < 3 ? 3 - n.size() : 0, '0') + n;
}

// One thread: check-out, return and check of its own item, with refused requests in between,
// until told to stop, the server stops answering, or the cycle bound.
void Drive(int index, HttpClient& user, HttpClient& checker, const std::atomic<bool>& stop, std::atomic<int>& total,
           Worker& w) {
  const std::string no = ItemNo(index), base = "/api/v1/items/" + no;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  int64_t row = 0;
  auto write = [&](HttpClient& c, const std::string& op, const Json& body, const char* command) {
    Reply r = c.Post(base + "/" + op, body);
    if (r.status == 200 || r.status == 201) {
      Json j = r.Json();
      if (j.contains("row_no")) row = j["row_no"].get<int64_t>();
      w.acks.push_back({j.value("trail_seq", int64_t{0}), command, no, j.value("state", ""),
                        body.value("purpose", ""), row});
      ++total;
      return true;
    }
    w.cut |= r.status == 0;
    if (r.status != 0) w.unexpected.push_back(op + ": HTTP " + std::to_string(r.status) + " " + r.body);
    return false;
  };
  auto refuse = [&](HttpClient& c, const std::string& op, const Json& body, int status) {
    Reply r = c.Post(base + "/" + op, body);
    w.cut |= r.status == 0;
    if (r.status == 0) return false;
    if (r.status != status) w.unexpected.push_back("refused " + op + ": HTTP " + std::to_string(r.status) + " " + r.body);
    ++w.refused;
    return true;
  };
  for (int cycle = 0; cycle < kMaxCycles && !stop && std::chrono::steady_clock::now() < deadline; ++cycle) {
    const std::string purpose = "crash-" + std::to_string(index) + "-" + std::to_string(cycle);
    if (cycle % 4 == 1 && !refuse(user, "checkout", Json::object(), 400)) return;
    if (!write(user, "checkout", Json{{"purpose", purpose}}, "item.checkout")) return;
    if (cycle % 4 == 2 && !refuse(user, "checkout", Json{{"purpose", purpose}}, 409)) return;
    if (!write(user, "return", Json::object(), "item.return")) return;
    if (cycle % 4 == 3 && !refuse(checker, "check", Json{{"result", "thrown away"}}, 400)) return;
    if (!write(checker, "check", Json{{"result", "no_data"}}, "item.check")) return;
  }
}

// The ledger rows of every item, as `mamori export --format flat-csv` prints them (the server
// stopped): control_no → row_no → (purpose, returned_at).
std::map<std::string, std::map<int64_t, std::pair<std::string, std::string>>> LedgerRows(const std::string& var) {
  std::map<std::string, std::map<int64_t, std::pair<std::string, std::string>>> rows;
  CommandResult r = RunMamori({"export", "--var", var, "--unit", "CYBER", "--format", "flat-csv"});
  EXPECT_EQ(r.exit_code, 0) << r.All();
  std::istringstream in(r.out);
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    std::vector<std::string> f;
    std::stringstream ss(line);
    for (std::string cell; std::getline(ss, cell, ',');) f.push_back(cell);
    // control_no, kind, item_type, custodian_unit, row_no, started_at, user_name, purpose, place, returned_at
    if (f.size() >= 8 && f[0].rfind("M-CR-", 0) == 0 && !f[4].empty())
      rows[f[0]][std::stoll(f[4])] = {f[7], f.size() > 9 ? f[9] : ""};
  }
  return rows;
}

TEST(CrashTest, AcknowledgedWritesSurviveSigkill) {
  Server s;
  ASSERT_TRUE(s.MakeDemo());
  ASSERT_TRUE(s.Start());
  auto takahashi = s.Login("takahashi");
  ASSERT_NE(takahashi, nullptr);
  const int64_t cyber = UnitId(*takahashi, "CYBER");
  for (int i = 0; i < kThreads; ++i)
    ASSERT_EQ(takahashi->Post("/api/v1/items", Json{{"control_no", ItemNo(i)}, {"kind", "medium"},
                                                    {"type", "USBメモリ"}, {"storage", "施錠保管庫C"},
                                                    {"unit_id", cyber}}).status, 201);
  std::vector<std::unique_ptr<HttpClient>> staff;
  for (const char* u : {"tanaka", "watanabe", "ito"}) {
    staff.push_back(s.Login(u));
    ASSERT_NE(staff.back(), nullptr);
  }
  std::vector<std::unique_ptr<HttpClient>> users, checkers;
  for (int i = 0; i < kThreads; ++i) {
    users.push_back(s.SameSession(*staff[i % staff.size()]));
    checkers.push_back(s.SameSession(*takahashi));
    ASSERT_NE(users.back(), nullptr);
    ASSERT_NE(checkers.back(), nullptr);
    users.back()->SetTimeout(std::chrono::seconds(10));
    checkers.back()->SetTimeout(std::chrono::seconds(10));
  }

  std::atomic<bool> stop{false};
  std::atomic<int> total{0};
  std::vector<Worker> workers(kThreads);
  std::vector<std::thread> threads;
  for (int i = 0; i < kThreads; ++i)
    threads.emplace_back(Drive, i, std::ref(*users[i]), std::ref(*checkers[i]), std::cref(stop), std::ref(total),
                         std::ref(workers[i]));
  // A couple of seconds of writing, cut short well before any thread can finish its cycles.
  const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(2);
  while (std::chrono::steady_clock::now() < until && total < kThreads * kMaxCycles)
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  s.Kill9();  // mid-flight: the threads are still writing
  stop = true;
  for (auto& t : threads) t.join();

  size_t acked = 0;
  for (int i = 0; i < kThreads; ++i) {
    acked += workers[i].acks.size();
    for (const std::string& u : workers[i].unexpected) ADD_FAILURE() << ItemNo(i) << ": " << u;
  }
  ASSERT_GT(acked, 0u) << s.Log();
  int cut = 0, refused = 0;
  for (const Worker& w : workers) {
    cut += w.cut;
    refused += w.refused;
  }
  EXPECT_GT(cut, 0) << "the server was not killed mid-flight";
  EXPECT_GT(refused, 0);
  std::cout << "[ crash    ] " << acked << " acknowledged writes, " << refused << " refused, " << cut
            << " threads cut off by SIGKILL\n";

  // The var/ as the crash left it verifies.
  CommandResult crashed = s.Verify();
  EXPECT_EQ(crashed.exit_code, 0) << crashed.All();

  ASSERT_TRUE(s.Start());
  auto nakamura = s.Login("nakamura");
  ASSERT_NE(nakamura, nullptr);
  for (int i = 0; i < kThreads; ++i) {
    const std::string no = ItemNo(i);
    SCOPED_TRACE(no);
    std::map<int64_t, Json> events;
    for (const Json& ev : TrailEvents(*nakamura, "item:" + no)) events[ev["seq"].get<int64_t>()] = ev;
    for (const Ack& a : workers[i].acks) {
      auto it = events.find(a.seq);
      ASSERT_NE(it, events.end()) << a.command << " acknowledged at " << a.seq << " is lost";
      EXPECT_EQ(it->second["command"], a.command) << a.seq;
      EXPECT_EQ(it->second["entity"], "item:" + no) << a.seq;
    }
    // When the last acknowledged write is the item's last event, the item is in its state.
    if (!workers[i].acks.empty() && !events.empty() && events.rbegin()->first == workers[i].acks.back().seq) {
      Json list = nakamura->Get("/api/v1/items?q=" + no).Json();
      ASSERT_EQ(list["items"].size(), 1u) << list.dump();
      EXPECT_EQ(list["items"][0]["state"], workers[i].acks.back().state);
    }
  }

  // The restarted server takes new writes.
  auto tanaka = s.Login("tanaka");
  ASSERT_NE(tanaka, nullptr);
  takahashi = s.Login("takahashi");
  ASSERT_NE(takahashi, nullptr);
  EXPECT_TRUE(IsOk(takahashi->Post("/api/v1/items", Json{{"control_no", "M-CR-100"}, {"kind", "medium"},
                                                         {"type", "SDカード"}, {"storage", "施錠保管庫C"},
                                                         {"unit_id", cyber}})));
  EXPECT_TRUE(IsOk(tanaka->Post("/api/v1/items/M-CR-100/checkout", Json{{"purpose", "再起動後の使用"}})));
  EXPECT_TRUE(IsOk(tanaka->Post("/api/v1/items/M-CR-100/return", Json::object())));
  EXPECT_TRUE(IsOk(takahashi->Post("/api/v1/items/M-CR-100/check", Json{{"result", "no_data"}})));
  EXPECT_EQ(s.Stop(), 0) << s.Log();

  // Every acknowledged write's ledger row is there.
  const auto ledgers = LedgerRows(s.var());
  for (int i = 0; i < kThreads; ++i) {
    const std::string no = ItemNo(i);
    for (const Ack& a : workers[i].acks) {
      auto rows = ledgers.find(no);
      ASSERT_NE(rows, ledgers.end()) << no;
      auto row = rows->second.find(a.row_no);
      ASSERT_NE(row, rows->second.end()) << no << " row " << a.row_no << " of " << a.command << " at " << a.seq;
      if (a.command == "item.checkout") {
        EXPECT_EQ(row->second.first, a.purpose) << no;
      } else {
        EXPECT_FALSE(row->second.second.empty()) << no << " returned_at of row " << a.row_no;
      }
    }
  }
  CommandResult v = s.Verify();
  EXPECT_EQ(v.exit_code, 0) << v.All();
}

}  // namespace
}  // namespace mamori::test
