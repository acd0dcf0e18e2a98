#include "plugin/app/timeline.h"

#include <sstream>

#include "plugin/core/measures.h"
#include "plugin/core/word_diff.h"
#include "plugin/platforms/common/html.h"

namespace ec::app {
namespace {

using platforms::html_escape;

// The newest version of the same draft before `v`, or null.
const DraftVersion* previous_of(const DraftVersion& v, const std::vector<DraftVersion>& all) {
  const DraftVersion* previous = nullptr;
  for (const DraftVersion& o : all) {
    if (o.draft_id == v.draft_id && o.version < v.version &&
        (previous == nullptr || o.version > previous->version)) {
      previous = &o;
    }
  }
  return previous;
}

nlohmann::json version_json(const DraftVersion& v, const std::vector<DraftVersion>& all,
                            const std::vector<Approval>& approvals) {
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
  nlohmann::json out = {{"draft_id", v.draft_id},     {"kind", draft_kind_name(v.kind)},
                        {"version", v.version},       {"created_by", v.created_by},
                        {"created_at", format_rfc3339(v.created_at)},
                        {"content_hash", v.content_hash},
                        {"text", render_draft_text(v)}, {"statements", statements},
                        {"approvals", approved}};
  if (const DraftVersion* previous = previous_of(v, all); previous != nullptr) {
    out["diff"] = word_diff_to_json(word_diff(render_draft_text(*previous), render_draft_text(v)));
    out["diff"]["from_version"] = previous->version;
  }
  return out;
}

// What an outbox message carries: a draft version, the security announcement or an incident
// notice (PagerDuty/Jira trigger or resolve).
std::string delivery_kind(const OutboxMessage& m) {
  if (m.payload.contains("draft_id")) return "draft";
  if (m.payload.contains("kind") && m.payload["kind"].is_string()) {
    return m.payload["kind"].get<std::string>();
  }
  if (m.payload.contains("action") && m.payload["action"].is_string()) {
    return "incident_" + m.payload["action"].get<std::string>();
  }
  return "message";
}

// The security decisions of the trace: each escalation (rules, rule-file version, where it was
// announced), acknowledgement and closing, in order.
bool is_security_action(const std::string& action) {
  return action == "escalate" || action == "acknowledge" || action == "close_security";
}

// "[-old-]{+new+}" (git's word-diff notation) for Markdown.
std::string diff_markdown(const nlohmann::json& diff) {
  std::string out;
  for (const auto& span : diff.value("spans", nlohmann::json::array())) {
    const std::string op = span.value("op", "");
    const std::string text = span.value("text", "");
    if (op == "equal") {
      out += text;
      continue;
    }
    // Keep the trailing whitespace outside the marks so the line structure stays readable.
    const std::size_t end = text.find_last_not_of(" \t\r\n");
    const std::string words = end == std::string::npos ? "" : text.substr(0, end + 1);
    const std::string space = end == std::string::npos ? text : text.substr(end + 1);
    out += (op == "insert" ? "{+" : "[-") + words + (op == "insert" ? "+}" : "-]") + space;
  }
  return out;
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
  for (const DraftVersion& v : *versions) {
    timeline["drafts"].push_back(version_json(v, *versions, *approvals));
  }
  timeline["security"] = nlohmann::json::array();
  timeline["refusals"] = nlohmann::json::array();
  for (const Turn& t : *turns) {
    if (is_security_action(t.action)) {
      nlohmann::json event = {{"seq", t.seq},        {"time", format_rfc3339(t.time)},
                              {"actor", t.actor},    {"role", actor_role_name(t.role)},
                              {"action", t.action},  {"request", t.request}};
      if (t.action == "escalate") {
        event["rule_set_version"] = t.output.value("rule_set_version", "");
        event["rules"] = t.output.value("rules", nlohmann::json::array());
        event["reasons"] = t.output.value("reasons", nlohmann::json::array());
        event["incident_queue"] = t.output.value("incident_queue", nlohmann::json::array());
        // Where it was announced; traces recorded before there were several announcing
        // platforms hold one "announcement" object.
        event["announcements"] = t.output.value("announcements", nlohmann::json::array());
        if (t.output.contains("announcement")) event["announcements"].push_back(t.output["announcement"]);
      }
      if (t.action == "close_security") event["reason"] = t.output.value("reason", "");
      timeline["security"].push_back(std::move(event));
    }
    if (t.action == "refuse") {
      timeline["refusals"].push_back({{"seq", t.seq},
                                      {"time", format_rfc3339(t.time)},
                                      {"actor", t.actor},
                                      {"request", t.request},
                                      {"reason", t.output.value("reason", "")}});
    }
  }
  timeline["deliveries"] = nlohmann::json::array();
  for (const OutboxMessage& m : *outbox) {
    timeline["deliveries"].push_back(
        {{"id", m.id},
         {"kind", delivery_kind(m)},
         {"draft_kind", m.payload.contains("draft_id") ? m.payload.value("kind", "") : ""},
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

namespace {

// One line per rule: "`id` (severity): description — reason [E1, E2]".
std::string rule_line(const nlohmann::json& r) {
  std::string evidence;
  for (const auto& e : r.value("evidence", nlohmann::json::array())) {
    evidence += (evidence.empty() ? "" : ", ") + e.get<std::string>();
  }
  std::string line = str(r, "id") + " (" + str(r, "severity") + ")";
  if (!str(r, "description").empty()) line += ": " + str(r, "description");
  if (!str(r, "reason").empty()) line += " - " + str(r, "reason");
  if (!evidence.empty()) line += " [" + evidence + "]";
  return line;
}

std::string security_event_title(const nlohmann::json& e) {
  const std::string action = str(e, "action");
  if (action == "escalate") return "Escalated to security (rule file " + str(e, "rule_set_version") + ")";
  if (action == "acknowledge") return "Acknowledged by security owner " + str(e, "actor");
  return "Closed by security owner " + str(e, "actor") + ": " + str(e, "reason");
}

std::string draft_heading(const nlohmann::json& d) {
  const std::string kind = str(d, "kind");
  const std::string label = kind == "holding_statement" ? "HOLDING STATEMENT "
                            : kind == "handoff"         ? "Handoff "
                                                        : "Customer update ";
  return label + str(d, "draft_id") + " v" + std::to_string(d.value("version", 0));
}

std::string delivery_line(const nlohmann::json& m) {
  const std::string kind = str(m, "kind");
  const std::string what =
      kind == "draft" ? str(m, "draft_kind") + " " + str(m, "draft_id") + " v" +
                            std::to_string(m.value("version", 0))
                      : kind;
  std::string line = what + " via " + str(m, "channel") + " to " + str(m, "recipient") + ": " +
                     str(m, "state") + " after " + std::to_string(m.value("attempts", 0)) +
                     " attempt(s)";
  if (!str(m, "delivered_at").empty()) line += " at " + str(m, "delivered_at");
  if (!str(m, "delivery_ref").empty()) line += " (" + str(m, "delivery_ref") + ")";
  if (!str(m, "last_error").empty()) line += "; last error: " + str(m, "last_error");
  return line;
}

std::string author_tag(const std::string& author) {
  return author == "agent" ? "AGENT" : author == "human_edited" ? "HUMAN-EDITED" : "HUMAN";
}

}  // namespace

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
  out << "\n## Security decisions\n\n";
  const auto security = t.value("security", nlohmann::json::array());
  if (security.empty()) out << "No security escalation.\n";
  for (const auto& e : security) {
    out << "- " << str(e, "time") << " " << security_event_title(e) << "\n";
    for (const auto& r : e.value("rules", nlohmann::json::array())) {
      out << "  - rule " << rule_line(r) << "\n";
    }
    for (const auto& a : e.value("announcements", nlohmann::json::array())) {
      out << "  - announced via " << str(a, "channel") << " to " << str(a, "recipient") << "\n";
    }
  }
  if (t.contains("decision") && t["decision"].is_object()) {
    out << "\nCurrent decision: escalate "
        << (t["decision"].value("escalate_security", false) ? "yes" : "no") << "\n";
    for (const auto& reason : t["decision"].value("reasons", nlohmann::json::array())) {
      out << "- " << reason.get<std::string>() << "\n";
    }
  }
  const auto refusals = t.value("refusals", nlohmann::json::array());
  if (!refusals.empty()) {
    out << "\n## Refused attempts\n\n";
    for (const auto& r : refusals) {
      out << "- " << str(r, "time") << " " << str(r, "actor") << ": " << str(r, "request")
          << " - " << str(r, "reason") << "\n";
    }
  }
  out << render_measures_markdown(t.value("measures", nlohmann::json::object()));
  out << "\n## Drafts\n\nStatements are marked [AGENT] (drafted by the copilot) or [HUMAN] / "
         "[HUMAN-EDITED] (written or edited by a person). Changes use word-diff marks: "
         "[-deleted-] {+inserted+}.\n";
  for (const auto& d : t["drafts"]) {
    out << "\n### " << draft_heading(d) << " (by " << str(d, "created_by") << " at "
        << str(d, "created_at") << ", sha256 " << str(d, "content_hash") << ")\n\n";
    for (const auto& s : d["statements"]) {
      out << "- [" << author_tag(str(s, "author")) << "] " << str(s, "text") << "\n";
    }
    if (d.contains("diff")) {
      const auto& diff = d["diff"];
      out << "\nChanges from v" << diff.value("from_version", 0) << " ("
          << diff.value("inserted", 0) << " word(s) inserted, " << diff.value("deleted", 0)
          << " deleted):\n\n```diff\n" << diff_markdown(diff) << "\n```\n";
    }
    for (const auto& a : d["approvals"]) {
      out << "\nApproved by " << str(a, "approver") << " at " << str(a, "approved_at")
          << " (sha256 " << str(a, "content_hash") << ")\n";
    }
    if (d["approvals"].empty()) out << "\nUNAPPROVED\n";
  }
  out << "\n## Deliveries\n\n";
  for (const auto& m : t["deliveries"]) out << "- " << delivery_line(m) << "\n";
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
         ".diff{white-space:pre-wrap;font-family:ui-monospace,monospace;font-size:.85rem;"
         "border:1px solid #ccc;padding:.5rem}"
         "ins{background:#d7f5dd;text-decoration:underline}"
         "del{background:#fbe0e0;text-decoration:line-through}"
         ".holding{border-left:.3rem solid #7a4b00;padding-left:.5rem}"
         ".security li{margin-bottom:.3rem}"
         "@media print{body{margin:0;max-width:none}section.draft{break-inside:avoid}"
         "ins,del,.agent,.human,.human_edited{-webkit-print-color-adjust:exact;"
         "print-color-adjust:exact}}</style></head><body>\n";
  out << "<h1>Escalation timeline: " << html_escape(str(c, "id")) << "</h1>\n<p>Ticket "
      << html_escape(str(c, "ticket")) << " &middot; customer " << html_escape(str(c, "customer"))
      << " &middot; lead " << html_escape(str(c, "lead")) << " &middot; state "
      << html_escape(str(c, "state")) << " &middot; severity " << html_escape(str(c, "severity"))
      << "</p>\n";
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
  out << "</table>\n<h2>Security decisions</h2>\n<ul class=\"security\" id=\"security\">\n";
  const auto security = t.value("security", nlohmann::json::array());
  if (security.empty()) out << "<li>No security escalation.</li>\n";
  for (const auto& e : security) {
    out << "<li>" << html_escape(str(e, "time")) << " " << html_escape(security_event_title(e));
    const auto rules = e.value("rules", nlohmann::json::array());
    const auto announcements = e.value("announcements", nlohmann::json::array());
    const bool listed = !rules.empty() || !announcements.empty();
    if (listed) out << "<ul>";
    for (const auto& r : rules) out << "<li class=\"rule\">rule " << html_escape(rule_line(r)) << "</li>";
    for (const auto& a : announcements) {
      out << "<li>announced via " << html_escape(str(a, "channel")) << " to "
          << html_escape(str(a, "recipient")) << "</li>";
    }
    if (listed) out << "</ul>";
    out << "</li>\n";
  }
  out << "</ul>\n";
  const auto refusals = t.value("refusals", nlohmann::json::array());
  if (!refusals.empty()) {
    out << "<h2>Refused attempts</h2>\n<ul id=\"refusals\">\n";
    for (const auto& r : refusals) {
      out << "<li class=\"refusal\">" << html_escape(str(r, "time")) << " "
          << html_escape(str(r, "actor")) << ": " << html_escape(str(r, "request")) << " &mdash; "
          << html_escape(str(r, "reason")) << "</li>\n";
    }
    out << "</ul>\n";
  }
  out << "<h2>Measures</h2>\n<pre id=\"measures\">"
      << html_escape(render_measures_markdown(t.value("measures", nlohmann::json::object())))
      << "</pre>\n<h2>Drafts</h2>\n<p>Statements marked <span class=\"tag agent\">AGENT</span> "
         "were drafted by the copilot; <span class=\"tag human\">HUMAN</span> and "
         "<span class=\"tag human_edited\">HUMAN-EDITED</span> ones were written or edited by a "
         "person. In the changes, <ins>inserted</ins> and <del>deleted</del> words are marked."
         "</p>\n";
  for (const auto& d : t["drafts"]) {
    const bool holding = str(d, "kind") == "holding_statement";
    out << "<section class=\"draft" << (holding ? " holding" : "") << "\"><h3>"
        << html_escape(draft_heading(d)) << "</h3><p>by " << html_escape(str(d, "created_by"))
        << " at " << html_escape(str(d, "created_at")) << " &middot; sha256 <code>"
        << html_escape(str(d, "content_hash")) << "</code></p><ul>\n";
    for (const auto& s : d["statements"]) {
      const std::string author = str(s, "author");
      out << "<li class=\"" << html_escape(author) << "\"><span class=\"tag\">"
          << html_escape(author_tag(author)) << "</span> " << html_escape(str(s, "text"))
          << "</li>\n";
    }
    out << "</ul>";
    if (d.contains("diff")) {
      const auto& diff = d["diff"];
      out << "<p>Changes from v" << diff.value("from_version", 0) << ": "
          << diff.value("inserted", 0) << " word(s) inserted, " << diff.value("deleted", 0)
          << " deleted</p><div class=\"diff\">";
      for (const auto& span : diff.value("spans", nlohmann::json::array())) {
        const std::string op = str(span, "op");
        const std::string text = html_escape(str(span, "text"));
        if (op == "insert") {
          out << "<ins>" << text << "</ins>";
        } else if (op == "delete") {
          out << "<del>" << text << "</del>";
        } else {
          out << text;
        }
      }
      out << "</div>";
    }
    if (d["approvals"].empty()) out << "<p class=\"unapproved\">UNAPPROVED</p>";
    for (const auto& a : d["approvals"]) {
      out << "<p class=\"approved\">Approved by " << html_escape(str(a, "approver")) << " at "
          << html_escape(str(a, "approved_at")) << " (sha256 <code>"
          << html_escape(str(a, "content_hash")) << "</code>)</p>";
    }
    out << "</section>\n";
  }
  out << "<h2>Deliveries</h2>\n<ul id=\"deliveries\">\n";
  for (const auto& m : t["deliveries"]) {
    out << "<li class=\"delivery\">" << html_escape(delivery_line(m)) << "</li>\n";
  }
  out << "</ul>\n</body></html>\n";
  return out.str();
}

}  // namespace ec::app
