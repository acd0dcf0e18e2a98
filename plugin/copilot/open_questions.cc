// Open questions for a correlated case (declared in findings_util.h).
#include <algorithm>

#include "plugin/copilot/findings_util.h"
#include "plugin/copilot/text_util.h"

namespace ec::copilot::detail {
namespace {

OpenQuestion question(std::string text, Owner owner, bool blocking) {
  OpenQuestion q;
  q.question = std::move(text);
  q.owner = owner;
  q.blocking = blocking;
  return q;
}

std::vector<std::string> ips_after(const Correlation& c, const EvidenceIndex& index) {
  std::vector<std::string> ids = c.credential_use_after;
  for (const auto* list : {&c.post_deprovision_access, &c.attempts, &c.cannot_rule_out}) {
    for (const AttributedAccess& a : *list) ids.push_back(a.evidence_id);
  }
  std::vector<std::string> ips;
  for (const std::string& id : ids) {
    const Evidence* e = lookup(index, id);
    if (e != nullptr && !e->ip.empty()) add_ids(ips, {e->ip});
  }
  std::sort(ips.begin(), ips.end());
  return ips;
}

void credential_questions(const Correlation& c, const EvidenceIndex& index,
                          std::vector<OpenQuestion>& out) {
  bool idp = false;
  bool product = false;
  bool other = false;
  for (const std::string& id : c.credential_use_after) {
    const Evidence* e = lookup(index, id);
    if (e == nullptr || e->outcome == Outcome::Failure) continue;
    if (e->kind == evidence_kind::kTokenGrant) {
      idp = true;
    } else if (e->kind == evidence_kind::kAppTokenRefresh) {
      product = true;
    } else {
      other = true;
    }
  }
  if (idp) {
    out.push_back(
        question("Why did the identity provider grant a token refresh after the account "
                 "was deactivated, and were all of the account's tokens revoked?",
                 Owner::Engineering, false));
  }
  if (product) {
    out.push_back(
        question("Why did the product accept a token refresh after deactivation, and "
                 "does the console check the user's status with the identity provider "
                 "on each request?",
                 Owner::Engineering, false));
  }
  if (other) {
    out.push_back(
        question("Why were sessions created before deprovisioning still accepted, and "
                 "why were they not cleared at deactivation?",
                 Owner::Engineering, false));
  }
}

}  // namespace

std::vector<OpenQuestion> open_questions(const Correlation& c, const EvidenceIndex& index,
                                         bool escalated) {
  std::vector<OpenQuestion> out;
  if (!c.subject.deprovisioned_at) {
    out.push_back(
        question("When was the account deprovisioned? The identity source gave no "
                 "deprovisioning time.",
                 Owner::Security, true));
  }
  if (!c.post_deprovision_access.empty()) {
    out.push_back(
        question("Were copies of the downloaded files made, kept or forwarded after "
                 "they were downloaded?",
                 Owner::Security, true));
  }
  if (const auto ips = ips_after(c, index); !ips.empty() && (escalated || !c.attempts.empty())) {
    out.push_back(question("Who controls " + join_list(ips) +
                               " (a VPN or hosting egress, or the account holder's own "
                               "connection)?",
                           Owner::Security, escalated));
  }
  if (const auto presigns = long_lived_presigns(c, index); !presigns.empty()) {
    std::int64_t ttl = 0;
    for (const Evidence* e : presigns) ttl = std::max(ttl, *e->credential_ttl_seconds);
    out.push_back(question("Why are presigned URLs issued with a lifetime of " +
                               describe_duration(ttl) + " (X-Amz-Expires=" + std::to_string(ttl) +
                               ") from a long-term key, and can signing move to short-lived "
                               "role credentials?",
                           Owner::Engineering, false));
  }
  credential_questions(c, index, out);
  if (!c.cannot_rule_out.empty()) {
    std::vector<std::string> ids;
    for (const AttributedAccess& a : c.cannot_rule_out) add_ids(ids, {a.evidence_id});
    out.push_back(question("Who made the unattributed reads after deprovisioning (" +
                               join_list(ids) +
                               ")? VPN session logs, CDN logs or product logs are needed to "
                               "attribute them or rule them out.",
                           Owner::Security, true));
  }
  if (!c.boundary_events.empty()) {
    out.push_back(question("Did the events near the deprovisioning time (" +
                               join_list(c.boundary_events) +
                               ") happen before or after it, allowing for clock skew?",
                           Owner::Security, true));
  }
  if (!c.gaps.empty()) {
    out.push_back(question("Can these log gaps be filled: " + join_list(c.gaps) + "?",
                           Owner::Engineering, true));
  }
  out.push_back(
      question("Storage access logs are best-effort (records can arrive late, be "
               "missing or be duplicated) and CDN cache hits never reach the bucket: do "
               "CloudTrail data events, CDN logs or endpoint records show any access the "
               "reviewed logs do not?",
               Owner::Security, true));
  out.push_back(
      question("What has the customer been told so far, and when, and which promised "
               "updates are due?",
               Owner::Support, false));
  return out;
}

}  // namespace ec::copilot::detail
