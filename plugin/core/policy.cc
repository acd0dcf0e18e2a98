#include "plugin/core/policy.h"

#include <algorithm>
#include <set>

#include "plugin/core/enum_names.h"

namespace ec {
namespace {

using nlohmann::json;

constexpr enum_names::Table<PolicySignal, 5> kSignals{{
    {PolicySignal::PostDeprovisionAccess, "post_deprovision_access"},
    {PolicySignal::Attempts, "attempts"},
    {PolicySignal::CannotRuleOut, "cannot_rule_out"},
    {PolicySignal::CredentialUseAfter, "credential_use_after"},
    {PolicySignal::BoundaryEvents, "boundary_events"},
}};

bool is_access_signal(PolicySignal signal) {
  return signal == PolicySignal::PostDeprovisionAccess || signal == PolicySignal::Attempts ||
         signal == PolicySignal::CannotRuleOut;
}

// Higher is stronger; None is the weakest.
int confidence_rank(Confidence c) {
  switch (c) {
    case Confidence::High:
      return 3;
    case Confidence::Medium:
      return 2;
    case Confidence::Low:
      return 1;
    case Confidence::None:
      return 0;
  }
  return 0;
}

template <class Enum, std::size_t N>
Result<Enum> parse_by_name(const std::array<Enum, N>& values, std::string_view (*name_of)(Enum),
                           std::string_view name, std::string_view what) {
  std::string expected;
  for (const Enum value : values) {
    if (name_of(value) == name) return value;
    expected += (expected.empty() ? "" : ", ") + std::string(name_of(value));
  }
  return make_error(ErrorCode::InvalidArgument, "unknown " + std::string(what) + " '" +
                                                    std::string(name) + "' (expected " +
                                                    expected + ")");
}

constexpr std::array<Via, 6> kAllVias{Via::Direct,       Via::Session,     Via::ApiToken,
                                      Via::PresignedUrl, Via::RoleSession, Via::Unknown};
constexpr std::array<Confidence, 4> kAllConfidences{Confidence::High, Confidence::Medium,
                                                    Confidence::Low, Confidence::None};

// ---- parsing -------------------------------------------------------------------------------

class RuleReader {
 public:
  RuleReader(const json& rule, std::string label) : rule_(rule), label_(std::move(label)) {}

  Error error(const std::string& field, const std::string& what) const {
    return Error{ErrorCode::InvalidArgument, label_ + ": " + field + ": " + what};
  }

  Result<std::string> string(const json& object, const std::string& field,
                             const std::string& key) const {
    const auto found = object.find(key);
    if (found == object.end()) return std::unexpected(error(field, "is required"));
    if (!found->is_string() || found->get_ref<const std::string&>().empty()) {
      return std::unexpected(error(field, "expected a non-empty string"));
    }
    return found->get<std::string>();
  }

  Result<std::vector<std::string>> strings(const json& object, const std::string& field,
                                           const std::string& key) const {
    std::vector<std::string> out;
    const auto found = object.find(key);
    if (found == object.end()) return out;
    if (!found->is_array() || found->empty()) {
      return std::unexpected(error(field, "expected a non-empty array of strings"));
    }
    for (const auto& item : *found) {
      if (!item.is_string()) {
        return std::unexpected(error(field, "expected a non-empty array of strings"));
      }
      out.push_back(item.get<std::string>());
    }
    return out;
  }

  Status only_keys(const json& object, const std::string& where,
                   std::initializer_list<std::string_view> allowed) const {
    for (const auto& [key, value] : object.items()) {
      if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
        return std::unexpected(error(where.empty() ? key : where + "." + key, "unknown field"));
      }
    }
    return {};
  }

  const json& rule() const { return rule_; }

