#include "plugin/core/policy.h"

#include <functional>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace ec {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

AttributedAccess access(std::string id, std::vector<std::string> chain, Via via) {
  AttributedAccess a;
  a.evidence_id = std::move(id);
  a.time = make_utc(2025, 3, 11, 17, 6, 10);
  a.object = "support-attachments/tickets/48213/att_9f3c/invoice_backup_2024Q4.xlsx";
  a.action = "download";
  a.via = via;
  a.confidence = via == Via::Unknown ? Confidence::None : Confidence::High;
  a.chain = std::move(chain);
  a.succeeded = true;
  return a;
}

Correlation base() {
  Correlation c;
  c.subject.id = "00uvN5sfRJXkWbFmgpsX";
  c.subject.login = "dario.mq@contractors.brightwell.example";
  c.subject.deprovisioned_at = make_utc(2025, 3, 11, 16, 45, 12);
  return c;
}

std::vector<std::string> rule_ids(const SecurityDecision& d) {
  std::vector<std::string> ids;
  for (const auto& m : d.matches) ids.push_back(m.rule_id);
  return ids;
}

TEST(SecurityPolicy, NothingAfterDeprovisioningDoesNotEscalate) {
  const auto d = evaluate_security_policy(base());
  EXPECT_FALSE(d.escalate);
  EXPECT_THAT(d.matches, IsEmpty());
  EXPECT_THAT(d.reasons(), IsEmpty());
  EXPECT_EQ(d.severity(), Severity::Low);
  EXPECT_EQ(d.rule_set_version, "default-2");
}

TEST(SecurityPolicy, BlockedAttemptsAloneDoNotEscalate) {
  Correlation c = base();
  AttributedAccess blocked = access("E6", {"E3", "E6"}, Via::PresignedUrl);
  blocked.succeeded = false;
  c.attempts.push_back(blocked);
  c.gaps.push_back("no s3_access_log records between 2025-03-11T17:20:03Z and 2025-03-12T08:55:02Z");
  const auto d = evaluate_security_policy(c);
  EXPECT_FALSE(d.escalate);
  EXPECT_EQ(d.severity(), Severity::Low);
}

TEST(SecurityPolicy, AttributedAccessAfterDeprovisioningIsCritical) {
  Correlation c = base();
  c.post_deprovision_access = {access("E12", {"E3", "E12"}, Via::PresignedUrl),
                               access("E13", {"E4", "E13"}, Via::PresignedUrl)};
  const auto d = evaluate_security_policy(c);
  EXPECT_TRUE(d.escalate);
  ASSERT_THAT(rule_ids(d), ElementsAre("post-deprovision-access"));
  const auto& m = d.matches[0];
  EXPECT_EQ(m.severity, Severity::Critical);
  EXPECT_FALSE(m.description.empty());
  EXPECT_THAT(m.evidence, ElementsAre("E3", "E12", "E4", "E13"));
  EXPECT_THAT(m.reason, HasSubstr("2 successful data accesses"));
  EXPECT_THAT(m.reason, HasSubstr("E12, E13"));
  EXPECT_EQ(d.severity(), Severity::Critical);
}

TEST(SecurityPolicy, CredentialThatOutlivedDeprovisioningIsHigh) {
  Correlation c = base();
  c.credential_use_after = {"E9", "E10"};
  const auto d = evaluate_security_policy(c);
  EXPECT_TRUE(d.escalate);
  ASSERT_THAT(rule_ids(d), ElementsAre("credential-outlived-deprovision"));
  EXPECT_EQ(d.matches[0].severity, Severity::High);
  EXPECT_THAT(d.matches[0].evidence, ElementsAre("E9", "E10"));
  EXPECT_THAT(d.matches[0].reason, HasSubstr("E9, E10"));
  EXPECT_EQ(d.severity(), Severity::High);
}

TEST(SecurityPolicy, UnattributableAccessCannotBeRuledOut) {
  Correlation c = base();
  c.cannot_rule_out = {access("E7", {"E7"}, Via::Unknown)};
  const auto d = evaluate_security_policy(c);
  EXPECT_TRUE(d.escalate);
  ASSERT_THAT(rule_ids(d), ElementsAre("cannot-rule-out"));
  EXPECT_EQ(d.matches[0].severity, Severity::High);
  EXPECT_THAT(d.matches[0].evidence, ElementsAre("E7"));
  ASSERT_EQ(d.reasons().size(), 1u);
  EXPECT_THAT(d.reasons()[0], HasSubstr("cannot rule out"));
}

