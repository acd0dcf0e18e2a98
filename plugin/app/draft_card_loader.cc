#include "plugin/app/draft_card_loader.h"

#include "plugin/copilot/approval_checks.h"
#include "plugin/copilot/tone_linter.h"

namespace ec::app {
namespace {

std::vector<CardLintNote> lint_notes(const DraftVersion& v, const Case& c) {
  std::vector<CardLintNote> notes;
  if (v.kind == DraftKind::Handoff) return notes;  // internal: not linted
  const std::string text = render_draft_text(v);
  for (const copilot::LintFinding& f : copilot::lint(text, copilot::lint_context_for(c))) {
    notes.push_back({f.rule_id, sentence_at(text, f.begin), f.reason,
                     f.severity == copilot::LintSeverity::Error});
  }
  return notes;
}

std::string delivered_to(const std::vector<OutboxMessage>& outbox, const DraftVersion& v) {
  for (const OutboxMessage& m : outbox) {
    if (m.state == OutboxState::Delivered && m.payload.value("draft_id", "") == v.draft_id &&
        m.payload.value("version", 0) == v.version &&
        m.payload.value("content_hash", "") == v.content_hash) {
      return m.channel + " " + m.recipient + " (" + m.delivery_ref + ")";
    }
  }
  return {};
}

}  // namespace

std::string recipient_for(const Case& c, const std::string& customer_channel) {
  return "the customer " + (c.customer.empty() ? std::string() : c.customer + " ") +
         "on ticket " + c.ticket_ref + " (via " + customer_channel + ")";
}

Result<DraftVersion> latest_draft_version(Store& store, const std::string& case_id,
                                          const std::string& draft_id) {
  auto tx = store.begin();
  if (!tx) return std::unexpected(tx.error());
  auto versions = (*tx)->list_draft_versions(case_id);
  if (!versions) return std::unexpected(versions.error());
  const DraftVersion* latest = nullptr;
  for (const DraftVersion& v : *versions) {
    if (v.draft_id == draft_id && (latest == nullptr || v.version > latest->version)) latest = &v;
  }
  if (latest == nullptr) {
    return make_error(ErrorCode::NotFound, "case " + case_id + " has no draft " + draft_id);
  }
  return *latest;
}

Result<DraftCard> load_draft_card(Store& store, const std::string& case_id,
                                  const std::string& draft_id, std::optional<int> version,
                                  const std::string& recipient) {
  if (!version) {
    auto latest = latest_draft_version(store, case_id, draft_id);
    if (!latest) return std::unexpected(latest.error());
    version = latest->version;
  }
  auto tx = store.begin();
  if (!tx) return std::unexpected(tx.error());
  auto c = (*tx)->get_case(case_id);
  if (!c) return std::unexpected(c.error());
  auto v = (*tx)->get_draft_version(case_id, draft_id, *version);
  if (!v) return std::unexpected(v.error());
  auto approvals = (*tx)->list_approvals(case_id);
  if (!approvals) return std::unexpected(approvals.error());
  auto outbox = (*tx)->list_outbox(case_id);
  if (!outbox) return std::unexpected(outbox.error());
  auto findings = (*tx)->list_findings(case_id);
  if (!findings) return std::unexpected(findings.error());
  auto change_requests = (*tx)->list_change_requests(case_id);
  if (!change_requests) return std::unexpected(change_requests.error());
  DraftCardInput input;
  input.change_requests = &*change_requests;
  input.c = &*c;
  input.version = &*v;
  input.approvals = &*approvals;
  input.lint = lint_notes(*v, *c);
  // The same check approve() applies, so the card says why Approve would be refused.
  input.blocking_issues = copilot::blocking_issues(*v, *c, *findings);
  input.recipient = recipient;
  input.delivered_to = delivered_to(*outbox, *v);
  return build_draft_card(input);
}

}  // namespace ec::app
