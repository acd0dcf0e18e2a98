#include "plugin/platforms/mattermost/action_context.h"

#include "plugin/core/hash.h"

namespace ec::platforms::mattermost {
namespace {

using nlohmann::json;

// Domain-separated messages, so a button signature can never pass as a dialog state's.
std::string action_message(std::string_view encoded) {
  return "ec-mm-action-v1\n" + std::string(encoded);
}
std::string dialog_message(std::string_view encoded, std::string_view post,
                           std::string_view channel) {
  return "ec-mm-dialog-v1\n" + std::string(encoded) + "\n" + std::string(post) + "\n" +
         std::string(channel);
}

std::string str(const json& o, const char* key) {
  const auto it = o.find(key);
  return it != o.end() && it->is_string() ? it->get<std::string>() : std::string();
}

Status check_sig(std::string_view secret, const std::string& message, const std::string& sig,
                 std::string_view what) {
  if (secret.empty()) return make_error(ErrorCode::Unauthenticated, "no action secret configured");
  if (sig.empty()) {
    return make_error(ErrorCode::Unauthenticated, "mattermost " + std::string(what) + ": unsigned");
  }
  if (!constant_time_equals(hmac_sha256_hex(secret, message), sig)) {
    return make_error(ErrorCode::Unauthenticated,
                      "mattermost " + std::string(what) + ": bad signature");
  }
  return ok_status();
}

}  // namespace

json sign_action_context(const CardActionRef& ref, std::string_view secret) {
  const std::string encoded = encode_action_ref(ref);
  return {{"ec", encoded}, {"sig", hmac_sha256_hex(secret, action_message(encoded))}};
}

Result<CardActionRef> verify_action_context(const json& context, std::string_view secret) {
  if (!context.is_object()) return make_error(ErrorCode::Unauthenticated, "mattermost action: no context");
  const std::string encoded = str(context, "ec");
  EC_RETURN_IF_ERROR(check_sig(secret, action_message(encoded), str(context, "sig"), "action"));
  return parse_action_ref(encoded);
}

std::string sign_dialog_state(const DialogState& state, std::string_view secret) {
  const std::string encoded = encode_action_ref(state.ref);
  const json j = {{"ec", encoded},
                  {"post", state.post_id},
                  {"channel", state.channel_id},
                  {"sig", hmac_sha256_hex(secret, dialog_message(encoded, state.post_id,
                                                                 state.channel_id))}};
  return j.dump();
}

Result<DialogState> verify_dialog_state(std::string_view state, std::string_view secret) {
  const json j = json::parse(state, nullptr, false);
  if (j.is_discarded() || !j.is_object()) {
    return make_error(ErrorCode::Unauthenticated, "mattermost dialog: state is not ours");
  }
  DialogState out;
  const std::string encoded = str(j, "ec");
  out.post_id = str(j, "post");
  out.channel_id = str(j, "channel");
  EC_RETURN_IF_ERROR(check_sig(secret, dialog_message(encoded, out.post_id, out.channel_id),
                               str(j, "sig"), "dialog"));
  auto ref = parse_action_ref(encoded);
  if (!ref) return std::unexpected(ref.error());
  out.ref = *ref;
  return out;
}

}  // namespace ec::platforms::mattermost
