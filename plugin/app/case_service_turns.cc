// CaseService: the lead's turns (summarize, compare, questions, draft update, draft handoff,
// rewrite). The core CaseService operations live in case_service.cc.
#include <algorithm>

#include "plugin/app/case_service.h"
#include "plugin/app/case_service_util.h"
#include "plugin/app/trace.h"
#include "plugin/copilot/approval_checks.h"
#include "plugin/copilot/drafter.h"
#include "plugin/copilot/holding_statement.h"
#include "plugin/copilot/llm/deterministic_composer.h"
#include "plugin/copilot/question_register.h"
#include "plugin/copilot/redact_json.h"

namespace ec::app {
namespace {

using detail::draft_summary;
using detail::latest_of;
using detail::merged_questions;
using detail::role_of;

nlohmann::json summary_lines(const std::vector<copilot::SummaryLine>& lines) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& l : lines) out.push_back(l.text);
  return out;
}

nlohmann::json summary_json(const copilot::TicketSummary& s) {
  return {{"headline", s.headline},
          {"lines", summary_lines(s.lines)},
          {"severity_changes", summary_lines(s.severity_changes)},
          {"escalations", summary_lines(s.escalations)},
          {"promises", summary_lines(s.promises)},
          {"unanswered_questions", summary_lines(s.unanswered_questions)}};
}

nlohmann::json questions_json(const std::vector<OpenQuestion>& questions) {
  nlohmann::json out = nlohmann::json::array();
  for (const OpenQuestion& q : questions) out.push_back(copilot::question_to_json(q));
  return out;
}

nlohmann::json dropped_json(const std::vector<copilot::llm::DroppedStatement>& dropped) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& d : dropped) out.push_back({{"text", d.text}, {"reason", d.reason}});
  return out;
}

// The security decision as the drafter needs it when no fresh analysis is at hand.
SecurityDecision decision_of(const Case& c) {
  SecurityDecision d;
  d.escalate = c.state == CaseState::SecurityEscalated;
  return d;
}

Status save_vault(Transaction& t, const copilot::Redactor& redactor) {
  for (const VaultEntry& entry : redactor.entries()) EC_RETURN_IF_ERROR(t.put_vault_entry(entry));
  return ok_status();
}

}  // namespace

copilot::llm::TextGenerator& CaseService::generator() {
  return generator_ != nullptr ? *generator_ : *deterministic_;
}

Result<CaseService::Collected> CaseService::collect(const std::string& case_id) {
  auto loaded = detail::load_case_with_redactor(store_, case_id);
  if (!loaded) return std::unexpected(loaded.error());
  std::lock_guard lock(sources_mutex_);
  auto pipeline = run_pipeline(sources_, config_.correlation, config_.policy, loaded->c,
                               loaded->redactor, clock_.now());
  if (!pipeline) return std::unexpected(pipeline.error());
  return Collected{std::move(loaded->c), std::move(*pipeline), std::move(loaded->redactor)};
}

Result<copilot::TicketSummary> CaseService::summarize(const std::string& case_id,
                                                      const std::string& actor) {
  auto collected = collect(case_id);
  if (!collected) return std::unexpected(collected.error());
  if (!collected->pipeline.ticket) {
    return make_error(ErrorCode::FailedPrecondition,
                      "sources.tickets: no ticket source is configured, nothing to summarize");
  }
  auto tx = store_.begin();
  if (!tx) return std::unexpected(tx.error());
  EC_RETURN_IF_ERROR(save_vault(**tx, collected->redactor));
  const copilot::TicketSummary& summary = collected->pipeline.summary;
  EC_RETURN_IF_ERROR(record_turn(**tx, case_id, clock_.now(), actor,
                                 role_of(collected->c, actor), "summarize",
                                 "summarize ticket " + collected->c.ticket_ref,
                                 summary_json(summary)));
  EC_RETURN_IF_ERROR((*tx)->commit());
  return summary;
}

