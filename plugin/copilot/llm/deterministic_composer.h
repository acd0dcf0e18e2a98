// DeterministicComposer: the default TextGenerator. Rewords a draft statement by statement with
// fixed, tested rules per tone, keeping each statement's section and claims:
//  careful          drops intensifiers ("definitely", "clearly") and hedges any statement in
//                   "what we are still verifying" that is not hedged yet;
//  executive-brief  keeps each statement's first sentence when it still carries the statement's
//                   hedge, and at most two next steps;
//  plain-language   replaces jargon from a fixed table ("presigned URL" -> "temporary download
//                   link").
// Never fails. Thread-safe (stateless).
#pragma once

#include "plugin/copilot/llm/text_generator.h"

namespace ec::copilot::llm {

class DeterministicComposer final : public TextGenerator {
 public:
  std::string_view name() const override { return "deterministic"; }
  [[nodiscard]] Result<Composition> compose(const CompositionRequest& request) override;
};

// The plain-language table, for docs and tests: {jargon, plain}.
const std::vector<std::pair<std::string_view, std::string_view>>& plain_language_table();

}  // namespace ec::copilot::llm
