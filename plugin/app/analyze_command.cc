// `analyze`: one case from the configured sources, printed as the analysis JSON (or Markdown).
#include <iostream>

#include "plugin/app/analysis_pipeline.h"
#include "plugin/app/commands.h"
#include "plugin/copilot/redact_json.h"

namespace ec::app {
namespace {

void print_markdown(const nlohmann::json& a, std::ostream& out) {
  out << "# Analysis\n\nSubject " << a["subject"].value("id", "") << " ("
      << a["subject"].value("status", "") << ", deprovisioned "
      << a["subject"].value("deprovisioned_at", "unknown") << ")\n\n## Post-deprovisioning access\n\n";
  for (const auto& p : a["post_deprovision_access"]) {
    out << "- " << p.value("evidence", "") << " " << p.value("time", "") << " "
        << p.value("action", "") << " " << p.value("object", "") << " via " << p.value("via", "")
        << "\n";
  }
  out << "\n## Findings\n\n";
  for (const auto& f : a["findings"]) {
    out << "- " << f.value("id", "") << " [" << f.value("status", "") << "] "
        << f.value("statement", "") << "\n";
  }
  out << "\n## Open questions\n\n";
  for (const auto& q : a["open_questions"]) {
    out << "- " << q.value("id", "") << " (" << q.value("owner", "") << ") "
        << q.value("question", "") << "\n";
  }
  out << "\n## Decision\n\nEscalate to security: "
      << (a["decision"].value("escalate_security", false) ? "yes" : "no") << "\n";
  for (const auto& r : a["decision"].value("reasons", nlohmann::json::array())) {
    out << "- " << r.get<std::string>() << "\n";
  }
  out << "\n## Customer update (UNAPPROVED)\n\n"
      << a["drafts"]["customer_update"].value("text", "") << "\n## Handoff (UNAPPROVED)\n\n"
      << a["drafts"]["handoff"].value("text", "");
}

}  // namespace

int run_analyze(const AnalyzeOptions& options, std::ostream& out, std::ostream& err) {
  auto config = load_config(options.config);
  if (!config) {
    err << "analyze: " << config.error().message << "\n";
    return 2;
  }
  if (!config->case_config) {
    err << "analyze: " << options.config.string()
        << ": case: missing (expected {\"ticket\", \"subject\", \"lead\"})\n";
    return 2;
  }
  SystemClock clock;
  auto sources = SourceSet::build(*config, clock);
  if (!sources) {
    err << "analyze: " << sources.error().message << "\n";
    return 2;
  }
  Case c;
  c.id = case_id_for_ticket(config->case_config->ticket);
  c.ticket_ref = config->case_config->ticket;
  c.subject_query = config->case_config->subject;
  c.lead = config->case_config->lead;
  c.customer = config->case_config->customer;
  c.state = CaseState::Investigating;
  copilot::Redactor redactor(c.id);
  auto result = run_pipeline(**sources, config->correlation, config->policy, c, redactor, clock.now());
  if (!result) {
    err << "analyze: " << options.config.string() << ": " << result.error().message << "\n";
    return result.error().code == ErrorCode::Internal ? 3 : 2;
  }
  for (const SourceReport& report : result->analysis.sources) {
    for (const SourceDiagnostic& d : report.diagnostics) {
      err << "analyze: warning: " << d.location << ": " << d.message << "\n";
    }
    if (report.records_skipped > 0) {
      err << "analyze: warning: " << report.label << ": " << report.records_skipped
          << " malformed record(s) skipped\n";
    }
  }
  nlohmann::json json = analysis_to_json(result->analysis);
  if (!options.raw) json = copilot::redact_json(json, redactor);
  if (options.format == "md") {
    print_markdown(json, out);
  } else {
    out << json.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
  }
  return 0;
}

}  // namespace ec::app
