// Builds the claim ledger of a draft version: each sentence of each statement, tied to the
// claims (findings) its statement cites and the evidence behind them. Core's check_grounding()
// applies the rule to it. Pure; thread-safe.
#pragma once

#include <vector>

#include "plugin/core/draft.h"
#include "plugin/core/finding.h"
#include "plugin/core/grounding.h"

namespace ec::copilot {

ClaimLedger build_claim_ledger(const DraftVersion& version, const std::vector<Finding>& findings);

// The grounding issues of a customer-facing version (customer update, holding statement);
// handoffs are internal packets and state hypotheses in their own section, so they have none.
std::vector<GroundingIssue> grounding_issues(const DraftVersion& version,
                                             const std::vector<Finding>& findings);

}  // namespace ec::copilot
