#include "plugin/delivery/slack_channel.h"

namespace ec::delivery {
namespace {

using nlohmann::json;

// The ts of a recent message carrying `key` in its metadata, or "" when there is none.
std::string find_posted(const json& history, const std::string& key) {
  if (!history.contains("messages") || !history["messages"].is_array()) return {};
  for (const json& m : history["messages"]) {
    const json::json_pointer ptr("/metadata/event_payload/idempotency_key");
    if (m.is_object() && m.contains(ptr) && m.at(ptr) == key &&
        m.at(json::json_pointer("/metadata/event_type")) == kSlackOutboxEventType) {
      return m.value("ts", std::string());
    }
  }
  return {};
}

}  // namespace

Result<DeliveryReceipt> SlackChannel::deliver(const OutboxMessage& message) {
  if (message.recipient.empty()) {
    return make_error(ErrorCode::InvalidArgument, "slack delivery: no channel id");
  }
  auto history = api_.history(message.recipient, history_window_);
  if (!history && history.error().code != ErrorCode::FailedPrecondition) {
    return std::unexpected(history.error());  // not_in_channel: nothing posted there yet
  }
  if (history) {
    if (const std::string ts = find_posted(*history, message.idempotency_key); !ts.empty()) {
      return DeliveryReceipt{message.recipient + "/" + ts};
    }
  }
  json body = json::object();
  body["text"] = message.payload.value("text", std::string());
  if (message.payload.contains("blocks")) body["blocks"] = message.payload["blocks"];
  body["metadata"] = {{"event_type", kSlackOutboxEventType},
                      {"event_payload", {{"idempotency_key", message.idempotency_key},
                                         {"case_id", message.case_id}}}};
  auto posted = api_.post_message(message.recipient, body);
  if (!posted) return std::unexpected(posted.error());
  return DeliveryReceipt{posted->value("channel", message.recipient) + "/" +
                         posted->value("ts", std::string())};
}

}  // namespace ec::delivery
