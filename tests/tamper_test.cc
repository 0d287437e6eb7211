// Tampering with var/ behind mamori's back: each edit, made with the sqlite3 C API on a copy of a
// demo var/, must make `mamori verify` exit 1 naming the first bad event ("FAILED at event N").

#include <sqlite3.h>

#include <filesystem>
#include <sstream>

#include "server_harness.h"

namespace mamori::test {
namespace {

// A read-write connection to var/mamori.db; every statement must succeed.
class Db {
 public:
  explicit Db(const std::string& var) {
    if (sqlite3_open_v2((var + "/mamori.db").c_str(), &db_, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) {
      ADD_FAILURE() << "open " << var << ": " << sqlite3_errmsg(db_);
    }
    sqlite3_busy_timeout(db_, 10000);
  }
  ~Db() { sqlite3_close(db_); }

  // Runs a statement with text/integer parameters; returns the rows as strings (NULL → "").
  std::vector<std::vector<std::string>> Run(const std::string& sql, const std::vector<std::string>& params = {}) {
    std::vector<std::vector<std::string>> rows;
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &st, nullptr) != SQLITE_OK) {
      ADD_FAILURE() << sql << ": " << sqlite3_errmsg(db_);
      return rows;
    }
    for (size_t i = 0; i < params.size(); ++i)
      sqlite3_bind_text(st, static_cast<int>(i + 1), params[i].c_str(), -1, SQLITE_TRANSIENT);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
      std::vector<std::string> row;
      for (int c = 0; c < sqlite3_column_count(st); ++c) {
        const unsigned char* t = sqlite3_column_text(st, c);
        row.emplace_back(t ? reinterpret_cast<const char*>(t) : "");
      }
      rows.push_back(std::move(row));
    }
    if (rc != SQLITE_DONE) {
      ADD_FAILURE() << sql << ": " << sqlite3_errmsg(db_);
    }
    sqlite3_finalize(st);
    return rows;
  }
  std::string One(const std::string& sql, const std::vector<std::string>& params = {}) {
    auto rows = Run(sql, params);
    return rows.empty() || rows[0].empty() ? "" : rows[0][0];
  }
  int64_t Int(const std::string& sql, const std::vector<std::string>& params = {}) {
    return std::stoll("0" + One(sql, params));
  }
  int64_t Changes() { return sqlite3_changes(db_); }

  // The seq of the last trail event whose effects wrote row `id` of `table`.
  int64_t LastWriter(const std::string& table, int64_t id) {
    int64_t seq = 0;
    for (const auto& r : Run("SELECT seq, payload FROM trail_events ORDER BY seq")) {
      Json p = Json::parse(r[1], nullptr, false);
      if (p.is_object() && p.contains("effects"))
        for (const Json& e : p["effects"])
          if (e["t"] == table && e["id"] == id) seq = std::stoll(r[0]);
    }
    return seq;
  }

 private:
  sqlite3* db_ = nullptr;
};

class TamperTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(demo_.MakeDemo());
    CommandResult v = demo_.Verify();
    ASSERT_EQ(v.exit_code, 0) << v.All();
    ASSERT_NE(v.out.find("OK:"), std::string::npos) << v.All();
    size_ = Db(demo_.var()).Int("SELECT MAX(seq) FROM trail_events");
    ASSERT_GT(size_, 100);
  }

  // A fresh copy of the demo var/.
  std::string Copy(const std::string& name) {
    const std::string var = copies_.Sub(name);
    CopyTree(demo_.var(), var);
    return var;
  }

  static void ExpectFailedAt(const std::string& var, int64_t seq, const std::string& problem,
                             const std::vector<std::string>& extra = {}) {
    std::vector<std::string> args = {"verify", "--var", var, "--quiet"};
    args.insert(args.end(), extra.begin(), extra.end());
    CommandResult v = RunMamori(args);
    EXPECT_EQ(v.exit_code, 1) << v.All();
    EXPECT_NE(v.out.find("FAILED at event " + std::to_string(seq) + "\n"), std::string::npos)
        << "expected event " << seq << ":\n" << v.All();
    EXPECT_NE(v.out.find(problem), std::string::npos) << v.All();
  }

  Server demo_;  // never started: only its var/
  TempDir copies_{"mamori-tamper"};
  int64_t size_ = 0;
};

