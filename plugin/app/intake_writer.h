// IntakeWriter: stores verified inbound requests as durable intake jobs (plugin/core/intake.h)
// and wakes the IntakeWorker, for request handlers that must not ack what is not durable.
// Two modes, measured in docs/performance.md:
//  - Direct: each submit() runs its own transaction (BEGIN IMMEDIATE, INSERT, COMMIT); handler
//    threads contend for SQLite's single write lock.
//  - GroupCommit: one writer thread takes every job queued while its previous commit ran and
//    stores them in one transaction; each submit() waits for its own job's result (a promise the
//    writer fulfils after the commit, so a commit wakes only the requests it stored). No added
//    delay when idle; under load one commit serves many requests.
// Thread-safe. The destructor stores what is queued, then stops the writer thread.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <future>
#include <mutex>
#include <thread>
#include <vector>

#include "plugin/app/intake_worker.h"
#include "plugin/core/intake.h"
#include "plugin/core/intake_store.h"

namespace ec::app {

enum class IntakeCommit { Direct, GroupCommit };

class IntakeWriter {
 public:
  IntakeWriter(IntakeStore& store, IntakeWorker& worker, IntakeCommit mode);
  ~IntakeWriter();
  IntakeWriter(const IntakeWriter&) = delete;
  IntakeWriter& operator=(const IntakeWriter&) = delete;

  // Stores `job` durably (returns after the commit). True when stored, false when it is a
  // redelivery of a job stored before (nothing stored). Store errors as the store reports them.
  [[nodiscard]] Result<bool> submit(IntakeJob job);

 private:
  struct Pending {
    IntakeJob job;
    std::promise<Result<bool>> result;  // fulfilled by the writer thread after the commit
  };
  void write_batches();
  // Stores `batch` in one transaction; one result per job, in order.
  [[nodiscard]] std::vector<Result<bool>> store_batch(const std::deque<Pending>& batch);
  [[nodiscard]] Result<bool> store_one(IntakeJob job);

  IntakeStore& store_;
  IntakeWorker& worker_;
  const IntakeCommit mode_;
  std::mutex mutex_;
  std::condition_variable queued_;
  std::deque<Pending> queue_;   // guarded by mutex_
  bool stopping_ = false;       // guarded by mutex_
  std::thread writer_;          // GroupCommit only
};

}  // namespace ec::app
