#include "plugin/app/intake_worker.h"

#include <pthread.h>
#include <spdlog/spdlog.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <exception>
#include <random>

namespace ec::app {
namespace {

std::string default_owner() {
  char host[256] = {};
  if (gethostname(host, sizeof host - 1) != 0) host[0] = '\0';
  std::random_device rd;
  return std::string(host) + ":" + std::to_string(getpid()) + ":" + std::to_string(rd());
}

// Linux gives each thread its own nice value (inherited from the thread that created it), and
// setpriority() on a thread id changes only that thread.
void lower_this_thread_priority(int by) {
  if (by <= 0) return;
  const auto tid = static_cast<id_t>(gettid());
  errno = 0;
  const int current = getpriority(PRIO_PROCESS, tid);
  if (current == -1 && errno != 0) return;
  const int lowered = std::min(current + by, 19);
  if (setpriority(PRIO_PROCESS, tid, lowered) != 0) {
    spdlog::warn("intake: cannot lower the worker threads' priority to nice {}", lowered);
  }
}

}  // namespace

IntakeWorker::IntakeWorker(IntakeStore& store, const Clock& clock, Runner runner,
                           IntakeWorkerOptions options)
    : store_(store), clock_(clock), runner_(std::move(runner)), options_(std::move(options)) {
  if (options_.owner.empty()) options_.owner = default_owner();
}

IntakeWorker::~IntakeWorker() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  for (std::thread& t : threads_) t.join();
}

void IntakeWorker::start() {
  {
    std::lock_guard lock(mutex_);
    ++generation_;  // what is due now (recovery) counts as news for wait_idle()
  }
  for (int i = 0; i < options_.threads; ++i) threads_.emplace_back([this] { run(); });
}

void IntakeWorker::notify() {
  {
    std::lock_guard lock(mutex_);
    ++generation_;
  }
  wake_.notify_one();
}

void IntakeWorker::wait_idle() {
  std::unique_lock lock(mutex_);
  idle_.wait(lock, [this] { return busy_ == 0 && idle_generation_ == generation_; });
}

bool IntakeWorker::run_one() {
  const Timestamp now = clock_.now();
  std::optional<IntakeJob> job;
  {
    auto tx = store_.begin_intake();
    if (!tx) {
      spdlog::warn("intake: claiming: {}", tx.error().message);
      return false;
    }
    auto claimed = (*tx)->claim_intake(options_.owner, options_.platform, now, now + options_.lease,
                                       options_.max_attempts);
    if (!claimed) {
      spdlog::warn("intake: claiming: {}", claimed.error().message);
      return false;
    }
    if (!claimed->has_value()) return false;
    if (auto done = (*tx)->commit(); !done) {
      spdlog::warn("intake: claiming: {}", done.error().message);
      return false;
    }
    job = std::move(**claimed);
  }
  if (job->attempts > 1) {
    spdlog::info("intake: running {} job {} again (attempt {})", job->platform, job->id,
                 job->attempts);
  }
  try {
    runner_(*job);
  } catch (const std::exception& e) {
    spdlog::error("intake: {} job {} failed: {}", job->platform, job->id, e.what());
  } catch (...) {
    spdlog::error("intake: {} job {} failed", job->platform, job->id);
  }
  auto tx = store_.begin_intake();
  Status finished = tx ? (*tx)->finish_intake(job->id, options_.owner, clock_.now())
                       : Status(std::unexpected(tx.error()));
  if (finished && tx) finished = (*tx)->commit();
  if (!finished) spdlog::warn("intake: finishing job {}: {}", job->id, finished.error().message);
  return true;
}

void IntakeWorker::purge_if_due() {
  const Timestamp now = clock_.now();
  {
    std::lock_guard lock(mutex_);
    if (next_purge_ && now < *next_purge_) return;
    next_purge_ = now + options_.purge_every;
  }
  auto tx = store_.begin_intake();
  auto purged = tx ? (*tx)->purge_intake(now - options_.keep_finished)
                   : Result<std::int64_t>(std::unexpected(tx.error()));
  Status done = purged ? (*tx)->commit() : Status(std::unexpected(purged.error()));
  if (!done) {
    spdlog::warn("intake: purging finished jobs: {}", done.error().message);
  } else if (*purged > 0) {
    spdlog::info("intake: purged {} jobs finished before {}", *purged,
                 format_rfc3339(now - options_.keep_finished));
  }
}

void IntakeWorker::run() {
  // Linux limits thread names to 15 characters: "ec-slack-work".
  const std::string name = ("ec-" + options_.platform + "-work").substr(0, 15);
  pthread_setname_np(pthread_self(), name.c_str());
  lower_this_thread_priority(options_.nice);
  std::uint64_t seen = 0;
  for (;;) {
    {
      std::lock_guard lock(mutex_);
      if (stopping_) return;
      seen = generation_;
      ++busy_;
    }
    const bool ran = run_one();
    if (!ran) purge_if_due();  // only when idle: never ahead of a waiting job
    {
      std::unique_lock lock(mutex_);
      --busy_;
      if (!ran && seen > idle_generation_) idle_generation_ = seen;
      if (!ran && busy_ == 0 && idle_generation_ == generation_) idle_.notify_all();
      if (ran) continue;
      wake_.wait_for(lock, options_.poll, [&] { return stopping_ || generation_ != seen; });
    }
  }
}

}  // namespace ec::app