TEST_F(TamperTest, EditedLedgerRow) {
  const std::string var = Copy("a");
  Db db(var);
  const int64_t id = db.Int(
      "SELECT e.id FROM ledger_entries e JOIN items i ON i.id = e.item_id WHERE i.control_no = 'M-CY-001' "
      "ORDER BY e.row_no LIMIT 1");
  ASSERT_GT(id, 0);
  const int64_t seq = db.LastWriter("ledger_entries", id);
  ASSERT_GT(seq, 0);
  db.Run("UPDATE ledger_entries SET purpose = '私用の写真保存' WHERE id = ?", {std::to_string(id)});
  ASSERT_EQ(db.Changes(), 1);
  ExpectFailedAt(var, seq, "was changed after trail event " + std::to_string(seq));
}

TEST_F(TamperTest, EditedItemState) {
  const std::string var = Copy("b");
  Db db(var);
  const int64_t id = db.Int("SELECT id FROM items WHERE control_no = 'M-CY-020' AND state = 'destroyed'");
  ASSERT_GT(id, 0) << "the demo destroys M-CY-020";
  const int64_t seq = db.LastWriter("items", id);
  db.Run("UPDATE items SET state = 'in_storage' WHERE id = ?", {std::to_string(id)});
  ASSERT_EQ(db.Changes(), 1);
  ExpectFailedAt(var, seq, "was changed after trail event " + std::to_string(seq));
}

TEST_F(TamperTest, DeletedTrailEvent) {
  const std::string var = Copy("c");
  const int64_t seq = size_ / 2;
  {
    Db db(var);
    db.Run("DELETE FROM trail_events WHERE seq = ?", {std::to_string(seq)});
    ASSERT_EQ(db.Changes(), 1);
  }
  ExpectFailedAt(var, seq, "has been deleted");
}

TEST_F(TamperTest, ReorderedTrailEvents) {
  const std::string var = Copy("d");
  const int64_t k = size_ / 2;
  {
    Db db(var);
    const char* kCols = "ts, actor, command, entity, payload, prev_hash, hash";
    auto a = db.Run(std::string("SELECT ") + kCols + " FROM trail_events WHERE seq = ?", {std::to_string(k)});
    auto b = db.Run(std::string("SELECT ") + kCols + " FROM trail_events WHERE seq = ?", {std::to_string(k + 1)});
    ASSERT_EQ(a.size(), 1u);
    ASSERT_EQ(b.size(), 1u);
    ASSERT_NE(a[0][4], b[0][4]);
    const std::string set =
        "UPDATE trail_events SET ts = ?, actor = ?, command = ?, entity = ?, payload = ?, prev_hash = ?, hash = ? "
        "WHERE seq = ?";
    auto with = [](std::vector<std::string> v, int64_t seq) {
      v.push_back(std::to_string(seq));
      return v;
    };
    db.Run(set, with(b[0], k));
    db.Run(set, with(a[0], k + 1));
  }
  ExpectFailedAt(var, k, "edited or reordered");
}

TEST_F(TamperTest, EditedTrailPayload) {
  const std::string var = Copy("e");
  Db db(var);
  auto row = db.Run("SELECT seq, payload FROM trail_events WHERE command = 'item.checkout' AND seq > ? ORDER BY seq "
                    "LIMIT 1", {std::to_string(size_ / 3)});
  ASSERT_EQ(row.size(), 1u);
  Json p = Json::parse(row[0][1]);
  p["input"]["purpose"] = "私用";
  db.Run("UPDATE trail_events SET payload = ? WHERE seq = ?", {p.dump(), row[0][0]});
  ASSERT_EQ(db.Changes(), 1);
  ExpectFailedAt(var, std::stoll(row[0][0]), "edited or reordered");
}

