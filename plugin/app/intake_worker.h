// IntakeWorker: runs the durable intake jobs (plugin/core/intake.h) that request handlers stored
// before acknowledging. A few threads each claim one job at a time from the store (owner = this
// worker's id, lease = options.lease), run it through the runner, and mark it done. They claim
// whatever is due: new jobs (notify() wakes them at once), jobs left pending when a process
// stopped (run at start: recovery), and jobs whose owner died mid-run (after their lease ends).
// Every piece of shared state is in the intake store, so replicas sharing one can each run a
// worker. Now and then (purge_every) one thread deletes jobs finished more than keep_finished ago
// (they only serve de-duplication of redeliveries). A job running longer than its lease may be claimed again by another worker: handlers
// must be idempotent (core's approvals and the outbox are).
// Thread-safe. The destructor lets running jobs finish and leaves the rest in the store.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "plugin/core/intake.h"
#include "plugin/core/intake_store.h"
#include "plugin/core/time.h"

namespace ec::app {

struct IntakeWorkerOptions {
  std::string platform;  // the jobs this worker claims and knows how to run ("slack")
  int threads = 4;
  std::chrono::milliseconds lease{std::chrono::minutes(5)};
  // How often an idle thread looks for jobs it was not told about (other replicas' jobs, leases
  // that ended); notify() wakes it at once for this process's own jobs.
  std::chrono::milliseconds poll{500};
  int max_attempts = 3;
  std::chrono::milliseconds keep_finished{std::chrono::hours(24)};
  std::chrono::milliseconds purge_every{std::chrono::minutes(10)};
  std::string owner;  // empty: "<host>:<pid>:<random>"
  // Added to the threads' nice value (up to 19). Above 0 they yield the CPU to the request
  // threads, whose acks have a deadline (Slack's 3 seconds): a burst then queues turns in the
  // store instead of slowing every ack. A scheduling weight, not a strict priority: turns still
  // progress under load.
  int nice = 0;
};

class IntakeWorker {
 public:
  // Runs one job; returning is "done" (a turn reports its own errors to the user).
  using Runner = std::function<void(const IntakeJob&)>;

  IntakeWorker(IntakeStore& store, const Clock& clock, Runner runner, IntakeWorkerOptions options);
  ~IntakeWorker();
  IntakeWorker(const IntakeWorker&) = delete;
  IntakeWorker& operator=(const IntakeWorker&) = delete;

  // Starts the threads; they first run whatever is due (recovery).
  void start();
  // A job was stored: wake a thread.
  void notify();
  // Blocks until no job is due and none runs (tests, shutdown). Needs start().
  void wait_idle();
  const std::string& owner() const { return options_.owner; }

 private:
  void run();
  // Claims and runs one job; false when none was due.
  bool run_one();
  // Deletes old finished jobs when purge_every has passed since the last purge.
  void purge_if_due();

  IntakeStore& store_;
  const Clock& clock_;
  Runner runner_;
  IntakeWorkerOptions options_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::condition_variable idle_;
  std::uint64_t generation_ = 0;       // guarded by mutex_: bumped by notify()
  std::uint64_t idle_generation_ = 0;  // guarded by mutex_: a claim found nothing at this gen
  int busy_ = 0;                       // guarded by mutex_: threads claiming or running
  bool stopping_ = false;              // guarded by mutex_
  std::optional<Timestamp> next_purge_;  // guarded by mutex_; unset: purge at the first chance
  std::vector<std::thread> threads_;
};

}  // namespace ec::app
