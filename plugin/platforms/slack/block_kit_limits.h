// Slack's Block Kit limits (blocks per message and modal, text lengths of sections, headers,
// buttons, values, ids, confirm dialogs, context elements, modal titles) and the helpers that
// keep rendered content inside them: text is cut on a UTF-8 boundary with a pointer to the full
// text rather than sent and refused with invalid_blocks. check_block_kit_limits() is what the
// tests run over every rendered card and modal. Pure; thread-safe.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "plugin/core/result.h"
#include "plugin/platforms/common/text_fit.h"

namespace ec::platforms::slack {

struct BlockKitLimits {
  static constexpr std::size_t kMessageBlocks = 50;
  static constexpr std::size_t kModalBlocks = 100;
  static constexpr std::size_t kId = 255;               // block_id, action_id, callback_id
  static constexpr std::size_t kSectionText = 3000;
  static constexpr std::size_t kSectionFields = 10;
  static constexpr std::size_t kFieldText = 2000;
  static constexpr std::size_t kHeaderText = 150;
  static constexpr std::size_t kContextElements = 10;
  static constexpr std::size_t kContextText = 3000;
  static constexpr std::size_t kActionsElements = 25;
  static constexpr std::size_t kButtonText = 75;
  static constexpr std::size_t kButtonValue = 2000;
  static constexpr std::size_t kConfirmTitle = 100;
  static constexpr std::size_t kConfirmText = 300;
  static constexpr std::size_t kConfirmButton = 30;
  static constexpr std::size_t kInputLabel = 2000;
  static constexpr std::size_t kInputHint = 2000;
  static constexpr std::size_t kPlainTextInput = 3000;  // max_length and initial_value
  static constexpr std::size_t kViewTitle = 24;         // title, submit, close
  static constexpr std::size_t kPrivateMetadata = 3000;
  static constexpr std::size_t kMessageText = 3000;     // our cap on top-level fallback text
};

enum class BlockSurface { Message, Modal };

// Code points (what Slack counts) and cutting on their boundaries: shared with Mattermost.
using platforms::char_count;
using platforms::fit_text;

// InvalidArgument naming the first limit broken ("blocks[3].text: 3012 > 3000") for a message
// ({"text","blocks"} or a bare blocks array) or a modal view.
[[nodiscard]] Status check_block_kit_limits(const nlohmann::json& message_or_view,
                                            BlockSurface surface);

}  // namespace ec::platforms::slack