TEST_F(TamperTest, TruncatedBelowSignedHeads) {
  const std::string var = Copy("f");
  {
    Db db(var);
    db.Run("DELETE FROM trail_events WHERE seq > ?", {std::to_string(size_ - 20)});
    ASSERT_EQ(db.Changes(), 20);
    db.Run("DELETE FROM trail_state");
    db.Run("DELETE FROM tree_heads");
  }
  ASSERT_NE(ReadFile(var + "/trail-heads.jsonl").find("\"size\":" + std::to_string(size_)), std::string::npos);
  ExpectFailedAt(var, size_ - 19, "truncated");
}

TEST_F(TamperTest, TruncationDetectedWithAnExportedHead) {
  const std::string var = Copy("f2");
  // Twenty-odd events that write no rows (the access records of exports: one batched "view"
  // event per run), so that cutting them off leaves every row consistent: only a signed head kept
  // elsewhere can tell.
  for (int i = 0; i < 22; ++i) {
    CommandResult ex = RunMamori({"export", "--var", var, "--item", "M-CY-001", "--format", "csv"});
    ASSERT_EQ(ex.exit_code, 0) << ex.All();
  }
  CommandResult head = RunMamori({"trail", "head", "--var", var});
  ASSERT_EQ(head.exit_code, 0) << head.All();
  Json h = Json::parse(head.out, nullptr, false);
  ASSERT_TRUE(h.is_object()) << head.out;
  const int64_t size = h["size"].get<int64_t>();
  ASSERT_GE(size, size_ + 20);
  const std::string head_file = copies_.Sub("head-f2.json");
  WriteFile(head_file, head.out);
  {
    Db db(var);
    ASSERT_EQ(db.Int("SELECT COUNT(*) FROM trail_events WHERE seq > ? AND command <> 'view'",
                     {std::to_string(size - 20)}), 0);
    db.Run("DELETE FROM trail_events WHERE seq > ?", {std::to_string(size - 20)});
    ASSERT_EQ(db.Changes(), 20);
    db.Run("DELETE FROM trail_state");
    db.Run("DELETE FROM tree_heads WHERE size > ?", {std::to_string(size - 20)});
  }
  // The heads file inside var/ is cut back too.
  std::istringstream lines(ReadFile(var + "/trail-heads.jsonl"));
  std::string kept, line;
  while (std::getline(lines, line)) {
    Json j = Json::parse(line, nullptr, false);
    if (j.is_object() && j["size"].get<int64_t>() <= size - 20) kept += line + "\n";
  }
  WriteFile(var + "/trail-heads.jsonl", kept);
  CommandResult alone = RunMamori({"verify", "--var", var, "--quiet"});
  EXPECT_EQ(alone.exit_code, 0) << "a clean truncation is invisible from inside var/: " << alone.All();
  ExpectFailedAt(var, size - 19, "truncated", {"--head", head_file});
}

TEST_F(TamperTest, RowAddedBehindTheTrail) {
  const std::string var = Copy("g");
  {
    Db db(var);
    const std::string unit = db.One("SELECT id FROM org_units WHERE code = 'CYBER'");
    db.Run("INSERT INTO items (id, control_no, kind, type, storage, custodian_unit_id, vendor, product, serial, state, "
           "origin, received_from, registered_at, version) VALUES ((SELECT MAX(id) + 1 FROM items), 'M-CY-999', "
           "'medium', 'USBメモリ', 'サイバー整備課 施錠保管庫A', ?, '', '', '', 'in_storage', 'registered', '', "
           "'2026-01-05T00:00:00.000Z', 1)",
           {unit});
    ASSERT_EQ(db.Changes(), 1);
  }
  ExpectFailedAt(var, size_ + 1, "not in the trail");
}

TEST_F(TamperTest, UntouchedCopyVerifies) {
  const std::string var = Copy("h");
  CommandResult v = RunMamori({"verify", "--var", var, "--json"});
  EXPECT_EQ(v.exit_code, 0) << v.All();
  Json j = Json::parse(v.out, nullptr, false);
  ASSERT_TRUE(j.is_object()) << v.out;
  EXPECT_EQ(j["ok"], true);
  EXPECT_EQ(j["events"], size_);
}

}  // namespace
}  // namespace mamori::test
