#include <string>
#include <vector>

#include "base/embedded.h"
#include "crypto/crypto.h"
#include "store/store.h"

namespace mamori {
namespace {

struct Migration {
  int version;
  std::string name;
  std::string_view sql;
};

std::vector<Migration> EmbeddedMigrations() {
  std::vector<Migration> out;
  const std::string prefix = "src/store/migrations/";
  for (const auto& [path, content] : EmbeddedFiles()) {
    if (path.rfind(prefix, 0) != 0) continue;
    const std::string file = path.substr(prefix.size());
    out.push_back({std::stoi(file.substr(0, 4)), file, content});
  }
  return out;  // std::map order = file-name order = version order
}

constexpr const char* kCreateTable =
    "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
    "checksum TEXT NOT NULL, applied_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP)";

Status MigrationError(const std::string& en) {
  return Status::Error(ErrorKind::kInternal, "store.migration", "", "データベースのスキーマが一致しません: " + en,
                       "Database schema mismatch: " + en);
}

// Checks the applied migrations against the embedded ones; returns how many are applied.
Result<size_t> AppliedPrefix(Conn& conn, const std::vector<Migration>& all) {
  RETURN_IF_ERROR(conn.Exec(kCreateTable));
  ASSIGN_OR_RETURN(Rows rows, conn.Query("SELECT version, name, checksum FROM schema_migrations ORDER BY version"));
  if (rows.rows.size() > all.size())
    return MigrationError("the database has migrations this binary does not know; upgrade mamori");
  for (size_t i = 0; i < rows.rows.size(); ++i) {
    const Row& r = rows.rows[i];
    if (r.Int(0) != all[i].version || r.Str(2) != ToHex(Sha256(all[i].sql)))
      return MigrationError("applied migration " + r.Str(1) + " differs from the embedded file");
  }
  return rows.rows.size();
}

}  // namespace

Status Migrate(Conn& conn) {
  const std::vector<Migration> all = EmbeddedMigrations();
  ASSIGN_OR_RETURN(size_t applied, AppliedPrefix(conn, all));
  for (size_t i = applied; i < all.size(); ++i) {
    // A migration that rebuilds a referenced table runs with foreign keys off (they cannot be switched
    // inside a transaction) and checks them all before it commits (sqlite.org/lang_altertable.html).
    const bool fk_off = all[i].sql.find("-- mamori: foreign-keys-off") != std::string_view::npos;
    if (fk_off) RETURN_IF_ERROR(conn.Exec("PRAGMA foreign_keys=OFF"));
    RETURN_IF_ERROR(conn.Begin());
    Status st = conn.ExecScript(all[i].sql);
    if (st.ok() && fk_off) {
      Result<Rows> broken = conn.Query("PRAGMA foreign_key_check");
      if (!broken.ok())
        st = broken.status();
      else if (!broken->empty())
        st = Status::Internal("foreign key check failed in table " + broken->rows[0].Str(0));
    }
    if (st.ok())
      st = conn.Exec("INSERT INTO schema_migrations(version, name, checksum) VALUES (?, ?, ?)",
                     {int64_t{all[i].version}, all[i].name, ToHex(Sha256(all[i].sql))});
    if (!st.ok()) {
      (void)conn.Rollback();
      if (fk_off) (void)conn.Exec("PRAGMA foreign_keys=ON");
      return MigrationError(all[i].name + ": " + st.en());
    }
    st = conn.Commit();
    if (fk_off) RETURN_IF_ERROR(conn.Exec("PRAGMA foreign_keys=ON"));
    RETURN_IF_ERROR(st);
  }
  return Status::Ok();
}

Status CheckMigrations(Conn& conn) {
  const std::vector<Migration> all = EmbeddedMigrations();
  ASSIGN_OR_RETURN(size_t applied, AppliedPrefix(conn, all));
  if (applied != all.size())
    return MigrationError(std::to_string(all.size() - applied) + " migration(s) pending; run `mamori init`");
  return Status::Ok();
}

}  // namespace mamori
