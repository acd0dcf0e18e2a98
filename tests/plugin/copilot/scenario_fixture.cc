#include "tests/plugin/copilot/scenario_fixture.h"

#include <cstdlib>

namespace ec::copilot::testing {
namespace {

constexpr char kSubjectId[] = "00uvN5sfRJXkWbFmgpsX";
constexpr char kLogin[] = "dario.mq@contractors.brightwell.example";
constexpr char kKey[] = "AKIAEXAMPLEPRSGN7Q2Z";
constexpr char kSigner[] = "arn:aws:iam::111122223333:user/svc-attachment-presigner";
constexpr char kInvoice[] = "support-attachments/tickets/48213/att_9f3c/invoice_backup_2024Q4.xlsx";
constexpr char kConfig[] =
    "support-attachments/tickets/48213/att_a71e/router_config_export_2025-02-27.json";
constexpr char kOther[] = "support-attachments/tickets/48177/att_55d0/vendor_contract.pdf";
constexpr char kPreview[] =
    "support-attachments/previews/48213/att_9f3c/invoice_backup_2024Q4.page1.webp";
constexpr char kVpn[] = "198.51.100.77";

Evidence ev(const char* id, const char* source, const char* kind, const char* time,
            std::string summary, Outcome outcome) {
  Evidence e;
  e.id = id;
  e.source = source;
  e.kind = kind;
  e.time = at(time);
  e.summary = std::move(summary);
  e.outcome = outcome;
  return e;
}

Evidence presign(const char* id, const char* time, const char* object, const char* issued,
                 std::int64_t ttl) {
  Evidence e = ev(id, "console", evidence_kind::kAppPresign, time,
                  std::string("presign ") + object + " for " + kSubjectId + " from 203.0.113.45",
                  Outcome::Success);
  e.names_subject = true;
  e.principal = kSubjectId;
  e.object = object;
  e.ip = "203.0.113.45";
  e.session_id = "cs_8sK2pQvL";
  e.credential_id = kKey;
  e.credential_issued_at = at(issued);
  e.credential_ttl_seconds = ttl;
  return e;
}

Evidence get(const char* id, const char* time, const char* object, const char* issued,
             std::int64_t ttl, int status, std::int64_t bytes) {
  Evidence e = ev(id, "s3_access_log", evidence_kind::kObjectAccess, time,
                  std::string("GET ") + object + " from " + kVpn + " -> " + std::to_string(status),
                  status == 200 ? Outcome::Success : Outcome::Failure);
  e.principal = kSigner;
  e.object = object;
  e.action = "download";
  e.ip = kVpn;
  e.auth = AuthMethod::PresignedUrl;
  e.credential_id = kKey;
  e.credential_issued_at = at(issued);
  e.credential_ttl_seconds = ttl;
  e.bytes = bytes;
  return e;
}

Evidence from_vpn(Evidence e) {
  e.ip = kVpn;
  e.names_subject = true;
  e.principal = kSubjectId;
  return e;
}

AttributedAccess access(const Evidence& e, std::vector<std::string> chain, bool ok) {
  AttributedAccess a;
  a.evidence_id = e.id;
  a.time = e.time;
  a.object = e.object;
  a.action = e.action;
  a.via = Via::PresignedUrl;
  a.confidence = Confidence::High;
  a.chain = std::move(chain);
  a.reasoning = "presigned URL minted in the subject's console session";
  a.succeeded = ok;
  return a;
}

Subject subject() {
  Subject s;
  s.id = kSubjectId;
  s.login = kLogin;
  s.email = kLogin;
  s.display_name = "Dario Menendez-Quill";
  s.status = "DEPROVISIONED";
  s.deprovisioned_at = at("2025-03-11T16:45:12Z");
  s.aliases = {"9100087731"};
  return s;
}

std::vector<Evidence> common_evidence(std::int64_t ttl) {
  std::vector<Evidence> e;
  Evidence user = ev("E1", "okta", evidence_kind::kIdentityUser, "2025-03-11T16:45:12Z",
                     std::string("user ") + kSubjectId + " " + kLogin + " status DEPROVISIONED",
                     Outcome::Success);
  user.names_subject = true;
  e.push_back(user);
  e.push_back(presign("E2", "2025-03-10T14:21:02.870Z", kInvoice, "2025-03-10T14:21:02Z", ttl));
  e.push_back(presign("E3", "2025-03-10T14:24:28.455Z", kConfig, "2025-03-10T14:24:28Z", ttl));
  e.push_back(ev("E4", "okta", evidence_kind::kDeprovision, "2025-03-11T16:45:12.302Z",
                 std::string("user.lifecycle.deactivate ") + kSubjectId +
                     " by priya.okonkwo-hale@brightwell.example via token 00TECDcB8DsM8gjmKDCB",
                 Outcome::Success));
  return e;
}

std::vector<std::string> ids(const std::vector<Evidence>& evidence) {
  std::vector<std::string> out;
  for (const Evidence& e : evidence) out.push_back(e.id);
  return out;
}

RuleMatch rule(const char* id, Severity severity, const char* reason,
               std::vector<std::string> evidence) {
  return RuleMatch{id, reason, severity, reason, std::move(evidence)};
}

}  // namespace

Timestamp at(const char* rfc3339) {
  auto t = parse_rfc3339(rfc3339);
  if (!t) std::abort();
  return *t;
}

Scenario escalated_scenario() {
  Scenario s;
  s.evidence = common_evidence(604800);
  auto& e = s.evidence;
  e.push_back(
      from_vpn(ev("E5", "okta", evidence_kind::kSso, "2025-03-11T16:58:40Z",
                  "SSO with old session 102mPzDCzuaYcSvqkds54pZgJ denied", Outcome::Failure)));
  e.push_back(from_vpn(ev("E6", "okta", evidence_kind::kTokenGrant, "2025-03-11T17:05:33Z",
                          "refresh token granted to Attachment Viewer (planted anomaly)",
                          Outcome::Success)));
  e.push_back(from_vpn(ev("E7", "console", evidence_kind::kAppTokenRefresh, "2025-03-11T17:05:34Z",
                          "token_refresh accepted in session cs_8sK2pQvL; user status not checked",
                          Outcome::Success)));
  e.push_back(
      get("E8", "2025-03-11T17:06:10Z", kInvoice, "2025-03-10T14:21:02Z", 604800, 200, 482113));
  e.push_back(
      get("E9", "2025-03-11T17:06:41Z", kConfig, "2025-03-10T14:24:28Z", 604800, 200, 96244));
  e.push_back(get("E10", "2025-03-11T17:07:15Z", kOther, "2025-03-10T14:21:02Z", 604800, 403, 0));
  e.push_back(from_vpn(ev("E11", "zendesk", evidence_kind::kTicketComment, "2025-03-11T17:09:44Z",
                          "internal comment by 9100087731 from 198.51.100.77", Outcome::Success)));
  e.push_back(from_vpn(ev("E12", "okta", evidence_kind::kSessionStart, "2025-03-11T17:40:09Z",
                          "login denied for " + std::string(kLogin), Outcome::Failure)));
  e.push_back(ev("E13", "zendesk", evidence_kind::kTicketComment, "2025-03-12T08:31:05Z",
                 "public comment by requester 9100245513", Outcome::Success));
  e.push_back(
      get("E14", "2025-03-12T08:55:02Z", kInvoice, "2025-03-10T14:21:02Z", 604800, 200, 482113));
  e.push_back(from_vpn(ev("E15", "console", evidence_kind::kAppTokenRefresh, "2025-03-12T09:20:03Z",
                          "token_refresh rejected: invalid_grant", Outcome::Failure)));

  Correlation& c = s.correlation;
  c.subject = subject();
  c.post_deprovision_access = {access(e[7], {"E2", "E7"}, true), access(e[8], {"E3", "E7"}, true),
                               access(e[13], {"E2"}, true)};
  c.attempts = {access(e[9], {"E2"}, false)};
  c.credential_use_after = {"E5", "E6", "E7", "E11", "E12", "E15"};
  c.timeline = ids(e);
  s.decision.escalate = true;
  s.decision.rule_set_version = "policy/1";
  s.decision.matches = {
      rule("post-deprovision-access", Severity::Critical,
           "attributed successful access after deprovisioning", {"E8", "E9", "E14"}),
      rule("credential-outlived-deprovision", Severity::High,
           "a token of the subject was used after deprovisioning", {"E6", "E7"})};
  return s;
}

Scenario benign_scenario() {
  Scenario s;
  s.evidence = common_evidence(900);
  auto& e = s.evidence;
  e.push_back(ev("E5", "okta", evidence_kind::kSessionClear, "2025-03-11T16:45:12.910Z",
                 std::string("sessions cleared for ") + kSubjectId, Outcome::Success));
  e.push_back(ev("E6", "okta", evidence_kind::kTokenRevoke, "2025-03-11T16:45:12.955Z",
                 std::string("tokens revoked for ") + kSubjectId, Outcome::Success));
  e.push_back(from_vpn(ev("E7", "okta", evidence_kind::kTokenGrant, "2025-03-11T17:05:33Z",
                          "refresh token grant failed: invalid_grant", Outcome::Failure)));
  e.push_back(from_vpn(ev("E8", "console", evidence_kind::kAppTokenRefresh, "2025-03-11T17:05:34Z",
                          "token_refresh rejected", Outcome::Failure)));
  e.push_back(get("E9", "2025-03-11T17:06:10Z", kInvoice, "2025-03-10T14:21:02Z", 900, 403, 0));
  Correlation& c = s.correlation;
  c.subject = subject();
  c.attempts = {access(e[8], {"E2"}, false)};
  c.credential_use_after = {"E7", "E8"};
  c.timeline = ids(e);
  s.decision.escalate = false;
  s.decision.rule_set_version = "policy/1";
  return s;
}

Scenario cannot_rule_out_scenario() {
  Scenario s = benign_scenario();
  Evidence cdn = ev("E10", "cloudfront", evidence_kind::kObjectAccess, "2025-03-11T17:06:11Z",
                    std::string("GET ") + kPreview + " from 192.0.2.10 (Miss)", Outcome::Success);
  cdn.object = kPreview;
  cdn.action = "preview";
  cdn.ip = "192.0.2.10";
  cdn.bytes = 58120;
  s.evidence.push_back(cdn);
  AttributedAccess a;
  a.evidence_id = "E10";
  a.time = cdn.time;
  a.object = kPreview;
  a.action = "preview";
  a.via = Via::Unknown;
  a.confidence = Confidence::None;
  a.reasoning =
      "a rendition was served from origin through the CDN with no principal; the "
      "requester is unknown.";
  a.succeeded = true;
  s.correlation.cannot_rule_out = {a};
  s.correlation.timeline.push_back("E10");
  s.decision.escalate = true;
  s.decision.matches = {rule("cannot-rule-out", Severity::High,
                             "an access after deprovisioning cannot be attributed", {"E10"})};
  return s;
}

TicketHistory scenario_ticket() {
  TicketHistory t;
  t.id = "48213";
  t.subject = "Q4 invoice backup does not match router export totals";
  t.status = "open";
  t.priority = "high";
  t.requester_id = "9100245513";
  t.assignee_id = "9100001207";
  t.tags = {"billing", "config_export", "security_review"};
  t.created_at = at("2025-03-03T08:12:40Z");
  t.people = {
      {"9100245513", "Ingrid Halvorsen", "ingrid.halvorsen@halvorsen-marine.example", "end-user"},
      {"9100087731", "Dario Menendez-Quill", kLogin, "agent"},
      {"9100001207", "Tomas Reyes", "tomas.reyes@brightwell.example", "agent"}};
  auto entry = [](TicketEntryKind kind, const char* time, const char* author) {
    TicketEntry e;
    e.kind = kind;
    e.time = at(time);
    e.author_id = author;
    return e;
  };
  TicketEntry created = entry(TicketEntryKind::Created, "2025-03-03T08:12:40Z", "9100245513");
  created.channel = "email";
  TicketEntry report = entry(TicketEntryKind::Comment, "2025-03-03T08:12:40Z", "9100245513");
  report.channel = "email";
  report.body =
      "Attached our Q4 invoice backup and the router config export you asked for. "
      "Reference INV-2024-1187, contact ingrid.halvorsen@halvorsen-marine.example.";
  report.attachments = {
      {"29001187441", "invoice_backup_2024Q4.xlsx", "application/xlsx", 482113},
      {"29001187442", "router_config_export_2025-02-27.json", "application/json", 96244}};
  TicketEntry reply = entry(TicketEntryKind::Comment, "2025-03-10T14:31:12Z", "9100087731");
  reply.channel = "web";
  reply.ip = "203.0.113.45";
  reply.body = "Thanks - reviewing both files now. We will send you the reconciliation by Friday.";
  TicketEntry pending = entry(TicketEntryKind::FieldChange, "2025-03-10T14:31:12Z", "9100087731");
  pending.field = "status";
  pending.from_value = "open";
  pending.to_value = "pending";
  TicketEntry note = entry(TicketEntryKind::Comment, "2025-03-11T17:09:44Z", "9100087731");
  note.channel = "web";
  note.ip = kVpn;
  note.is_public = false;
  note.body = "Re-checked config export against invoice lines.";
  TicketEntry claim = entry(TicketEntryKind::Comment, "2025-03-12T08:31:05Z", "9100245513");
  claim.channel = "email";
  claim.body =
      "Your former contractor quoted figures from our invoice backup to us on 11 March, "
      "after we were told he had left. Who accessed our files?";
  TicketEntry priority = entry(TicketEntryKind::FieldChange, "2025-03-12T08:40:00Z", "9100001207");
  priority.field = "priority";
  priority.from_value = "normal";
  priority.to_value = "high";
  TicketEntry assignee = entry(TicketEntryKind::FieldChange, "2025-03-12T09:41:10Z", "9100001207");
  assignee.field = "assignee_id";
  assignee.from_value = "9100087731";
  assignee.to_value = "9100001207";
  TicketEntry tags = entry(TicketEntryKind::FieldChange, "2025-03-12T09:41:10Z", "9100001207");
  tags.field = "tags";
  tags.from_value = R"(["billing","config_export"])";
  tags.to_value = R"(["billing","config_export","security_review"])";
  TicketEntry hold = entry(TicketEntryKind::Comment, "2025-03-12T09:41:10Z", "9100001207");
  hold.is_public = false;
  hold.body = "Escalating to security. Evidence hold: do not delete attachments.";
  t.entries = {created, report, reply, pending, note, claim, priority, assignee, tags, hold};
  return t;
}

Case scenario_case() {
  Case c;
  c.id = "CASE-48213";
  c.ticket_ref = "48213";
  c.customer = "Acme Marine";
  c.subject_query = kLogin;
  c.severity = Severity::High;
  c.lead = "U0LEAD";
  c.state = CaseState::SecurityEscalated;
  c.created_at = at("2025-03-12T09:45:00Z");
  c.updated_at = c.created_at;
  return c;
}

std::vector<std::string> raw_sensitive_values() {
  return {kSubjectId,
          kLogin,
          kKey,
          "111122223333",
          kVpn,
          "203.0.113.45",
          "192.0.2.10",
          "invoice_backup_2024Q4.xlsx",
          "router_config_export_2025-02-27.json",
          "vendor_contract.pdf",
          "invoice_backup_2024Q4.page1.webp",
          "ingrid.halvorsen@halvorsen-marine.example",
          "tomas.reyes@brightwell.example",
          "priya.okonkwo-hale@brightwell.example",
          "00TECDcB8DsM8gjmKDCB",
          "102mPzDCzuaYcSvqkds54pZgJ",
          "cs_8sK2pQvL",
          "INV-2024-1187",
          "9100245513",
          "9100087731",
          "9100001207",
          "Dario Menendez-Quill",
          "Ingrid Halvorsen",
          "Tomas Reyes"};
}

}  // namespace ec::copilot::testing
