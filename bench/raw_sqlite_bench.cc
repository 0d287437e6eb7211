// raw_sqlite_bench: the "physical limit" that mamori's write path is compared against.
//
// Performs, directly on SQLite (no HTTP, no command engine, no JSON effects, no authorization),
// the same durable transaction that one mamori check-out writes — one transaction per operation:
//
//   BEGIN IMMEDIATE
//   SELECT seq, hash FROM trail_events ORDER BY seq DESC LIMIT 1      (chain head)
//   UPDATE items SET state, current_entry_id, version = version + 1   (the item)
//   INSERT INTO ledger_entries (…)                                    (the ledger row)
//   INSERT INTO trail_events (…, prev_hash, hash)                     (SHA-256 over prev ‖ leaf)
//   COMMIT                                                            (WAL, synchronous=FULL)
//
// on a copy of a mamori database, with the same pragmas as the server (WAL, synchronous=FULL,
// foreign_keys=ON, cache_size=-16000) and a trail payload of the same size as the server's. With
// --threads N each thread opens its own connection (busy_timeout) and competes for the write lock
// as separate processes would: SQLite has no group commit, so this is the rate of durable commits.
//
// --mode fsync measures the disk itself: append 4 KiB + fdatasync (and fsync) in a loop.
//
// Prints one JSON object on stdout. Usage:
//   raw_sqlite_bench --db COPY.db [--threads N] [--seconds S] [--payload-bytes B] [--mode tx|fsync]

#include "base/time.h"
#include <fcntl.h>
#include <sqlite3.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "crypto/crypto.h"
#include "trail/trail.h"

namespace {

using Clock = std::chrono::steady_clock;

struct Options {
  std::string db;
  std::string mode = "tx";
  int threads = 1;
  double seconds = 5;
  int payload_bytes = 0;  // 0: the mean payload size of item.checkout events in the database
};

[[noreturn]] void Die(const std::string& what, sqlite3* db = nullptr) {
  std::fprintf(stderr, "raw_sqlite_bench: %s%s%s\n", what.c_str(), db ? ": " : "", db ? sqlite3_errmsg(db) : "");
  std::exit(1);
}

sqlite3* Open(const std::string& path) {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nullptr) != SQLITE_OK)
    Die("open " + path, db);
  sqlite3_busy_timeout(db, 30000);
  char* err = nullptr;
  if (sqlite3_exec(db,
                   "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; "
                   "PRAGMA temp_store=MEMORY; PRAGMA cache_size=-16000",
                   nullptr, nullptr, &err) != SQLITE_OK)
    Die(std::string("pragmas: ") + (err ? err : "?"));
  return db;
}

sqlite3_stmt* Prepare(sqlite3* db, const char* sql) {
  sqlite3_stmt* s = nullptr;
  if (sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, &s, nullptr) != SQLITE_OK) Die("prepare", db);
  return s;
}

// Steps a statement to completion; retries on SQLITE_BUSY (only BEGIN IMMEDIATE can see it).
void Run(sqlite3* db, sqlite3_stmt* s) {
  int rc;
  while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
  }
  if (rc != SQLITE_DONE) Die(std::string("step ") + sqlite3_sql(s), db);
  sqlite3_reset(s);
}

