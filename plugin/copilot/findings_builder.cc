#include "plugin/copilot/findings_builder.h"

#include <algorithm>
#include <array>
#include <chrono>
#include <utility>

#include "plugin/copilot/findings_util.h"
#include "plugin/copilot/text_util.h"

namespace ec::copilot {
namespace {

using detail::add_ids;
using detail::EvidenceIndex;
using detail::lookup;

constexpr std::chrono::seconds kRevokeTolerance{120};

struct Builder {
  const Correlation& c;
  const EvidenceIndex& index;
  std::vector<Finding> findings;

  Finding& add(std::string statement, FindingStatus status, std::vector<std::string> evidence,
               Owner owner) {
    Finding f;
    f.id = "F" + std::to_string(findings.size() + 1);
    f.statement = std::move(statement);
    f.status = status;
    f.evidence = std::move(evidence);
    f.owner = owner;
    findings.push_back(std::move(f));
    return findings.back();
  }
};

std::string account_ref(const Subject& s) {
  const std::string& who = !s.login.empty() ? s.login : (!s.email.empty() ? s.email : s.id);
  return who.empty() ? "the account under investigation"
                     : "the account under investigation (" + who + ")";
}

std::string when(Timestamp t) { return format_rfc3339(t); }

void add_deprovision(Builder& b) {
  const Subject& s = b.c.subject;
  if (!s.deprovisioned_at) {
    b.add("No deprovisioning time was found for " + account_ref(s) + " (status " +
              (s.status.empty() ? "unknown" : s.status) + ").",
          FindingStatus::Unverified, {}, Owner::Security);
    return;
  }
  std::vector<std::string> ids;
  for (const auto& [id, e] : b.index) {
    const auto delta = e->time - *s.deprovisioned_at;
    const bool near = delta < kRevokeTolerance && delta > -kRevokeTolerance;
    if ((e->kind == evidence_kind::kDeprovision && near) ||
        (e->kind == evidence_kind::kIdentityUser && e->names_subject)) {
      ids.push_back(id);
    }
  }
  std::sort(ids.begin(), ids.end(), [&](const std::string& x, const std::string& y) {
    return lookup(b.index, x)->time < lookup(b.index, y)->time;
  });
  b.add("The identity provider deprovisioned " + account_ref(s) + " at " +
            when(*s.deprovisioned_at) + ".",
        ids.empty() ? FindingStatus::Unverified : FindingStatus::Confirmed, ids, Owner::Security);
}

std::string via_phrase(Via via, bool minted_before) {
  switch (via) {
    case Via::PresignedUrl:
      return minted_before ? "through presigned URLs that were minted for this account before "
                             "deprovisioning"
                           : "through presigned URLs minted for this account";
    case Via::Session:
      return "through a session of this account created before deprovisioning";
    case Via::ApiToken:
      return "through an API token of this account";
    case Via::Direct:
      return "by this account directly";
    case Via::RoleSession:
      return "through a role session linked to this account";
    case Via::Unknown:
      break;
  }
  return "through a credential linked to this account";
}

std::string count_noun(std::size_t n, const std::string& singular) {
  return std::to_string(n) + " " + singular + (n == 1 ? "" : "s");
}

std::string action_noun(const std::vector<AttributedAccess>& group) {
  const std::string& first = group.front().action;
  const bool same = std::all_of(group.begin(), group.end(),
                                [&](const AttributedAccess& a) { return a.action == first; });
  if (same && !first.empty()) return first;
  return "read";
}

void add_access_group(Builder& b, Via via, const std::vector<AttributedAccess>& group) {
  std::vector<std::string> ids;
  bool minted_before = b.c.subject.deprovisioned_at.has_value();
  bool high = true;
  for (const AttributedAccess& a : group) {
    add_ids(ids, {a.evidence_id});
    add_ids(ids, a.chain);
    const Evidence* e = lookup(b.index, a.evidence_id);
    minted_before = minted_before && e != nullptr && e->credential_issued_at &&
                    *e->credential_issued_at < *b.c.subject.deprovisioned_at;
    high = high && (a.confidence == Confidence::High || a.confidence == Confidence::Medium);
  }
  const auto names = detail::distinct_object_names(group);
  const std::string statement =
      "After deprovisioning, " + count_noun(group.size(), "successful " + action_noun(group)) +
      " of " + count_noun(names.size(), "customer attachment") + " (" + join_list(names) +
      ") happened between " + when(group.front().time) + " and " + when(group.back().time) + " " +
      via_phrase(via, minted_before) + ".";
  b.add(statement, high ? FindingStatus::Confirmed : FindingStatus::Hypothesis, ids,
        Owner::Security);
  if (via == Via::PresignedUrl) {
    b.add("The person who held the deprovisioned account made these " + action_noun(group) +
              "s; presigned URLs are bearer links and the storage logs name the signing service, "
              "not the person who used the link.",
          FindingStatus::Hypothesis, ids, Owner::Security);
  }
}

void add_post_deprovision_access(Builder& b) {
  for (Via via : {Via::PresignedUrl, Via::Session, Via::ApiToken, Via::Direct, Via::RoleSession,
                  Via::Unknown}) {
    std::vector<AttributedAccess> group;
    for (const AttributedAccess& a : b.c.post_deprovision_access) {
      if (a.via == via) group.push_back(a);
    }
    std::sort(group.begin(), group.end(),
              [](const AttributedAccess& x, const AttributedAccess& y) { return x.time < y.time; });
    if (!group.empty()) add_access_group(b, via, group);
  }
}

// Credential uses after deprovisioning, split into accepted and refused.
void split_credential_use(const Builder& b, std::vector<const Evidence*>& accepted,
                          std::vector<const Evidence*>& refused) {
  for (const std::string& id : b.c.credential_use_after) {
    const Evidence* e = lookup(b.index, id);
    if (e == nullptr) continue;
    (e->outcome == Outcome::Failure ? refused : accepted).push_back(e);
  }
}

std::string describe_uses(const std::vector<const Evidence*>& uses) {
  std::vector<std::string> parts;
  for (const Evidence* e : uses)
    parts.push_back(detail::credential_label(*e) + " at " + when(e->time));
  return join_list(parts);
}

std::vector<std::string> ids_of(const std::vector<const Evidence*>& uses) {
  std::vector<std::string> ids;
  for (const Evidence* e : uses) add_ids(ids, {e->id});
  return ids;
}

void add_credential_use(Builder& b, bool benign) {
  std::vector<const Evidence*> accepted;
  std::vector<const Evidence*> refused;
  split_credential_use(b, accepted, refused);
  if (!accepted.empty()) {
    b.add(
        "Credentials issued to this account before deprovisioning were still accepted after "
        "it: " +
            describe_uses(accepted) + ".",
        FindingStatus::Confirmed, ids_of(accepted), Owner::Engineering);
  }
  if (!refused.empty() && !benign) {
    b.add("Later uses of this account's credentials were refused: " + describe_uses(refused) + ".",
          FindingStatus::Confirmed, ids_of(refused), Owner::Security);
  }
  if (!refused.empty() && accepted.empty() && b.c.subject.deprovisioned_at) {
    std::vector<std::string> revokes;
    for (const auto& [id, e] : b.index) {
      const bool revoke =
          e->kind == evidence_kind::kTokenRevoke || e->kind == evidence_kind::kSessionClear;
      if (revoke && e->time <= *b.c.subject.deprovisioned_at + kRevokeTolerance)
        revokes.push_back(id);
    }
    if (!revokes.empty()) {
      add_ids(revokes, ids_of(refused));
      b.add("This account's sessions or tokens stayed usable after deprovisioning.",
            FindingStatus::Refuted, revokes, Owner::Security);
    }
  }
}

std::string describe_attempts(const std::vector<AttributedAccess>& attempts) {
  return count_noun(attempts.size(), "attempt") + " after deprovisioning to read " +
         join_list(detail::distinct_object_names(attempts)) + " " +
         (attempts.size() == 1 ? "was" : "were") + " refused";
}

void add_attempts_and_benign(Builder& b) {
  const bool benign = b.c.post_deprovision_access.empty() && b.c.cannot_rule_out.empty();
  std::vector<std::string> ids;
  for (const AttributedAccess& a : b.c.attempts) add_ids(ids, {a.evidence_id});
  if (!benign) {
    if (!b.c.attempts.empty()) {
      const bool one = b.c.attempts.size() == 1;
      b.add(describe_attempts(b.c.attempts) + "; the storage logs show no bytes of " +
                (one ? "that object served in that request."
                     : "those objects served in those requests."),
            FindingStatus::Confirmed, ids, Owner::Security);
    }
    return;
  }
  std::vector<const Evidence*> accepted;
  std::vector<const Evidence*> refused;
  split_credential_use(b, accepted, refused);
  add_ids(ids, ids_of(refused));
  if (!ids.empty()) {
    std::string what = b.c.attempts.empty() ? "Credential use after deprovisioning was blocked"
                                            : describe_attempts(b.c.attempts);
    b.add(what +
              "; no successful access by this account after deprovisioning was found in the "
              "available logs.",
          FindingStatus::Confirmed, ids, Owner::Security);
    return;
  }
  for (const std::string& id : b.c.timeline) {
    const Evidence* e = lookup(b.index, id);
    if (e != nullptr && e->kind == evidence_kind::kObjectAccess) add_ids(ids, {id});
  }
  b.add("No access by this account after deprovisioning was found in the available logs.",
        FindingStatus::Confirmed, ids, Owner::Security);
}

void add_unattributed(Builder& b) {
  if (!b.c.cannot_rule_out.empty()) {
    std::vector<std::string> ids;
    for (const AttributedAccess& a : b.c.cannot_rule_out) {
      add_ids(ids, {a.evidence_id});
      add_ids(ids, a.chain);
    }
    const std::string& why = b.c.cannot_rule_out.front().reasoning;
    b.add(count_noun(b.c.cannot_rule_out.size(), "read") + " of " +
              join_list(detail::distinct_object_names(b.c.cannot_rule_out)) +
              " after deprovisioning could not be attributed to this account, nor ruled out" +
              (why.empty() ? "." : ": " + why),
          FindingStatus::Hypothesis, ids, Owner::Security);
  }
  if (!b.c.boundary_events.empty()) {
    b.add(count_noun(b.c.boundary_events.size(), "event") +
              " happened within the clock-skew tolerance of the deprovisioning time, so their "
              "order relative to it is uncertain.",
          FindingStatus::Hypothesis, b.c.boundary_events, Owner::Security);
  }
}

void add_presign_lifetime(Builder& b) {
  const auto presigns = detail::long_lived_presigns(b.c, b.index);
  if (presigns.empty() || b.c.post_deprovision_access.empty()) return;
  std::int64_t ttl = 0;
  std::vector<std::string> ids;
  for (const Evidence* e : presigns) {
    ttl = std::max(ttl, *e->credential_ttl_seconds);
    add_ids(ids, {e->id});
  }
  b.add("Presigned URLs for these objects were issued with a lifetime of " +
            detail::describe_duration(ttl) + " (X-Amz-Expires=" + std::to_string(ttl) +
            "), so links minted before deprovisioning stayed usable after it.",
        FindingStatus::Confirmed, ids, Owner::Engineering);
}

// A policy rule that fired on evidence no finding cites yet still needs a grounded finding.
void add_uncovered_rules(Builder& b, const SecurityDecision& decision) {
  for (const RuleMatch& m : decision.matches) {
    const bool covered =
        std::all_of(m.evidence.begin(), m.evidence.end(), [&](const std::string& id) {
          return std::any_of(b.findings.begin(), b.findings.end(), [&](const Finding& f) {
            return std::find(f.evidence.begin(), f.evidence.end(), id) != f.evidence.end();
          });
        });
    if (!covered) {
      b.add("Security rule " + m.rule_id + " fired: " + m.reason, FindingStatus::Hypothesis,
            m.evidence, Owner::Security);
    }
  }
}

void add_claims(Builder& b, const std::vector<CustomerClaim>& claims) {
  for (const CustomerClaim& claim : claims) {
    std::vector<std::string> ids;
    for (const auto& [id, e] : b.index) {
      if (e->kind == evidence_kind::kTicketComment && e->time == claim.time) ids.push_back(id);
    }
    b.add("The customer reports: \"" + claim.text + "\"", FindingStatus::Unverified, ids,
          Owner::Support);
  }
}

}  // namespace

FindingsResult build_findings(const Correlation& correlation, const SecurityDecision& decision,
                              const std::vector<Evidence>& evidence,
                              const std::vector<CustomerClaim>& claims) {
  const EvidenceIndex index = detail::index_evidence(evidence);
  Builder b{correlation, index, {}};
  const bool benign =
      correlation.post_deprovision_access.empty() && correlation.cannot_rule_out.empty();
  add_deprovision(b);
  add_post_deprovision_access(b);
  add_credential_use(b, benign);
  add_attempts_and_benign(b);
  add_unattributed(b);
  add_presign_lifetime(b);
  add_uncovered_rules(b, decision);
  add_claims(b, claims);

  FindingsResult result;
  result.findings = std::move(b.findings);
  result.questions = detail::open_questions(correlation, index, decision.escalate);
  for (std::size_t i = 0; i < result.questions.size(); ++i) {
    result.questions[i].id = "Q" + std::to_string(i + 1);
  }
  return result;
}

}  // namespace ec::copilot
