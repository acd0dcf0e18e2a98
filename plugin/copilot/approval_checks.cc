#include "plugin/copilot/approval_checks.h"

#include "plugin/copilot/tone_linter.h"

namespace ec::copilot {

int blocking_issues(const DraftVersion& version, const Case& c) {
  if (version.kind == DraftKind::Handoff) return 0;
  LintContext context;
  // Until security closes the case, access counts as unresolved and no legal term is decided.
  context.access_unresolved = c.state != CaseState::Resolved && c.state != CaseState::Closed;
  context.security_decided = c.state == CaseState::Resolved || c.state == CaseState::Closed;
  int blocking = 0;
  for (const LintFinding& finding : lint(render_draft_text(version), context)) {
    if (finding.severity == LintSeverity::Error) ++blocking;
  }
  return blocking;
}

}  // namespace ec::copilot
