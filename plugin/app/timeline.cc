#include "plugin/app/timeline.h"

#include <sstream>

#include "plugin/core/measures.h"
#include "plugin/platforms/common/html.h"

namespace ec::app {
namespace {

using platforms::html_escape;

nlohmann::json version_json(const DraftVersion& v, const std::vector<Approval>& approvals) {
  nlohmann::json statements = nlohmann::json::array();
  for (const Statement& s : v.statements) {
    statements.push_back({{"section", section_name(s.section)},
                          {"text", s.text},
                          {"author", authorship_name(s.author)},
                          {"evidence", s.evidence},
                          {"claims", s.findings}});
  }
  nlohmann::json approved = nlohmann::json::array();
  for (const Approval& a : approvals) {
    if (a.draft_id == v.draft_id && a.version == v.version) {
      approved.push_back({{"approver", a.approver},
                          {"approved_at", format_rfc3339(a.approved_at)},
                          {"content_hash", a.content_hash},
                          {"matches_content", a.content_hash == v.content_hash}});
    }
  }
  return {{"draft_id", v.draft_id},     {"kind", draft_kind_name(v.kind)},
          {"version", v.version},       {"created_by", v.created_by},
          {"created_at", format_rfc3339(v.created_at)},
          {"content_hash", v.content_hash},
          {"text", render_draft_text(v)}, {"statements", statements},
          {"approvals", approved}};
}

std::string str(const nlohmann::json& j, const char* key) {
  const auto it = j.find(key);
  if (it == j.end()) return {};
  return it->is_string() ? it->get<std::string>() : it->dump();
}

std::string yes_no(const nlohmann::json& j, const char* key) {
  return j.value(key, false) ? "yes" : "no";
}

}  // namespace

std::string render_measures_markdown(const nlohmann::json& m) {
  std::ostringstream out;
  out << "\n## Measures\n\n- Time from intake to the first approved customer update: ";
  const auto first = m.find("seconds_to_first_approved_update");
  if (first != m.end() && first->is_number()) {
    out << first->get<long>() << " s\n";
  } else {
    out << "no customer update approved yet\n";
  }
  for (const auto& e : m.value("approved_edits", nlohmann::json::array())) {
    out << "- Approved " << str(e, "draft_id") << " v" << e.value("version", 0)
        << ": edit distance " << e.value("edit_distance_words", 0) << " words from the agent's v"
        << e.value("agent_version", 0) << " (" << e.value("agent_words", 0)
        << " words); touched certainty: " << yes_no(e, "touched_certainty")
        << "; touched ownership: " << yes_no(e, "touched_ownership") << "\n";
  }
  const auto h = m.find("handoff_completeness");
  if (h != m.end() && h->is_object()) {
    out << "- Handoff completeness (" << str(*h, "draft_id") << " v" << h->value("version", 0)
        << "): facts with evidence " << h->value("facts_with_evidence", 0) << "/"
        << h->value("facts", 0) << ", questions with owners "
        << h->value("questions_with_owner", 0) << "/" << h->value("questions", 0)
        << ", requested actions present: " << yes_no(*h, "actions_present") << ", score "
        << h->value("score", 0.0) << "\n";
  } else {
    out << "- Handoff completeness: no handoff drafted\n";
  }
  out << "- Every claim sent was approved first: " << yes_no(m, "all_sent_claims_approved_first")
      << " (" << m.value("sent", nlohmann::json::array()).size() << " message(s) sent)\n";
  return out.str();
}

Result<nlohmann::json> load_timeline(Transaction& tx, const std::string& case_id,
                                     const Result<AuditVerification>& audit) {
  auto c = tx.get_case(case_id);
  if (!c) return std::unexpected(c.error());
  auto turns = tx.list_turns(case_id);
  if (!turns) return std::unexpected(turns.error());
  auto versions = tx.list_draft_versions(case_id);
  if (!versions) return std::unexpected(versions.error());
  auto approvals = tx.list_approvals(case_id);
  if (!approvals) return std::unexpected(approvals.error());
  auto outbox = tx.list_outbox(case_id);
  if (!outbox) return std::unexpected(outbox.error());
  auto analysis = tx.get_analysis(case_id);
  if (!analysis) return std::unexpected(analysis.error());

  nlohmann::json timeline;
  timeline["case"] = {{"id", c->id},
                      {"ticket", c->ticket_ref},
                      {"customer", c->customer},
                      {"lead", c->lead},
                      {"state", case_state_name(c->state)},
                      {"severity", severity_name(c->severity)},
                      {"security_acknowledged_by", c->security_acknowledged_by},
                      {"created_at", format_rfc3339(c->created_at)}};
  timeline["turns"] = nlohmann::json::array();
  for (const Turn& t : *turns) {
    timeline["turns"].push_back({{"seq", t.seq},
                                 {"time", format_rfc3339(t.time)},
                                 {"actor", t.actor},
                                 {"role", actor_role_name(t.role)},
                                 {"action", t.action},
                                 {"request", t.request},
                                 {"output", t.output}});
  }
  timeline["drafts"] = nlohmann::json::array();
  for (const DraftVersion& v : *versions) timeline["drafts"].push_back(version_json(v, *approvals));
  timeline["deliveries"] = nlohmann::json::array();
  for (const OutboxMessage& m : *outbox) {
    timeline["deliveries"].push_back(
        {{"id", m.id},
         {"channel", m.channel},
         {"recipient", m.recipient},
         {"state", outbox_state_name(m.state)},
         {"attempts", m.attempts},
         {"delivery_ref", m.delivery_ref},
         {"last_error", m.last_error},
         {"draft_id", m.payload.value("draft_id", "")},
         {"version", m.payload.value("version", 0)},
         {"delivered_at", m.delivered_at ? format_rfc3339(*m.delivered_at) : ""}});
  }
  timeline["measures"] = measures_to_json(compute_measures(*c, *versions, *approvals, *outbox));
  if (analysis->has_value()) timeline["decision"] = (**analysis).value("decision", nlohmann::json{});
  if (audit) {
    timeline["audit"] = {{"intact", true}, {"records", audit->records}, {"head_hash", audit->head_hash}};
  } else {
    timeline["audit"] = {{"intact", false}, {"error", audit.error().message}};
  }
  return timeline;
}

std::string render_timeline_markdown(const nlohmann::json& t) {
  std::ostringstream out;
  const auto& c = t["case"];
  out << "# Escalation timeline: " << str(c, "id") << " (ticket " << str(c, "ticket") << ")\n\n";
  out << "- Customer: " << str(c, "customer") << "\n- Lead: " << str(c, "lead")
      << "\n- State: " << str(c, "state") << "\n- Severity: " << str(c, "severity") << "\n";
  const auto& audit = t["audit"];
  out << "- Audit chain: "
      << (audit.value("intact", false)
              ? "intact (" + std::to_string(audit.value("records", 0)) + " records, head " +
                    str(audit, "head_hash") + ")"
              : "BROKEN: " + str(audit, "error"))
      << "\n\n## Turns\n\n| # | time | who | role | action | request |\n|---|---|---|---|---|---|\n";
  for (const auto& turn : t["turns"]) {
    out << "| " << turn["seq"].get<long>() << " | " << str(turn, "time") << " | "
        << str(turn, "actor") << " | " << str(turn, "role") << " | " << str(turn, "action")
        << " | " << str(turn, "request") << " |\n";
  }
  if (t.contains("decision") && t["decision"].is_object()) {
    out << "\n## Security decision\n\n- Escalate: "
        << (t["decision"].value("escalate_security", false) ? "yes" : "no") << "\n";
    for (const auto& reason : t["decision"].value("reasons", nlohmann::json::array())) {
      out << "- " << reason.get<std::string>() << "\n";
    }
  }
  out << render_measures_markdown(t.value("measures", nlohmann::json::object()));
  out << "\n## Drafts\n";
  for (const auto& d : t["drafts"]) {
    out << "\n### " << str(d, "draft_id") << " v" << d["version"].get<int>() << " ("
        << str(d, "kind") << ", by " << str(d, "created_by") << ", sha256 "
        << str(d, "content_hash") << ")\n\n";
    for (const auto& s : d["statements"]) {
      out << "- [" << str(s, "author") << "] " << str(s, "text") << "\n";
    }
    for (const auto& a : d["approvals"]) {
      out << "\nApproved by " << str(a, "approver") << " at " << str(a, "approved_at")
          << " (sha256 " << str(a, "content_hash") << ")\n";
    }
    if (d["approvals"].empty()) out << "\nUNAPPROVED\n";
  }
  out << "\n## Deliveries\n\n";
  for (const auto& m : t["deliveries"]) {
    out << "- " << str(m, "draft_id") << " v" << m["version"].get<int>() << " via "
        << str(m, "channel") << " to " << str(m, "recipient") << ": " << str(m, "state")
        << " " << str(m, "delivered_at") << " " << str(m, "delivery_ref") << "\n";
  }
  return out.str();
}

std::string render_timeline_html(const nlohmann::json& t) {
  std::ostringstream out;
  const auto& c = t["case"];
  out << "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
         "<title>Escalation timeline " << html_escape(str(c, "id")) << "</title><style>"
         "body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;color:#111}"
         "table{border-collapse:collapse;width:100%}td,th{border:1px solid #ccc;padding:.3rem;"
         "text-align:left;vertical-align:top}.agent{background:#eef4ff}.human,.human_edited"
         "{background:#fff4e0}.tag{font-size:.75rem;font-weight:bold;padding:0 .3rem}"
         ".unapproved{color:#b00020;font-weight:bold}.approved{color:#006400;font-weight:bold}"
         "@media print{body{margin:0}}</style></head><body>\n";
  out << "<h1>Escalation timeline: " << html_escape(str(c, "id")) << "</h1>\n<p>Ticket "
      << html_escape(str(c, "ticket")) << " &middot; customer " << html_escape(str(c, "customer"))
      << " &middot; lead " << html_escape(str(c, "lead")) << " &middot; state "
      << html_escape(str(c, "state")) << "</p>\n";
  const auto& audit = t["audit"];
  out << "<p id=\"audit\">Audit chain: "
      << (audit.value("intact", false)
              ? "intact, " + std::to_string(audit.value("records", 0)) + " records, head " +
                    html_escape(str(audit, "head_hash"))
              : "<strong>BROKEN</strong>: " + html_escape(str(audit, "error")))
      << "</p>\n<h2>Turns</h2>\n<table><tr><th>#</th><th>time</th><th>who</th><th>role</th>"
         "<th>action</th><th>request</th></tr>\n";
  for (const auto& turn : t["turns"]) {
    out << "<tr class=\"turn\"><td>" << turn["seq"].get<long>() << "</td><td>"
        << html_escape(str(turn, "time")) << "</td><td>" << html_escape(str(turn, "actor"))
        << "</td><td>" << html_escape(str(turn, "role")) << "</td><td>"
        << html_escape(str(turn, "action")) << "</td><td>" << html_escape(str(turn, "request"))
        << "</td></tr>\n";
  }
  out << "</table>\n<h2>Measures</h2>\n<pre id=\"measures\">"
      << html_escape(render_measures_markdown(t.value("measures", nlohmann::json::object())))
      << "</pre>\n<h2>Drafts</h2>\n";
  for (const auto& d : t["drafts"]) {
    out << "<section class=\"draft\"><h3>" << html_escape(str(d, "draft_id")) << " v"
        << d["version"].get<int>() << " (" << html_escape(str(d, "kind")) << ", by "
        << html_escape(str(d, "created_by")) << ")</h3><p>sha256 <code>"
        << html_escape(str(d, "content_hash")) << "</code></p><ul>\n";
    for (const auto& s : d["statements"]) {
      const std::string author = str(s, "author");
      out << "<li class=\"" << html_escape(author) << "\"><span class=\"tag\">"
          << html_escape(author == "agent" ? "AGENT" : "HUMAN") << "</span> "
          << html_escape(str(s, "text")) << "</li>\n";
    }
    out << "</ul>";
    if (d["approvals"].empty()) out << "<p class=\"unapproved\">UNAPPROVED</p>";
    for (const auto& a : d["approvals"]) {
      out << "<p class=\"approved\">Approved by " << html_escape(str(a, "approver")) << " at "
          << html_escape(str(a, "approved_at")) << " (sha256 <code>"
          << html_escape(str(a, "content_hash")) << "</code>)</p>";
    }
    out << "</section>\n";
  }
  out << "<h2>Deliveries</h2>\n<ul>\n";
  for (const auto& m : t["deliveries"]) {
    out << "<li>" << html_escape(str(m, "draft_id")) << " v" << m["version"].get<int>() << " via "
        << html_escape(str(m, "channel")) << " to " << html_escape(str(m, "recipient")) << ": "
        << html_escape(str(m, "state")) << " " << html_escape(str(m, "delivered_at")) << "</li>\n";
  }
  out << "</ul>\n</body></html>\n";
  return out.str();
}

}  // namespace ec::app
