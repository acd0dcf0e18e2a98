// SqliteIntakeStore: the SQLite implementation of ec::IntakeStore (plugin/core/intake_store.h)
// on a database file of its own, apart from the case database, so that storing a job before a
// chat platform's ack never waits for a turn transaction's write lock, and the file's WAL
// checkpoints stay small. Same settings as the case database (WAL, busy timeout) except that
// every commit is fsynced (synchronous=FULL: an acked request is never sent again, so it must
// survive a power loss), its own migrations (intake_migrations/*.sql) and connection pool.
// This process's writers take turns on a mutex before BEGIN IMMEDIATE, so the intake writer
// waiting for a worker's claim is woken when it ends, not by SQLite's busy handler, which sleeps
// 1, 2, 5, 10... ms between tries (other processes sharing the file still meet it). WAL
// checkpoints stay SQLite's automatic ones (see docs/performance.md for why).
// SqliteIntakeTransaction (transaction_intake.cc) implements the repository. Thread-safe.
#pragma once

#include <filesystem>
#include <memory>
#include <mutex>

#include "plugin/core/intake_store.h"
#include "plugin/core/result.h"
#include "plugin/store/transaction_scope.h"

namespace ec::store {

class ConnectionPool;
struct IntakeFileState;

struct SqliteIntakeOptions {
  bool serialize_writers = true;  // false: writers meet only SQLite's busy handler
};

class SqliteIntakeStore final : public IntakeStore {
 public:
  // Opens (creates) the intake database at `path` and applies its migrations. When
  // `case_database` names an existing case database whose intake_jobs table (migration 0004,
  // where jobs lived before) has rows, moves them into `path` first (pending, running with their
  // leases, and finished ones for de-duplication); a move cut short by a crash is completed by
  // the next open and stores no job twice. Errors as SqliteStore::open; InvalidArgument when both
  // paths name the same file.
  [[nodiscard]] static Result<IntakeStorePtr> open(const std::filesystem::path& path,
                                                   const std::filesystem::path& case_database = {},
                                                   SqliteIntakeOptions options = {});

  ~SqliteIntakeStore() override;  // open transactions stay usable
  SqliteIntakeStore(const SqliteIntakeStore&) = delete;
  SqliteIntakeStore& operator=(const SqliteIntakeStore&) = delete;

  // ec::IntakeStore: BEGIN IMMEDIATE on the intake file. Unavailable when its write lock stays
  // busy past kBusyTimeout.
  [[nodiscard]] Result<IntakeTransactionPtr> begin_intake() override;

 private:
  SqliteIntakeStore(std::shared_ptr<ConnectionPool> pool, std::shared_ptr<IntakeFileState> state);

  std::shared_ptr<ConnectionPool> pool_;    // shared with open transactions
  std::shared_ptr<IntakeFileState> state_;  // shared with open transactions
};

// IntakeTransaction on one pooled connection of the intake file (transaction_intake.cc). The
// claim runs inside this BEGIN IMMEDIATE transaction (SQLite has one writer), so no two workers,
// in this process or another sharing the file, claim the same job. (PostgreSQL would use
// SELECT ... FOR UPDATE SKIP LOCKED for the same contract.) Used by one thread.
class SqliteIntakeTransaction final : public IntakeTransaction {
 public:
  // `turn`: this process's write turn (may be empty), held until commit or destruction.
  SqliteIntakeTransaction(std::shared_ptr<IntakeFileState> state, std::unique_lock<std::mutex> turn,
                          TransactionScope scope)
      : state_(std::move(state)), turn_(std::move(turn)), scope_(std::move(scope)) {}

  [[nodiscard]] Status commit() override;
  [[nodiscard]] Result<std::optional<std::int64_t>> insert_intake(const IntakeJob& job) override;
  [[nodiscard]] Result<std::optional<IntakeJob>> claim_intake(const std::string& owner,
                                                              const std::string& platform,
                                                              Timestamp now, Timestamp lease_until,
                                                              int max_attempts) override;
  [[nodiscard]] Status finish_intake(std::int64_t id, const std::string& owner,
                                     Timestamp at) override;
  [[nodiscard]] Result<std::vector<IntakeJob>> list_intake(IntakeState state, int limit) override;
  [[nodiscard]] Result<std::int64_t> purge_intake(Timestamp before) override;

 private:
  // The first job of "SELECT ... WHERE <where>" (`where` a fixed SQL literal that may use ?1 for
  // now_ms and uses ?2 for the platform), nullopt when none.
  [[nodiscard]] Result<std::optional<IntakeJob>> oldest(std::string_view where,
                                                        std::int64_t now_ms,
                                                        const std::string& platform);

  std::shared_ptr<IntakeFileState> state_;  // keeps the turn's mutex alive
  std::unique_lock<std::mutex> turn_;       // released after scope_ ends (declared before it)
  TransactionScope scope_;
};

}  // namespace ec::store
