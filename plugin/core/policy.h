// Security policy: decides whether a case must enter the formal security process. Each rule has
// an id, a description and a severity; the decision lists the rules that fired, the evidence
// they matched and the rule-set version. Pure functions; thread-safe.
#pragma once

#include <string>
#include <vector>

#include "plugin/core/case.h"
#include "plugin/core/correlation.h"

namespace ec {

struct RuleMatch {
  std::string rule_id;               // "post-deprovision-access"
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

// The built-in rule set (issue #6 moves it to a versioned rule file):
//  post-deprovision-access     an attributed, successful access after deprovisioning;
//  credential-outlived-deprovision  a session or token of the subject used after deprovisioning;
//  cannot-rule-out             an access after deprovisioning that cannot be attributed.
SecurityDecision evaluate_security_policy(const Correlation& correlation);

}  // namespace ec
