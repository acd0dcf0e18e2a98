// SlackChannel ("slack"): delivers an outbox message as a Slack message with chat.postMessage.
// The recipient is a channel id; the payload holds "text" and optionally "blocks".
//
// Exactly once: Slack has no idempotency key, so each message carries message metadata
// {"event_type":"ec_outbox","event_payload":{"idempotency_key":...}} and, before posting, the
// channel's recent history (conversations.history with include_all_metadata) is searched for that
// key; when found, its ts is returned and nothing is posted. A crash between Slack accepting the
// message and the store recording it therefore still yields one message.
// Errors follow SlackWebApi (Unavailable retried by the worker, the rest permanent).
// Thread-safe as SlackWebApi is.
#pragma once

#include <string_view>

#include "plugin/core/outbox.h"
#include "plugin/delivery/slack_web_api.h"

namespace ec::delivery {

inline constexpr std::string_view kSlackChannelName = "slack";
inline constexpr std::string_view kSlackOutboxEventType = "ec_outbox";

class SlackChannel final : public OutboundChannel {
 public:
  // `api` must outlive the channel. `history_window`: how many recent messages to search.
  explicit SlackChannel(SlackWebApi& api, int history_window = 100)
      : api_(api), history_window_(history_window) {}

  std::string_view name() const override { return kSlackChannelName; }
  // The receipt's reference is "<channel>/<ts>".
  Result<DeliveryReceipt> deliver(const OutboxMessage& message) override;

 private:
  SlackWebApi& api_;
  int history_window_;
};

}  // namespace ec::delivery
