// Drafts: the customer update (three labelled parts: what is confirmed, what is still being
// verified, who owns each next step) and the engineering/security handoff packet (facts with
// evidence ids, hypotheses, questions with owners, requested actions, timeline, severity and
// affected objects). Grounded and deterministic: confirmed findings are the only facts stated,
// hypotheses appear only hedged, every text goes through the case's Redactor, and the customer
// update lints clean against the tone rules. Returns sealed, unapproved versions authored by the
// agent ("copilot"); the caller (store) assigns draft_id. Not thread-safe for one Redactor.
#pragma once

#include <chrono>
#include <vector>

#include "plugin/copilot/redactor.h"
#include "plugin/copilot/summarizer.h"
#include "plugin/copilot/tone_linter.h"
#include "plugin/core/case.h"
#include "plugin/core/correlation.h"
#include "plugin/core/draft.h"
#include "plugin/core/evidence.h"
#include "plugin/core/finding.h"
#include "plugin/core/policy.h"

namespace ec::copilot {

struct DraftOptions {
  Timestamp now{};  // created_at and the base of "by" times; unset: "within N hours"
  std::chrono::hours next_update_in{24};  // when the owning team reports back
};

// The analysis parts a handoff is built from. References must outlive the call.
struct HandoffInputs {
  const Correlation& correlation;
  const SecurityDecision& decision;
  const std::vector<Evidence>& evidence;
  const std::vector<Finding>& findings;
  const std::vector<OpenQuestion>& questions;
};

// The lint context the case's state implies: access counts as unresolved while the case is (or
// must be) security-escalated or any blocking question is open.
LintContext lint_context_for(const Case& c, const std::vector<Finding>& findings,
                             const std::vector<OpenQuestion>& questions,
                             const SecurityDecision& decision);

DraftVersion draft_customer_update(const Case& c, const std::vector<Finding>& findings,
                                   const std::vector<OpenQuestion>& questions,
                                   const SecurityDecision& decision, Redactor& redactor,
                                   const DraftOptions& options = {});

// Registers the subject's id, login, email, display name and aliases with `redactor`.
DraftVersion draft_handoff(const Case& c, const HandoffInputs& inputs, const TicketSummary& summary,
                           Redactor& redactor, const DraftOptions& options = {});

}  // namespace ec::copilot
