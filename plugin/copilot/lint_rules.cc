#include "plugin/copilot/lint_rules.h"

namespace ec::copilot {

std::string_view lint_severity_name(LintSeverity severity) {
  return severity == LintSeverity::Error ? "error" : "warning";
}

std::string_view lint_rule_set_version() { return "tone-rules/2"; }

const std::vector<LintRule>& lint_rules() {
  static const std::vector<LintRule> kRules{
      {"overclaim-no-access",
       "Claims that no data was accessed while access is unresolved or escalated",
       PatternKind::Phrases,
       {"no data was accessed", "no data has been accessed", "no data was exposed",
        "no data has been exposed", "no unauthorized access", "no unauthorised access",
        "your data is safe", "your data is secure", "your data remains secure",
        "your data was not accessed", "your files were not accessed", "was not accessed",
        "were not accessed", "nobody accessed", "no one accessed", "no one else accessed",
        "no access occurred", "there was no access", "nothing was accessed",
        "nothing left our systems", "nothing more to worry about", "nothing to worry about",
        "did not keep any copies", "no copies were kept", "no copies were made"},
       LintSeverity::Error,
       "'{match}' claims there was no access while access is unresolved; state what is "
       "confirmed and what is still being verified",
       LintCondition::AccessUnresolved},
      {"certainty-overclaim",
       "Certainty beyond what evidence can show",
       PatternKind::Phrases,
       {"definitely", "certainly", "without a doubt", "without any doubt", "beyond doubt",
        "guarantee", "guaranteed", "guarantees", "100%", "absolutely", "conclusively",
        "we are certain", "we are sure", "there is no doubt", "we can assure you",
        "rest assured", "the problem is solved", "the issue is solved", "is fully resolved"},
       LintSeverity::Error,
       "'{match}' expresses certainty the evidence does not give; say what the evidence shows",
       LintCondition::Always},
      {"confirmation-while-unresolved",
       "Presents something as confirmed while the investigation is unresolved",
       PatternKind::Phrases,
       {"we have confirmed that", "we can confirm that", "we confirmed that",
        "it is confirmed that", "it has been confirmed that", "we have verified that"},
       LintSeverity::Warning,
       "'{match}' while access is unresolved: keep it to findings that cite evidence, and put "
       "everything else under what is still being verified",
       LintCondition::AccessUnresolved},
      {"root-cause-claim",
       "Names a root cause while it is still a hypothesis",
       PatternKind::Phrases,
       {"root cause", "the cause was", "was caused by", "is caused by", "were caused by",
        "this happened because", "the reason this happened", "due to a bug"},
       LintSeverity::Error,
       "'{match}' names a cause that is still a hypothesis; describe it as being verified",
       LintCondition::RootCauseUnconfirmed},
      {"legal-term",
       "Legal or regulatory terms before security has decided",
       PatternKind::Regex,
       {R"(\bbreach(es|ed)?\b)", R"(\bdata\s{1,3}leaks?\b)", R"(\bleak(ed|s)?\b)",
        R"(\bcompromised?\b)", R"(\bexfiltrat[a-z]{0,6})", R"(\bnotifiable\b)"},
       LintSeverity::Error,
       "'{match}' is a legal or regulatory term; only the security team may use it, after it "
       "has decided",
       LintCondition::BeforeSecurityDecision},
      {"blame",
       "Blames a person or party",
       PatternKind::Regex,
       {R"([a-z0-9-]{1,40}('|’)s\s{1,3}fault\b)", R"(\b(his|her|their|your|our)\s{1,3}fault\b)",
        R"(\bfault\s{1,3}of\b)", R"(\bhuman\s{1,3}error\s{1,3}(by|of|from)\b)",
        R"(\bnegligen(ce|t)\b)", R"(\bto\s{1,3}blame\b)", R"(\bblamed?\b)", R"(\brogue\b)",
        R"(\bcareless(ly|ness)?\b)"},
       LintSeverity::Error,
       "'{match}' assigns blame; describe what happened and what is being done",
       LintCondition::Always},
      {"unbounded-promise",
       "Promises no one can keep",
       PatternKind::Phrases,
       {"never happen again", "will never happen", "won't happen again", "will not happen again",
        "can never happen", "we guarantee", "we promise", "fully resolved", "permanently fixed",
        "completely secure", "100% secure", "rest assured", "nothing like this will"},
       LintSeverity::Error,
       "'{match}' is a promise without bounds; commit to specific, owned next steps instead",
       LintCondition::Always},
      {"unowned-date",
       "A date or deadline with no owner in the same sentence",
       PatternKind::Deadline,
       {},
       LintSeverity::Warning,
       "'{match}' sets a deadline but the sentence names no owner (support, engineering or "
       "security team, or a named person)",
       LintCondition::NoOwnerInSentence},
      {"next-step-without-owner",
       "A commitment or next step with no owner in the sentence",
       PatternKind::Phrases,
       {"we will", "we'll", "we’ll", "we are going to", "we plan to", "we intend to",
        "will follow up", "will be provided", "will be shared", "will be sent", "will be updated",
        "will get back", "someone will", "will be in touch", "will reach out", "will be fixed"},
       LintSeverity::Warning,
       "'{match}' commits to a next step without saying who owns it",
       LintCondition::NoOwnerInSentence},
      {"raw-sensitive-value",
       "A raw email, IP, file name, account id or token is visible",
       PatternKind::SensitiveValue,
       {},
       LintSeverity::Error,
       "'{match}' looks like a raw sensitive value; use its placeholder, and reveal it only "
       "deliberately",
       LintCondition::Always},
  };
  return kRules;
}

const std::vector<std::string_view>& owner_markers() {
  static const std::vector<std::string_view> kMarkers{
      "support team",  "engineering team", "security team", "our support",   "our engineering",
      "our engineers", "our security",     "case lead",     "incident lead", "account manager",
      "<PERSON_",      "owner:",           "owned by",      "i will",        "i'll",
      "i’ll",          "i am going to"};
  return kMarkers;
}

}  // namespace ec::copilot