 private:
  const json& rule_;
  std::string label_;
};

// Checks the reason template's placeholders so a typo fails at load, not in a decision.
Status check_template(const RuleReader& reader, const std::string& text) {
  for (std::size_t at = text.find('{'); at != std::string::npos; at = text.find('{', at + 1)) {
    const auto end = text.find('}', at);
    if (end == std::string::npos) return std::unexpected(reader.error("reason", "unclosed '{'"));
    const std::string name = text.substr(at + 1, end - at - 1);
    const bool plural = name.starts_with("count:") && name.find('|') != std::string::npos;
    if (!plural && name != "count" && name != "subject" && name != "accesses" &&
        name != "evidence") {
      return std::unexpected(reader.error(
          "reason", "unknown placeholder {" + name +
                        "} (expected {count}, {subject}, {accesses}, {evidence}, "
                        "{count:one|many})"));
    }
  }
  return {};
}

Result<PolicyRule> parse_rule(const json& item, std::size_t index) {
  const std::string fallback = "rules[" + std::to_string(index) + "]";
  std::string label = fallback;
  if (item.is_object() && item.contains("id") && item["id"].is_string()) {
    label = "rule '" + item["id"].get<std::string>() + "'";
  }
  if (!item.is_object()) {
    return make_error(ErrorCode::InvalidArgument, fallback + ": expected an object");
  }
  RuleReader reader(item, label);
  EC_RETURN_IF_ERROR(
      reader.only_keys(item, "", {"id", "description", "severity", "when", "reason"}));
  PolicyRule rule;
  auto id = reader.string(item, "id", "id");
  if (!id) return std::unexpected(id.error());
  for (const char c : *id) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) {
      return std::unexpected(reader.error("id", "use lower-case letters, digits and '-'"));
    }
  }
  rule.id = *id;
  auto description = reader.string(item, "description", "description");
  if (!description) return std::unexpected(description.error());
  rule.description = *description;
  auto severity_text = reader.string(item, "severity", "severity");
  if (!severity_text) return std::unexpected(severity_text.error());
  auto severity = parse_severity(*severity_text);
  if (!severity) return std::unexpected(reader.error("severity", severity.error().message));
  rule.severity = *severity;
  auto reason = reader.string(item, "reason", "reason");
  if (!reason) return std::unexpected(reason.error());
  EC_RETURN_IF_ERROR(check_template(reader, *reason));
  rule.reason = *reason;

  const auto when = item.find("when");
  if (when == item.end() || !when->is_object()) {
    return std::unexpected(reader.error("when", "expected an object with a 'signal'"));
  }
  EC_RETURN_IF_ERROR(reader.only_keys(*when, "when",
                                      {"signal", "via", "min_confidence", "actions", "min_count"}));
  auto signal_text = reader.string(*when, "when.signal", "signal");
  if (!signal_text) return std::unexpected(signal_text.error());
  auto signal = enum_names::parse(kSignals, *signal_text, "signal");
  if (!signal) return std::unexpected(reader.error("when.signal", signal.error().message));
  rule.signal = *signal;
  const bool filters = when->contains("via") || when->contains("min_confidence") ||
                       when->contains("actions");
  if (filters && !is_access_signal(rule.signal)) {
    return std::unexpected(reader.error(
        "when", "via, min_confidence and actions apply only to the access signals "
                "(post_deprovision_access, attempts, cannot_rule_out)"));
  }
  auto vias = reader.strings(*when, "when.via", "via");
  if (!vias) return std::unexpected(vias.error());
  for (const auto& name : *vias) {
    auto via = parse_by_name(kAllVias, via_name, name, "via");
    if (!via) return std::unexpected(reader.error("when.via", via.error().message));
    rule.via.push_back(*via);
  }
  if (when->contains("min_confidence")) {
    auto text = reader.string(*when, "when.min_confidence", "min_confidence");
    if (!text) return std::unexpected(text.error());
    auto confidence = parse_by_name(kAllConfidences, confidence_name, *text, "confidence");
    if (!confidence) {
      return std::unexpected(reader.error("when.min_confidence", confidence.error().message));
    }
    rule.min_confidence = *confidence;
  }
  auto actions = reader.strings(*when, "when.actions", "actions");
  if (!actions) return std::unexpected(actions.error());
  rule.actions = *actions;
  if (const auto count = when->find("min_count"); count != when->end()) {
    if (!count->is_number_integer() || count->get<long long>() < 1 ||
        count->get<long long>() > 1'000'000) {
      return std::unexpected(reader.error("when.min_count", "expected an integer >= 1"));
    }
    rule.min_count = count->get<int>();
  }
  return rule;
}

// ---- evaluation ----------------------------------------------------------------------------

std::string join_ids(const std::vector<std::string>& ids) {
  std::string text;
  for (const std::string& id : ids) text += (text.empty() ? "" : ", ") + id;
  return text;
}

std::string subject_name(const Subject& subject) {
  if (!subject.login.empty()) return subject.login;
  return subject.id.empty() ? std::string("the subject") : subject.id;
}

struct Matched {
  std::vector<std::string> items;     // ids of the accesses or events that passed
  std::vector<std::string> evidence;  // those ids plus their attribution chains, no repeats
};

bool passes(const PolicyRule& rule, const AttributedAccess& access) {
  if (!rule.via.empty() &&
      std::find(rule.via.begin(), rule.via.end(), access.via) == rule.via.end()) {
    return false;
  }
  if (confidence_rank(access.confidence) < confidence_rank(rule.min_confidence)) return false;
  if (!rule.actions.empty() &&
      std::find(rule.actions.begin(), rule.actions.end(), access.action) == rule.actions.end()) {
    return false;
  }
  return true;
}

