// The escalation loop as service operations: open a case, gather and analyze evidence, edit,
// approve and send drafts, acknowledge a security escalation. Every operation is one store
// transaction that also records its turn and audit entries, so the trace never disagrees with
// the state. Used by the CLI demo and (later) every chat surface.
// Thread-safe: store access is transactional; source collection is serialized by a mutex.
#pragma once

#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "plugin/app/analysis_pipeline.h"
#include "plugin/app/config.h"
#include "plugin/app/source_set.h"
#include "plugin/core/store.h"

namespace ec::app {

struct OpenCaseRequest {
  std::string ticket;
  std::string subject;     // login, email or id of the person under investigation
  std::string lead;        // platform user id of the accountable lead
  std::string customer;
  std::string actor;       // who opened it
};

struct GatherOutcome {
  Case c;
  PipelineResult pipeline;
  bool escalated_now = false;   // this gathering moved the case to security_escalated
};

class CaseService {
 public:
  CaseService(Store& store, SourceSet& sources, const Clock& clock, const Config& config);
  CaseService(const CaseService&) = delete;
  CaseService& operator=(const CaseService&) = delete;

  // AlreadyExists when a case for the ticket is open; returns it in the error message.
  [[nodiscard]] Result<Case> open_case(const OpenCaseRequest& request);

  // Collects evidence, correlates, decides, drafts; stores the snapshot and new draft versions.
  // When a policy rule fires, moves the case to security_escalated in the same transaction.
  [[nodiscard]] Result<GatherOutcome> gather(const std::string& case_id, const std::string& actor);

  // The lead's (or anyone's) edit: stores version N+1 as unapproved.
  [[nodiscard]] Result<DraftVersion> edit_draft(const std::string& case_id,
                                                const std::string& draft_id,
                                                const std::string& text,
                                                const std::string& editor);

  // Applies core's decide_approval. A refusal is recorded as a "refuse" turn and returned as the
  // error (PermissionDenied, FailedPrecondition). Approving the same version twice returns the
  // existing approval (idempotent).
  [[nodiscard]] Result<Approval> approve(const std::string& case_id, const std::string& draft_id,
                                         int version, const std::string& approver,
                                         std::optional<std::string> expected_hash);

  // Enqueues an approved version for delivery. FailedPrecondition when not approved.
  // Idempotent: sending the same version to the same target twice yields one message.
  [[nodiscard]] Result<OutboxMessage> send(const std::string& case_id, const std::string& draft_id,
                                           int version, const std::string& actor,
                                           const std::string& channel,
                                           const std::string& recipient);

  // A security owner acknowledges the escalation; PermissionDenied for anyone outside the
  // configured security group.
  [[nodiscard]] Result<Case> acknowledge_security(const std::string& case_id,
                                                  const std::string& actor);

  // The lead reveals one placeholder's raw value for outbound messages, with a reason. Recorded
  // as a "reveal" turn and audit record that name the placeholder and reason, never the value.
  // PermissionDenied for anyone but the lead; NotFound for an unknown placeholder.
  [[nodiscard]] Status reveal(const std::string& case_id, const std::string& placeholder,
                              const std::string& reason, const std::string& actor);

  [[nodiscard]] Result<std::vector<DraftVersion>> drafts(const std::string& case_id);
  [[nodiscard]] Result<Case> get_case(const std::string& case_id);

 private:
  bool in_security_group(const std::string& user) const;

  Store& store_;
  SourceSet& sources_;
  const Clock& clock_;
  const Config& config_;
  std::mutex sources_mutex_;  // guards sources_ (adapters are not thread-safe)
};

}  // namespace ec::app
