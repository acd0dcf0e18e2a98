#include "plugin/app/intake_writer.h"

#include <pthread.h>

#include <utility>

namespace ec::app {

IntakeWriter::IntakeWriter(IntakeStore& store, IntakeWorker& worker, IntakeCommit mode)
    : store_(store), worker_(worker), mode_(mode) {
  if (mode_ == IntakeCommit::GroupCommit) writer_ = std::thread([this] { write_batches(); });
}

IntakeWriter::~IntakeWriter() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  queued_.notify_all();
  if (writer_.joinable()) writer_.join();
}

Result<bool> IntakeWriter::store_one(IntakeJob job) {
  auto tx = store_.begin_intake();
  if (!tx) return std::unexpected(tx.error());
  auto id = (*tx)->insert_intake(job);
  if (!id) return std::unexpected(id.error());
  EC_RETURN_IF_ERROR((*tx)->commit());
  if (id->has_value()) worker_.notify();
  return id->has_value();
}

Result<bool> IntakeWriter::submit(IntakeJob job) {
  if (mode_ == IntakeCommit::Direct) return store_one(std::move(job));
  std::future<Result<bool>> result;
  {
    std::lock_guard lock(mutex_);
    if (stopping_) return make_error(ErrorCode::Unavailable, "intake is shutting down");
    queue_.push_back(Pending{std::move(job), {}});
    result = queue_.back().result.get_future();
  }
  queued_.notify_one();
  return result.get();
}

std::vector<Result<bool>> IntakeWriter::store_batch(const std::deque<Pending>& batch) {
  auto fail_all = [&](const Error& error) {
    return std::vector<Result<bool>>(batch.size(), std::unexpected(error));
  };
  auto tx = store_.begin_intake();
  if (!tx) return fail_all(tx.error());
  std::vector<Result<bool>> results;
  results.reserve(batch.size());
  bool any = false;
  for (const Pending& p : batch) {
    auto id = (*tx)->insert_intake(p.job);
    if (!id) return fail_all(id.error());
    results.emplace_back(id->has_value());
    any = any || id->has_value();
  }
  if (auto done = (*tx)->commit(); !done) return fail_all(done.error());
  if (any) worker_.notify();
  return results;
}

void IntakeWriter::write_batches() {
  pthread_setname_np(pthread_self(), "ec-intake-write");  // for top -H, perf and gdb
  std::unique_lock lock(mutex_);
  for (;;) {
    queued_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
    if (queue_.empty()) return;  // stopping and nothing left
    std::deque<Pending> batch;
    batch.swap(queue_);
    lock.unlock();
    auto results = store_batch(batch);
    for (std::size_t i = 0; i < batch.size(); ++i) batch[i].result.set_value(std::move(results[i]));
    lock.lock();
  }
}

}  // namespace ec::app