Result<copilot::Comparison> CaseService::compare(const std::string& case_id,
                                                 const std::string& actor) {
  auto collected = collect(case_id);
  if (!collected) return std::unexpected(collected.error());
  const Analysis& analysis = collected->pipeline.analysis;
  copilot::Comparison comparison =
      copilot::compare_evidence(analysis.correlation, analysis.evidence,
                                config_.correlation.clock_skew, collected->redactor);
  auto tx = store_.begin();
  if (!tx) return std::unexpected(tx.error());
  EC_RETURN_IF_ERROR(save_vault(**tx, collected->redactor));
  EC_RETURN_IF_ERROR(record_turn(**tx, case_id, clock_.now(), actor,
                                 role_of(collected->c, actor), "compare",
                                 "compare identity with access and audit evidence",
                                 copilot::comparison_to_json(comparison)));
  EC_RETURN_IF_ERROR((*tx)->commit());
  return comparison;
}

Result<std::vector<OpenQuestion>> CaseService::questions(const std::string& case_id,
                                                         const std::string& actor) {
  auto tx = store_.begin();
  if (!tx) return std::unexpected(tx.error());
  auto c = (*tx)->get_case(case_id);
  if (!c) return std::unexpected(c.error());
  auto list = (*tx)->list_questions(case_id);
  if (!list) return std::unexpected(list.error());
  EC_RETURN_IF_ERROR(record_turn(**tx, case_id, clock_.now(), actor, role_of(*c, actor),
                                 "questions", "list open questions",
                                 {{"questions", questions_json(*list)}}));
  EC_RETURN_IF_ERROR((*tx)->commit());
  return list;
}

Result<OpenQuestion> CaseService::add_question(const std::string& case_id,
                                               const std::string& text, Owner owner,
                                               bool blocking, const std::string& actor) {
  auto tx = store_.begin();
  if (!tx) return std::unexpected(tx.error());
  Transaction& t = **tx;
  auto c = t.get_case(case_id);
  if (!c) return std::unexpected(c.error());
  auto list = t.list_questions(case_id);
  if (!list) return std::unexpected(list.error());
  auto vault = t.list_vault(case_id);
  if (!vault) return std::unexpected(vault.error());
  auto redactor = copilot::Redactor::from_vault(case_id, *vault);
  if (!redactor) return std::unexpected(redactor.error());
  // The lead may type a raw value; the register (the copilot's context) keeps the placeholder.
  auto q = copilot::new_question(*list, redactor->redact(text), owner, blocking, actor);
  if (!q) return std::unexpected(q.error());
  EC_RETURN_IF_ERROR(save_vault(t, *redactor));
  EC_RETURN_IF_ERROR(t.upsert_question(case_id, *q));
  EC_RETURN_IF_ERROR(record_turn(t, case_id, clock_.now(), actor, role_of(*c, actor),
                                 "question_add", "add question " + q->id,
                                 copilot::question_to_json(*q)));
  EC_RETURN_IF_ERROR(t.commit());
  return q;
}

Result<OpenQuestion> CaseService::answer_question(const std::string& case_id,
                                                  const std::string& question_id,
                                                  const std::string& answer,
                                                  const std::vector<std::string>& evidence,
                                                  const std::string& actor) {
  auto tx = store_.begin();
  if (!tx) return std::unexpected(tx.error());
  Transaction& t = **tx;
  auto c = t.get_case(case_id);
  if (!c) return std::unexpected(c.error());
  auto list = t.list_questions(case_id);
  if (!list) return std::unexpected(list.error());
  auto q = copilot::find_question(*list, question_id);
  if (!q) return std::unexpected(q.error());
  auto known = t.list_evidence(case_id);
  if (!known) return std::unexpected(known.error());
  auto vault = t.list_vault(case_id);
  if (!vault) return std::unexpected(vault.error());
  auto redactor = copilot::Redactor::from_vault(case_id, *vault);
  if (!redactor) return std::unexpected(redactor.error());
  EC_RETURN_IF_ERROR(copilot::answer_question(**q, redactor->redact(answer), evidence, *known));
  EC_RETURN_IF_ERROR(save_vault(t, *redactor));
  EC_RETURN_IF_ERROR(t.upsert_question(case_id, **q));
  EC_RETURN_IF_ERROR(record_turn(t, case_id, clock_.now(), actor, role_of(*c, actor),
                                 "question_answer", "answer " + question_id,
                                 copilot::question_to_json(**q)));
  EC_RETURN_IF_ERROR(t.commit());
  return **q;
}

