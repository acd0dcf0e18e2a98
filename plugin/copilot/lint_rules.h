// The tone and responsibility linter's rule set, as data: a versioned table of rules (id,
// description, how the rule matches, severity, reason template, and the condition under which
// it applies), plus the phrases that name an owner in a sentence. Edit the table, bump the
// version. Immutable static data; thread-safe.
#pragma once

#include <string_view>
#include <vector>

namespace ec::copilot {

enum class PatternKind {
  Phrases,         // case-insensitive phrases, matched on word boundaries
  Regex,           // ECMAScript regexes, case-insensitive
  Deadline,        // deadline phrases ("by Friday", "within 24 hours"), see text_util.h
  SensitiveValue,  // raw emails, IPs, file names, tokens, ... (see sensitive_patterns.h)
};

enum class LintSeverity { Warning, Error };
std::string_view lint_severity_name(LintSeverity severity);

// When a rule applies. Sentence-level conditions look at the sentence around the match.
enum class LintCondition {
  Always,
  AccessUnresolved,        // only while access is unresolved or escalated
  BeforeSecurityDecision,  // only before security has decided
  RootCauseUnconfirmed,    // only while the root cause is a hypothesis
  NoOwnerInSentence,       // only when the sentence names no owner (see owner_markers())
};

struct LintRule {
  std::string_view id;
  std::string_view description;
  PatternKind kind = PatternKind::Phrases;
  std::vector<std::string_view> patterns;
  LintSeverity severity = LintSeverity::Warning;
  std::string_view reason;  // "{match}" is replaced by the matched text
  LintCondition condition = LintCondition::Always;
};

// "tone-rules/2": changes whenever the table changes.
std::string_view lint_rule_set_version();
const std::vector<LintRule>& lint_rules();

// Phrases that make a sentence owned: a named team, the case lead, a person placeholder, "I".
const std::vector<std::string_view>& owner_markers();

}  // namespace ec::copilot
