// What the copilot contributes to the approval decision: the blocking problems of a customer-
// facing draft version, each naming the sentence and why. Two checks, applied here once for
// every surface: the grounding check of the claim ledger (claim_ledger.h, core's grounding.h)
// and the tone and responsibility linter's errors. Handoffs are internal and pass both.
// Core's decide_approval() refuses a version with any. Thread-safe (pure).
#pragma once

#include <string>
#include <vector>

#include "plugin/core/case.h"
#include "plugin/core/draft.h"
#include "plugin/core/finding.h"
#include "plugin/copilot/tone_linter.h"

namespace ec::copilot {

// `findings` are the case's claims (the stored findings of the last gathering).
std::vector<std::string> blocking_issues(const DraftVersion& version, const Case& c,
                                         const std::vector<Finding>& findings);

// What the linter may assume about a case: until security closes it, access counts as
// unresolved and no legal term is decided. Shared by blocking_issues() and the cards' findings.
LintContext lint_context_for(const Case& c);

}  // namespace ec::copilot
