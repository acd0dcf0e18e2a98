#include "plugin/store/sqlite_intake_store.h"

#include <system_error>
#include <utility>

#include <spdlog/spdlog.h>

#include "plugin/store/connection_pool.h"
#include "plugin/store/migrations.h"
#include "plugin/store/store_macros.h"

namespace ec::store {

// What the store and its transactions share.
struct IntakeFileState {
  explicit IntakeFileState(const SqliteIntakeOptions& o) : serialize_writers(o.serialize_writers) {}
  const bool serialize_writers;
  std::mutex write_turn;  // this process's writers, one at a time (serialize_writers)
};

namespace {

// Connections kept open: the intake writer, each intake worker thread, and a reader.
constexpr std::size_t kIdleConnections = 8;

bool same_file(const std::filesystem::path& a, const std::filesystem::path& b) {
  std::error_code ec;
  if (std::filesystem::equivalent(a, b, ec)) return true;
  return std::filesystem::weakly_canonical(a, ec) == std::filesystem::weakly_canonical(b, ec);
}

// Moves every row of the case database's intake_jobs into the intake file's, in one transaction
// on `connection` (the case database attached as `cases`). The intake file's (platform,
// dedup_key) uniqueness makes a repeated move (after a crash between the two files' commits:
// each file commits atomically, the pair does not) store nothing twice. Returns the rows moved.
Result<std::int64_t> move_case_database_jobs(Connection& connection,
                                             const std::filesystem::path& case_database) {
  {
    EC_STORE_ASSIGN_OR_RETURN(SqlStatement attach,
                              connection.prepare("ATTACH DATABASE ?1 AS cases"));
    attach.bind_text(1, case_database.string());
    EC_RETURN_IF_ERROR(attach.run());
  }
  auto moved = [&]() -> Result<std::int64_t> {
    EC_RETURN_IF_ERROR(connection.exec("BEGIN IMMEDIATE", "begin moving intake jobs"));
    EC_STORE_ASSIGN_OR_RETURN(
        SqlStatement has_table,
        connection.prepare("SELECT count(*) FROM cases.sqlite_master WHERE type = 'table' AND "
                           "name = 'intake_jobs'"));
    EC_STORE_ASSIGN_OR_RETURN(bool row, has_table.step());
    if (!row || has_table.column_int64(0) == 0) {
      EC_RETURN_IF_ERROR(connection.exec("ROLLBACK", "end moving intake jobs"));
      return 0;
    }
    EC_STORE_ASSIGN_OR_RETURN(
        SqlStatement copy,
        connection.prepare(
            "INSERT INTO main.intake_jobs (platform, kind, dedup_key, payload, state, owner, "
            "lease_until, attempts, received_at, finished_at) SELECT platform, kind, dedup_key, "
            "payload, state, owner, lease_until, attempts, received_at, finished_at FROM "
            "cases.intake_jobs WHERE true ORDER BY id ON CONFLICT (platform, dedup_key) DO "
            "NOTHING"));
    EC_RETURN_IF_ERROR(copy.run());
    EC_STORE_ASSIGN_OR_RETURN(SqlStatement remove,
                              connection.prepare("DELETE FROM cases.intake_jobs"));
    EC_RETURN_IF_ERROR(remove.run());
    const std::int64_t count = remove.changes();
    EC_RETURN_IF_ERROR(connection.exec("COMMIT", "commit moving intake jobs"));
    return count;
  }();
  if (!moved && sqlite3_get_autocommit(connection.handle()) == 0) {
    (void)connection.exec("ROLLBACK", "roll back moving intake jobs");
  }
  EC_RETURN_IF_ERROR(connection.exec("DETACH DATABASE cases", "detach the case database"));
  return moved;
}

}  // namespace

Result<IntakeStorePtr> SqliteIntakeStore::open(const std::filesystem::path& path,
                                               const std::filesystem::path& case_database,
                                               SqliteIntakeOptions options) {
  if (!case_database.empty() && same_file(path, case_database)) {
    return make_error(ErrorCode::InvalidArgument,
                      "the intake database must be a file of its own, not the case database " +
                          case_database.string());
  }
  EC_RETURN_IF_ERROR(ensure_parent_dir(path));
  auto state = std::make_shared<IntakeFileState>(options);
  // Full: a job is acknowledged to the platform once committed, and the platform never sends
  // that request again, so its commit must survive a power loss, not only a crash.
  auto pool = std::make_shared<ConnectionPool>(path, kIdleConnections, Sync::Full);
  EC_STORE_ASSIGN_OR_RETURN(ConnectionPtr connection, pool->acquire());
  auto version = apply_migrations(*connection, embedded_intake_migrations());
  if (!version) return std::unexpected(version.error().with_context(path.string()));
  std::error_code ec;
  if (!case_database.empty() && std::filesystem::exists(case_database, ec)) {
    auto moved = move_case_database_jobs(*connection, case_database);
    if (!moved) {
      return std::unexpected(
          moved.error().with_context("moving intake jobs from " + case_database.string()));
    }
    if (*moved > 0) {
      spdlog::info("store: moved {} intake jobs from {} to {}", *moved, case_database.string(),
                   path.string());
    }
  }
  spdlog::debug("store: opened intake database {} at schema version {}", path.string(), *version);
  pool->release(std::move(connection));
  return IntakeStorePtr(new SqliteIntakeStore(std::move(pool), std::move(state)));
}

SqliteIntakeStore::SqliteIntakeStore(std::shared_ptr<ConnectionPool> pool,
                                     std::shared_ptr<IntakeFileState> state)
    : pool_(std::move(pool)), state_(std::move(state)) {}

SqliteIntakeStore::~SqliteIntakeStore() = default;

Result<IntakeTransactionPtr> SqliteIntakeStore::begin_intake() {
  std::unique_lock<std::mutex> turn;
  if (state_->serialize_writers) turn = std::unique_lock(state_->write_turn);
  EC_STORE_ASSIGN_OR_RETURN(TransactionScope scope,
                            TransactionScope::begin(pool_, Locking::Immediate));
  return IntakeTransactionPtr(
      new SqliteIntakeTransaction(state_, std::move(turn), std::move(scope)));
}

Status SqliteIntakeTransaction::commit() {
  EC_RETURN_IF_ERROR(scope_.commit());
  if (turn_.owns_lock()) turn_.unlock();
  return ok_status();
}

}  // namespace ec::store
