#include "plugin/core/approval.h"

namespace ec {

Status check_change_request(const ChangeRequest& request, const DraftVersion& version,
                            int latest_version, const std::vector<Approval>& approvals) {
  const std::string what = std::string(draft_kind_name(version.kind)) + " " + version.draft_id +
                           " v" + std::to_string(version.version);
  if (request.reason.find_first_not_of(" \t\r\n") == std::string::npos) {
    return make_error(ErrorCode::InvalidArgument, "a change request needs a reason");
  }
  if (request.version != version.version || request.content_hash != version.content_hash) {
    return make_error(ErrorCode::FailedPrecondition,
                      what + " changed since it was shown (content hash differs)");
  }
  if (version.version != latest_version) {
    return make_error(ErrorCode::FailedPrecondition,
                      what + " is stale: the latest version is v" + std::to_string(latest_version));
  }
  if (approval_for_sending(version, approvals)) {
    return make_error(ErrorCode::FailedPrecondition, what + " is already approved");
  }
  return ok_status();
}

std::optional<ChangeRequest> change_request_for(const DraftVersion& version,
                                                const std::vector<ChangeRequest>& requests) {
  std::optional<ChangeRequest> found;
  for (const ChangeRequest& r : requests) {
    if (r.case_id == version.case_id && r.draft_id == version.draft_id &&
        r.version == version.version && r.content_hash == version.content_hash) {
      found = r;  // the most recent one wins (requests are oldest first)
    }
  }
  return found;
}

Result<ApprovalDecision> decide_approval(const ApprovalRequest& request) {
  const Case& c = *request.c;
  const DraftVersion& version = *request.version;
  const std::string what = std::string(draft_kind_name(version.kind)) + " " + version.draft_id +
                           " v" + std::to_string(version.version);
  if (request.approver != c.lead) {
    return make_error(ErrorCode::PermissionDenied,
                      "only the case's assigned lead (" + c.lead + ") can approve " + what +
                          "; " + request.approver + " is not the lead");
  }
  if (request.existing != nullptr) {
    if (auto recorded = approval_for_sending(version, *request.existing); recorded) {
      return ApprovalDecision{*recorded, true};
    }
  }
  if (c.state == CaseState::Closed) {
    return make_error(ErrorCode::FailedPrecondition, "case " + c.id + " is closed");
  }
  if (version.version != request.latest_version) {
    return make_error(ErrorCode::FailedPrecondition,
                      what + " is stale: the latest version is v" +
                          std::to_string(request.latest_version) + "; review that one");
  }
  if (request.expected_hash && *request.expected_hash != version.content_hash) {
    return make_error(ErrorCode::FailedPrecondition,
                      what + " changed since it was shown (content hash differs); review it again");
  }
  // A property of this exact version: said before any case-wide hold.
  if (request.change_requests != nullptr) {
    if (auto changes = change_request_for(version, *request.change_requests)) {
      return make_error(ErrorCode::FailedPrecondition,
                        what + " cannot be approved: changes were requested by " +
                            changes->requested_by + ": " + changes->reason +
                            "; edit it to make a new version");
    }
  }
  if (version.kind == DraftKind::CustomerUpdate && c.security_hold()) {
    return make_error(ErrorCode::FailedPrecondition,
                      "case " + c.id +
                          " is security_escalated: customer updates are held until a security "
                          "owner acknowledges the escalation (a holding statement may be approved)");
  }

  if (!request.blocking_issues.empty()) {
    std::string reasons;
    for (const std::string& issue : request.blocking_issues) reasons += "\n- " + issue;
    return make_error(ErrorCode::FailedPrecondition,
                      what + " cannot be approved: " +
                          std::to_string(request.blocking_issues.size()) +
                          " blocking issue(s) from the grounding check or linter; edit it first:" +
                          reasons);
  }
  Approval approval;
  approval.case_id = c.id;
  approval.draft_id = version.draft_id;
  approval.version = version.version;
  approval.content_hash = version.content_hash;
  approval.approver = request.approver;
  approval.approved_at = request.now;
  return ApprovalDecision{approval, false};
}

Result<Approval> check_sendable(const Case& c, const DraftVersion& version,
                                const std::vector<Approval>& approvals,
                                const std::string& sender) {
  if (sender != c.lead) {
    return make_error(ErrorCode::PermissionDenied,
                      "only the case's assigned lead (" + c.lead + ") can send; " + sender +
                          " is not the lead");
  }
  if (version.kind == DraftKind::CustomerUpdate && c.security_hold()) {
    return make_error(ErrorCode::FailedPrecondition,
                      "case " + c.id +
                          " is security_escalated: customer updates are held until a security "
                          "owner acknowledges the escalation");
  }
  return approval_for_sending(version, approvals);
}

Result<Approval> approval_for_sending(const DraftVersion& version,
                                      const std::vector<Approval>& approvals) {
  for (const Approval& approval : approvals) {
    if (approval.case_id == version.case_id && approval.draft_id == version.draft_id &&
        approval.version == version.version && approval.content_hash == version.content_hash) {
      return approval;
    }
  }
  return make_error(ErrorCode::FailedPrecondition,
                    std::string(draft_kind_name(version.kind)) + " " + version.draft_id + " v" +
                        std::to_string(version.version) +
                        " has no approval bound to its exact content; only an approved version "
                        "can be sent");
}

}  // namespace ec
