// SQLite backend: WAL mode, synchronous=FULL (a commit is on disk when it returns), foreign keys on.

#include <sqlite3.h>

#include <string>
#include <unordered_map>

#include "store/store.h"

namespace mamori {
namespace {

Status SqliteError(sqlite3* db, std::string_view what) {
  return Status::Internal(std::string(what) + ": " + (db ? sqlite3_errmsg(db) : "no database"));
}

class SqliteConn final : public Conn {
 public:
  explicit SqliteConn(sqlite3* db) : db_(db) {}
  ~SqliteConn() override {
    for (auto& [sql, stmt] : cache_) sqlite3_finalize(stmt);
    sqlite3_close_v2(db_);
  }

  Status Exec(std::string_view sql, const Params& params) override {
    sqlite3_stmt* stmt = nullptr;
    RETURN_IF_ERROR(Prepare(sql, params, &stmt));
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
    }
    sqlite3_reset(stmt);
    if (rc != SQLITE_DONE) return StepError(rc, sql);
    return Status::Ok();
  }

  Result<Rows> Query(std::string_view sql, const Params& params) override {
    Rows out;
    std::shared_ptr<std::vector<std::string>> columns;
    Status st = Step(sql, params, [&](sqlite3_stmt* stmt) {
      if (!columns) columns = ColumnNames(stmt);
      out.rows.emplace_back(columns, ReadValues(stmt));
      return true;
    });
    if (!st.ok()) return st;
    if (columns) out.columns = *columns;
    return out;
  }

  Status ForEach(std::string_view sql, const Params& params, const std::function<bool(const Row&)>& fn) override {
    std::shared_ptr<std::vector<std::string>> columns;
    return Step(sql, params, [&](sqlite3_stmt* stmt) {
      if (!columns) columns = ColumnNames(stmt);
      return fn(Row(columns, ReadValues(stmt)));
    });
  }

  Result<StatementInfo> Describe(std::string_view sql) override {
    const char* end = sql.data() + sql.size();
    const char* tail = nullptr;
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(db_, sql.data(), static_cast<int>(sql.size()), &stmt, &tail) != SQLITE_OK)
      return PrepareError(stmt);
    if (!stmt)
      return Status::Error(ErrorKind::kInvalidArgument, "store.prepare", "", "SQL 文がありません。", "no SQL statement");
    StatementInfo info;
    info.columns = *ColumnNames(stmt);
    info.parameters = sqlite3_bind_parameter_count(stmt);
    info.read_only = sqlite3_stmt_readonly(stmt) != 0;
    sqlite3_finalize(stmt);
    stmt = nullptr;
    // Whatever follows must be blank or comments: one statement only.
    if (tail && tail < end && sqlite3_prepare_v2(db_, tail, static_cast<int>(end - tail), &stmt, nullptr) != SQLITE_OK)
      return PrepareError(stmt);
    if (stmt) {
      sqlite3_finalize(stmt);
      return Status::Error(ErrorKind::kInvalidArgument, "store.prepare", "", "SQL 文は一つだけ書けます。",
                           "only one SQL statement is allowed");
    }
    return info;
  }

  Status ExecScript(std::string_view sql) override {
    char* err = nullptr;
    const std::string s(sql);
    if (sqlite3_exec(db_, s.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
      std::string msg = err ? err : "unknown";
      sqlite3_free(err);
      return Status::Internal("sqlite script: " + msg);
    }
    return Status::Ok();
  }

  Status Begin() override { return Exec("BEGIN IMMEDIATE", {}); }
  Status Commit() override { return Exec("COMMIT", {}); }
  Status Rollback() override { return Exec("ROLLBACK", {}); }
  Status Savepoint(const std::string& n) override { return ExecScript("SAVEPOINT " + n); }
  Status Release(const std::string& n) override { return ExecScript("RELEASE " + n); }
  Status RollbackTo(const std::string& n) override { return ExecScript("ROLLBACK TO " + n); }
  int64_t Changes() override { return sqlite3_changes64(db_); }
  int64_t LastInsertId() override { return sqlite3_last_insert_rowid(db_); }

 private:
  Status Prepare(std::string_view sql, const Params& params, sqlite3_stmt** out) {
    auto it = cache_.find(std::string(sql));
    sqlite3_stmt* stmt;
    if (it != cache_.end()) {
      stmt = it->second;
    } else {
      if (sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT, &stmt,
                             nullptr) != SQLITE_OK)
        return SqliteError(db_, "prepare " + std::string(sql.substr(0, 80)));
      cache_.emplace(std::string(sql), stmt);
    }
    sqlite3_clear_bindings(stmt);
    for (size_t i = 0; i < params.size(); ++i) {
      const int idx = static_cast<int>(i + 1);
      const Value& v = params[i];
      int rc;
      if (const auto* n = std::get_if<int64_t>(&v))
        rc = sqlite3_bind_int64(stmt, idx, *n);
      else if (const auto* s = std::get_if<std::string>(&v))
        rc = sqlite3_bind_text(stmt, idx, s->data(), static_cast<int>(s->size()), SQLITE_TRANSIENT);
      else
        rc = sqlite3_bind_null(stmt, idx);
      if (rc != SQLITE_OK) return SqliteError(db_, "bind");
    }
    *out = stmt;
    return Status::Ok();
  }

