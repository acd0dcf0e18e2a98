#include "plugin/app/case_service.h"

#include <algorithm>
#include <set>
#include <sstream>

#include "plugin/app/case_service_util.h"
#include "plugin/app/trace.h"
#include "plugin/core/incident.h"
#include "plugin/core/reveal.h"
#include "plugin/copilot/approval_checks.h"
#include "plugin/copilot/drafter.h"
#include "plugin/copilot/llm/deterministic_composer.h"
#include "plugin/copilot/question_register.h"
#include "plugin/copilot/redact_json.h"

namespace ec::app {
using detail::draft_summary;
using detail::latest_of;
using detail::load_draft_under_review;
using detail::role_of;
using detail::merged_questions;
using detail::store_draft;


CaseService::CaseService(Store& store, SourceSet& sources, const Clock& clock,
                         const Config& config)
    : store_(store),
      sources_(sources),
      clock_(clock),
      config_(config),
      deterministic_(std::make_unique<copilot::llm::DeterministicComposer>()) {}

bool CaseService::in_security_group(const std::string& user) const {
  std::istringstream list(config_.security_group);
  std::string member;
  while (std::getline(list, member, ',')) {
    if (!member.empty() && member == user) return true;
  }
  return false;
}

Result<Case> CaseService::open_case(const OpenCaseRequest& request) {
  if (request.ticket.empty() || request.lead.empty() || request.subject.empty()) {
    return make_error(ErrorCode::InvalidArgument,
                      "opening a case needs a ticket, a subject and an assigned lead");
  }
  auto tx = store_.begin();
  if (!tx) return std::unexpected(tx.error());
  auto existing = (*tx)->find_case_by_ticket(request.ticket);
  if (!existing) return std::unexpected(existing.error());
  if (existing->has_value()) {
    return make_error(ErrorCode::AlreadyExists, "ticket " + request.ticket +
                                                    " already has case " + (*existing)->id);
  }
  const Timestamp now = clock_.now();
  Case c;
  c.id = case_id_for_ticket(request.ticket);
  c.ticket_ref = request.ticket;
  c.customer = request.customer;
  c.subject_query = request.subject;
  c.lead = request.lead;
  c.state = CaseState::Open;
  c.created_at = now;
  c.updated_at = now;
  EC_RETURN_IF_ERROR((*tx)->insert_case(c));
  EC_RETURN_IF_ERROR(record_turn(**tx, c.id, now, request.actor, ActorRole::Lead, "intake",
                                 "open " + request.ticket + " lead " + request.lead,
                                 {{"case_id", c.id}, {"lead", c.lead}, {"ticket", c.ticket_ref}}));
  EC_RETURN_IF_ERROR((*tx)->commit());
  return c;
}

namespace {

// The incident-queue notice for a forced escalation: minimized title (the first rule's reason,
// redacted), the handoff packet as drafted, the rules that fired and their evidence.
// Queues `notice` for every incident target, in the caller's transaction. One message per
// target and decision: a re-escalation after security closed the case is a new message (the
// targets still fold it into the case's one incident through the dedup key / label).
Status enqueue_incident(Transaction& t, const std::vector<std::string>& targets,
                        const IncidentNotice& notice) {
  for (const std::string& target : targets) {
    OutboxMessage message;
    message.idempotency_key = "incident-" + target + "-" +
                              std::string(incident_action_name(notice.action)) + "-" +
                              notice.case_id + "-" +
                              std::to_string(notice.at.time_since_epoch().count());
    message.case_id = notice.case_id;
    message.channel = target;
    message.recipient = target;
    message.payload = incident_to_json(notice);
    message.created_at = notice.at;
    auto queued = t.enqueue(message);
    if (!queued) return std::unexpected(queued.error());
  }
  return ok_status();
}

IncidentNotice incident_notice_for(const Case& c, const Analysis& analysis,
                                   copilot::Redactor& redactor, Timestamp now) {
  IncidentNotice notice;
  notice.action = IncidentAction::Trigger;
  notice.case_id = c.id;
  notice.ticket_ref = c.ticket_ref;
  notice.severity = analysis.decision.severity();
  const auto reasons = analysis.decision.reasons();
  notice.title = "Security escalation " + c.id +
                 (reasons.empty() ? std::string() : ": " + redactor.redact(reasons.front()));
  if (analysis.handoff) notice.text = render_draft_text(*analysis.handoff);
  for (const RuleMatch& match : analysis.decision.matches) {
    notice.matched_rules.push_back(match.rule_id);
    for (const std::string& id : match.evidence) {
      if (std::find(notice.evidence_ids.begin(), notice.evidence_ids.end(), id) ==
          notice.evidence_ids.end()) {
        notice.evidence_ids.push_back(id);
      }
    }
  }
  notice.at = now;
  return notice;
}

// The announcement of the escalation `analysis` decided, minimized like every text that
// leaves the service (the rules' reasons and descriptions may name the subject).
SecurityAnnouncement announcement_for(const Case& c, const Analysis& analysis,
                                      copilot::Redactor& redactor, Timestamp now) {
  SecurityAnnouncement a = make_security_announcement(c, analysis.decision, now);
  for (RuleMatch& rule : a.rules) {
    rule.reason = redactor.redact(rule.reason);
    rule.description = redactor.redact(rule.description);
  }
  return a;
}

Result<OutboxMessage> enqueue_announcement(Transaction& t, const AnnouncementTarget& target,
                                           const SecurityAnnouncement& announcement) {
  OutboxMessage message;
  message.idempotency_key =
      security_announcement_key(target.channel, target.recipient, announcement);
  message.case_id = announcement.case_id;
  message.channel = target.channel;
  message.recipient = target.recipient;
  message.payload = target.render(announcement);
  message.payload["kind"] = "security_announcement";
  message.payload["announcement"] = security_announcement_to_json(announcement);
  message.created_at = announcement.at;
  return t.enqueue(message);
}

}  // namespace

Result<std::string> CaseService::subject_for_ticket(const std::string& ticket) {
  const std::string name_it = "; name the subject: open " + ticket + " subject <login|email>";
  std::lock_guard lock(sources_mutex_);
  if (sources_.tickets() == nullptr || sources_.identity() == nullptr) {
    return make_error(ErrorCode::FailedPrecondition,
                      "no ticket source and identity provider are configured" + name_it);
  }
  auto history = sources_.tickets()->load_ticket(ticket);
  if (!history) return std::unexpected(history.error().with_context("ticket " + ticket));
  std::vector<std::string> deprovisioned;
  for (const TicketPerson& person : subject_candidates(*history)) {
    const std::string& key = person.email.empty() ? person.id : person.email;
    auto subject = sources_.identity()->resolve_subject(key);
    if (!subject) continue;  // not in the identity provider: not staff we deprovision
    if (subject->status == "DEPROVISIONED" || subject->deprovisioned_at) {
      deprovisioned.push_back(!subject->email.empty() ? subject->email : subject->login);
    }
  }
  if (deprovisioned.size() == 1) return deprovisioned.front();
  if (deprovisioned.empty()) {
    return make_error(ErrorCode::FailedPrecondition,
                      "ticket " + ticket + " names no staff member the identity provider reports "
                      "deprovisioned" + name_it);
  }
  std::string names;
  for (const std::string& n : deprovisioned) names += (names.empty() ? "" : ", ") + n;
  return make_error(ErrorCode::FailedPrecondition,
                    "ticket " + ticket + " names several deprovisioned staff members (" + names +
                        ")" + name_it);
}

Result<GatherOutcome> CaseService::gather(const std::string& case_id, const std::string& actor,
                                          GatherDrafts drafts) {
  GatherOutcome outcome;
  // Collection reads files or APIs: it runs outside any store transaction.
  auto collected = collect(case_id);
  if (!collected) return std::unexpected(collected.error());
  outcome.c = std::move(collected->c);
  outcome.pipeline = std::move(collected->pipeline);
  copilot::Redactor* redactor = &collected->redactor;
  const Timestamp now = clock_.now();
  auto tx = store_.begin();
  if (!tx) return std::unexpected(tx.error());
  Transaction& t = **tx;
  // Re-read the case: another replica may have changed it while sources were read.
  auto current = t.get_case(case_id);
  if (!current) return std::unexpected(current.error());
  outcome.c = *current;
  Analysis& analysis = outcome.pipeline.analysis;
  EC_RETURN_IF_ERROR(t.replace_evidence(case_id, analysis.evidence));
  EC_RETURN_IF_ERROR(t.replace_findings(case_id, analysis.findings));
  // The register keeps answers, reassignments and the lead's own questions; an answer that new
  // evidence contradicts is reopened. The drafts are then worded from the register.
  auto merged = merged_questions(t, case_id, analysis);
  if (!merged) return std::unexpected(merged.error());
  analysis.questions = std::move(merged->questions);
  for (const OpenQuestion& q : analysis.questions) EC_RETURN_IF_ERROR(t.upsert_question(case_id, q));
  DraftVersion redrafted = copilot::draft_customer_update(
      outcome.c, analysis.findings, analysis.questions, analysis.decision, *redactor,
      copilot::DraftOptions{now});
  redrafted.created_at = now;
  seal(redrafted);
  analysis.customer_update = std::move(redrafted);
  const copilot::HandoffInputs handoff_inputs{analysis.correlation, analysis.decision,
                                              analysis.evidence, analysis.findings,
                                              analysis.questions};
  DraftVersion packet = copilot::draft_handoff(outcome.c, handoff_inputs, outcome.pipeline.summary,
                                               *redactor, copilot::DraftOptions{now});
  packet.created_at = now;
  seal(packet);
  analysis.handoff = std::move(packet);
  for (const VaultEntry& entry : redactor->entries()) EC_RETURN_IF_ERROR(t.put_vault_entry(entry));

  if (drafts == GatherDrafts::Store) {
    auto update = store_draft(t, case_id, *analysis.customer_update);
    if (!update) return std::unexpected(update.error());
    analysis.customer_update = *update;
    auto handoff = store_draft(t, case_id, *analysis.handoff);
    if (!handoff) return std::unexpected(handoff.error());
    analysis.handoff = *handoff;
  }

  Case& c = outcome.c;
  if (c.state == CaseState::Open) c.state = CaseState::Investigating;
  if (analysis.decision.escalate && c.state != CaseState::SecurityEscalated) {
    EC_RETURN_IF_ERROR(check_transition(c, CaseState::SecurityEscalated, ActorRole::Copilot));
    c.state = CaseState::SecurityEscalated;
    c.severity = analysis.decision.severity();
    c.security_acknowledged_by.clear();
    c.security_acknowledged_at.reset();
    outcome.escalated_now = true;
  }
  c.updated_at = now;
  EC_RETURN_IF_ERROR(t.update_case(c));
  // What is stored for rendering and recorded in the trace is the minimized form.
  const nlohmann::json analysis_json = redact_json(analysis_to_json(analysis), *redactor);
  EC_RETURN_IF_ERROR(t.put_analysis(case_id, analysis_json));

  EC_RETURN_IF_ERROR(record_turn(t, case_id, now, actor, role_of(c, actor), "gather",
                                 "summary, evidence, compare",
                                 {{"evidence", analysis.evidence.size()},
                                  {"post_deprovision_access",
                                   analysis.correlation.post_deprovision_access.size()},
                                  {"findings", analysis.findings.size()},
                                  {"questions", analysis.questions.size()},
                                  {"reopened_questions", merged->reopened},
                                  {"summary", redact_json(outcome.pipeline.summary.headline,
                                                          *redactor)}}));
  if (outcome.escalated_now) {
    nlohmann::json decision = analysis_json["decision"];
    decision["incident_queue"] = incident_targets_;
    // The trace names each rule with its description and reason (minimized), as announced.
    const SecurityAnnouncement announcement = announcement_for(c, analysis, *redactor, now);
    decision["rules"] = security_announcement_to_json(announcement)["rules"];
    decision["announcements"] = nlohmann::json::array();
    for (const AnnouncementTarget& target : announcements_) {
      auto announced = enqueue_announcement(t, target, announcement);
      if (!announced) return std::unexpected(announced.error());
      decision["announcements"].push_back({{"channel", target.channel},
                                           {"recipient", target.recipient},
                                           {"outbox_id", announced->id},
                                           {"idempotency_key", announced->idempotency_key}});
    }
    EC_RETURN_IF_ERROR(record_turn(t, case_id, now, "copilot", ActorRole::Copilot, "escalate",
                                   "security policy " + analysis.decision.rule_set_version,
                                   std::move(decision)));
    EC_RETURN_IF_ERROR(enqueue_incident(t, incident_targets_,
                                        incident_notice_for(c, analysis, *redactor, now)));
  }
  if (drafts == GatherDrafts::Store) {
    EC_RETURN_IF_ERROR(record_turn(t, case_id, now, "copilot", ActorRole::Copilot, "draft",
                                   "draft customer update and handoff",
                                   {{"customer_update", draft_summary(*analysis.customer_update)},
                                    {"handoff", draft_summary(*analysis.handoff)}}));
  }
  EC_RETURN_IF_ERROR(t.commit());
  return outcome;
}

Result<DraftVersion> CaseService::edit_draft(const std::string& case_id,
                                             const std::string& draft_id,
                                             const std::string& text, const std::string& editor) {
  auto tx = store_.begin();
  if (!tx) return std::unexpected(tx.error());
  auto versions = (*tx)->list_draft_versions(case_id);
  if (!versions) return std::unexpected(versions.error());
  const DraftVersion* latest = latest_of(*versions, draft_id);
  if (latest == nullptr) {
    return make_error(ErrorCode::NotFound, "case " + case_id + " has no draft " + draft_id);
  }
  auto c = (*tx)->get_case(case_id);
  if (!c) return std::unexpected(c.error());
  const Timestamp now = clock_.now();
  DraftVersion next = make_edited_version(*latest, text, editor, now);
  EC_RETURN_IF_ERROR((*tx)->insert_draft_version(next));
  EC_RETURN_IF_ERROR(record_turn(**tx, case_id, now, editor, role_of(*c, editor), "edit",
                                 "edit " + draft_id, draft_summary(next)));
  EC_RETURN_IF_ERROR((*tx)->commit());
  return next;
}

Result<Approval> CaseService::approve(const std::string& case_id, const std::string& draft_id,
                                      int version, const std::string& approver,
                                      std::optional<std::string> expected_hash) {
  auto tx = store_.begin();
  if (!tx) return std::unexpected(tx.error());
  Transaction& t = **tx;
  auto loaded = load_draft_under_review(t, case_id, draft_id, version);
  if (!loaded) return std::unexpected(loaded.error());
  const Case& c = loaded->c;
  const DraftVersion& target = loaded->target;

  const Timestamp now = clock_.now();
  ApprovalRequest request;
  request.c = &c;
  request.version = &target;
  request.latest_version = loaded->latest_version;
  request.approver = approver;
  request.expected_hash = std::move(expected_hash);
  auto findings = t.list_findings(case_id);
  if (!findings) return std::unexpected(findings.error());
  request.blocking_issues = copilot::blocking_issues(target, c, *findings);
  request.existing = &loaded->approvals;
  auto change_requests = t.list_change_requests(case_id);
  if (!change_requests) return std::unexpected(change_requests.error());
  request.change_requests = &*change_requests;
  request.now = now;
  auto decision = decide_approval(request);
  const ActorRole role = role_of(c, approver);
  if (!decision) {
    // The refusal is part of the trace: record it, commit, and return the refusal.
    EC_RETURN_IF_ERROR(record_turn(t, case_id, now, approver, role, "refuse",
                                   "approve " + draft_id + " v" + std::to_string(version),
                                   {{"code", error_code_name(decision.error().code)},
                                    {"reason", decision.error().message}}));
    EC_RETURN_IF_ERROR(t.commit());
    return std::unexpected(decision.error());
  }
  if (decision->already_recorded) return decision->approval;  // double click: nothing new
  EC_RETURN_IF_ERROR(t.insert_approval(decision->approval));
  EC_RETURN_IF_ERROR(record_turn(t, case_id, now, approver, role, "approve",
                                 "approve " + draft_id + " v" + std::to_string(version),
                                 {{"draft_id", draft_id},
                                  {"version", version},
                                  {"content_hash", decision->approval.content_hash}}));
  EC_RETURN_IF_ERROR(t.commit());
  return decision->approval;
}

Result<ChangeRequest> CaseService::request_changes(const std::string& case_id,
                                                   const std::string& draft_id, int version,
                                                   const std::string& content_hash,
                                                   const std::string& actor,
                                                   const std::string& reason) {
  auto tx = store_.begin();
  if (!tx) return std::unexpected(tx.error());
  Transaction& t = **tx;
  auto loaded = load_draft_under_review(t, case_id, draft_id, version);
  if (!loaded) return std::unexpected(loaded.error());
  const Case& c = loaded->c;
  const DraftVersion& target = loaded->target;
  const Timestamp now = clock_.now();
  ChangeRequest request{case_id, draft_id, version, content_hash, actor, reason, now};
  EC_RETURN_IF_ERROR(check_change_request(request, target, loaded->latest_version, loaded->approvals));
  EC_RETURN_IF_ERROR(t.insert_change_request(request));
  EC_RETURN_IF_ERROR(record_turn(t, case_id, now, actor, role_of(c, actor), "request_changes",
                                 "request changes to " + draft_id + " v" + std::to_string(version),
                                 {{"draft_id", draft_id},
                                  {"version", version},
                                  {"content_hash", content_hash},
                                  {"reason", reason}}));
  EC_RETURN_IF_ERROR(t.commit());
  return request;
}

Result<OutboxMessage> CaseService::send(const std::string& case_id, const std::string& draft_id,
                                        int version, const std::string& actor,
                                        const std::string& channel,
                                        const std::string& recipient) {
  auto tx = store_.begin();
  if (!tx) return std::unexpected(tx.error());
  Transaction& t = **tx;
  auto c = t.get_case(case_id);
  if (!c) return std::unexpected(c.error());
  auto target = t.get_draft_version(case_id, draft_id, version);
  if (!target) return std::unexpected(target.error());
  auto approvals = t.list_approvals(case_id);
  if (!approvals) return std::unexpected(approvals.error());
  auto vault = t.list_vault(case_id);
  if (!vault) return std::unexpected(vault.error());
  auto redactor = copilot::Redactor::from_vault(case_id, *vault);
  if (!redactor) return std::unexpected(redactor.error());
  // The approved text goes out with only the values the lead revealed; the rest stay placeholders.
  std::set<std::string> revealed;
  for (const VaultEntry& entry : *vault) {
    if (entry.revealed) revealed.insert(entry.placeholder);
  }
  const std::string text = redactor->reveal(render_draft_text(*target), revealed);
  const Timestamp now = clock_.now();
  auto message = make_outbox_message_for_draft(*c, *target, *approvals, actor, channel,
                                               recipient, {{"text", text}}, now);
  if (!message) {
    // Like a refused approval, a refused send is part of the trace.
    EC_RETURN_IF_ERROR(record_turn(t, case_id, now, actor, role_of(*c, actor), "refuse",
                                   "send " + draft_id + " v" + std::to_string(version) +
                                       " via " + channel,
                                   {{"code", error_code_name(message.error().code)},
                                    {"reason", message.error().message}}));
    EC_RETURN_IF_ERROR(t.commit());
    return std::unexpected(message.error());
  }
  auto stored = t.enqueue(*message);
  if (!stored) return std::unexpected(stored.error());
  EC_RETURN_IF_ERROR(record_turn(t, case_id, now, actor, role_of(*c, actor), "send",
                                 "send " + draft_id + " v" + std::to_string(version) + " via " +
                                     channel,
                                 {{"outbox_id", stored->id},
                                  {"idempotency_key", stored->idempotency_key},
                                  {"channel", channel},
                                  {"content_hash", target->content_hash}}));
  EC_RETURN_IF_ERROR(t.commit());
  return *stored;
}

namespace {

// Records the refusal of a security-only act by someone outside the security group, commits
// it, and returns the PermissionDenied the caller passes on.
Result<Case> refuse_non_member(Transaction& t, const std::string& case_id, Timestamp now,
                               const std::string& actor, const std::string& request,
                               const std::string& verb) {
  EC_RETURN_IF_ERROR(record_turn(t, case_id, now, actor, ActorRole::Other, "refuse", request,
                                 {{"reason", "not a member of the security group"}}));
  EC_RETURN_IF_ERROR(t.commit());
  return make_error(ErrorCode::PermissionDenied,
                    actor + " is not in the configured security group and cannot " + verb);
}

}  // namespace

Result<Case> CaseService::acknowledge_security(const std::string& case_id,
                                               const std::string& actor) {
  auto tx = store_.begin();
  if (!tx) return std::unexpected(tx.error());
  Transaction& t = **tx;
  auto c = t.get_case(case_id);
  if (!c) return std::unexpected(c.error());
  const Timestamp now = clock_.now();
  if (!in_security_group(actor)) {
    return refuse_non_member(t, case_id, now, actor, "acknowledge security escalation",
                             "acknowledge");
  }
  if (c->state != CaseState::SecurityEscalated) {
    return make_error(ErrorCode::FailedPrecondition, "case " + case_id + " is not escalated");
  }
  c->security_acknowledged_by = actor;
  c->security_acknowledged_at = now;
  c->updated_at = now;
  EC_RETURN_IF_ERROR(t.update_case(*c));
  EC_RETURN_IF_ERROR(record_turn(t, case_id, now, actor, ActorRole::Security, "acknowledge",
                                 "acknowledge security escalation", {{"by", actor}}));
  EC_RETURN_IF_ERROR(t.commit());
  return *c;
}

Result<Case> CaseService::close_security(const std::string& case_id, const std::string& actor,
                                         const std::string& reason) {
  auto tx = store_.begin();
  if (!tx) return std::unexpected(tx.error());
  Transaction& t = **tx;
  auto c = t.get_case(case_id);
  if (!c) return std::unexpected(c.error());
  const Timestamp now = clock_.now();
  if (!in_security_group(actor)) {
    return refuse_non_member(t, case_id, now, actor, "close security escalation", "close it");
  }
  if (reason.find_first_not_of(" \t\r\n") == std::string::npos) {
    return make_error(ErrorCode::InvalidArgument,
                      "closing a security escalation needs a reason (it is recorded)");
  }
  if (c->state != CaseState::SecurityEscalated) {
    return make_error(ErrorCode::FailedPrecondition, "case " + case_id + " is not escalated");
  }
  EC_RETURN_IF_ERROR(check_transition(*c, CaseState::Resolved, ActorRole::Security));
  auto vault = t.list_vault(case_id);
  if (!vault) return std::unexpected(vault.error());
  auto redactor = copilot::Redactor::from_vault(case_id, *vault);
  if (!redactor) return std::unexpected(redactor.error());
  // What security typed goes to the trace and the incident targets minimized, like any text.
  const std::string minimized = redactor->redact(reason);
  c->state = CaseState::Resolved;
  if (c->security_acknowledged_by.empty()) {
    c->security_acknowledged_by = actor;
    c->security_acknowledged_at = now;
  }
  c->updated_at = now;
  EC_RETURN_IF_ERROR(t.update_case(*c));
  EC_RETURN_IF_ERROR(record_turn(t, case_id, now, actor, ActorRole::Security, "close_security",
                                 "close security escalation",
                                 {{"by", actor}, {"reason", minimized},
                                  {"incident_queue", incident_targets_}}));
  IncidentNotice notice;
  notice.action = IncidentAction::Resolve;
  notice.case_id = case_id;
  notice.ticket_ref = c->ticket_ref;
  notice.severity = c->severity;
  notice.title = "Security escalation " + case_id + " closed";
  notice.reason = minimized;
  notice.at = now;
  EC_RETURN_IF_ERROR(enqueue_incident(t, incident_targets_, notice));
  EC_RETURN_IF_ERROR(t.commit());
  return *c;
}

Status CaseService::reveal(const std::string& case_id, const std::string& placeholder,
                           const std::string& reason, const std::string& actor) {
  auto tx = store_.begin();
  if (!tx) return std::unexpected(tx.error());
  Transaction& t = **tx;
  auto c = t.get_case(case_id);
  if (!c) return std::unexpected(c.error());
  const Timestamp now = clock_.now();
  if (auto allowed = check_reveal(*c, actor, placeholder, reason); !allowed) {
    EC_RETURN_IF_ERROR(record_turn(t, case_id, now, actor, role_of(*c, actor), "refuse",
                                   "reveal " + placeholder,
                                   {{"reason", allowed.error().message}}));
    EC_RETURN_IF_ERROR(t.commit());
    return allowed;
  }
  auto vault = t.list_vault(case_id);
  if (!vault) return std::unexpected(vault.error());
  auto redactor = copilot::Redactor::from_vault(case_id, *vault);
  if (!redactor) return std::unexpected(redactor.error());
  EC_RETURN_IF_ERROR(redactor->mark_revealed(placeholder, actor, reason, now));
  for (const VaultEntry& entry : redactor->entries()) {
    if (entry.placeholder == placeholder) {
      EC_RETURN_IF_ERROR(t.put_vault_entry(entry));
    }
  }
  EC_RETURN_IF_ERROR(record_turn(t, case_id, now, actor, role_of(*c, actor), "reveal",
                                 "reveal " + placeholder,
                                 {{"placeholder", placeholder}, {"reason", reason}}));
  return t.commit();
}

Result<std::vector<DraftVersion>> CaseService::drafts(const std::string& case_id) {
  auto tx = store_.begin();
  if (!tx) return std::unexpected(tx.error());
  return (*tx)->list_draft_versions(case_id);
}

Result<Case> CaseService::get_case(const std::string& case_id) {
  auto tx = store_.begin();
  if (!tx) return std::unexpected(tx.error());
  return (*tx)->get_case(case_id);
}

}  // namespace ec::app
