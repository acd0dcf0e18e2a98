// The escalation loop as service operations: open a case, gather and analyze evidence, edit,
// approve and send drafts, acknowledge a security escalation. Every operation is one store
// transaction that also records its turn and audit entries, so the trace never disagrees with
// the state. Used by the CLI demo and (later) every chat surface.
// Thread-safe: store access is transactional; source collection is serialized by a mutex.
#pragma once

#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "plugin/app/analysis_pipeline.h"
#include "plugin/app/config.h"
#include "plugin/app/source_set.h"
#include "plugin/copilot/comparator.h"
#include "plugin/copilot/llm/composition.h"
#include "plugin/copilot/llm/text_generator.h"
#include "plugin/copilot/summarizer.h"
#include "plugin/core/security_announcement.h"
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

// What a drafting turn (draft update, draft handoff, rewrite) produced: the stored version, who
// worded it, what the grounding check dropped, and what still blocks its approval (grounding and
// linter, one line per problem naming the sentence; empty when it can be approved as is).
struct DraftOutcome {
  DraftVersion version;
  std::string generator;              // "deterministic" or "chat:<model>"
  std::string fallback_reason;        // why the deterministic composer took over, if it did
  std::vector<copilot::llm::DroppedStatement> dropped;
  std::vector<std::string> blocking_issues;
};

// Where a forced escalation is announced: an outbox channel ("slack"), its recipient (the
// security channel's id) and the platform's rendering of the announcement (Block Kit with the
// Acknowledge button). Set by `serve` from the configured security channel.
struct AnnouncementTarget {
  std::string channel;
  std::string recipient;
  std::function<nlohmann::json(const SecurityAnnouncement&)> render;
};

// Whether a gathering also stores new draft versions (the CLI and `evidence` do); a gathering
// that only precedes a drafting turn skips them, so that turn makes the case's one new version.
enum class GatherDrafts { Store, Skip };

class CaseService {
 public:
  CaseService(Store& store, SourceSet& sources, const Clock& clock, const Config& config);
  CaseService(const CaseService&) = delete;
  CaseService& operator=(const CaseService&) = delete;

  // The person under investigation for `ticket` when the lead names none: of the ticket's
  // subject_candidates(), the one the identity provider reports deprovisioned (its email, else
  // its login). FailedPrecondition, saying to name it with "subject <login|email>", when there
  // is no ticket source or identity provider, or when none or several candidates qualify;
  // NotFound when the ticket is not there.
  [[nodiscard]] Result<std::string> subject_for_ticket(const std::string& ticket);

  // AlreadyExists when a case for the ticket is open; returns it in the error message.
  [[nodiscard]] Result<Case> open_case(const OpenCaseRequest& request);

  // Collects evidence, correlates, decides, drafts; stores the snapshot and new draft versions.
  // When a policy rule fires, moves the case to security_escalated in the same transaction.
  // With GatherDrafts::Skip the analysis still carries the drafts (and the incident notice its
  // handoff text) but no draft version is stored and no draft turn recorded.
  [[nodiscard]] Result<GatherOutcome> gather(const std::string& case_id, const std::string& actor,
                                             GatherDrafts drafts = GatherDrafts::Store);

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

  // "Request changes" on one exact version, with a reason (core's check_change_request:
  // InvalidArgument without a reason; FailedPrecondition when the version is stale, changed or
  // already approved). Recorded with a "request_changes" turn; approve() then refuses that
  // version until an edit or a redraft makes a new one. Anyone on the case may ask.
  [[nodiscard]] Result<ChangeRequest> request_changes(const std::string& case_id,
                                                      const std::string& draft_id, int version,
                                                      const std::string& content_hash,
                                                      const std::string& actor,
                                                      const std::string& reason);

  // Enqueues an approved version for delivery. FailedPrecondition when not approved or (a
  // customer update) held for security; PermissionDenied when not the lead; refusals recorded.
  // Idempotent: sending the same version to the same target twice yields one message.
  [[nodiscard]] Result<OutboxMessage> send(const std::string& case_id, const std::string& draft_id,
                                           int version, const std::string& actor,
                                           const std::string& channel,
                                           const std::string& recipient);

  // A security owner acknowledges the escalation; PermissionDenied for anyone outside the
  // configured security group.
  [[nodiscard]] Result<Case> acknowledge_security(const std::string& case_id,
                                                  const std::string& actor);

  // A security owner closes the escalation with a recorded reason: the case moves to resolved
  // (only security may take it out of security_escalated; the lead cannot dismiss it alone) and
  // each incident target gets a resolve notice through the outbox (PagerDuty resolves the
  // case's alert, Jira gets a closing comment). PermissionDenied (recorded) for anyone outside
  // the security group; InvalidArgument for an empty reason; FailedPrecondition when the case
  // is not escalated.
  [[nodiscard]] Result<Case> close_security(const std::string& case_id, const std::string& actor,
                                            const std::string& reason);

  // The lead reveals one placeholder's raw value for outbound messages, with a reason. Recorded
  // as a "reveal" turn and audit record that name the placeholder and reason, never the value.
  // PermissionDenied for anyone but the lead; NotFound for an unknown placeholder.
  [[nodiscard]] Status reveal(const std::string& case_id, const std::string& placeholder,
                              const std::string& reason, const std::string& actor);

  // The lead's turns (case_service_turns.cc). Each records a turn with its inputs and outputs
  // (minimized) and returns structured results for any surface to render. NotFound for an
  // unknown case; InvalidArgument naming the field for bad input.

