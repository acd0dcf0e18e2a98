#include "plugin/store/migrations.h"

#include <string>

#include <spdlog/spdlog.h>

#include "plugin/store/store_macros.h"

namespace ec::store {
namespace {

constexpr std::string_view kCreateMigrationsTable =
    "CREATE TABLE IF NOT EXISTS schema_migrations ("
    "  version INTEGER PRIMARY KEY NOT NULL,"
    "  applied_at TEXT NOT NULL)";

// Versions start at 1 and strictly increase; gaps after 1 are allowed (a later merge may fill
// them: branches number their migrations ahead of time).
Status check_numbering(std::span<const Migration> migrations) {
  int expected = 1;
  for (const Migration& m : migrations) {
    if (m.version < expected || (expected == 1 && m.version != 1)) {
      return make_error(ErrorCode::Internal, "migration " + std::string(m.name) + " has version " +
                                                 std::to_string(m.version) + ", expected at least " +
                                                 std::to_string(expected));
    }
    expected = m.version + 1;
  }
  return ok_status();
}

Result<bool> is_applied(Connection& connection, int version) {
  EC_STORE_ASSIGN_OR_RETURN(
      SqlStatement stmt, connection.prepare("SELECT 1 FROM schema_migrations WHERE version = ?1"));
  stmt.bind_int64(1, version);
  return stmt.step();
}

Result<int> current_version(Connection& connection) {
  EC_STORE_ASSIGN_OR_RETURN(SqlStatement stmt,
                            connection.prepare("SELECT MAX(version) FROM schema_migrations"));
  EC_STORE_ASSIGN_OR_RETURN(bool row, stmt.step());
  if (!row || stmt.column_is_null(0)) return 0;
  return static_cast<int>(stmt.column_int64(0));
}

Status apply_one(Connection& connection, const Migration& migration) {
  EC_RETURN_IF_ERROR(connection.exec(migration.sql, "migration " + std::string(migration.name)));
  EC_STORE_ASSIGN_OR_RETURN(
      SqlStatement record,
      connection.prepare("INSERT INTO schema_migrations (version, applied_at) "
                         "VALUES (?1, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))"));
  record.bind_int64(1, migration.version);
  return record.run();
}

// Applies what is missing; `applied` counts the migrations run.
Result<int> apply_in_transaction(Connection& connection, std::span<const Migration> migrations,
                                 int& applied) {
  EC_RETURN_IF_ERROR(connection.exec(kCreateMigrationsTable, "create schema_migrations"));
  EC_STORE_ASSIGN_OR_RETURN(int version, current_version(connection));
  const int latest = migrations.empty() ? 0 : migrations.back().version;
  if (version > latest) {
    return make_error(ErrorCode::FailedPrecondition,
                      "database schema version " + std::to_string(version) +
                          " is newer than this binary knows (" + std::to_string(latest) +
                          "); upgrade escalation-copilot");
  }
  for (const Migration& migration : migrations) {
    // Apply by presence, not by the maximum: a migration that filled a gap after a merge runs too.
    EC_STORE_ASSIGN_OR_RETURN(bool applied_before, is_applied(connection, migration.version));
    if (applied_before) continue;
    EC_RETURN_IF_ERROR(apply_one(connection, migration));
    ++applied;
  }
  return latest;
}

}  // namespace

int latest_schema_version() {
  const auto migrations = embedded_migrations();
  return migrations.empty() ? 0 : migrations.back().version;
}

Result<int> apply_migrations(Connection& connection, std::span<const Migration> migrations) {
  EC_RETURN_IF_ERROR(check_numbering(migrations));
  EC_RETURN_IF_ERROR(connection.exec("BEGIN IMMEDIATE", "begin migrations"));
  int applied = 0;
  auto version = apply_in_transaction(connection, migrations, applied);
  if (!version) {
    (void)connection.exec("ROLLBACK", "rollback migrations");
    return version;
  }
  EC_RETURN_IF_ERROR(connection.exec("COMMIT", "commit migrations"));
  if (applied > 0) {
    spdlog::info("store: applied {} migration(s), schema version {}", applied, *version);
  }
  return version;
}

}  // namespace ec::store
