// The engineering and security handoff packet (declared in drafter.h).
#include <algorithm>
#include <set>

#include "plugin/copilot/draft_util.h"
#include "plugin/copilot/drafter.h"
#include "plugin/copilot/findings_util.h"
#include "plugin/copilot/text_util.h"

namespace ec::copilot {
namespace {

using detail::make_statement;

std::string ids_suffix(const std::vector<std::string>& ids) {
  if (ids.empty()) return "";
  std::string out = " [";
  for (std::size_t i = 0; i < ids.size(); ++i) out += (i ? ", " : "") + ids[i];
  return out + "]";
}

void register_subject(const Subject& s, Redactor& r) {
  if (!trim(s.display_name).empty()) (void)r.register_person(s.display_name);
  for (const std::string* v : {&s.login, &s.email}) {
    if (v->find('@') != std::string::npos) (void)r.register_value(SensitiveKind::Email, *v);
  }
  if (!s.id.empty()) (void)r.register_value(SensitiveKind::Account, s.id);
  for (const std::string& alias : s.aliases) (void)r.register_value(SensitiveKind::Account, alias);
}

std::vector<std::string> affected_objects(const Correlation& c) {
  std::vector<std::string> objects;
  for (const auto* list : {&c.post_deprovision_access, &c.cannot_rule_out}) {
    for (const AttributedAccess& a : *list) detail::add_ids(objects, {a.object});
  }
  return objects;
}

void add_header(DraftVersion& v, const Case& c, const HandoffInputs& in, Redactor& r) {
  const Subject& s = in.correlation.subject;
  std::vector<std::string> rules;
  for (const RuleMatch& m : in.decision.matches) rules.push_back(m.rule_id);
  v.statements.push_back(make_statement(
      Section::Body,
      "Severity: " + std::string(severity_name(detail::highest_severity(c, in.decision))) +
          ". Case " + c.id + ", ticket " + c.ticket_ref + ", customer " + c.customer + ".",
      r));
  v.statements.push_back(make_statement(
      Section::Body,
      in.decision.escalate
          ? "Security process required (rules " + join_list(rules) + "; rule set " +
                in.decision.rule_set_version +
                "); routine customer updates are held until a "
                "security owner acknowledges."
          : "No security policy rule fired (rule set " + in.decision.rule_set_version + ").",
      r));
  v.statements.push_back(make_statement(
      Section::Body,
      "Subject: " + (s.id.empty() ? s.login : s.id) + " (" + s.login + "), status " + s.status +
          (s.deprovisioned_at ? ", deprovisioned at " + format_rfc3339(*s.deprovisioned_at) : "") +
          ".",
      r));
  const auto objects = affected_objects(in.correlation);
  v.statements.push_back(make_statement(
      Section::Body,
      "Affected objects: " +
          (objects.empty() ? std::string("none attributed") : join_list(objects)) + ".",
      r));
}

void add_findings_and_questions(DraftVersion& v, const HandoffInputs& in, Redactor& r) {
  // Reproduced (confirmed or refuted by evidence) first, then what is not verified.
  for (const bool reproduced : {true, false}) {
    for (const Finding& f : in.findings) {
      const bool is_reproduced =
          f.status == FindingStatus::Confirmed || f.status == FindingStatus::Refuted;
      if (is_reproduced != reproduced) continue;
      const std::string label =
          f.status == FindingStatus::Confirmed
              ? f.id
              : f.id + " (" + std::string(finding_status_name(f.status)) + ")";
      v.statements.push_back(make_statement(reproduced ? Section::Facts : Section::Hypotheses,
                                            label + ": " + f.statement + ids_suffix(f.evidence) +
                                                " (owner: " + std::string(owner_name(f.owner)) +
                                                ")",
                                            r, f.evidence, {f.id}));
    }
  }
  for (const OpenQuestion& q : in.questions) {
    v.statements.push_back(make_statement(Section::Questions,
                                          q.id + " (owner: " + std::string(owner_name(q.owner)) +
                                              ", " + (q.blocking ? "blocking" : "non-blocking") +
                                              ", " + std::string(question_state_name(q.state)) +
                                              "): " + q.question,
                                          r));
  }
}

std::vector<std::string> requested_actions(const HandoffInputs& in) {
  const Correlation& c = in.correlation;
  const auto index = detail::index_evidence(in.evidence);
  std::vector<std::string> actions{
      "Preserve the storage access logs, CloudTrail data events, identity-provider system log, "
      "product logs and the ticket's attachments for this case (owner: security team)."};
  // Links that still work (an access succeeded, or could not be ruled out) need their key revoked.
  std::set<std::string> signing_keys;
  bool presigned = false;
  for (const auto* list : {&c.post_deprovision_access, &c.cannot_rule_out}) {
    for (const AttributedAccess& a : *list) {
      if (a.via != Via::PresignedUrl) continue;
      presigned = true;
      const Evidence* e = detail::lookup(index, a.evidence_id);
      if (e != nullptr && !e->credential_id.empty()) signing_keys.insert(e->credential_id);
    }
  }
  const bool credential_accepted = std::any_of(
      c.credential_use_after.begin(), c.credential_use_after.end(), [&](const std::string& id) {
        const Evidence* e = detail::lookup(index, id);
        return e != nullptr && e->outcome != Outcome::Failure;
      });
  if (presigned) {
    actions.push_back("Revoke the signing key behind the presigned URLs" +
                      (signing_keys.empty()
                           ? std::string()
                           : " (" + join_list({signing_keys.begin(), signing_keys.end()}) + ")") +
                      " and confirm that links signed with it now fail (owner: engineering team).");
  }
  if (credential_accepted || !c.post_deprovision_access.empty()) {
    actions.push_back(
        "Clear all sessions and revoke all tokens of the deprovisioned account in "
        "the identity provider and the product (owner: security team).");
  }
  if (const auto presigns = detail::long_lived_presigns(c, index); !presigns.empty()) {
    actions.push_back(
        "Shorten presigned URL expiry to minutes and sign with short-lived role "
        "credentials instead of a long-term key (owner: engineering team).");
  }
  if (!c.cannot_rule_out.empty()) {
    actions.push_back(
        "Collect VPN session logs and CDN logs for the unattributed reads (owner: "
        "security team).");
  }
  actions.push_back(
      "Confirm with the customer what they were told and when, before any new "
      "update is sent (owner: support team).");
  return actions;
}

void add_timeline(DraftVersion& v, const HandoffInputs& in, const TicketSummary& summary,
                  Redactor& r) {
  const Correlation& c = in.correlation;
  const auto index = detail::index_evidence(in.evidence);
  std::vector<std::string> key_ids;
  for (const Finding& f : in.findings) {
    if (f.status != FindingStatus::Unverified) detail::add_ids(key_ids, f.evidence);
  }
  detail::add_ids(key_ids, c.credential_use_after);
  detail::add_ids(key_ids, c.boundary_events);
  std::vector<std::pair<Timestamp, Statement>> entries;
  for (const std::string& id : key_ids) {
    const Evidence* e = detail::lookup(index, id);
    if (e == nullptr) continue;
    entries.emplace_back(e->time, make_statement(Section::Timeline,
                                                 format_rfc3339(e->time) + " " + e->id + " (" +
                                                     e->source + ") " + e->summary,
                                                 r, {e->id}));
  }
  for (const SummaryLine& line : summary.lines) {
    entries.emplace_back(line.time, make_statement(Section::Timeline, "ticket: " + line.text, r));
  }
  std::stable_sort(entries.begin(), entries.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  for (auto& [time, statement] : entries) v.statements.push_back(std::move(statement));
  // What the customer has already been told (public agent replies and promises), so engineering
  // and security know what not to contradict.
  for (const SummaryLine& line : summary.lines) {
    if (line.kind != SummaryLineKind::AgentReply) continue;
    v.statements.push_back(
        make_statement(Section::Timeline, "Already said to the customer: " + line.text, r));
  }
  for (const SummaryLine& line : summary.promises) {
    v.statements.push_back(
        make_statement(Section::Timeline, "Already promised to the customer: " + line.text, r));
  }
}

}  // namespace

DraftVersion draft_handoff(const Case& c, const HandoffInputs& inputs, const TicketSummary& summary,
                           Redactor& redactor, const DraftOptions& options) {
  register_subject(inputs.correlation.subject, redactor);
  DraftVersion v = detail::new_draft(c, DraftKind::Handoff, options.now);
  add_header(v, c, inputs, redactor);
  add_findings_and_questions(v, inputs, redactor);
  for (const std::string& action : requested_actions(inputs)) {
    v.statements.push_back(make_statement(Section::Actions, action, redactor));
  }
  add_timeline(v, inputs, summary, redactor);
  seal(v);
  return v;
}

}  // namespace ec::copilot
