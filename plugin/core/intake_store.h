// Storage interface of the durable intake (intake.h), apart from the case store (store.h) so that
// an implementation can keep intake jobs where their commits never wait for a turn's: the SQLite
// store keeps them in a database file of their own; a PostgreSQL store can back both interfaces
// with one database (the intake_jobs table next to the rest). Every replica shares it, and every
// read and write happens inside an explicit transaction, as in store.h.
// An IntakeStore is thread-safe; an IntakeTransaction is used by one thread and rolls back when
// destroyed without commit().
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "plugin/core/intake.h"
#include "plugin/core/result.h"
#include "plugin/core/time.h"

namespace ec {

// Errors common to every method: Unavailable when the database cannot be reached or is busy past
// its timeout; DataLoss when stored data cannot be decoded; Internal for anything else.
class IntakeRepository {
 public:
  virtual ~IntakeRepository() = default;
  // Stores `job` as pending and returns its id; nullopt (nothing stored) when the platform
  // delivered the same dedup_key before. InvalidArgument for an empty platform or key.
  virtual Result<std::optional<std::int64_t>> insert_intake(const IntakeJob& job) = 0;
  // Claims the oldest pending job of `platform`, or a running one whose lease ended before
  // `now` (its owner died), for `owner` until `lease_until`, counting the attempt; nullopt when
  // none is due. A job already claimed `max_attempts` times is marked failed instead of claimed
  // again. Each platform's worker claims only its own jobs (it alone knows how to run them).
  virtual Result<std::optional<IntakeJob>> claim_intake(const std::string& owner,
                                                        const std::string& platform,
                                                        Timestamp now, Timestamp lease_until,
                                                        int max_attempts) = 0;
  // Marks a job done. NotFound: no such job; FailedPrecondition: not running for `owner` (its
  // lease ended and another worker claimed it).
  virtual Status finish_intake(std::int64_t id, const std::string& owner, Timestamp at) = 0;
  // Jobs in `state`, oldest first (for tests, metrics and operators).
  virtual Result<std::vector<IntakeJob>> list_intake(IntakeState state, int limit) = 0;
  // Deletes done and failed jobs finished before `before` (they only served de-duplication of
  // redeliveries, which platforms send within minutes); returns how many.
  virtual Result<std::int64_t> purge_intake(Timestamp before) = 0;
};

class IntakeTransaction : public IntakeRepository {
 public:
  // Makes every write of this transaction durable at once. After commit() the object is spent.
  virtual Status commit() = 0;
};
using IntakeTransactionPtr = std::unique_ptr<IntakeTransaction>;

class IntakeStore {
 public:
  virtual ~IntakeStore() = default;
  // Starts a write transaction on the intake (SQLite: BEGIN IMMEDIATE on the intake file).
  virtual Result<IntakeTransactionPtr> begin_intake() = 0;
};
using IntakeStorePtr = std::unique_ptr<IntakeStore>;

}  // namespace ec