Matched match_accesses(const PolicyRule& rule, const std::vector<AttributedAccess>& accesses) {
  Matched out;
  std::set<std::string> seen;
  const auto add = [&](const std::string& id) {
    if (seen.insert(id).second) out.evidence.push_back(id);
  };
  for (const AttributedAccess& access : accesses) {
    if (!passes(rule, access)) continue;
    out.items.push_back(access.evidence_id);
    for (const std::string& id : access.chain) add(id);
    add(access.evidence_id);
  }
  return out;
}

Matched match(const PolicyRule& rule, const Correlation& c) {
  switch (rule.signal) {
    case PolicySignal::PostDeprovisionAccess:
      return match_accesses(rule, c.post_deprovision_access);
    case PolicySignal::Attempts:
      return match_accesses(rule, c.attempts);
    case PolicySignal::CannotRuleOut:
      return match_accesses(rule, c.cannot_rule_out);
    case PolicySignal::CredentialUseAfter:
      return Matched{c.credential_use_after, c.credential_use_after};
    case PolicySignal::BoundaryEvents:
      return Matched{c.boundary_events, c.boundary_events};
  }
  return {};
}

std::string render_reason(const std::string& text, const Matched& matched, const Subject& subject) {
  std::string out;
  const std::size_t count = matched.items.size();
  std::size_t at = 0;
  while (at < text.size()) {
    const auto open = text.find('{', at);
    if (open == std::string::npos) {
      out += text.substr(at);
      break;
    }
    out += text.substr(at, open - at);
    const auto close = text.find('}', open);
    const std::string name = text.substr(open + 1, close - open - 1);
    if (name == "count") {
      out += std::to_string(count);
    } else if (name == "subject") {
      out += subject_name(subject);
    } else if (name == "accesses") {
      out += join_ids(matched.items);
    } else if (name == "evidence") {
      out += join_ids(matched.evidence);
    } else {  // count:one|many (validated at parse time)
      const std::string forms = name.substr(6);
      const auto bar = forms.find('|');
      out += count == 1 ? forms.substr(0, bar) : forms.substr(bar + 1);
    }
    at = close + 1;
  }
  return out;
}

}  // namespace

std::string_view policy_signal_name(PolicySignal signal) {
  return enum_names::name_of(kSignals, signal);
}

Result<PolicyRuleSet> parse_policy_rules(const json& document) {
  if (!document.is_object()) {
    return make_error(ErrorCode::InvalidArgument, "top level: expected an object");
  }
  for (const auto& [key, value] : document.items()) {
    if (key != "version" && key != "rules") {
      return make_error(ErrorCode::InvalidArgument, key + ": unknown field");
    }
  }
  PolicyRuleSet set;
  const auto version = document.find("version");
  if (version == document.end() || !version->is_string() ||
      version->get_ref<const std::string&>().empty()) {
    return make_error(ErrorCode::InvalidArgument, "version: expected a non-empty string");
  }
  set.version = version->get<std::string>();
  const auto rules = document.find("rules");
  if (rules == document.end() || !rules->is_array() || rules->empty()) {
    return make_error(ErrorCode::InvalidArgument, "rules: expected a non-empty array");
  }
  std::set<std::string> ids;
  for (std::size_t i = 0; i < rules->size(); ++i) {
    auto rule = parse_rule((*rules)[i], i);
    if (!rule) return std::unexpected(rule.error());
    if (!ids.insert(rule->id).second) {
      return make_error(ErrorCode::InvalidArgument,
                        "rule '" + rule->id + "': id: used by an earlier rule");
    }
    set.rules.push_back(std::move(*rule));
  }
  return set;
}

const PolicyRuleSet& default_policy_rules() {
  static const PolicyRuleSet rules = [] {
    auto parsed = parse_policy_rules(json::parse(default_policy_rules_text()));
    // The text is compiled in and checked by a unit test; a failure here is a build defect.
    return parsed ? std::move(*parsed) : PolicyRuleSet{};
  }();
  return rules;
}

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

SecurityDecision evaluate_security_policy(const Correlation& correlation,
                                          const PolicyRuleSet& rules) {
  SecurityDecision decision;
  decision.rule_set_version = rules.version;
  for (const PolicyRule& rule : rules.rules) {
    Matched matched = match(rule, correlation);
    if (matched.items.empty() || matched.items.size() < static_cast<std::size_t>(rule.min_count)) {
      continue;
    }
    RuleMatch m;
    m.rule_id = rule.id;
    m.description = rule.description;
    m.severity = rule.severity;
    m.reason = render_reason(rule.reason, matched, correlation.subject);
    m.evidence = std::move(matched.evidence);
    decision.matches.push_back(std::move(m));
  }
  decision.escalate = !decision.matches.empty();
  return decision;
}

SecurityDecision evaluate_security_policy(const Correlation& correlation) {
  return evaluate_security_policy(correlation, default_policy_rules());
}

}  // namespace ec
