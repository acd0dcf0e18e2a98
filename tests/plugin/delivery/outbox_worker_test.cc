#include "plugin/delivery/outbox_worker.h"

#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "plugin/core/audit.h"
#include "plugin/delivery/file_sink_channel.h"
#include "tests/plugin/delivery/outbox_fixture.h"
#include "tests/plugin/delivery/recording_channel.h"

namespace ec::delivery {
namespace {

using ec::testing::RecordingChannel;
using std::chrono::milliseconds;
using std::chrono::seconds;

class OutboxWorkerTest : public ec::testing::OutboxTest {
 protected:
  // Registers a recording channel named `name` and returns its shared log.
  std::shared_ptr<RecordingChannel::Log> add_recorder(OutboxWorker& worker, const std::string& name,
                                                      ErrorCode fail_code = ErrorCode::Internal,
                                                      int failures = 0) {
    auto channel = std::make_unique<RecordingChannel>(name, clock_);
    channel->fail_next(fail_code, failures);
    auto log = channel->log();
    EXPECT_TRUE(worker.add_channel(std::move(channel)).has_value());
    return log;
  }
};

TEST_F(OutboxWorkerTest, DeliversDueMessageOnceToTheFileSink) {
  OutboxWorker worker(*store_, clock_);
  ASSERT_TRUE(worker.add_channel(std::make_unique<FileSinkChannel>(sink_dir())).has_value());
  const auto queued = enqueue("key-1", "file");

  auto round = worker.run_once(10);

  ASSERT_TRUE(round.has_value()) << round.error().to_string();
  EXPECT_EQ(round->delivered, 1);
  EXPECT_EQ(round->total(), 1);
  const auto file = sink_dir() / "key-1.json";
  const auto document = nlohmann::json::parse(ec::testing::read_file(file));
  EXPECT_EQ(document["payload"], queued.payload);
  const auto stored = only_message();
  EXPECT_EQ(stored.state, OutboxState::Delivered);
  EXPECT_EQ(stored.delivery_ref, file.string());
  EXPECT_EQ(stored.delivered_at, clock_.now());
}

TEST_F(OutboxWorkerTest, SecondRunDeliversNothing) {
  OutboxWorker worker(*store_, clock_);
  auto log = add_recorder(worker, "slack");
  enqueue("key-1", "slack");
  ASSERT_EQ(worker.run_once(10).value().delivered, 1);

  clock_.advance(std::chrono::hours(1));
  auto again = worker.run_once(10);

  ASSERT_TRUE(again.has_value());
  EXPECT_EQ(again->total(), 0);
  EXPECT_EQ(log->calls.size(), 1U);
}

TEST_F(OutboxWorkerTest, RetriesUnavailableAtBackoffTimesThenDeliversOnce) {
  OutboxWorker worker(*store_, clock_);
  auto log = add_recorder(worker, "slack", ErrorCode::Unavailable, 2);
  enqueue("key-1", "slack");
  const Timestamp t0 = clock_.now();

  EXPECT_EQ(worker.run_once(10).value().retried, 1);  // attempt 1 at t0 fails
  clock_.advance(milliseconds(999));
  EXPECT_EQ(worker.run_once(10).value().total(), 0);  // not due before t0 + 1s
  clock_.advance(milliseconds(1));
  EXPECT_EQ(worker.run_once(10).value().retried, 1);  // attempt 2 at t0 + 1s fails
  EXPECT_EQ(only_message().next_attempt_at, t0 + seconds(3));
  clock_.advance(milliseconds(1999));
  EXPECT_EQ(worker.run_once(10).value().total(), 0);  // not due before t0 + 3s
  clock_.advance(milliseconds(1));
  EXPECT_EQ(worker.run_once(10).value().delivered, 1);  // attempt 3 at t0 + 3s succeeds

  ASSERT_EQ(log->calls.size(), 3U);
  EXPECT_EQ(log->calls[0].at, t0);
  EXPECT_EQ(log->calls[1].at, t0 + seconds(1));
  EXPECT_EQ(log->calls[2].at, t0 + seconds(3));
  const auto stored = only_message();
  EXPECT_EQ(stored.state, OutboxState::Delivered);
  EXPECT_EQ(stored.attempts, 3);  // the store counts every attempt, the successful one too
  EXPECT_EQ(stored.delivery_ref, "slack:key-1");
  clock_.advance(std::chrono::hours(1));
  EXPECT_EQ(worker.run_once(10).value().total(), 0);
  EXPECT_EQ(log->calls.size(), 3U);
}

TEST_F(OutboxWorkerTest, PermanentErrorFailsAtOnceWithoutRetry) {
  OutboxWorker worker(*store_, clock_);
  auto log = add_recorder(worker, "jira", ErrorCode::InvalidArgument, 1);
  enqueue("key-1", "jira");

  auto round = worker.run_once(10);

  ASSERT_TRUE(round.has_value());
  EXPECT_EQ(round->failed, 1);
  const auto stored = only_message();
  EXPECT_EQ(stored.state, OutboxState::Failed);
  EXPECT_NE(stored.last_error.find("InvalidArgument"), std::string::npos) << stored.last_error;
  clock_.advance(std::chrono::hours(24));
  EXPECT_EQ(worker.run_once(10).value().total(), 0);
  EXPECT_EQ(log->calls.size(), 1U);
}

TEST_F(OutboxWorkerTest, GivesUpAfterEightAttempts) {
  OutboxWorker worker(*store_, clock_);
  auto log = add_recorder(worker, "slack", ErrorCode::DeadlineExceeded, 100);
  enqueue("key-1", "slack");

  DeliveryRound sum;
  for (int i = 0; i < 20; ++i) {
    sum += worker.run_once(10).value();
    clock_.advance(std::chrono::minutes(5));
  }

  EXPECT_EQ(log->calls.size(), 8U);
  EXPECT_EQ(sum.retried, 7);
  EXPECT_EQ(sum.failed, 1);
  EXPECT_EQ(only_message().state, OutboxState::Failed);
}

TEST_F(OutboxWorkerTest, UnknownChannelFailsPermanentlyNamingIt) {
  OutboxWorker worker(*store_, clock_);
  add_recorder(worker, "slack");
  enqueue("key-1", "pagerduty");

  auto round = worker.run_once(10);

  ASSERT_TRUE(round.has_value());
  EXPECT_EQ(round->failed, 1);
  const auto stored = only_message();
  EXPECT_EQ(stored.state, OutboxState::Failed);
  EXPECT_NE(stored.last_error.find("no outbound channel named 'pagerduty'"), std::string::npos)
      << stored.last_error;
}

class ThrowingChannel final : public OutboundChannel {
 public:
  std::string_view name() const override { return "boom"; }
  Result<DeliveryReceipt> deliver(const OutboxMessage&) override {
    throw std::runtime_error("bug in channel");
  }
};

TEST_F(OutboxWorkerTest, ChannelExceptionBecomesPermanentInternalFailure) {
  OutboxWorker worker(*store_, clock_);
  ASSERT_TRUE(worker.add_channel(std::make_unique<ThrowingChannel>()).has_value());
  enqueue("key-1", "boom");

  auto round = worker.run_once(10);

  ASSERT_TRUE(round.has_value());
  EXPECT_EQ(round->failed, 1);
  EXPECT_NE(only_message().last_error.find("Internal"), std::string::npos);
}

TEST_F(OutboxWorkerTest, AuditsEveryOutcomeWithoutThePayload) {
  OutboxWorker worker(*store_, clock_);
  add_recorder(worker, "slack", ErrorCode::Unavailable, 1);
  add_recorder(worker, "jira", ErrorCode::PermissionDenied, 1);
  enqueue("key-1", "slack");
  enqueue("key-2", "jira");
  ASSERT_TRUE(worker.run_once(10).has_value());
  clock_.advance(seconds(1));
  ASSERT_TRUE(worker.run_once(10).has_value());

  const auto records = audit();
  ASSERT_TRUE(verify_audit_chain(records).has_value());
  std::vector<std::string> outcomes;
  for (const auto& record : records) {
    if (record.entry.action != "delivery") continue;
    const auto& p = record.entry.payload;
    EXPECT_EQ(record.entry.case_id, "C1");
    EXPECT_TRUE(p.contains("outbox_id") && p.contains("channel") && p.contains("recipient"));
    EXPECT_EQ(p.dump().find("Update for"), std::string::npos) << "payload text leaked";
    outcomes.push_back(p.at("channel").get<std::string>() + ":" +
                       p.at("outcome").get<std::string>());
    if (p.at("outcome") == "delivered") {
      EXPECT_EQ(p.at("reference"), "slack:key-1");
    } else {
      EXPECT_TRUE(p.contains("error"));
    }
  }
  EXPECT_EQ(outcomes, (std::vector<std::string>{"slack:retry", "jira:failed", "slack:delivered"}));
}

TEST_F(OutboxWorkerTest, RunUntilIdleDeliversAllDueMessagesInBatches) {
  OutboxWorker worker(*store_, clock_);
  auto log = add_recorder(worker, "slack");
  for (int i = 0; i < 5; ++i) enqueue("key-" + std::to_string(i), "slack");

  auto sum = worker.run_until_idle(2);

  ASSERT_TRUE(sum.has_value());
  EXPECT_EQ(sum->delivered, 5);
  EXPECT_EQ(log->calls.size(), 5U);
}

TEST_F(OutboxWorkerTest, RunUntilIdleDoesNotWaitForBackoff) {
  OutboxWorker worker(*store_, clock_);
  add_recorder(worker, "slack", ErrorCode::Unavailable, 1);
  enqueue("key-1", "slack");

  auto sum = worker.run_until_idle();

  ASSERT_TRUE(sum.has_value());
  EXPECT_EQ(sum->retried, 1);
  EXPECT_EQ(sum->delivered, 0);
}

// Opens a transaction of its own while delivering: this only succeeds quickly when the worker
// holds none (SQLite's write lock is exclusive).
class StoreProbeChannel final : public OutboundChannel {
 public:
  explicit StoreProbeChannel(Store& store) : store_(store) {}
  std::string_view name() const override { return "probe"; }
  Result<DeliveryReceipt> deliver(const OutboxMessage& message) override {
    auto tx = store_.begin();
    if (!tx) return std::unexpected(tx.error());
    EC_RETURN_IF_ERROR((*tx)->commit());
    return DeliveryReceipt{message.idempotency_key};
  }

