#include "plugin/delivery/outbox_worker.h"

#include <spdlog/spdlog.h>

#include <exception>
#include <nlohmann/json.hpp>
#include <optional>
#include <utility>

namespace ec::delivery {
namespace {

constexpr std::size_t kMaxRecordedErrorLength = 500;
constexpr char kAuditActor[] = "system";
constexpr char kAuditAction[] = "delivery";

enum class OutcomeKind { Delivered, Retry, Failed };

std::string_view outcome_name(OutcomeKind kind) {
  switch (kind) {
    case OutcomeKind::Delivered:
      return "delivered";
    case OutcomeKind::Retry:
      return "retry";
    case OutcomeKind::Failed:
      return "failed";
  }
  return "failed";
}

// Channel errors go to the store and the audit log; keep them bounded.
std::string bounded(std::string text) {
  if (text.size() > kMaxRecordedErrorLength) {
    text.resize(kMaxRecordedErrorLength);
    text += "...";
  }
  return text;
}

// Calls the channel; an exception (a channel bug) becomes Internal so it never escapes.
Result<DeliveryReceipt> guarded_deliver(OutboundChannel& channel, const OutboxMessage& message) {
  try {
    return channel.deliver(message);
  } catch (const std::exception& e) {
    return make_error(ErrorCode::Internal, std::string("channel threw: ") + e.what());
  } catch (...) {
    return make_error(ErrorCode::Internal, "channel threw a non-standard exception");
  }
}

}  // namespace

struct OutboxWorker::Outcome {
  OutcomeKind kind = OutcomeKind::Failed;
  int attempt = 0;                        // 1-based number of this attempt
  std::string reference;                  // Delivered
  std::string error;                      // Retry, Failed
  std::optional<Timestamp> next_attempt;  // Retry
};

DeliveryRound& DeliveryRound::operator+=(const DeliveryRound& other) {
  delivered += other.delivered;
  retried += other.retried;
  failed += other.failed;
  return *this;
}

OutboxWorker::OutboxWorker(Store& store, const Clock& clock, RetryPolicy policy)
    : store_(store), clock_(clock), policy_(policy) {}

Status OutboxWorker::add_channel(OutboundChannelPtr&& channel) {
  if (!channel) return make_error(ErrorCode::InvalidArgument, "outbound channel is null");
  std::string name(channel->name());
  if (name.empty()) return make_error(ErrorCode::InvalidArgument, "outbound channel has no name");
  if (channels_.contains(name)) {
    return make_error(ErrorCode::AlreadyExists,
                      "an outbound channel named '" + name + "' is already registered");
  }
  channels_.emplace(std::move(name), std::move(channel));
  return ok_status();
}

Result<DeliveryRound> OutboxWorker::run_once(int limit) {
  if (limit <= 0) return make_error(ErrorCode::InvalidArgument, "run_once: limit must be > 0");
  auto due = read_due(limit);
  if (!due) return std::unexpected(due.error());

  DeliveryRound round;
  for (const OutboxMessage& message : *due) {
    const Outcome outcome = attempt(message);  // outside any transaction
    if (auto recorded = record(message, outcome); !recorded) {
      if (recorded.error().code == ErrorCode::FailedPrecondition) {
        // No longer pending: another worker recorded an outcome first. Nothing to count.
        spdlog::warn("outbox {}: outcome '{}' not recorded, message no longer pending: {}",
                     message.id, outcome_name(outcome.kind), recorded.error().to_string());
        continue;
      }
      spdlog::error("outbox {}: cannot record outcome '{}': {}", message.id,
                    outcome_name(outcome.kind), recorded.error().to_string());
      return std::unexpected(recorded.error().with_context("outbox " + std::to_string(message.id) +
                                                           ": recording delivery outcome"));
    }
    switch (outcome.kind) {
      case OutcomeKind::Delivered:
        ++round.delivered;
        break;
      case OutcomeKind::Retry:
        ++round.retried;
        break;
      case OutcomeKind::Failed:
        ++round.failed;
        break;
    }
  }
  return round;
}

Result<DeliveryRound> OutboxWorker::run_until_idle(int batch, int max_rounds) {
  DeliveryRound sum;
  for (int i = 0; i < max_rounds; ++i) {
    auto round = run_once(batch);
    if (!round) return std::unexpected(round.error());
    if (round->total() == 0) break;
    sum += *round;
  }
  return sum;
}

Result<std::vector<OutboxMessage>> OutboxWorker::read_due(int limit) {
  auto tx = store_.begin();
  if (!tx) return std::unexpected(tx.error().with_context("outbox: reading due messages"));
  auto due = (*tx)->due_messages(clock_.now(), limit);
  if (!due) return std::unexpected(due.error().with_context("outbox: reading due messages"));
  // Read-only, but commit rather than roll back so the lock is released the ordinary way.
  if (auto committed = (*tx)->commit(); !committed) {
    return std::unexpected(committed.error().with_context("outbox: reading due messages"));
  }
  return due;
}

OutboxWorker::Outcome OutboxWorker::attempt(const OutboxMessage& message) {
  Outcome outcome;
  outcome.attempt = message.attempts + 1;
  const auto found = channels_.find(message.channel);
  if (found == channels_.end()) {
    outcome.kind = OutcomeKind::Failed;
    outcome.error = Error{ErrorCode::FailedPrecondition,
                          "no outbound channel named '" + message.channel + "' is configured"}
                        .to_string();
    spdlog::error("outbox {}: {}", message.id, outcome.error);
    return outcome;
  }
  auto receipt = guarded_deliver(*found->second, message);
  if (receipt) {
    outcome.kind = OutcomeKind::Delivered;
    outcome.reference = std::move(receipt->reference);
    spdlog::info("outbox {}: delivered via {} (attempt {})", message.id, message.channel,
                 outcome.attempt);
    return outcome;
  }
  outcome.error = bounded(receipt.error().to_string());
  outcome.next_attempt =
      next_attempt_time(outcome.attempt, receipt.error(), clock_.now(), policy_);
  outcome.kind = outcome.next_attempt ? OutcomeKind::Retry : OutcomeKind::Failed;
  if (outcome.next_attempt) {
    spdlog::warn("outbox {}: attempt {} via {} failed, retry at {}: {}", message.id,
                 outcome.attempt, message.channel, format_rfc3339(*outcome.next_attempt),
                 outcome.error);
  } else {
    spdlog::error("outbox {}: attempt {} via {} failed permanently: {}", message.id,
                  outcome.attempt, message.channel, outcome.error);
  }
  return outcome;
}

Status OutboxWorker::record(const OutboxMessage& message, const Outcome& outcome) {
  auto tx = store_.begin();
  if (!tx) return std::unexpected(tx.error());
  Transaction& t = **tx;
  const Timestamp now = clock_.now();

  nlohmann::json payload = {
      {"outbox_id", message.id},        {"channel", message.channel},
      {"recipient", message.recipient}, {"outcome", outcome_name(outcome.kind)},
      {"attempt", outcome.attempt},
  };
  if (outcome.kind == OutcomeKind::Delivered) {
    EC_RETURN_IF_ERROR(t.mark_delivered(message.id, outcome.reference, now));
    payload["reference"] = outcome.reference;
  } else {
    EC_RETURN_IF_ERROR(t.mark_attempt_failed(message.id, outcome.error, outcome.next_attempt));
    payload["error"] = outcome.error;
    if (outcome.next_attempt) payload["next_attempt_at"] = format_rfc3339(*outcome.next_attempt);
  }

  AuditEntry entry;
  entry.case_id = message.case_id;
  entry.time = now;
  entry.actor = kAuditActor;
  entry.action = kAuditAction;
  entry.payload = std::move(payload);
  if (auto appended = t.append_audit(std::move(entry)); !appended) {
    return std::unexpected(appended.error());
  }
  return t.commit();
}

}  // namespace ec::delivery