  Status PrepareError(sqlite3_stmt* stmt) {
    const std::string msg = sqlite3_errmsg(db_);
    if (stmt) sqlite3_finalize(stmt);
    return Status::Error(ErrorKind::kInvalidArgument, "store.prepare", "", "SQL を準備できません: " + msg, msg);
  }

  template <typename F>
  Status Step(std::string_view sql, const Params& params, F&& on_row) {
    sqlite3_stmt* stmt = nullptr;
    RETURN_IF_ERROR(Prepare(sql, params, &stmt));
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
      if (!on_row(stmt)) {
        rc = SQLITE_DONE;
        break;
      }
    }
    sqlite3_reset(stmt);
    if (rc != SQLITE_DONE) return StepError(rc, sql);
    return Status::Ok();
  }

  Status StepError(int rc, std::string_view sql) {
    if ((rc & 0xff) == SQLITE_CONSTRAINT)
      return Status::Error(ErrorKind::kConflict, "store.constraint", "", "一意性などの制約に違反しました。",
                           std::string("Constraint violated: ") + sqlite3_errmsg(db_));
    return SqliteError(db_, "step " + std::string(sql.substr(0, 80)));
  }

  static std::shared_ptr<std::vector<std::string>> ColumnNames(sqlite3_stmt* stmt) {
    auto names = std::make_shared<std::vector<std::string>>();
    for (int i = 0; i < sqlite3_column_count(stmt); ++i) names->emplace_back(sqlite3_column_name(stmt, i));
    return names;
  }

  static std::vector<Value> ReadValues(sqlite3_stmt* stmt) {
    const int n = sqlite3_column_count(stmt);
    std::vector<Value> vals;
    vals.reserve(n);
    for (int i = 0; i < n; ++i) {
      switch (sqlite3_column_type(stmt, i)) {
        case SQLITE_NULL: vals.emplace_back(std::monostate{}); break;
        case SQLITE_INTEGER: vals.emplace_back(static_cast<int64_t>(sqlite3_column_int64(stmt, i))); break;
        default: {
          const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt, i));
          vals.emplace_back(std::string(p ? p : "", sqlite3_column_bytes(stmt, i)));
        }
      }
    }
    return vals;
  }

  sqlite3* db_;
  std::unordered_map<std::string, sqlite3_stmt*> cache_;
};

class SqliteStore final : public Store {
 public:
  explicit SqliteStore(StoreOptions o) : options_(std::move(o)) {}
  std::string backend() const override { return "sqlite"; }

  Result<std::unique_ptr<Conn>> Connect(bool read_only) override {
    sqlite3* db = nullptr;
    const int flags = (read_only || options_.read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) |
                      SQLITE_OPEN_NOMUTEX;
    if (sqlite3_open_v2(options_.path.c_str(), &db, flags, nullptr) != SQLITE_OK) {
      Status st = SqliteError(db, "open " + options_.path);
      sqlite3_close_v2(db);
      return st;
    }
    auto conn = std::make_unique<SqliteConn>(db);
    sqlite3_busy_timeout(db, options_.busy_timeout_ms);
    if (!read_only && !options_.read_only) RETURN_IF_ERROR(conn->ExecScript("PRAGMA journal_mode=WAL"));
    // Readers get a smaller page cache: there are several of them, and the OS caches the file too.
    const bool reader = read_only || options_.read_only;
    RETURN_IF_ERROR(conn->ExecScript(std::string("PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; "
                                                 "PRAGMA temp_store=MEMORY; PRAGMA cache_size=") +
                                     (reader ? "-4000" : "-16000")));
    return std::unique_ptr<Conn>(std::move(conn));
  }

 private:
  StoreOptions options_;
};

}  // namespace

Result<std::unique_ptr<Store>> OpenSqliteStore(const StoreOptions& options) {
  if (sqlite3_threadsafe() == 0) return Status::Internal("SQLite was built without thread support");
  return std::unique_ptr<Store>(std::make_unique<SqliteStore>(options));
}

}  // namespace mamori