void BindText(sqlite3_stmt* s, int i, const std::string& v) {
  sqlite3_bind_text(s, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
}

std::string Iso(std::chrono::system_clock::time_point t) {
  return mamori::FormatUtc(std::chrono::duration_cast<std::chrono::microseconds>(t.time_since_epoch()).count());
}

struct Shared {
  std::vector<int64_t> item_ids;
  std::vector<std::string> item_nos;
  int64_t person_id = 0;
  std::string person_name;
  std::string payload_filler;
};

struct ThreadResult {
  std::vector<double> latencies_us;
};

void Worker(const Options& o, const Shared& sh, int index, Clock::time_point end, ThreadResult& out) {
  sqlite3* db = Open(o.db);
  sqlite3_stmt* begin = Prepare(db, "BEGIN IMMEDIATE");
  sqlite3_stmt* commit = Prepare(db, "COMMIT");
  sqlite3_stmt* head = Prepare(db, "SELECT seq, hash FROM trail_events ORDER BY seq DESC LIMIT 1");
  sqlite3_stmt* next_entry = Prepare(db, "SELECT COALESCE(MAX(id), 0) + 1 FROM ledger_entries");
  sqlite3_stmt* upd = Prepare(db, "UPDATE items SET state = 'in_use', current_entry_id = ?, version = version + 1 "
                                  "WHERE id = ?");
  sqlite3_stmt* ins = Prepare(
      db,
      "INSERT INTO ledger_entries (id, item_id, row_no, movement, started_at, user_person_id, user_name, purpose, place, "
      "destination, movement_purpose, borrower, handover_executor, handover_recipient, data_minimized, approval_note, "
      "created_at) VALUES (?1, ?2, (SELECT COALESCE(MAX(row_no), 0) + 1 FROM ledger_entries WHERE item_id = ?2), "
      "'use', ?3, ?4, ?5, 'benchmark', '', '', '', '', '', '', 0, '', ?3)");
  sqlite3_stmt* trail = Prepare(db,
                                "INSERT INTO trail_events (seq, ts, actor, command, entity, payload, prev_hash, hash) "
                                "VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
  size_t k = static_cast<size_t>(index);
  out.latencies_us.reserve(100000);
  while (Clock::now() < end) {
    const auto t0 = Clock::now();
    const size_t i = k % sh.item_ids.size();
    k += static_cast<size_t>(o.threads);
    Run(db, begin);
    int64_t seq = 0;
    std::string prev = mamori::ZeroHashHex();
    if (sqlite3_step(head) == SQLITE_ROW) {
      seq = sqlite3_column_int64(head, 0);
      prev = reinterpret_cast<const char*>(sqlite3_column_text(head, 1));
    }
    sqlite3_reset(head);
    if (sqlite3_step(next_entry) != SQLITE_ROW) Die("next entry id", db);
    const int64_t entry_id = sqlite3_column_int64(next_entry, 0);
    sqlite3_reset(next_entry);
    const std::string now = Iso(std::chrono::system_clock::now());

    sqlite3_bind_int64(upd, 1, entry_id);
    sqlite3_bind_int64(upd, 2, sh.item_ids[i]);
    Run(db, upd);
    sqlite3_bind_int64(ins, 1, entry_id);
    sqlite3_bind_int64(ins, 2, sh.item_ids[i]);
    BindText(ins, 3, now);
    sqlite3_bind_int64(ins, 4, sh.person_id);
    BindText(ins, 5, sh.person_name);
    Run(db, ins);

    mamori::TrailEvent e;
    e.seq = seq + 1;
    e.ts = now;
    e.actor = "user:bench";
    e.command = "item.checkout";
    e.entity = "item:" + sh.item_nos[i];
    e.payload = "{\"entry\":" + std::to_string(entry_id) + ",\"pad\":\"" + sh.payload_filler + "\"}";
    e.prev_hash = prev;
    const std::string leaf = mamori::LeafData(e);
    mamori::Hash p{};
    mamori::HashFromHex(prev, p);
    e.hash = mamori::ToHex(mamori::Sha256(mamori::HashBytes(p), leaf));
    sqlite3_bind_int64(trail, 1, e.seq);
    BindText(trail, 2, e.ts);
    BindText(trail, 3, e.actor);
    BindText(trail, 4, e.command);
    BindText(trail, 5, e.entity);
    BindText(trail, 6, e.payload);
    BindText(trail, 7, e.prev_hash);
    BindText(trail, 8, e.hash);
    Run(db, trail);
    Run(db, commit);
    out.latencies_us.push_back(std::chrono::duration<double, std::micro>(Clock::now() - t0).count());
  }
  for (sqlite3_stmt* s : {begin, commit, head, next_entry, upd, ins, trail}) sqlite3_finalize(s);
  sqlite3_close_v2(db);
}

double Percentile(std::vector<double>& v, double p) {
  if (v.empty()) return 0;
  const size_t idx = std::min(v.size() - 1, static_cast<size_t>(p * static_cast<double>(v.size())));
  std::nth_element(v.begin(), v.begin() + static_cast<long>(idx), v.end());
  return v[idx];
}

int RunFsync(const Options& o) {
  const std::string path = o.db + ".fsync-probe";
  double rates[2];
  for (int variant = 0; variant < 2; ++variant) {
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd < 0) Die("open " + path);
    std::string block(4096, 'x');
    const auto start = Clock::now();
    const auto end = start + std::chrono::duration<double>(o.seconds / 2);
    long n = 0;
    while (Clock::now() < end) {
      if (::write(fd, block.data(), block.size()) != static_cast<ssize_t>(block.size())) Die("write");
      if ((variant == 0 ? ::fdatasync(fd) : ::fsync(fd)) != 0) Die("sync");
      ++n;
    }
    rates[variant] = static_cast<double>(n) / std::chrono::duration<double>(Clock::now() - start).count();
    ::close(fd);
    ::unlink(path.c_str());
  }
  std::printf("{\"mode\":\"fsync\",\"fdatasync_per_s\":%.1f,\"fsync_per_s\":%.1f}\n", rates[0], rates[1]);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    auto next = [&]() -> std::string {
      if (i + 1 >= argc) Die("missing value after " + a);
      return argv[++i];
    };
    if (a == "--db") o.db = next();
    else if (a == "--threads") o.threads = std::max(1, std::atoi(next().c_str()));
    else if (a == "--seconds") o.seconds = std::atof(next().c_str());
    else if (a == "--payload-bytes") o.payload_bytes = std::atoi(next().c_str());
    else if (a == "--mode") o.mode = next();
    else Die("unknown argument " + a + " (see the comment at the top of bench/raw_sqlite_bench.cc)");
  }
  if (o.db.empty()) Die("--db is required");
  if (o.mode == "fsync") return RunFsync(o);

  Shared sh;
  {
    sqlite3* db = Open(o.db);
    sqlite3_stmt* s = Prepare(db, "SELECT id, control_no FROM items WHERE kind = 'medium' ORDER BY id");
    while (sqlite3_step(s) == SQLITE_ROW) {
      sh.item_ids.push_back(sqlite3_column_int64(s, 0));
      sh.item_nos.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(s, 1)));
    }
    sqlite3_finalize(s);
    if (sh.item_ids.empty()) Die("no items in " + o.db);
    s = Prepare(db, "SELECT id, family_name || ' ' || given_name FROM persons ORDER BY id LIMIT 1");
    if (sqlite3_step(s) != SQLITE_ROW) Die("no person in " + o.db);
    sh.person_id = sqlite3_column_int64(s, 0);
    sh.person_name = reinterpret_cast<const char*>(sqlite3_column_text(s, 1));
    sqlite3_finalize(s);
    if (o.payload_bytes <= 0) {
      s = Prepare(db, "SELECT COALESCE(AVG(LENGTH(payload)), 1500) FROM trail_events WHERE command = 'item.checkout'");
      sqlite3_step(s);
      o.payload_bytes = static_cast<int>(sqlite3_column_double(s, 0));
      sqlite3_finalize(s);
    }
    sqlite3_close_v2(db);
  }
  sh.payload_filler.assign(static_cast<size_t>(std::max(0, o.payload_bytes - 30)), 'p');

  std::vector<ThreadResult> results(static_cast<size_t>(o.threads));
  std::vector<std::thread> threads;
  const auto start = Clock::now();
  const auto end = start + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(o.seconds));
  for (int t = 0; t < o.threads; ++t)
    threads.emplace_back([&, t] { Worker(o, sh, t, end, results[static_cast<size_t>(t)]); });
  for (auto& t : threads) t.join();
  const double elapsed = std::chrono::duration<double>(Clock::now() - start).count();

  std::vector<double> all;
  for (auto& r : results) all.insert(all.end(), r.latencies_us.begin(), r.latencies_us.end());
  const double ops = static_cast<double>(all.size());
  const double p50 = Percentile(all, 0.50), p99 = Percentile(all, 0.99);
  std::printf(
      "{\"mode\":\"tx\",\"threads\":%d,\"ops\":%.0f,\"seconds\":%.3f,\"ops_per_s\":%.1f,\"p50_ms\":%.3f,"
      "\"p99_ms\":%.3f,\"payload_bytes\":%d,\"items\":%zu}\n",
      o.threads, ops, elapsed, ops / elapsed, p50 / 1000, p99 / 1000, o.payload_bytes, sh.item_ids.size());
  return 0;
}
