// What the copilot contributes to the approval decision: the number of blocking problems the
// tone and responsibility linter finds in a customer-facing draft (handoffs are internal and
// not linted). Core's decide_approval() refuses a version with any. Thread-safe (pure).
#pragma once

#include "plugin/core/case.h"
#include "plugin/core/draft.h"
#include "plugin/copilot/tone_linter.h"

namespace ec::copilot {

int blocking_issues(const DraftVersion& version, const Case& c);

// What the linter may assume about a case: until security closes it, access counts as
// unresolved and no legal term is decided. Shared by blocking_issues() and the cards' findings.
LintContext lint_context_for(const Case& c);

}  // namespace ec::copilot