 private:
  Store& store_;
};

TEST_F(OutboxWorkerTest, HoldsNoTransactionWhileDelivering) {
  OutboxWorker worker(*store_, clock_);
  ASSERT_TRUE(worker.add_channel(std::make_unique<StoreProbeChannel>(*store_)).has_value());
  enqueue("key-1", "probe");

  auto round = worker.run_once(10);

  ASSERT_TRUE(round.has_value()) << round.error().to_string();
  EXPECT_EQ(round->delivered, 1);
}

TEST_F(OutboxWorkerTest, AddChannelRejectsNullAndDuplicateNames) {
  OutboxWorker worker(*store_, clock_);
  auto null_result = worker.add_channel(nullptr);
  ASSERT_FALSE(null_result.has_value());
  EXPECT_EQ(null_result.error().code, ErrorCode::InvalidArgument);
  add_recorder(worker, "slack");
  auto duplicate = worker.add_channel(std::make_unique<RecordingChannel>("slack", clock_));
  ASSERT_FALSE(duplicate.has_value());
  EXPECT_EQ(duplicate.error().code, ErrorCode::AlreadyExists);
}

TEST_F(OutboxWorkerTest, RunOnceRejectsNonPositiveLimit) {
  OutboxWorker worker(*store_, clock_);
  auto round = worker.run_once(0);
  ASSERT_FALSE(round.has_value());
  EXPECT_EQ(round.error().code, ErrorCode::InvalidArgument);
}

}  // namespace
}  // namespace ec::delivery
