#pragma once
// The store: one interface over the database, with one folder per backend (sqlite/ now, postgres/
// later). SQL is written once in the portable subset both backends accept: `?` placeholders
// (a PostgreSQL backend rewrites them to $n), INSERT … ON CONFLICT … DO UPDATE, TEXT/INTEGER/NULL only.

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "base/status.h"

namespace mamori {

// A column value: NULL, INTEGER or TEXT. Nothing else is stored, so that the trail's canonical
// form of a row is the same whichever backend produced it.
using Value = std::variant<std::monostate, int64_t, std::string>;
using Params = std::vector<Value>;

// One result row. Copies and moves are safe: the column names are shared, not borrowed.
class Row {
 public:
  Row(std::shared_ptr<const std::vector<std::string>> columns, std::vector<Value> values)
      : columns_(std::move(columns)), values_(std::move(values)) {}
  size_t size() const { return values_.size(); }
  const std::string& name(size_t i) const { return (*columns_)[i]; }
  const Value& at(size_t i) const { return values_[i]; }
  bool IsNull(size_t i) const { return std::holds_alternative<std::monostate>(values_[i]); }
  // 0 / "" for NULL; an INTEGER read as text gives its decimal form.
  int64_t Int(size_t i) const;
  std::string Str(size_t i) const;

 private:
  std::shared_ptr<const std::vector<std::string>> columns_;  // shared by the rows of one result
  std::vector<Value> values_;
};

struct Rows {
  std::vector<std::string> columns;
  std::vector<Row> rows;
  bool empty() const { return rows.empty(); }
};

// What a statement is, found by preparing it without running it (Conn::Describe).
struct StatementInfo {
  std::vector<std::string> columns;  // result columns, in order
  int parameters = 0;                // number of `?` placeholders
  bool read_only = false;            // the statement cannot change the database
};

// A connection. Not thread-safe: one thread uses a connection at a time.
class Conn {
 public:
  virtual ~Conn() = default;
  // Runs one statement. Prepared statements are cached per connection.
  virtual Status Exec(std::string_view sql, const Params& params = {}) = 0;
  // Runs a query and returns all rows.
  virtual Result<Rows> Query(std::string_view sql, const Params& params = {}) = 0;
  // Streams rows to `fn`; stops early when fn returns false. For scans of millions of rows.
  virtual Status ForEach(std::string_view sql, const Params& params,
                         const std::function<bool(const Row&)>& fn) = 0;
  // Prepares one statement without running it (nothing is cached). An error names what does not
  // prepare; more than one statement is an error. For SQL written as data (profile rules).
  virtual Result<StatementInfo> Describe(std::string_view sql) = 0;
  // Runs a script of several statements without parameters (migrations).
  virtual Status ExecScript(std::string_view sql) = 0;
  virtual Status Begin() = 0;   // BEGIN IMMEDIATE on SQLite: the writer takes the lock up front
  virtual Status Commit() = 0;  // durable when it returns OK (synchronous=FULL)
  virtual Status Rollback() = 0;
  virtual Status Savepoint(const std::string& name) = 0;
  virtual Status Release(const std::string& name) = 0;
  virtual Status RollbackTo(const std::string& name) = 0;
  // Rows changed by the last Exec.
  virtual int64_t Changes() = 0;
  // The id of the last inserted row (SQLite rowid). PostgreSQL uses RETURNING instead.
  virtual int64_t LastInsertId() = 0;
};

struct StoreOptions {
  std::string path;             // SQLite: the database file
  bool read_only = false;
  int busy_timeout_ms = 10000;
};

class Store {
 public:
  virtual ~Store() = default;
  virtual std::string backend() const = 0;
  // A new connection. Thread-safe.
  virtual Result<std::unique_ptr<Conn>> Connect(bool read_only) = 0;
};

Result<std::unique_ptr<Store>> OpenSqliteStore(const StoreOptions& options);

// Applies the embedded migrations (src/store/migrations/NNNN_name.sql) not yet applied, in
// order, each in its own transaction. Fails without writing if an applied migration differs from
// the embedded file (checksum) or the database is newer than this binary.
Status Migrate(Conn& conn);
// Fails if the database is not exactly at the binary's migration level (used at server start-up).
Status CheckMigrations(Conn& conn);

}  // namespace mamori
