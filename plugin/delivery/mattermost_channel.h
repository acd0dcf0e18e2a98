// MattermostChannel ("mattermost"): delivers an outbox message as a post by the bot account
// (POST /api/v4/posts). The recipient is a channel id; the payload holds "text" (the message)
// and optionally "props" (attachments).
//
// Exactly once: Mattermost's REST API takes no idempotency key, so each post carries the key in
// its props ("ec_outbox_key") and, before posting, the channel's newest posts are searched for
// it; when found, that post's id is returned and nothing is posted. A crash between Mattermost
// accepting the post and the store recording it therefore still yields one post.
// Errors follow MattermostApi (Unavailable retried by the worker, the rest permanent).
// Thread-safe as MattermostApi is.
#pragma once

#include <string_view>

#include "plugin/core/outbox.h"
#include "plugin/delivery/mattermost_api.h"

namespace ec::delivery {

inline constexpr std::string_view kMattermostChannelName = "mattermost";
inline constexpr std::string_view kMattermostOutboxKeyProp = "ec_outbox_key";

class MattermostChannel final : public OutboundChannel {
 public:
  // `api` must outlive the channel. `history_window`: how many recent posts to search (<= 200).
  explicit MattermostChannel(MattermostApi& api, int history_window = 100)
      : api_(api), history_window_(history_window) {}

  std::string_view name() const override { return kMattermostChannelName; }
  // The receipt's reference is "<channel id>/<post id>".
  Result<DeliveryReceipt> deliver(const OutboxMessage& message) override;

 private:
  MattermostApi& api_;
  int history_window_;
};

}  // namespace ec::delivery
