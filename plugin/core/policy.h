// Security policy: decides whether a case must enter the formal security process. The rules are
// data: a versioned rule file (JSON, see docs/policy-rules.md) parsed and validated here, with a
// built-in default (plugin/core/policy/default_rules.json, compiled in). Each rule has an id, a
// description, a severity, a condition on one correlation signal and a reason template; the
// decision lists the rules that fired, the evidence they matched and the rule-set version.
// Pure functions over plain values; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "plugin/core/case.h"
#include "plugin/core/correlation.h"
#include "plugin/core/result.h"

namespace ec {

// What a rule looks at in the correlation.
enum class PolicySignal {
  PostDeprovisionAccess,  // attributed, successful accesses after deprovisioning
  Attempts,               // attributed, failed accesses (403, expired link)
  CannotRuleOut,          // accesses after deprovisioning that cannot be attributed
  CredentialUseAfter,     // sessions/tokens of the subject used after deprovisioning
  BoundaryEvents,         // events inside the clock-skew tolerance of the deprovisioning time
};
std::string_view policy_signal_name(PolicySignal signal);

struct PolicyRule {
  std::string id;            // "post-deprovision-access"
  std::string description;
  Severity severity = Severity::High;
  PolicySignal signal = PolicySignal::PostDeprovisionAccess;
  // Filters for access signals; empty = any. An access passes when its via is listed, its
  // confidence is at least min_confidence and its action is listed.
  std::vector<Via> via;
  Confidence min_confidence = Confidence::None;
  std::vector<std::string> actions;
  int min_count = 1;         // the rule fires when at least this many items pass
  // Placeholders: {count}, {subject}, {accesses} (ids of the matched items), {evidence} (those
  // ids and their attribution chains), {count:one|many} (the word for the count).
  std::string reason;
};

struct PolicyRuleSet {
  std::string version;       // recorded with every decision ("default-2")
  std::vector<PolicyRule> rules;
};

// Validates a rule file. InvalidArgument naming the rule and the field, e.g.
// "rule 'cannot-rule-out': when.signal: unknown signal 'cannot_rule'"; unknown keys are errors
// too (a typo in a security rule must not silently widen or narrow it).
[[nodiscard]] Result<PolicyRuleSet> parse_policy_rules(const nlohmann::json& document);

// The compiled-in default rule file, parsed (it is validated by a unit test).
const PolicyRuleSet& default_policy_rules();
std::string_view default_policy_rules_text();

struct RuleMatch {
  std::string rule_id;
  std::string description;
  Severity severity = Severity::High;
  std::string reason;                // the sentence shown to the lead and security
  std::vector<std::string> evidence;
};

struct SecurityDecision {
  bool escalate = false;
  std::vector<RuleMatch> matches;
  std::string rule_set_version;
  [[nodiscard]] std::vector<std::string> reasons() const;
  [[nodiscard]] Severity severity() const;  // highest severity among matches, Low when none
};

SecurityDecision evaluate_security_policy(const Correlation& correlation,
                                          const PolicyRuleSet& rules);
// With default_policy_rules().
SecurityDecision evaluate_security_policy(const Correlation& correlation);

}  // namespace ec
