// Our signature on what Mattermost hands back unsigned: a button's `integration.context` and a
// dialog's `state`. Both carry core's action reference (case, draft, version, content hash,
// action: encode_action_ref) plus, for dialogs, the card's post and channel, and an HMAC-SHA256
// over all of it keyed by a secret of ours (MATTERMOST_ACTION_SECRET). A missing, malformed or
// wrong signature is Unauthenticated; only then is the reference trusted to *name* what was
// clicked (every rule is still re-checked in core). Pure; thread-safe.
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "plugin/core/draft_card.h"
#include "plugin/core/result.h"

namespace ec::platforms::mattermost {

// {"ec": "<encode_action_ref>", "sig": "<hex hmac>"}
nlohmann::json sign_action_context(const CardActionRef& ref, std::string_view secret);
// Unauthenticated when "sig" is missing or wrong; InvalidArgument when the signed reference is
// not one we issue.
[[nodiscard]] Result<CardActionRef> verify_action_context(const nlohmann::json& context,
                                                          std::string_view secret);

// What a dialog's state carries back: the reference and where the card was posted.
struct DialogState {
  CardActionRef ref;
  std::string post_id;
  std::string channel_id;
};
// A compact JSON string {"ec","post","channel","sig"} for the dialog's `state`.
std::string sign_dialog_state(const DialogState& state, std::string_view secret);
[[nodiscard]] Result<DialogState> verify_dialog_state(std::string_view state,
                                                      std::string_view secret);

}  // namespace ec::platforms::mattermost
