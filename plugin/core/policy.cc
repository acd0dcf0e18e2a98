#include "plugin/core/policy.h"

#include <algorithm>
#include <set>

namespace ec {
namespace {

constexpr char kRuleSetVersion[] = "builtin-1";

std::string join_ids(const std::vector<std::string>& ids) {
  std::string text;
  for (const std::string& id : ids) text += (text.empty() ? "" : ", ") + id;
  return text;
}

// Evidence ids of the accesses and of every link in their chains, first-seen order, no repeats.
std::vector<std::string> access_evidence(const std::vector<AttributedAccess>& accesses) {
  std::vector<std::string> ids;
  std::set<std::string> seen;
  const auto add = [&](const std::string& id) {
    if (seen.insert(id).second) ids.push_back(id);
  };
  for (const AttributedAccess& access : accesses) {
    for (const std::string& id : access.chain) add(id);
    add(access.evidence_id);
  }
  return ids;
}

std::vector<std::string> access_ids(const std::vector<AttributedAccess>& accesses) {
  std::vector<std::string> ids;
  for (const AttributedAccess& access : accesses) ids.push_back(access.evidence_id);
  return ids;
}

std::string subject_name(const Subject& subject) {
  if (!subject.login.empty()) return subject.login;
  return subject.id.empty() ? std::string("the subject") : subject.id;
}

std::string count_of(std::size_t n, std::string_view one, std::string_view many) {
  return std::to_string(n) + " " + std::string(n == 1 ? one : many);
}

std::optional<RuleMatch> post_deprovision_access(const Correlation& c) {
  if (c.post_deprovision_access.empty()) return std::nullopt;
  RuleMatch match;
  match.rule_id = "post-deprovision-access";
  match.description = "an attributed, successful data access after deprovisioning";
  match.severity = Severity::Critical;
  match.reason = count_of(c.post_deprovision_access.size(), "successful data access",
                          "successful data accesses") +
                 " after deprovisioning " +
                 (c.post_deprovision_access.size() == 1 ? "was" : "were") + " attributed to " +
                 subject_name(c.subject) + " (" + join_ids(access_ids(c.post_deprovision_access)) +
                 ").";
  match.evidence = access_evidence(c.post_deprovision_access);
  return match;
}

std::optional<RuleMatch> credential_outlived(const Correlation& c) {
  if (c.credential_use_after.empty()) return std::nullopt;
  RuleMatch match;
  match.rule_id = "credential-outlived-deprovision";
  match.description = "a session or token of the subject used after deprovisioning";
  match.severity = Severity::High;
  match.reason = "A session or token of " + subject_name(c.subject) +
                 " was still used after deprovisioning (" + join_ids(c.credential_use_after) +
                 ").";
  match.evidence = c.credential_use_after;
  return match;
}

std::optional<RuleMatch> cannot_rule_out(const Correlation& c) {
  if (c.cannot_rule_out.empty()) return std::nullopt;
  RuleMatch match;
  match.rule_id = "cannot-rule-out";
  match.description = "an access after deprovisioning that cannot be attributed";
  match.severity = Severity::High;
  match.reason = "Possible unauthorized access that we cannot rule out: " +
                 count_of(c.cannot_rule_out.size(), "access", "accesses") +
                 " around or after deprovisioning cannot be attributed (" +
                 join_ids(access_ids(c.cannot_rule_out)) + ").";
  match.evidence = access_evidence(c.cannot_rule_out);
  return match;
}

}  // namespace

std::vector<std::string> SecurityDecision::reasons() const {
  std::vector<std::string> out;
  out.reserve(matches.size());
  for (const RuleMatch& match : matches) out.push_back(match.reason);
  return out;
}

Severity SecurityDecision::severity() const {
  Severity highest = Severity::Low;
  for (const RuleMatch& match : matches) highest = std::max(highest, match.severity);
  return highest;
}

SecurityDecision evaluate_security_policy(const Correlation& correlation) {
  SecurityDecision decision;
  decision.rule_set_version = kRuleSetVersion;
  for (const auto& rule : {post_deprovision_access, credential_outlived, cannot_rule_out}) {
    if (auto match = rule(correlation)) decision.matches.push_back(std::move(*match));
  }
  decision.escalate = !decision.matches.empty();
  return decision;
}

}  // namespace ec
