#include "plugin/copilot/approval_checks.h"

#include "plugin/copilot/tone_linter.h"

namespace ec::copilot {

LintContext lint_context_for(const Case& c) {
  LintContext context;
  context.access_unresolved = c.state != CaseState::Resolved && c.state != CaseState::Closed;
  context.security_decided = c.state == CaseState::Resolved || c.state == CaseState::Closed;
  return context;
}

int blocking_issues(const DraftVersion& version, const Case& c) {
  if (version.kind == DraftKind::Handoff) return 0;
  int blocking = 0;
  for (const LintFinding& finding : lint(render_draft_text(version), lint_context_for(c))) {
    if (finding.severity == LintSeverity::Error) ++blocking;
  }
  return blocking;
}

}  // namespace ec::copilot