TEST(SecurityPolicy, AllRulesFireInOrderAndTheHighestSeverityWins) {
  Correlation c = base();
  c.post_deprovision_access = {access("E12", {"E3", "E12"}, Via::PresignedUrl)};
  c.credential_use_after = {"E9"};
  c.cannot_rule_out = {access("E7", {"E7"}, Via::Unknown)};
  const auto d = evaluate_security_policy(c);
  EXPECT_THAT(rule_ids(d), ElementsAre("post-deprovision-access", "credential-outlived-deprovision",
                                       "cannot-rule-out"));
  EXPECT_EQ(d.reasons().size(), 3u);
  EXPECT_EQ(d.severity(), Severity::Critical);
}

// End to end through correlate(): a CDN read with no principal escalates as "cannot rule out"
// only, never as confirmed access (evidence-sources.md 7.9).
TEST(SecurityPolicy, AmbiguousCdnVariantEscalatesAsCannotRuleOut) {
  Evidence edge;
  edge.id = "E1";
  edge.source = "cloudfront";
  edge.kind = evidence_kind::kObjectAccess;
  edge.time = make_utc(2025, 3, 11, 17, 6, 11);
  edge.action = "preview";
  edge.principal = "-";
  edge.outcome = Outcome::Success;
  edge.object = "cdn.brightwell.example/previews/48213/att_9f3c/invoice_backup_2024Q4.page1.webp";
  Correlation c = base();
  c = correlate(c.subject, {edge}, {}, CorrelationOptions{});
  const auto d = evaluate_security_policy(c);
  EXPECT_TRUE(d.escalate);
  EXPECT_THAT(rule_ids(d), ElementsAre("cannot-rule-out"));
}

// ---- the rule file -----------------------------------------------------------------------

nlohmann::json minimal_rules() {
  return nlohmann::json::parse(R"({
    "version": "acme-7",
    "rules": [{
      "id": "many-attempts",
      "description": "Repeated refused attempts on customer attachments after deprovisioning",
      "severity": "medium",
      "when": {"signal": "attempts", "via": ["presigned_url"], "min_count": 2},
      "reason": "{count} refused {count:attempt|attempts} by {subject} ({accesses})."
    }]
  })");
}

TEST(PolicyRuleFile, TheDefaultFileParsesAndCoversTheThreeRequiredRules) {
  auto parsed = parse_policy_rules(nlohmann::json::parse(default_policy_rules_text()));
  ASSERT_TRUE(parsed.has_value()) << parsed.error().message;
  EXPECT_EQ(parsed->version, "default-2");
  std::vector<std::string> ids;
  for (const auto& rule : parsed->rules) ids.push_back(rule.id);
  EXPECT_THAT(ids, ElementsAre("post-deprovision-access", "credential-outlived-deprovision",
                               "cannot-rule-out"));
  EXPECT_EQ(default_policy_rules().rules.size(), 3U);
}

TEST(PolicyRuleFile, ACustomRuleFiresOnItsSignalWithFiltersAndCount) {
  auto rules = parse_policy_rules(minimal_rules());
  ASSERT_TRUE(rules.has_value()) << rules.error().message;
  Correlation c = base();
  AttributedAccess refused = access("E6", {"E3", "E6"}, Via::PresignedUrl);
  refused.succeeded = false;
  c.attempts = {refused};
  EXPECT_FALSE(evaluate_security_policy(c, *rules).escalate);  // one is below min_count
  AttributedAccess second = access("E8", {"E3", "E8"}, Via::PresignedUrl);
  second.succeeded = false;
  AttributedAccess by_session = access("E9", {"E9"}, Via::Session);  // filtered out by via
  by_session.succeeded = false;
  c.attempts = {refused, second, by_session};
  const auto d = evaluate_security_policy(c, *rules);
  ASSERT_TRUE(d.escalate);
  EXPECT_EQ(d.rule_set_version, "acme-7");
  ASSERT_EQ(d.matches.size(), 1U);
  EXPECT_EQ(d.matches[0].severity, Severity::Medium);
  EXPECT_EQ(d.matches[0].reason,
            "2 refused attempts by dario.mq@contractors.brightwell.example (E6, E8).");
  EXPECT_THAT(d.matches[0].evidence, ElementsAre("E3", "E6", "E8"));
}

