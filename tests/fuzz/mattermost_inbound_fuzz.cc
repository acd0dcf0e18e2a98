// Fuzz target: Mattermost's inbound bodies (slash command form, button callback JSON, dialog
// submission JSON) and the command token check. Input: "<Authorization header>\n<body>" (no
// newline: no header). Properties: nothing throws or crashes; a token check passes only when
// every token present equals the configured one; a parsed command has the fields the parser
// promises.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "plugin/platforms/common/form.h"
#include "plugin/platforms/mattermost/mattermost_inbound.h"
#include "tests/fuzz/fuzz_check.h"

namespace mm = ec::platforms::mattermost;

namespace {
constexpr std::string_view kToken = "xbq4ah7cxjrh3dsmgfk1z9bepy";
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const auto newline = input.find('\n');
  std::optional<std::string_view> authorization;
  std::string_view body = input;
  if (newline != std::string_view::npos) {
    authorization = input.substr(0, newline);
    body = input.substr(newline + 1);
  }
  if (auto form = ec::platforms::parse_form(body)) {
    if (mm::verify_command_token(kToken, *form, authorization)) {
      const auto field = ec::platforms::form_value(*form, "token");
      const bool header_ok = authorization && *authorization == "Token " + std::string(kToken);
      FUZZ_CHECK(field || authorization);
      if (field) FUZZ_CHECK(*field == kToken);
      if (authorization) FUZZ_CHECK(header_ok);
    }
    if (auto command = mm::parse_slash_command(*form)) {
      FUZZ_CHECK(!command->user_id.empty() && !command->channel_id.empty());
      FUZZ_CHECK(!command->command.empty());
      (void)mm::text_with_user_ids(*command);
    }
  }
  if (auto action = mm::parse_action_request(body)) {
    FUZZ_CHECK(!action->user_id.empty() && !action->post_id.empty());
  }
  if (auto dialog = mm::parse_dialog_submission(body)) {
    FUZZ_CHECK(!dialog->user_id.empty() && !dialog->callback_id.empty());
  }
  return 0;
}
