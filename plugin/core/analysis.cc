#include "plugin/core/analysis.h"

namespace ec {
namespace {

using nlohmann::json;

json optional_time(const std::optional<Timestamp>& t) {
  return t ? json(format_rfc3339(*t)) : json(nullptr);
}

json subject_to_json(const Subject& subject) {
  return {{"id", subject.id},
          {"login", subject.login},
          {"status", subject.status},
          {"deprovisioned_at", optional_time(subject.deprovisioned_at)}};
}

json evidence_list(const std::vector<Evidence>& evidence) {
  json out = json::array();
  for (const Evidence& e : evidence) {
    out.push_back({{"id", e.id},
                   {"source", e.source},
                   {"time", format_rfc3339(e.time)},
                   {"summary", e.summary},
                   {"kind", e.kind}});
  }
  return out;
}

json access_to_json(const AttributedAccess& access) {
  return {{"evidence", access.evidence_id},
          {"time", format_rfc3339(access.time)},
          {"object", access.object},
          {"action", access.action},
          {"via", via_name(access.via)},
          {"confidence", confidence_name(access.confidence)},
          {"chain", access.chain},
          {"reasoning", access.reasoning}};
}

// Attempts and unattributable accesses also say whether they sit at the deprovisioning boundary.
json access_list(const std::vector<AttributedAccess>& accesses, bool with_boundary) {
  json out = json::array();
  for (const AttributedAccess& access : accesses) {
    json item = access_to_json(access);
    if (with_boundary) item["near_boundary"] = access.near_boundary;
    out.push_back(std::move(item));
  }
  return out;
}

json findings_to_json(const std::vector<Finding>& findings) {
  json out = json::array();
  for (const Finding& f : findings) {
    out.push_back({{"id", f.id},
                   {"statement", f.statement},
                   {"status", finding_status_name(f.status)},
                   {"evidence", f.evidence},
                   {"owner", owner_name(f.owner)}});
  }
  return out;
}

json questions_to_json(const std::vector<OpenQuestion>& questions) {
  json out = json::array();
  for (const OpenQuestion& q : questions) {
    out.push_back({{"id", q.id},
                   {"question", q.question},
                   {"owner", owner_name(q.owner)},
                   {"state", question_state_name(q.state)},
                   {"blocking", q.blocking}});
  }
  return out;
}

json decision_to_json(const SecurityDecision& decision) {
  json rules = json::array();
  for (const RuleMatch& match : decision.matches) {
    rules.push_back({{"id", match.rule_id},
                     {"severity", severity_name(match.severity)},
                     {"evidence", match.evidence}});
  }
  return {{"escalate_security", decision.escalate},
          {"reasons", decision.reasons()},
          {"rules", std::move(rules)},
          {"rule_set_version", decision.rule_set_version}};
}

// Drafts in an analysis are never approved: approval happens later, bound to content_hash.
json draft_to_json(const std::optional<DraftVersion>& draft) {
  if (!draft) return nullptr;
  return {{"state", "unapproved"},
          {"version", draft->version},
          {"content_hash", draft->content_hash},
          {"text", render_draft_text(*draft)}};
}

json sources_to_json(const std::vector<SourceReport>& reports) {
  json out = json::array();
  for (const SourceReport& report : reports) {
    json diagnostics = json::array();
    for (const SourceDiagnostic& d : report.diagnostics) {
      diagnostics.push_back({{"location", d.location}, {"message", d.message}});
    }
    out.push_back({{"source", report.source},
                   {"label", report.label},
                   {"records_read", report.records_read},
                   {"records_skipped", report.records_skipped},
                   {"complete", report.complete},
                   {"coverage",
                    {{"begin", optional_time(report.coverage_begin)},
                     {"end", optional_time(report.coverage_end)}}},
                   {"diagnostics", std::move(diagnostics)}});
  }
  return out;
}

}  // namespace

json analysis_to_json(const Analysis& analysis) {
  const Correlation& c = analysis.correlation;
  json out = {
      {"subject", subject_to_json(analysis.subject)},
      {"evidence", evidence_list(analysis.evidence)},
      {"post_deprovision_access", access_list(c.post_deprovision_access, false)},
      {"attempts", access_list(c.attempts, true)},
      {"cannot_rule_out", access_list(c.cannot_rule_out, true)},
      {"credential_use_after", c.credential_use_after},
      {"boundary_events", c.boundary_events},
      {"gaps", c.gaps},
      {"findings", findings_to_json(analysis.findings)},
      {"open_questions", questions_to_json(analysis.questions)},
      {"decision", decision_to_json(analysis.decision)},
      {"drafts",
       {{"customer_update", draft_to_json(analysis.customer_update)},
        {"handoff", draft_to_json(analysis.handoff)}}},
      {"sources", sources_to_json(analysis.sources)},
  };
  if (analysis.routine_records_not_listed > 0) {
    out["routine_records_not_listed"] = analysis.routine_records_not_listed;
  }
  return out;
}

}  // namespace ec
