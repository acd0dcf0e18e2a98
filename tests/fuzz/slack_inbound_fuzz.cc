// Fuzz target: Slack's inbound bodies after verification (slash command form, interactivity form
// with a JSON payload, Events API JSON) and the command-text escaping. Properties: the parsers
// return a value or an error and never throw or crash; escaping our text and undoing Slack's
// escaping gives the text back.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "plugin/platforms/slack/slack_inbound.h"
#include "tests/fuzz/fuzz_check.h"

namespace sk = ec::platforms::slack;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view body(reinterpret_cast<const char*>(data), size);
  (void)sk::is_ssl_check(body);
  if (auto command = sk::parse_slash_command(body)) {
    FUZZ_CHECK(!command->command.empty());
  }
  if (auto interaction = sk::parse_interaction(body)) {
    if (auto* click = std::get_if<sk::BlockActions>(&*interaction)) {
      (void)click->delivery_key();
    }
  }
  if (auto event = sk::parse_event(body)) {
    if (auto* callback = std::get_if<sk::EventCallback>(&*event)) {
      FUZZ_CHECK(!callback->event_id.empty());
    }
  }
  const std::string escaped = sk::escape_text(body);
  FUZZ_CHECK(escaped.find('<') == std::string::npos && escaped.find('>') == std::string::npos);
  FUZZ_CHECK(sk::unescape_command_text(escaped) == body);
  return 0;
}
