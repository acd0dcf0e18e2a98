// Fuzz target: security policy rule files (plugin/core/policy.h), the input parsed as JSON
// (nlohmann, discarded inputs skipped) and given to parse_policy_rules().
// Properties: a refusal is InvalidArgument whose message starts with the place ("top level",
// "version", "rules", "rules[i]", "rule '<id>'" or the unknown key) and, for a rule, names the
// field; an accepted set has the file's non-empty version and one rule per entry, ids unique and
// of lower-case letters, digits and '-', non-empty description and reason, min_count in
// 1..1,000,000 and no filters on the non-access signals; written back as a rule file it parses to
// the same set; a copy of its first rule appended is refused ("id: used by an earlier rule"), so
// is an unknown key; evaluated on a correlation with only credential and boundary items, exactly
// the rules on those signals whose min_count the items reach fire, in file order.
#include <cstddef>
#include <cstdint>
#include <set>
#include <string>
#include <string_view>

#include "plugin/core/policy.h"
#include "tests/fuzz/fuzz_check.h"

namespace {

bool is_access_signal(ec::PolicySignal signal) {
  return signal == ec::PolicySignal::PostDeprovisionAccess ||
         signal == ec::PolicySignal::Attempts || signal == ec::PolicySignal::CannotRuleOut;
}

nlohmann::json to_json(const ec::PolicyRuleSet& set) {
  nlohmann::json rules = nlohmann::json::array();
  for (const auto& rule : set.rules) {
    nlohmann::json when = {{"signal", ec::policy_signal_name(rule.signal)}};
    if (!rule.via.empty()) {
      when["via"] = nlohmann::json::array();
      for (const auto via : rule.via) when["via"].push_back(ec::via_name(via));
    }
    if (rule.min_confidence != ec::Confidence::None) {
      when["min_confidence"] = ec::confidence_name(rule.min_confidence);
    }
    if (!rule.actions.empty()) when["actions"] = rule.actions;
    if (rule.min_count != 1) when["min_count"] = rule.min_count;
    rules.push_back({{"id", rule.id},
                     {"description", rule.description},
                     {"severity", ec::severity_name(rule.severity)},
                     {"when", when},
                     {"reason", rule.reason}});
  }
  return {{"version", set.version}, {"rules", rules}};
}

bool same(const ec::PolicyRule& a, const ec::PolicyRule& b) {
  return a.id == b.id && a.description == b.description && a.severity == b.severity &&
         a.signal == b.signal && a.via == b.via && a.min_confidence == b.min_confidence &&
         a.actions == b.actions && a.min_count == b.min_count && a.reason == b.reason;
}

void check_refusal(const nlohmann::json& document, const ec::Error& error) {
  FUZZ_CHECK(error.code == ec::ErrorCode::InvalidArgument);
  const std::string& m = error.message;
  FUZZ_CHECK(!m.empty());
  if (!document.is_object()) {
    FUZZ_CHECK(m.starts_with("top level: "));
    return;
  }
  // An unknown top-level key, named as written (it may look like any other place).
  const std::size_t suffix = std::string_view(": unknown field").size();
  if (m.ends_with(": unknown field") && document.contains(m.substr(0, m.size() - suffix))) return;
  if (m.starts_with("rules[")) {
    FUZZ_CHECK(m.find("]: ") != std::string::npos);
    return;
  }
  if (m.starts_with("rule '")) {
    // "rule '<id>': <field>: <what>"; an unknown key is named as written, even "".
    const std::size_t label_end = m.find("': ");
    FUZZ_CHECK(label_end != std::string::npos);
    const std::string_view rest = std::string_view(m).substr(label_end + 3);
    const std::size_t field_end = rest.find(": ");
    FUZZ_CHECK(field_end != std::string_view::npos);
    FUZZ_CHECK(field_end > 0 || m.ends_with(": unknown field"));
    return;
  }
  FUZZ_CHECK(m.starts_with("version: ") || m.starts_with("rules: "));
}

void check_accepted(const nlohmann::json& document, const ec::PolicyRuleSet& set) {
  FUZZ_CHECK(!set.version.empty() && set.version == document.at("version").get<std::string>());
  FUZZ_CHECK(!set.rules.empty() && set.rules.size() == document.at("rules").size());
  std::set<std::string> ids;
  for (const auto& rule : set.rules) {
    FUZZ_CHECK(ids.insert(rule.id).second);
    FUZZ_CHECK(!rule.id.empty());
    for (const char c : rule.id) {
      FUZZ_CHECK((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-');
    }
    FUZZ_CHECK(!rule.description.empty() && !rule.reason.empty());
    FUZZ_CHECK(rule.min_count >= 1 && rule.min_count <= 1'000'000);
    if (!is_access_signal(rule.signal)) {
      FUZZ_CHECK(rule.via.empty() && rule.min_confidence == ec::Confidence::None &&
                 rule.actions.empty());
    }
  }

  const auto again = ec::parse_policy_rules(to_json(set));
  FUZZ_CHECK(again.has_value());
  FUZZ_CHECK(again->version == set.version && again->rules.size() == set.rules.size());
  for (std::size_t i = 0; i < set.rules.size(); ++i) {
    FUZZ_CHECK(same(again->rules[i], set.rules[i]));
  }

  nlohmann::json duplicate = document;
  duplicate["rules"].push_back(document["rules"][0]);
  const auto refused = ec::parse_policy_rules(duplicate);
  FUZZ_CHECK(!refused.has_value());
  check_refusal(duplicate, refused.error());
  FUZZ_CHECK(refused.error().message ==
             "rule '" + set.rules[0].id + "': id: used by an earlier rule");

  nlohmann::json typo = document;
  typo["rules"][0]["when"]["min_cuont"] = 2;
  const auto typo_refused = ec::parse_policy_rules(typo);
  FUZZ_CHECK(!typo_refused.has_value());
  FUZZ_CHECK(typo_refused.error().message.find("when.min_cuont: unknown field") !=
             std::string::npos);

  ec::Correlation correlation;
  correlation.subject.id = "u1";
  correlation.credential_use_after = {"ev-1", "ev-2"};
  correlation.boundary_events = {"ev-3"};
  const ec::SecurityDecision decision = ec::evaluate_security_policy(correlation, set);
  FUZZ_CHECK(decision.rule_set_version == set.version);
  std::size_t next = 0;
  for (const auto& rule : set.rules) {
    const int items = rule.signal == ec::PolicySignal::CredentialUseAfter ? 2
                      : rule.signal == ec::PolicySignal::BoundaryEvents   ? 1
                                                                          : 0;
    if (items == 0 || items < rule.min_count) continue;
    FUZZ_CHECK(next < decision.matches.size());
    FUZZ_CHECK(decision.matches[next].rule_id == rule.id);
    FUZZ_CHECK(decision.matches[next].severity == rule.severity);
    ++next;
  }
  FUZZ_CHECK(next == decision.matches.size());
  FUZZ_CHECK(decision.escalate == !decision.matches.empty());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto document = nlohmann::json::parse(text, nullptr, false);
  if (document.is_discarded()) return 0;
  const auto parsed = ec::parse_policy_rules(document);
  if (!parsed) {
    check_refusal(document, parsed.error());
    return 0;
  }
  check_accepted(document, *parsed);
  return 0;
}
