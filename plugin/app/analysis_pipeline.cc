#include "plugin/app/analysis_pipeline.h"

#include "plugin/copilot/drafter.h"
#include "plugin/copilot/findings_builder.h"
#include "plugin/core/correlation.h"
#include "plugin/core/evidence_retention.h"
#include "plugin/core/policy.h"

namespace ec::app {
namespace {

SourceReport failed_report(const ConfiguredSource& source, const Error& error) {
  SourceReport report;
  report.source = std::string(source.built.evidence->kind());
  report.label = source.label;
  report.complete = false;
  report.diagnostics.push_back(SourceDiagnostic{source.label, error.message});
  return report;
}

// Streams every source into one EvidenceRetention, storage sources last so that the presign
// records they are joined to are known when their reads arrive; reports stay in config order.
Status collect_all(SourceSet& sources, const Subject& subject, const CorrelationOptions& options,
                   Analysis& analysis, std::optional<StreamSummary>& summary) {
  EvidenceRetention retention(subject, options);
  std::vector<ConfiguredSource>& all = sources.sources();
  std::vector<SourceReport> reports(all.size());
  for (const bool storage : {false, true}) {
    for (std::size_t i = 0; i < all.size(); ++i) {
      ConfiguredSource& source = all[i];
      if (is_storage_source(source.built.evidence->kind()) != storage) continue;
      auto report = source.built.evidence->stream(subject, TimeWindow{}, retention);
      if (!report) {
        reports[i] = failed_report(source, report.error());
        continue;
      }
      report->label = source.label;
      reports[i] = std::move(*report);
    }
  }
  analysis.sources = std::move(reports);
  RetainedEvidence retained = retention.finish();
  analysis.evidence = std::move(retained.evidence);
  analysis.routine_records_not_listed = retained.routine_not_listed;
  summary.emplace(std::move(retained.summary));
  assign_evidence_ids(analysis.evidence);
  return ok_status();
}

// Registers the values the copilot must never see raw: the subject's identifiers and name, and
// the ticket's people and attachment names. Pattern-based detection covers the rest.
Status register_case_values(copilot::Redactor& redactor, const Subject& subject,
                            const TicketHistory* ticket) {
  using copilot::SensitiveKind;
  const auto add = [&](SensitiveKind kind, const std::string& raw) -> Status {
    if (raw.empty()) return ok_status();
    auto placeholder = redactor.register_value(kind, raw);
    if (!placeholder) return std::unexpected(placeholder.error());
    return ok_status();
  };
  EC_RETURN_IF_ERROR(add(SensitiveKind::Email, subject.email));
  EC_RETURN_IF_ERROR(add(SensitiveKind::Email, subject.login));
  const auto person = [&](const std::string& name) -> Status {
    if (name.empty()) return ok_status();
    auto placeholder = redactor.register_person(name);
    if (!placeholder) return std::unexpected(placeholder.error());
    return ok_status();
  };
  EC_RETURN_IF_ERROR(add(SensitiveKind::Account, subject.id));
  EC_RETURN_IF_ERROR(person(subject.display_name));
  if (ticket == nullptr) return ok_status();
  for (const TicketPerson& p : ticket->people) {
    EC_RETURN_IF_ERROR(add(SensitiveKind::Email, p.email));
    EC_RETURN_IF_ERROR(add(SensitiveKind::Account, p.id));
    EC_RETURN_IF_ERROR(person(p.name));
  }
  for (const TicketEntry& entry : ticket->entries) {
    for (const TicketAttachment& attachment : entry.attachments) {
      EC_RETURN_IF_ERROR(add(SensitiveKind::Attachment, attachment.file_name));
    }
  }
  return ok_status();
}

}  // namespace

Result<PipelineResult> run_pipeline(SourceSet& sources, const CorrelationOptions& options,
                                    const PolicyRuleSet& policy, const Case& c, copilot::Redactor& redactor, Timestamp now) {
  PipelineResult result;
  Analysis& analysis = result.analysis;
  auto subject = sources.identity()->resolve_subject(c.subject_query);
  if (!subject) return std::unexpected(subject.error().with_context("resolving the subject"));
  analysis.subject = *subject;

  if (sources.tickets() != nullptr) {
    auto ticket = sources.tickets()->load_ticket(c.ticket_ref);
    if (!ticket) return std::unexpected(ticket.error().with_context("loading the ticket"));
    result.ticket = std::move(*ticket);
  }
  EC_RETURN_IF_ERROR(register_case_values(redactor, analysis.subject,
                                          result.ticket ? &*result.ticket : nullptr));

  std::optional<StreamSummary> summary;
  EC_RETURN_IF_ERROR(collect_all(sources, analysis.subject, options, analysis, summary));
  analysis.correlation =
      correlate(analysis.subject, analysis.evidence, analysis.sources, *summary, options);
  analysis.decision = evaluate_security_policy(analysis.correlation, policy);
  const auto claims = result.ticket ? copilot::customer_claims(*result.ticket)
                                    : std::vector<copilot::CustomerClaim>{};
  auto built = copilot::build_findings(analysis.correlation, analysis.decision, analysis.evidence,
                                       claims);
  analysis.findings = std::move(built.findings);
  analysis.questions = std::move(built.questions);
  // Findings and questions are the copilot's context: minimized like everything else it reads.
  for (Finding& f : analysis.findings) f.statement = redactor.redact(f.statement);
  for (OpenQuestion& q : analysis.questions) q.question = redactor.redact(q.question);
  for (RuleMatch& m : analysis.decision.matches) m.reason = redactor.redact(m.reason);
  if (result.ticket) result.summary = copilot::summarize_ticket(*result.ticket, redactor);

  DraftVersion update = copilot::draft_customer_update(c, analysis.findings, analysis.questions,
                                                       analysis.decision, redactor,
                                                       copilot::DraftOptions{now});
  update.created_at = now;
  seal(update);
  analysis.customer_update = std::move(update);
  const copilot::HandoffInputs handoff_inputs{analysis.correlation, analysis.decision,
                                              analysis.evidence, analysis.findings,
                                              analysis.questions};
  DraftVersion handoff = copilot::draft_handoff(c, handoff_inputs, result.summary, redactor,
                                                copilot::DraftOptions{now});
  handoff.created_at = now;
  seal(handoff);
  analysis.handoff = std::move(handoff);
  return result;
}

}  // namespace ec::app