Result<OpenQuestion> CaseService::reassign_question(const std::string& case_id,
                                                    const std::string& question_id, Owner owner,
                                                    const std::string& actor) {
  auto tx = store_.begin();
  if (!tx) return std::unexpected(tx.error());
  Transaction& t = **tx;
  auto c = t.get_case(case_id);
  if (!c) return std::unexpected(c.error());
  auto list = t.list_questions(case_id);
  if (!list) return std::unexpected(list.error());
  auto q = copilot::find_question(*list, question_id);
  if (!q) return std::unexpected(q.error());
  const std::string from(owner_name((*q)->owner));
  (*q)->owner = owner;
  EC_RETURN_IF_ERROR(t.upsert_question(case_id, **q));
  EC_RETURN_IF_ERROR(record_turn(t, case_id, clock_.now(), actor, role_of(*c, actor),
                                 "question_reassign",
                                 "reassign " + question_id + " from " + from + " to " +
                                     std::string(owner_name(owner)),
                                 copilot::question_to_json(**q)));
  EC_RETURN_IF_ERROR(t.commit());
  return **q;
}

Result<DraftOutcome> CaseService::store_composed(const std::string& case_id,
                                                 const std::string& actor,
                                                 const std::string& action,
                                                 const std::string& request,
                                                 copilot::llm::CheckedComposition composed,
                                                 const copilot::Redactor& redactor,
                                                 bool as_next_of_kind) {
  auto tx = store_.begin();
  if (!tx) return std::unexpected(tx.error());
  Transaction& t = **tx;
  auto c = t.get_case(case_id);
  if (!c) return std::unexpected(c.error());
  auto findings = t.list_findings(case_id);
  if (!findings) return std::unexpected(findings.error());
  EC_RETURN_IF_ERROR(save_vault(t, redactor));
  DraftOutcome outcome;
  if (as_next_of_kind) {
    auto stored = detail::store_draft(t, case_id, composed.version);
    if (!stored) return std::unexpected(stored.error());
    outcome.version = *stored;
  } else {
    EC_RETURN_IF_ERROR(t.insert_draft_version(composed.version));
    outcome.version = composed.version;
  }
  outcome.generator = composed.generator;
  outcome.fallback_reason = composed.fallback_reason;
  outcome.dropped = composed.dropped;
  outcome.blocking_issues = copilot::blocking_issues(outcome.version, *c, *findings);
  nlohmann::json output = {{"draft", draft_summary(outcome.version)},
                           {"generator", outcome.generator},
                           {"fallback_reason", outcome.fallback_reason},
                           {"dropped", dropped_json(outcome.dropped)},
                           {"blocking_issues", outcome.blocking_issues},
                           {"generator_trace", composed.trace}};
  EC_RETURN_IF_ERROR(record_turn(t, case_id, clock_.now(), actor, role_of(*c, actor), action,
                                 request, std::move(output)));
  EC_RETURN_IF_ERROR(t.commit());
  return outcome;
}

Result<std::vector<OpenQuestion>> CaseService::register_after(const std::string& case_id,
                                                              const Analysis& analysis) {
  auto tx = store_.begin_read();
  if (!tx) return std::unexpected(tx.error());
  auto merged = merged_questions(**tx, case_id, analysis);
  if (!merged) return std::unexpected(merged.error());
  return std::move(merged->questions);
}

Result<DraftOutcome> CaseService::draft_update(const std::string& case_id,
                                               const std::string& actor) {
  auto collected = collect(case_id);
  if (!collected) return std::unexpected(collected.error());
  auto merged = register_after(case_id, collected->pipeline.analysis);
  if (!merged) return std::unexpected(merged.error());
  const std::vector<OpenQuestion>& questions = *merged;
  const Analysis& a = collected->pipeline.analysis;
  const Timestamp now = clock_.now();
  DraftVersion base = copilot::draft_customer_update(collected->c, a.findings, questions,
                                                     a.decision, collected->redactor,
                                                     copilot::DraftOptions{now});
  base.case_id = case_id;
  copilot::llm::ComposeContext ctx;
  ctx.claims = &a.findings;
  ctx.lint = copilot::lint_context_for(collected->c, a.findings, questions, a.decision);
  ctx.now = now;
  // The agent's draft is worded in the careful tone by the configured generator (checked).
  auto composed = copilot::llm::compose_checked(generator(), base, copilot::llm::Tone::Careful, ctx);
  composed.version.version = base.version;
  seal(composed.version);
  return store_composed(case_id, actor, "draft_update", "draft customer update",
                        std::move(composed), collected->redactor, true);
}

