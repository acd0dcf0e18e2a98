// Fuzz target: the text lead and responders type after /escalation (every chat surface parses it
// with one grammar) and the action reference a button carries back. Properties: nothing throws
// or crashes; a usage error is InvalidArgument with a message; an action reference we encode
// parses back to the same fields, and one that parses re-encodes to an equal reference.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "plugin/core/chat_command.h"
#include "plugin/core/draft_card.h"
#include "tests/fuzz/fuzz_check.h"

namespace {

bool same(const ec::CardActionRef& a, const ec::CardActionRef& b) {
  return a.kind == b.kind && a.case_id == b.case_id && a.draft_id == b.draft_id &&
         a.version == b.version && a.content_hash == b.content_hash;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto command = ec::parse_chat_command(text);
  if (command) {
    (void)ec::command_verb_name(command->verb);
  } else {
    FUZZ_CHECK(command.error().code == ec::ErrorCode::InvalidArgument);
    FUZZ_CHECK(!command.error().message.empty());
  }
  if (auto ref = ec::parse_action_ref(text)) {
    auto again = ec::parse_action_ref(ec::encode_action_ref(*ref));
    FUZZ_CHECK(again && same(*again, *ref));
  }
  return 0;
}
