// The outbox: approved messages waiting for delivery, each with an idempotency key so that it is
// delivered exactly once, also across a restart; and the interface every outbound channel
// (file sink, Slack, helpdesk reply, PagerDuty, Jira) implements.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "plugin/core/approval.h"
#include "plugin/core/draft.h"
#include "plugin/core/result.h"
#include "plugin/core/time.h"

namespace ec {

enum class OutboxState { Pending, Delivered, Failed };
std::string_view outbox_state_name(OutboxState state);
Result<OutboxState> parse_outbox_state(std::string_view name);

struct OutboxMessage {
  std::int64_t id = 0;               // assigned by the store
  std::string idempotency_key;       // unique; the same message is never enqueued twice
  std::string case_id;
  std::string channel;               // target channel name: "file", "slack", "zendesk_reply", ...
  std::string recipient;             // channel-specific address (ticket id, channel id, path)
  nlohmann::json payload = nlohmann::json::object();
  OutboxState state = OutboxState::Pending;
  int attempts = 0;
  std::optional<Timestamp> next_attempt_at;
  std::string last_error;
  std::string delivery_ref;          // what the target returned (message ts, issue key, path)
  Timestamp created_at{};
  std::optional<Timestamp> delivered_at;
};

// Builds the outbox message for sending an approved draft version, after check_sendable():
// PermissionDenied when `sender` is not the lead; FailedPrecondition when the version has no
// approval bound to its exact content hash or a customer update is under a security hold.
// The idempotency key derives from case, draft, version, content hash, channel and recipient.
[[nodiscard]] Result<OutboxMessage> make_outbox_message_for_draft(
    const Case& c, const DraftVersion& version, const std::vector<Approval>& approvals,
    const std::string& sender, std::string channel, std::string recipient,
    const nlohmann::json& rendered, Timestamp now);

struct DeliveryReceipt {
  std::string reference;             // what the target calls the delivered message
};

class OutboundChannel {
 public:
  virtual ~OutboundChannel() = default;
  virtual std::string_view name() const = 0;
  // Delivers one message. Must be idempotent on message.idempotency_key where the target allows.
  // Errors: Unavailable / DeadlineExceeded are retried with backoff; any other code is permanent.
  virtual Result<DeliveryReceipt> deliver(const OutboxMessage& message) = 0;
};
using OutboundChannelPtr = std::unique_ptr<OutboundChannel>;

}  // namespace ec
