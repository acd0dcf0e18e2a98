// compose_checked(): words a draft through a TextGenerator and never trusts the result. Each
// composed statement is checked before it enters the new version: it may cite only claims the
// base version cited (a rewrite never adds a claim), it must pass the grounding rule (core's
// grounding.h: no hypothesis as fact, no uncited assertion) and the tone linter's errors. A
// statement that fails is dropped with the reason; when the generator fails, or nothing
// survives, the deterministic composer's wording is used instead and the reason recorded.
// Not thread-safe for one generator.
#pragma once

#include <string>
#include <vector>

#include "plugin/copilot/llm/text_generator.h"
#include "plugin/copilot/tone_linter.h"
#include "plugin/core/draft.h"

namespace ec::copilot::llm {

struct DroppedStatement {
  std::string text;
  std::string reason;
};

struct CheckedComposition {
  DraftVersion version;                 // version N+1 of the base, sealed, unapproved
  std::string generator;                // who worded what was kept
  std::string fallback_reason;          // empty unless the deterministic composer took over
  std::vector<DroppedStatement> dropped;
  nlohmann::json trace = nlohmann::json::object();  // the generator's trace (no raw values)
};

struct ComposeContext {
  const std::vector<Finding>* claims = nullptr;
  LintContext lint;
  std::string author = "copilot";
  Timestamp now{};
};

// `generator` may be the deterministic composer itself.
CheckedComposition compose_checked(TextGenerator& generator, const DraftVersion& base, Tone tone,
                                   const ComposeContext& context);

// Claim ids `next` cites that `previous` does not (empty for a faithful rewrite).
std::vector<std::string> added_claims(const DraftVersion& previous, const DraftVersion& next);

}  // namespace ec::copilot::llm
