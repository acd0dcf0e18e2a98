// OutboxWorker: moves due outbox messages to their outbound channels and records each outcome
// (delivered with the channel's reference, retry at the RetryPolicy's backoff, or permanent
// failure) together with an audit record ("delivery") in one transaction per message.
//
// No DB transaction is held during network I/O: due messages are read in one short transaction,
// each is delivered outside any transaction, then its outcome is written in its own transaction.
//
// Delivery is at-least-once; exactly-once needs the channel's help. A crash (or a lost store
// write) after the target accepted a message but before mark_delivered committed leaves the
// message Pending, and the next run delivers it again. Channels must therefore be idempotent on
// OutboxMessage::idempotency_key: the file sink keeps one file per key, PagerDuty dedups on
// dedup_key, Slack/Jira/helpdesk channels must look the key up (or embed it) before posting.
//
// Thread-safety: not thread-safe. Run one worker per process loop, from one thread; channels are
// called from that thread only. Two workers on one store (several processes) may both pick a
// message up, which the channels' idempotency turns into one delivery at the target.
// The worker keeps references to the store and clock (caller-owned, must outlive it) and owns
// its channels.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "plugin/core/outbox.h"
#include "plugin/core/result.h"
#include "plugin/core/store.h"
#include "plugin/core/time.h"
#include "plugin/delivery/retry_policy.h"

namespace ec::delivery {

// What one round (or several) did. Every message taken up lands in exactly one counter.
struct DeliveryRound {
  int delivered = 0;  // now Delivered
  int retried = 0;    // failed transiently; rescheduled
  int failed = 0;     // now permanently Failed
  [[nodiscard]] int total() const { return delivered + retried + failed; }
  DeliveryRound& operator+=(const DeliveryRound& other);
};

class OutboxWorker {
 public:
  OutboxWorker(Store& store, const Clock& clock, RetryPolicy policy = {});
  OutboxWorker(const OutboxWorker&) = delete;
  OutboxWorker& operator=(const OutboxWorker&) = delete;

  // Registers a channel under its name(). InvalidArgument for a null pointer or an empty name;
  // AlreadyExists when a channel with that name is registered.
  [[nodiscard]] Status add_channel(OutboundChannelPtr&& channel);

  // Delivers up to `limit` due messages (limit <= 0: InvalidArgument). A message naming no
  // registered channel fails permanently. A message some other worker already marked (the
  // store answers FailedPrecondition: not pending) is skipped and not counted. Other errors
  // come only from the store (Unavailable, DataLoss, Internal, ...): the round stops at the
  // first one, and messages not yet recorded stay Pending, so a later round picks them up
  // (possibly delivering again; see above).
  [[nodiscard]] Result<DeliveryRound> run_once(int limit);

  // Calls run_once(batch) until a round finds no due message (or max_rounds rounds ran), and
  // returns the sum. Does not wait for backoff: retried messages stay Pending for a later call.
  // For the demo and the CLI.
  [[nodiscard]] Result<DeliveryRound> run_until_idle(int batch = 100, int max_rounds = 1000);

 private:
  struct Outcome;

  [[nodiscard]] Result<std::vector<OutboxMessage>> read_due(int limit);
  Outcome attempt(const OutboxMessage& message);
  [[nodiscard]] Status record(const OutboxMessage& message, const Outcome& outcome);

  Store& store_;
  const Clock& clock_;
  const RetryPolicy policy_;
  std::map<std::string, OutboundChannelPtr, std::less<>> channels_;
};

}  // namespace ec::delivery
