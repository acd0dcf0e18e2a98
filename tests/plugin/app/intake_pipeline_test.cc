// IntakeWriter and IntakeWorker on a real intake file: concurrent submits in group-commit mode
// each get their own job's answer (stored, or a redelivery), every stored job runs once, and the
// worker threads run at the configured nice value.
#include <sys/resource.h>
#include <unistd.h>

#include <atomic>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "plugin/app/intake_worker.h"
#include "plugin/app/intake_writer.h"
#include "plugin/store/sqlite_intake_store.h"
#include "tests/fakes/temp_dir.h"

namespace ec::app {
namespace {

IntakeJob job_with_key(const std::string& key) {
  IntakeJob job;
  job.platform = "slack";
  job.kind = "command";
  job.dedup_key = key;
  job.payload = "body of " + key;
  return job;
}

class IntakePipelineTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = store::SqliteIntakeStore::open(dir_ / "intake.db");
    ASSERT_TRUE(opened.has_value()) << opened.error().message;
    store_ = std::move(*opened);
  }

  IntakeWorkerOptions options(int nice) const {
    IntakeWorkerOptions o;
    o.platform = "slack";
    o.threads = 2;
    o.nice = nice;
    o.owner = "test-worker";
    return o;
  }

  ec::testing::TempDir dir_;
  IntakeStorePtr store_;
  SystemClock clock_;
};

TEST_F(IntakePipelineTest, ConcurrentSubmitsEachGetTheirOwnAnswerAndRunOnce) {
  std::mutex ran_mutex;
  std::multiset<std::string> ran;
  IntakeWorker worker(*store_, clock_, [&](const IntakeJob& job) {
    std::lock_guard lock(ran_mutex);
    ran.insert(job.dedup_key);
  }, options(0));
  worker.start();
  {
    IntakeWriter writer(*store_, worker, IntakeCommit::GroupCommit);
    constexpr int kThreads = 8;
    constexpr int kJobsEach = 40;
    std::atomic<int> stored{0};
    std::atomic<int> redelivered{0};
    std::atomic<int> failed{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
      threads.emplace_back([&, t] {
        for (int i = 0; i < kJobsEach; ++i) {
          // Every key is submitted twice, by two threads: one stores it, one is a redelivery.
          const std::string key = "k" + std::to_string((t / 2) * kJobsEach + i);
          auto answer = writer.submit(job_with_key(key));
          if (!answer) {
            ++failed;
          } else if (*answer) {
            ++stored;
          } else {
            ++redelivered;
          }
        }
      });
    }
    for (auto& thread : threads) thread.join();
    EXPECT_EQ(failed.load(), 0);
    EXPECT_EQ(stored.load(), kThreads / 2 * kJobsEach);
    EXPECT_EQ(redelivered.load(), kThreads / 2 * kJobsEach);
  }
  worker.wait_idle();
  std::lock_guard lock(ran_mutex);
  EXPECT_EQ(ran.size(), 160u);
  for (const auto& key : ran) EXPECT_EQ(ran.count(key), 1u) << key;
}

TEST_F(IntakePipelineTest, DirectModeAnswersTheSame) {
  IntakeWorker worker(*store_, clock_, [](const IntakeJob&) {}, options(0));
  IntakeWriter writer(*store_, worker, IntakeCommit::Direct);
  EXPECT_EQ(writer.submit(job_with_key("a")), true);
  EXPECT_EQ(writer.submit(job_with_key("a")), false);
  auto invalid = writer.submit(job_with_key(""));
  ASSERT_FALSE(invalid.has_value());
  EXPECT_EQ(invalid.error().code, ErrorCode::InvalidArgument);
}

TEST_F(IntakePipelineTest, GroupCommitReportsAStoreErrorToItsSubmitter) {
  IntakeWorker worker(*store_, clock_, [](const IntakeJob&) {}, options(0));
  IntakeWriter writer(*store_, worker, IntakeCommit::GroupCommit);
  auto invalid = writer.submit(job_with_key(""));
  ASSERT_FALSE(invalid.has_value());
  EXPECT_EQ(invalid.error().code, ErrorCode::InvalidArgument);
  EXPECT_EQ(writer.submit(job_with_key("after")), true);  // the writer goes on
}

TEST_F(IntakePipelineTest, WorkerThreadsRunAtTheConfiguredNiceValue) {
  // worker_nice is relative: +7 on whatever the process runs at (a niced test runner too).
  const int process_nice = getpriority(PRIO_PROCESS, 0);
  const int wanted = std::min(process_nice + 7, 19);
  std::atomic<int> seen{-100};
  IntakeWorker worker(*store_, clock_, [&](const IntakeJob&) {
    seen = getpriority(PRIO_PROCESS, static_cast<id_t>(gettid()));
  }, options(7));
  worker.start();
  IntakeWriter writer(*store_, worker, IntakeCommit::Direct);
  ASSERT_EQ(writer.submit(job_with_key("n")), true);
  worker.wait_idle();
  EXPECT_EQ(seen.load(), wanted);
  // The process and the thread that started the worker keep theirs.
  EXPECT_EQ(getpriority(PRIO_PROCESS, static_cast<id_t>(gettid())), process_nice);
}

}  // namespace
}  // namespace ec::app
