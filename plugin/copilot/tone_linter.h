// The tone and responsibility linter: checks a draft message (agent- or human-written) against
// the rule table of lint_rules.h and reports each hit with its byte span and reason. Flags
// overclaiming ("no data was accessed" while access is unresolved), certainty beyond the
// evidence, root-cause claims, legal terms before security decides, blame, unbounded promises,
// deadlines and next steps without an owner, and raw sensitive values. Pure; thread-safe.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "plugin/copilot/lint_rules.h"

namespace ec::copilot {

// What is known about the case; the defaults are the cautious ones (for text linted without a
// case, as `escalation-copilot lint` does).
struct LintContext {
  bool access_unresolved = true;  // access unresolved, or the case is security-escalated
  bool security_decided = false;  // the security owner has decided on classification
  bool root_cause_confirmed = false;
};

struct LintFinding {
  std::string rule_id;
  std::size_t begin = 0;  // byte span [begin, end) of the match in the linted text
  std::size_t end = 0;
  std::string excerpt;  // the matched text
  std::string reason;
  LintSeverity severity = LintSeverity::Warning;
};

// Findings ordered by position, then by rule order in the table.
std::vector<LintFinding> lint(std::string_view text, const LintContext& context = {});

}  // namespace ec::copilot
