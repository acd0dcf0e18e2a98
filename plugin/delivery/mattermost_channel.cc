#include "plugin/delivery/mattermost_channel.h"

namespace ec::delivery {
namespace {

using nlohmann::json;

// The id of a recent post carrying `key` in its props, or "" when there is none.
std::string find_posted(const json& list, const std::string& key) {
  const auto posts = list.find("posts");
  if (posts == list.end() || !posts->is_object()) return {};
  for (const auto& [id, post] : posts->items()) {
    const json::json_pointer ptr("/props/" + std::string(kMattermostOutboxKeyProp));
    if (post.is_object() && post.contains(ptr) && post.at(ptr) == key) {
      return post.value("id", id);
    }
  }
  return {};
}

}  // namespace

Result<DeliveryReceipt> MattermostChannel::deliver(const OutboxMessage& message) {
  if (message.recipient.empty()) {
    return make_error(ErrorCode::InvalidArgument, "mattermost delivery: no channel id");
  }
  auto recent = api_.channel_posts(message.recipient, history_window_);
  if (!recent) return std::unexpected(recent.error());
  if (const std::string id = find_posted(*recent, message.idempotency_key); !id.empty()) {
    return DeliveryReceipt{message.recipient + "/" + id};
  }
  json props = message.payload.contains("props") && message.payload["props"].is_object()
                   ? message.payload["props"]
                   : json::object();
  props[std::string(kMattermostOutboxKeyProp)] = message.idempotency_key;
  props["ec_case_id"] = message.case_id;
  json post = {{"message", message.payload.value("text", std::string())}, {"props", props}};
  auto created = api_.create_post(message.recipient, std::move(post));
  if (!created) return std::unexpected(created.error());
  return DeliveryReceipt{message.recipient + "/" + created->value("id", std::string())};
}

}  // namespace ec::delivery
