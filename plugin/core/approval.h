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

// "Request changes" on one exact version: that version can no longer be approved; the next
// version (an edit or a redraft) starts without it.
struct ChangeRequest {
  std::string case_id;
  std::string draft_id;
  int version = 0;
  std::string content_hash;   // of the version it was requested on
  std::string requested_by;   // platform user id
  std::string reason;
  Timestamp requested_at{};
};

// Checks a change request before it is recorded: InvalidArgument for an empty reason;
// FailedPrecondition when the version is not the newest or is already approved (too late).
[[nodiscard]] Status check_change_request(const ChangeRequest& request, const DraftVersion& version,
                                          int latest_version,
                                          const std::vector<Approval>& approvals);

// The change request that blocks approving `version`, if any (the most recent one).
[[nodiscard]] std::optional<ChangeRequest> change_request_for(
    const DraftVersion& version, const std::vector<ChangeRequest>& requests);

struct ApprovalRequest {
  const Case* c = nullptr;
  const DraftVersion* version = nullptr;   // the version the button names
  int latest_version = 0;                  // newest version of that draft
  std::string approver;
  std::optional<std::string> expected_hash;  // hash the card showed, when the surface has it
  // Grounding and linter problems that forbid approval, one line each naming the sentence and
  // why (see grounding.h describe_issue); the refusal quotes them.
  std::vector<std::string> blocking_issues;
  const std::vector<Approval>* existing = nullptr;  // approvals already recorded for the case
  const std::vector<ChangeRequest>* change_requests = nullptr;  // of the case; may be null
  Timestamp now{};
};

struct ApprovalDecision {
  Approval approval;
  bool already_recorded = false;  // a double click or a redelivered payload: record nothing
};

// Decides whether the approval may be recorded. Errors:
//  PermissionDenied   the approver is not the case's assigned lead (checked first, always);
//  FailedPrecondition stale version, hash mismatch, security hold on a customer update,
//                     changes requested on this version, blocking issues, or a closed case.
// When the lead approves a version that already has an approval bound to the same content, the
// existing approval is returned with already_recorded set.
[[nodiscard]] Result<ApprovalDecision> decide_approval(const ApprovalRequest& request);

// Decides whether an approved version may enter the outbox now, at the moment of sending:
// the sender must be the case's lead (PermissionDenied), the version must carry an approval bound
// to its exact content, and a customer update must not be under a security hold
// (FailedPrecondition; an approval given before the case was escalated does not lift the hold).
[[nodiscard]] Result<Approval> check_sendable(const Case& c, const DraftVersion& version,
                                              const std::vector<Approval>& approvals,
                                              const std::string& sender);

// Finds the approval that lets `version` be sent: same version number and same content hash.
// FailedPrecondition when there is none (including when the content changed after approval).
[[nodiscard]] Result<Approval> approval_for_sending(const DraftVersion& version,
                                                   const std::vector<Approval>& approvals);

}  // namespace ec