TEST(PolicyRuleFile, MinConfidenceFiltersWeakAttributions) {
  auto json = minimal_rules();
  json["rules"][0]["when"] = {{"signal", "post_deprovision_access"}, {"min_confidence", "high"}};
  json["rules"][0]["reason"] = "{count} {count:access|accesses}";
  auto rules = parse_policy_rules(json);
  ASSERT_TRUE(rules.has_value()) << rules.error().message;
  Correlation c = base();
  AttributedAccess weak = access("E12", {"E3", "E12"}, Via::PresignedUrl);
  weak.confidence = Confidence::Medium;
  c.post_deprovision_access = {weak};
  EXPECT_FALSE(evaluate_security_policy(c, *rules).escalate);
  c.post_deprovision_access.push_back(access("E13", {"E4", "E13"}, Via::PresignedUrl));
  const auto d = evaluate_security_policy(c, *rules);
  ASSERT_TRUE(d.escalate);
  EXPECT_EQ(d.matches[0].reason, "1 access");
}

TEST(PolicyRuleFile, ErrorsNameTheRuleAndTheField) {
  const auto broken = [](const std::function<void(nlohmann::json&)>& edit) {
    auto json = minimal_rules();
    edit(json);
    auto parsed = parse_policy_rules(json);
    EXPECT_FALSE(parsed.has_value()) << json.dump();
    return parsed ? std::string() : parsed.error().message;
  };
  EXPECT_THAT(broken([](auto& j) { j["rules"][0]["when"]["signal"] = "attempt"; }),
              HasSubstr("rule 'many-attempts': when.signal: unknown signal 'attempt'"));
  EXPECT_THAT(broken([](auto& j) { j["rules"][0]["severity"] = "urgent"; }),
              HasSubstr("rule 'many-attempts': severity"));
  EXPECT_THAT(broken([](auto& j) { j["rules"][0]["when"]["via"] = {"carrier_pigeon"}; }),
              HasSubstr("rule 'many-attempts': when.via: unknown via 'carrier_pigeon'"));
  EXPECT_THAT(broken([](auto& j) { j["rules"][0]["when"]["min_count"] = 0; }),
              HasSubstr("rule 'many-attempts': when.min_count"));
  EXPECT_THAT(broken([](auto& j) { j["rules"][0]["when"]["minimum"] = 2; }),
              HasSubstr("rule 'many-attempts': when.minimum: unknown field"));
  EXPECT_THAT(broken([](auto& j) { j["rules"][0]["reason"] = "{who} did it"; }),
              HasSubstr("rule 'many-attempts': reason: unknown placeholder {who}"));
  EXPECT_THAT(broken([](auto& j) { j["rules"][0].erase("description"); }),
              HasSubstr("rule 'many-attempts': description: is required"));
  EXPECT_THAT(broken([](auto& j) { j["rules"][0]["when"] = {{"signal", "credential_use_after"},
                                                            {"via", {"session"}}}; }),
              HasSubstr("apply only to the access signals"));
  EXPECT_THAT(broken([](auto& j) { j["rules"].push_back(j["rules"][0]); }),
              HasSubstr("rule 'many-attempts': id: used by an earlier rule"));
  EXPECT_THAT(broken([](auto& j) { j["rules"][0]["id"] = "Bad Id"; }), HasSubstr("id"));
  EXPECT_THAT(broken([](auto& j) { j.erase("version"); }), HasSubstr("version"));
  EXPECT_THAT(broken([](auto& j) { j["rules"] = nlohmann::json::array(); }), HasSubstr("rules"));
  EXPECT_THAT(broken([](auto& j) { j["rules"][0] = 5; }), HasSubstr("rules[0]"));
}

}  // namespace
}  // namespace ec
