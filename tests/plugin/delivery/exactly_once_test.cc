// Exactly-once delivery across retries and restarts: the outbox is at-least-once, and the file
// sink's idempotency on the key turns that into exactly one file.
#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <nlohmann/json.hpp>

#include "plugin/core/approval.h"
#include "plugin/core/draft.h"
#include "plugin/delivery/file_sink_channel.h"
#include "plugin/delivery/outbox_worker.h"
#include "tests/plugin/delivery/outbox_fixture.h"
#include "tests/plugin/delivery/recording_channel.h"

namespace ec::delivery {
namespace {

using ec::testing::AckLostChannel;
using ec::testing::CrashingStore;
using std::chrono::seconds;

class ExactlyOnceTest : public ec::testing::OutboxTest {};

TEST_F(ExactlyOnceTest, EnqueueingTheSameKeyTwiceYieldsOneMessage) {
  const auto first = enqueue("key-1", "file");
  auto changed = ec::testing::make_message("key-1", "file", clock_.now());
  changed.payload = {{"message", "different"}};
  const auto second = enqueue(changed);

  EXPECT_EQ(second.id, first.id);
  EXPECT_EQ(second.payload, first.payload);
  EXPECT_EQ(outbox().size(), 1U);

  OutboxWorker worker(*store_, clock_);
  ASSERT_TRUE(worker.add_channel(std::make_unique<FileSinkChannel>(sink_dir())).has_value());
  EXPECT_EQ(worker.run_until_idle().value().delivered, 1);
  EXPECT_EQ(sink_files().size(), 1U);
}

TEST_F(ExactlyOnceTest, LostAcknowledgementThenRestartLeavesOneFile) {
  const auto queued = enqueue("key-1", "file");
  {
    OutboxWorker worker(*store_, clock_);
    auto sink = std::make_unique<FileSinkChannel>(sink_dir());
    ASSERT_TRUE(
        worker.add_channel(std::make_unique<AckLostChannel>(std::move(sink), 1)).has_value());
    EXPECT_EQ(worker.run_once(10).value().retried, 1);  // written, but the answer was lost
  }
  ASSERT_EQ(sink_files().size(), 1U);
  reopen();  // the process restarts
  clock_.advance(seconds(1));

  OutboxWorker worker(*store_, clock_);
  ASSERT_TRUE(worker.add_channel(std::make_unique<FileSinkChannel>(sink_dir())).has_value());
  EXPECT_EQ(worker.run_until_idle().value().delivered, 1);

  const auto files = sink_files();
  ASSERT_EQ(files.size(), 1U);
  EXPECT_EQ(files.front(), sink_dir() / "key-1.json");
  const auto stored = only_message();
  EXPECT_EQ(stored.state, OutboxState::Delivered);
  EXPECT_EQ(stored.delivery_ref, (sink_dir() / "key-1.json").string());
  const auto document = nlohmann::json::parse(ec::testing::read_file(files.front()));
  EXPECT_EQ(document["payload"], queued.payload);
}

TEST_F(ExactlyOnceTest, CrashBeforeMarkDeliveredRedeliversOnceAfterRestart) {
  enqueue("key-1", "file");
  {
    // One begin() for reading due messages; the process "dies" before recording the outcome.
    CrashingStore crashing(*store_, 1);
    OutboxWorker worker(crashing, clock_);
    ASSERT_TRUE(worker.add_channel(std::make_unique<FileSinkChannel>(sink_dir())).has_value());
    auto round = worker.run_once(10);
    ASSERT_FALSE(round.has_value());
    EXPECT_EQ(round.error().code, ErrorCode::Unavailable);
  }
  ASSERT_EQ(sink_files().size(), 1U);
  reopen();
  const auto pending = only_message();
  EXPECT_EQ(pending.state, OutboxState::Pending);  // nothing was recorded
  EXPECT_EQ(pending.attempts, 0);

  OutboxWorker worker(*store_, clock_);  // no clock advance: the message is still due
  ASSERT_TRUE(worker.add_channel(std::make_unique<FileSinkChannel>(sink_dir())).has_value());
  EXPECT_EQ(worker.run_until_idle().value().delivered, 1);

  EXPECT_EQ(sink_files().size(), 1U);
  EXPECT_EQ(only_message().state, OutboxState::Delivered);
  EXPECT_EQ(worker.run_until_idle().value().total(), 0);
}

TEST_F(ExactlyOnceTest, ApprovedDraftIsDeliveredOnceWithItsApproval) {
  DraftVersion version;
  version.case_id = ec::testing::kCaseId;
  version.draft_id = "D1";
  version.kind = DraftKind::CustomerUpdate;
  version.version = 1;
  version.statements = {Statement{
      Section::Confirmed, "We confirmed the account was disabled.", Authorship::Agent, {"E1"}, {}}};
  version.created_by = "copilot";
  version.created_at = clock_.now();
  seal(version);
  const Approval approval{version.case_id, "D1",         1,      version.content_hash,
                          "U0LEAD",        clock_.now(), "clean"};
  Case c;
  c.id = version.case_id;
  c.lead = "U0LEAD";
  c.state = CaseState::Investigating;
  auto message = make_outbox_message_for_draft(c, version, {approval}, "U0LEAD", "file", "ESC-1042",
                                               {{"text", "rendered"}}, clock_.now());
  ASSERT_TRUE(message.has_value()) << message.error().to_string();
  enqueue(*message);
  enqueue(*message);  // a second button press

  OutboxWorker worker(*store_, clock_);
  ASSERT_TRUE(worker.add_channel(std::make_unique<FileSinkChannel>(sink_dir())).has_value());
  EXPECT_EQ(worker.run_until_idle().value().delivered, 1);

  const auto files = sink_files();
  ASSERT_EQ(files.size(), 1U);
  EXPECT_EQ(files.front().filename().string(), message->idempotency_key + ".json");
  const auto document = nlohmann::json::parse(ec::testing::read_file(files.front()));
  EXPECT_EQ(document["payload"]["approved_by"], "U0LEAD");
  EXPECT_EQ(document["payload"]["content_hash"], version.content_hash);
}

}  // namespace
}  // namespace ec::delivery