Result<DraftOutcome> CaseService::draft_holding(const std::string& case_id,
                                                const std::string& actor) {
  auto loaded = detail::load_case_with_redactor(store_, case_id);
  if (!loaded) return std::unexpected(loaded.error());
  copilot::llm::CheckedComposition composed;
  composed.version =
      copilot::draft_holding_statement(loaded->c, config_.holding_statement, actor, clock_.now());
  composed.generator = "template";
  return store_composed(case_id, actor, "draft_holding", "draft holding statement",
                        std::move(composed), loaded->redactor, true);
}

Result<DraftOutcome> CaseService::draft_handoff(const std::string& case_id,
                                                const std::string& actor) {
  auto collected = collect(case_id);
  if (!collected) return std::unexpected(collected.error());
  auto merged = register_after(case_id, collected->pipeline.analysis);
  if (!merged) return std::unexpected(merged.error());
  const std::vector<OpenQuestion>& questions = *merged;
  const Analysis& a = collected->pipeline.analysis;
  const copilot::HandoffInputs inputs{a.correlation, a.decision, a.evidence, a.findings,
                                      questions};
  copilot::llm::CheckedComposition composed;
  composed.version = copilot::draft_handoff(collected->c, inputs, collected->pipeline.summary,
                                            collected->redactor,
                                            copilot::DraftOptions{clock_.now()});
  composed.version.created_at = clock_.now();
  seal(composed.version);
  composed.generator = "deterministic";
  return store_composed(case_id, actor, "draft_handoff", "draft handoff packet",
                        std::move(composed), collected->redactor, true);
}

Result<DraftOutcome> CaseService::rewrite(const std::string& case_id,
                                          const std::string& draft_id, copilot::llm::Tone tone,
                                          const std::string& actor) {
  DraftVersion latest;
  Case c;
  std::vector<Finding> findings;
  std::vector<OpenQuestion> questions;
  std::vector<VaultEntry> vault;
  {
    auto tx = store_.begin();
    if (!tx) return std::unexpected(tx.error());
    Transaction& t = **tx;
    auto found = t.get_case(case_id);
    if (!found) return std::unexpected(found.error());
    c = *found;
    auto versions = t.list_draft_versions(case_id);
    if (!versions) return std::unexpected(versions.error());
    const DraftVersion* l = latest_of(*versions, draft_id);
    if (l == nullptr) {
      return make_error(ErrorCode::NotFound, "case " + case_id + " has no draft " + draft_id);
    }
    latest = *l;
    auto f = t.list_findings(case_id);
    if (!f) return std::unexpected(f.error());
    findings = std::move(*f);
    auto q = t.list_questions(case_id);
    if (!q) return std::unexpected(q.error());
    questions = std::move(*q);
    auto v = t.list_vault(case_id);
    if (!v) return std::unexpected(v.error());
    vault = std::move(*v);
  }
  auto redactor = copilot::Redactor::from_vault(case_id, vault);
  if (!redactor) return std::unexpected(redactor.error());
  copilot::llm::ComposeContext ctx;
  ctx.claims = &findings;
  ctx.lint = copilot::lint_context_for(c, findings, questions, decision_of(c));
  ctx.now = clock_.now();
  auto composed = copilot::llm::compose_checked(generator(), latest, tone, ctx);
  const std::string request = "rewrite " + draft_id + " v" + std::to_string(latest.version) +
                              " " + std::string(copilot::llm::tone_name(tone));
  if (const auto added = copilot::llm::added_claims(latest, composed.version); !added.empty()) {
    std::string ids;
    for (const std::string& id : added) ids += (ids.empty() ? "" : ", ") + id;
    const std::string reason = "the rewrite would add claims the previous version lacked: " + ids;
    auto tx = store_.begin();
    if (!tx) return std::unexpected(tx.error());
    EC_RETURN_IF_ERROR(record_turn(**tx, case_id, ctx.now, actor, role_of(c, actor), "refuse",
                                   request, {{"reason", reason}}));
    EC_RETURN_IF_ERROR((*tx)->commit());
    return make_error(ErrorCode::FailedPrecondition, reason);
  }
  return store_composed(case_id, actor, "rewrite", request, std::move(composed), *redactor,
                        false);
}

}  // namespace ec::app
