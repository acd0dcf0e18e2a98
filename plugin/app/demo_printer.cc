#include "plugin/app/demo_printer.h"

#include <map>

namespace ec::app {

void DemoPrinter::banner(const Config& config) {
  out_ << "escalation-copilot demo: the copilot loop on "
       << (config.file.empty() ? std::string("the bundled scenario") : config.file.string())
       << "\nEverything runs offline; drafts stay UNAPPROVED until the assigned lead approves.\n";
}

void DemoPrinter::turn(const std::string& action, const std::string& request) {
  out_ << "\n=== Turn " << ++turn_ << ": " << action << " ===\n> " << request << "\n";
}

void DemoPrinter::opened(const Case& c) {
  out_ << "Case " << c.id << " opened for ticket " << c.ticket_ref << " (" << c.customer
       << "), assigned lead " << c.lead << ", state " << case_state_name(c.state) << ".\n";
}

void DemoPrinter::summary(const copilot::TicketSummary& summary) {
  out_ << "Ticket history:\n";
  for (const auto& line : summary.lines) out_ << "  " << line.text << "\n";
}

void DemoPrinter::evidence(const Analysis& analysis) {
  std::map<std::string, int> per_source;
  for (const Evidence& e : analysis.evidence) ++per_source[e.source];
  out_ << "Evidence: " << analysis.evidence.size() << " records";
  for (const auto& [source, count] : per_source) out_ << ", " << source << " " << count;
  out_ << "\n";
  for (const SourceReport& report : analysis.sources) {
    if (report.records_skipped > 0 || !report.complete) {
      out_ << "  " << report.label << ": " << report.records_skipped << " record(s) skipped"
           << (report.complete ? "" : ", INCOMPLETE") << "\n";
    }
  }
  out_ << "Subject " << analysis.subject.id << " is " << analysis.subject.status;
  if (analysis.subject.deprovisioned_at) {
    out_ << " since " << format_rfc3339(*analysis.subject.deprovisioned_at);
  }
  out_ << ".\nAfter deprovisioning:\n";
  for (const AttributedAccess& a : analysis.correlation.post_deprovision_access) {
    out_ << "  ACCESS  " << a.evidence_id << " " << format_rfc3339(a.time) << " " << a.action
         << " via " << via_name(a.via) << " (" << confidence_name(a.confidence)
         << " confidence)\n";
  }
  for (const AttributedAccess& a : analysis.correlation.attempts) {
    out_ << "  ATTEMPT " << a.evidence_id << " " << format_rfc3339(a.time) << " " << a.action
         << " (failed)\n";
  }
  for (const AttributedAccess& a : analysis.correlation.cannot_rule_out) {
    out_ << "  CANNOT RULE OUT " << a.evidence_id << " " << format_rfc3339(a.time) << "\n";
  }
  for (const std::string& gap : analysis.correlation.gaps) out_ << "  GAP " << gap << "\n";
}

void DemoPrinter::findings(const Analysis& analysis) {
  out_ << "Findings:\n";
  for (const Finding& f : analysis.findings) {
    out_ << "  " << f.id << " [" << finding_status_name(f.status) << ", "
         << owner_name(f.owner) << "] " << f.statement << "\n";
  }
  out_ << "Open questions:\n";
  for (const OpenQuestion& q : analysis.questions) {
    out_ << "  " << q.id << " [" << owner_name(q.owner) << (q.blocking ? ", blocking" : "")
         << "] " << q.question << "\n";
  }
}

void DemoPrinter::decision(const SecurityDecision& decision, const Case& c) {
  out_ << "Security decision (" << decision.rule_set_version << "): "
       << (decision.escalate ? "ESCALATE to the formal security process" : "no escalation")
       << "\n";
  for (const RuleMatch& m : decision.matches) {
    out_ << "  rule " << m.rule_id << " (" << severity_name(m.severity) << "): " << m.reason
         << "\n";
  }
  out_ << "Case state: " << case_state_name(c.state) << "\n";
}

void DemoPrinter::card(const DraftVersion& draft) {
  out_ << "+-- UNAPPROVED " << draft_kind_name(draft.kind) << " " << draft.draft_id << " v"
       << draft.version << " (sha256 " << draft.content_hash.substr(0, 16) << "...)\n";
  for (const Statement& s : draft.statements) {
    out_ << "| [" << (s.author == Authorship::Agent ? "agent" : "human") << "] ";
    out_ << "(" << section_name(s.section) << ") " << s.text << "\n";
  }
  out_ << "+-- [Approve & send] [Request changes] [Edit] [Reveal a value]\n";
}

void DemoPrinter::refusal(const std::string& who, const Error& error) {
  out_ << "REFUSED for " << who << " (" << error_code_name(error.code) << "): " << error.message
       << "\n";
}

void DemoPrinter::approval(const Approval& approval) {
  out_ << "APPROVED " << approval.draft_id << " v" << approval.version << " by "
       << approval.approver << " at " << format_rfc3339(approval.approved_at) << ", sha256 "
       << approval.content_hash << "\n";
}

void DemoPrinter::acknowledged(const Case& c) {
  out_ << "Security escalation acknowledged by " << c.security_acknowledged_by
       << "; customer updates may now be approved.\n";
}

void DemoPrinter::revealed(const std::string& placeholder) {
  out_ << "Revealed " << placeholder
       << " for outbound messages; the audit trail records who, when and why (not the value).\n";
}

void DemoPrinter::delivery(const OutboxMessage& message, int delivered) {
  out_ << "Outbox message " << message.id << " (" << message.channel << " -> "
       << message.recipient << "): " << delivered << " delivered this round, key "
       << message.idempotency_key.substr(0, 16) << "...\n";
}

void DemoPrinter::closing(const std::filesystem::path& db, const std::filesystem::path& outbox,
                          const Result<AuditVerification>& verification) {
  if (verification) {
    out_ << "Audit chain intact: " << verification->records << " records, head "
         << verification->head_hash << "\n";
  } else {
    out_ << "Audit chain BROKEN: " << verification.error().message << "\n";
  }
  out_ << "Database: " << db.string() << " (try: escalation-copilot audit verify --db "
       << db.string() << ")\nDelivered messages: " << outbox.string() << "\n";
}

}  // namespace ec::app
