#include "plugin/copilot/tone_linter.h"

#include <algorithm>
#include <cctype>
#include <regex>

#include "plugin/copilot/sensitive_patterns.h"
#include "plugin/copilot/text_util.h"

namespace ec::copilot {
namespace {

bool is_word_byte(char c) {
  const auto u = static_cast<unsigned char>(c);
  return std::isalnum(u) != 0 || c == '_';
}

// Compiled regexes for every Regex rule, parallel to lint_rules(); built once.
const std::vector<std::vector<std::regex>>& compiled() {
  static const std::vector<std::vector<std::regex>> kCompiled = [] {
    std::vector<std::vector<std::regex>> out;
    for (const LintRule& rule : lint_rules()) {
      std::vector<std::regex> patterns;
      if (rule.kind == PatternKind::Regex) {
        for (std::string_view p : rule.patterns) {
          patterns.emplace_back(std::string(p), std::regex::ECMAScript | std::regex::icase);
        }
      }
      out.push_back(std::move(patterns));
    }
    return out;
  }();
  return kCompiled;
}

void phrase_matches(std::string_view text, std::string_view phrase, std::vector<Span>& out) {
  for (std::size_t pos = ifind(text, phrase); pos != std::string_view::npos;
       pos = ifind(text, phrase, pos + 1)) {
    const std::size_t end = pos + phrase.size();
    const bool left_ok = !is_word_byte(phrase.front()) || pos == 0 || !is_word_byte(text[pos - 1]);
    const bool right_ok =
        !is_word_byte(phrase.back()) || end == text.size() || !is_word_byte(text[end]);
    if (left_ok && right_ok) out.push_back({pos, end});
  }
}

std::vector<Span> matches_for(std::size_t rule_index, const LintRule& rule, std::string_view text) {
  std::vector<Span> spans;
  switch (rule.kind) {
    case PatternKind::Phrases:
      for (std::string_view p : rule.patterns) phrase_matches(text, p, spans);
      break;
    case PatternKind::Regex:
      for (const std::regex& re : compiled()[rule_index]) {
        using Iter = std::regex_iterator<std::string_view::const_iterator>;
        for (Iter it(text.begin(), text.end(), re); it != Iter(); ++it) {
          const auto b = static_cast<std::size_t>(it->position(0));
          spans.push_back({b, b + static_cast<std::size_t>(it->length(0))});
        }
      }
      break;
    case PatternKind::Deadline:
      spans = find_deadline_phrases(text);
      break;
    case PatternKind::SensitiveValue:
      for (const SensitiveMatch& m : find_sensitive_values(text)) spans.push_back({m.begin, m.end});
      break;
  }
  // Longest first at each position, then drop overlaps within the rule.
  std::sort(spans.begin(), spans.end(), [](const Span& a, const Span& b) {
    return a.begin != b.begin ? a.begin < b.begin : a.end > b.end;
  });
  std::vector<Span> kept;
  for (const Span& s : spans) {
    if (kept.empty() || s.begin >= kept.back().end) kept.push_back(s);
  }
  return kept;
}

// Sentences of the linted text and whether each names an owner, computed once per lint() call
// (a text without full stops is one long sentence; rescanning it per match would be quadratic).
class Sentences {
 public:
  explicit Sentences(std::string_view text) : text_(text), spans_(sentence_spans(text)) {
    has_owner_.assign(spans_.size(), -1);
  }

  bool has_owner(std::size_t pos) {
    auto it = std::upper_bound(spans_.begin(), spans_.end(), pos,
                               [](std::size_t p, const Span& s) { return p < s.begin; });
    if (it == spans_.begin() || pos >= std::prev(it)->end) return false;
    const auto index = static_cast<std::size_t>(std::distance(spans_.begin(), it) - 1);
    if (has_owner_[index] < 0) {
      const std::string_view sentence =
          text_.substr(spans_[index].begin, spans_[index].end - spans_[index].begin);
      const auto& markers = owner_markers();
      has_owner_[index] = std::any_of(markers.begin(), markers.end(),
                                      [&](std::string_view m) { return icontains(sentence, m); })
                              ? 1
                              : 0;
    }
    return has_owner_[index] == 1;
  }

 private:
  std::string_view text_;
  std::vector<Span> spans_;
  std::vector<int> has_owner_;  // -1 unknown, 0 no, 1 yes
};

bool applies(const LintRule& rule, const LintContext& ctx, Sentences& sentences, const Span& at) {
  switch (rule.condition) {
    case LintCondition::Always:
      return true;
    case LintCondition::AccessUnresolved:
      return ctx.access_unresolved;
    case LintCondition::BeforeSecurityDecision:
      return !ctx.security_decided;
    case LintCondition::RootCauseUnconfirmed:
      return !ctx.root_cause_confirmed;
    case LintCondition::NoOwnerInSentence:
      return !sentences.has_owner(at.begin);
  }
  return true;
}

std::string render_reason(std::string_view tmpl, std::string_view match) {
  std::string out(tmpl);
  const std::size_t at = out.find("{match}");
  if (at != std::string::npos) out.replace(at, 7, match);
  return out;
}

}  // namespace

std::vector<LintFinding> lint(std::string_view text, const LintContext& context) {
  std::vector<std::pair<std::size_t, LintFinding>> hits;  // (rule index, finding)
  const auto& rules = lint_rules();
  Sentences sentences(text);
  for (std::size_t i = 0; i < rules.size(); ++i) {
    const LintRule& rule = rules[i];
    for (const Span& s : matches_for(i, rule, text)) {
      if (!applies(rule, context, sentences, s)) continue;
      LintFinding f;
      f.rule_id = std::string(rule.id);
      f.begin = s.begin;
      f.end = s.end;
      f.excerpt = std::string(text.substr(s.begin, s.end - s.begin));
      f.reason = render_reason(rule.reason, f.excerpt);
      f.severity = rule.severity;
      hits.emplace_back(i, std::move(f));
    }
  }
  std::stable_sort(hits.begin(), hits.end(), [](const auto& a, const auto& b) {
    return a.second.begin != b.second.begin ? a.second.begin < b.second.begin : a.first < b.first;
  });
  std::vector<LintFinding> out;
  out.reserve(hits.size());
  for (auto& [index, f] : hits) out.push_back(std::move(f));
  return out;
}

}  // namespace ec::copilot
