#include "plugin/copilot/approval_checks.h"

#include "plugin/copilot/claim_ledger.h"
#include "plugin/copilot/tone_linter.h"

namespace ec::copilot {

std::vector<std::string> blocking_issues(const DraftVersion& version, const Case& c,
                                         const std::vector<Finding>& findings) {
  std::vector<std::string> issues;
  if (version.kind == DraftKind::Handoff) return issues;
  for (const GroundingIssue& issue : grounding_issues(version, findings)) {
    issues.push_back("grounding: " + describe_issue(issue));
  }
  LintContext context;
  // Until security closes the case, access counts as unresolved and no legal term is decided.
  context.access_unresolved = c.state != CaseState::Resolved && c.state != CaseState::Closed;
  context.security_decided = c.state == CaseState::Resolved || c.state == CaseState::Closed;
  for (const LintFinding& finding : lint(render_draft_text(version), context)) {
    if (finding.severity != LintSeverity::Error) continue;
    issues.push_back("linter " + finding.rule_id + ": \"" + finding.excerpt + "\": " +
                     finding.reason);
  }
  return issues;
}

}  // namespace ec::copilot
