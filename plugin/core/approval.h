// Approval: the lead's decision on one exact draft version, and the rules that decide whether an
// approval may be recorded and whether a version may be sent. These rules live here and nowhere
// else; every surface (CLI, Slack, Mattermost, Zendesk) calls them. Pure functions.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "plugin/core/case.h"
#include "plugin/core/draft.h"
#include "plugin/core/result.h"
#include "plugin/core/time.h"

namespace ec {

struct Approval {
  std::string case_id;
  std::string draft_id;
  int version = 0;
  std::string content_hash;   // of the version approved
  std::string approver;       // platform user id
  Timestamp approved_at{};
  std::string lint_verdict;   // summary of the linter findings shown when approving
};

struct ApprovalRequest {
  const Case* c = nullptr;
  const DraftVersion* version = nullptr;   // the version the button names
  int latest_version = 0;                  // newest version of that draft
  std::string approver;
  std::optional<std::string> expected_hash;  // hash the card showed, when the surface has it
  int blocking_issues = 0;                 // grounding/lint problems that forbid approval
  Timestamp now{};
};

// Decides whether the approval may be recorded. Errors:
//  PermissionDenied   the approver is not the case's assigned lead;
//  FailedPrecondition stale version, hash mismatch, security hold on a customer update,
//                     blocking issues, or a closed case.
[[nodiscard]] Result<Approval> decide_approval(const ApprovalRequest& request);

// Finds the approval that lets `version` be sent: same version number and same content hash.
// FailedPrecondition when there is none (including when the content changed after approval).
[[nodiscard]] Result<Approval> approval_for_sending(const DraftVersion& version,
                                                   const std::vector<Approval>& approvals);

}  // namespace ec
