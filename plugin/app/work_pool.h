// WorkPool: a fixed number of threads running queued jobs, with a bounded queue, so that request
// handlers can hand slow turns (adapters, models, outbound calls) off and answer at once. When
// the queue is full try_submit() refuses instead of blocking the request thread.
// Thread-safe. The destructor stops taking jobs, runs what is queued, and joins the threads.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace ec::app {

class WorkPool {
 public:
  WorkPool(int threads, std::size_t capacity);
  ~WorkPool();
  WorkPool(const WorkPool&) = delete;
  WorkPool& operator=(const WorkPool&) = delete;

  // False when the queue holds `capacity` jobs already or the pool is stopping.
  [[nodiscard]] bool try_submit(std::function<void()> job);
  // Blocks until the queue is empty and no job is running (for tests and shutdown).
  void wait_idle();

 private:
  void run();

  const std::size_t capacity_;
  std::mutex mutex_;
  std::condition_variable work_ready_;
  std::condition_variable idle_;
  std::deque<std::function<void()>> queue_;  // guarded by mutex_
  int running_ = 0;                          // guarded by mutex_
  bool stopping_ = false;                    // guarded by mutex_
  std::vector<std::thread> threads_;
};

}  // namespace ec::app