  // The ticket as a timeline: who reported what when, severity changes, escalations, promises
  // already made to the customer, unanswered customer questions.
  [[nodiscard]] Result<copilot::TicketSummary> summarize(const std::string& case_id,
                                                         const std::string& actor);
  // Identity evidence against access and audit evidence (collected afresh).
  [[nodiscard]] Result<copilot::Comparison> compare(const std::string& case_id,
                                                    const std::string& actor);
  // The open-questions register.
  [[nodiscard]] Result<std::vector<OpenQuestion>> questions(const std::string& case_id,
                                                            const std::string& actor);
  [[nodiscard]] Result<OpenQuestion> add_question(const std::string& case_id,
                                                  const std::string& text, Owner owner,
                                                  bool blocking, const std::string& actor);
  // InvalidArgument when no evidence id is given or one is not the case's evidence.
  [[nodiscard]] Result<OpenQuestion> answer_question(const std::string& case_id,
                                                     const std::string& question_id,
                                                     const std::string& answer,
                                                     const std::vector<std::string>& evidence,
                                                     const std::string& actor);
  [[nodiscard]] Result<OpenQuestion> reassign_question(const std::string& case_id,
                                                       const std::string& question_id,
                                                       Owner owner, const std::string& actor);
  // A new unapproved customer update (three labelled parts) from fresh evidence and the
  // register; worded by the configured TextGenerator (checked) or the deterministic composer.
  [[nodiscard]] Result<DraftOutcome> draft_update(const std::string& case_id,
                                                  const std::string& actor);
  // A new unapproved holding statement (config "holding_statement" or the bundled default, the
  // ticket filled in): the one customer reply the lead may approve and send while the case is
  // security_escalated and unacknowledged. It cites nothing and claims nothing about exposure
  // (linted at config load; grounding and linter re-checked at approval like any customer text).
  // The same text again returns the stored version.
  [[nodiscard]] Result<DraftOutcome> draft_holding(const std::string& case_id,
                                                   const std::string& actor);
  // A new unapproved engineering/security handoff packet.
  [[nodiscard]] Result<DraftOutcome> draft_handoff(const std::string& case_id,
                                                   const std::string& actor);
  // Version N+1 of the draft in `tone`; never cites a claim version N lacked (checked: a
  // FailedPrecondition refusal, recorded, if it ever would).
  [[nodiscard]] Result<DraftOutcome> rewrite(const std::string& case_id,
                                             const std::string& draft_id,
                                             copilot::llm::Tone tone, const std::string& actor);

  // Optional model for wording drafts; without one the deterministic composer is used. The
  // generator must outlive the service.
  void set_text_generator(copilot::llm::TextGenerator& generator) { generator_ = &generator; }

  // The outbound channels of the incident queue ("pagerduty", "jira"): when gather forces the
  // security process, the same transaction enqueues an IncidentNotice (the handoff packet, the
  // rules that fired, the evidence ids) for each. Set by `serve` from the configured channels.
  void set_incident_targets(std::vector<std::string> targets) {
    incident_targets_ = std::move(targets);
  }

  // A security channel (one per chat platform that announces): when gather forces the security
  // process, the same transaction enqueues the announcement (rules, evidence ids, rule-file
  // version, Acknowledge button) for every target, once per escalation and target (idempotency
  // key from channel, recipient, case and decision time). A target without a channel, recipient
  // or renderer is ignored. Call before serving (not thread-safe against gather).
  void add_security_announcement(AnnouncementTarget target) {
    if (target.channel.empty() || target.recipient.empty() || !target.render) return;
    announcements_.push_back(std::move(target));
  }
  void clear_security_announcements() { announcements_.clear(); }

  [[nodiscard]] Result<std::vector<DraftVersion>> drafts(const std::string& case_id);
  [[nodiscard]] Result<Case> get_case(const std::string& case_id);

 private:
  bool in_security_group(const std::string& user) const;

  // Reads the case and its vault, collects and analyzes every source (outside any store
  // transaction, under sources_mutex_); the returned redactor holds the case's vault plus any
  // values learned.
  struct Collected {
    Case c;
    PipelineResult pipeline;
    copilot::Redactor redactor;
  };
  [[nodiscard]] Result<Collected> collect(const std::string& case_id);
  // The open-questions register as `analysis` leaves it (stored register merged with the
  // analysis's questions; see detail::merged_questions), read in a transaction of its own.
  [[nodiscard]] Result<std::vector<OpenQuestion>> register_after(const std::string& case_id,
                                                                 const Analysis& analysis);
  // Stores a drafting turn's version and records its turn. `action` is the turn's action.
  [[nodiscard]] Result<DraftOutcome> store_composed(const std::string& case_id,
                                                    const std::string& actor,
                                                    const std::string& action,
                                                    const std::string& request,
                                                    copilot::llm::CheckedComposition composed,
                                                    const copilot::Redactor& redactor,
                                                    bool as_next_of_kind);
  copilot::llm::TextGenerator& generator();

  Store& store_;
  SourceSet& sources_;
  const Clock& clock_;
  const Config& config_;
  std::mutex sources_mutex_;  // guards sources_ (adapters are not thread-safe)
  copilot::llm::TextGenerator* generator_ = nullptr;  // optional; see set_text_generator()
  std::vector<std::string> incident_targets_;          // see set_incident_targets()
  std::vector<AnnouncementTarget> announcements_;  // see add_security_announcement()
  // Made by the constructor, never later: turns run concurrently (httplib's pool, intake workers).
  const std::unique_ptr<copilot::llm::TextGenerator> deterministic_;
};

}  // namespace ec::app
