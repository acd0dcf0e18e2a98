#include "plugin/copilot/approval_checks.h"

#include "plugin/copilot/claim_ledger.h"

namespace ec::copilot {

LintContext lint_context_for(const Case& c) {
  LintContext context;
  context.access_unresolved = c.state != CaseState::Resolved && c.state != CaseState::Closed;
  context.security_decided = c.state == CaseState::Resolved || c.state == CaseState::Closed;
  return context;
}

std::vector<std::string> blocking_issues(const DraftVersion& version, const Case& c,
                                         const std::vector<Finding>& findings) {
  std::vector<std::string> issues;
  if (version.kind == DraftKind::Handoff) return issues;
  for (const GroundingIssue& issue : grounding_issues(version, findings)) {
    issues.push_back("grounding: " + describe_issue(issue));
  }
  for (const LintFinding& finding : lint(render_draft_text(version), lint_context_for(c))) {
    if (finding.severity != LintSeverity::Error) continue;
    issues.push_back("linter " + finding.rule_id + ": \"" + finding.excerpt + "\": " +
                     finding.reason);
  }
  return issues;
}

}  // namespace ec::copilot
