#include <gtest/gtest.h>

#include "adapters/product_access_log/config.h"
#include "adapters/product_access_log/console_event.h"
#include "adapters/product_access_log/product_access_log_source.h"
#include "tests/adapters/adapter_test_util.h"

namespace ec::adapters::product_access_log {
namespace {

using ec::adapters::testing::context_for;
using ec::adapters::testing::contractor;
using ec::adapters::testing::find_request;
using ec::adapters::testing::scenario_sources;
using ec::testing::scenario_dir;
using ec::testing::TempDir;
using ec::testing::write_file;

SourceReport collect(const nlohmann::json& config, const std::filesystem::path& base,
                     const Subject& subject = contractor()) {
  auto built = create_product_access_log_source(config, context_for(base, "sources.access[0]"));
  EXPECT_TRUE(built.has_value()) << built.error().to_string();
  auto report = built->evidence->collect(subject, TimeWindow{});
  EXPECT_TRUE(report.has_value());
  return std::move(*report);
}

SourceReport collect_scenario(const std::string& scenario = "contractor_after_deprovision") {
  return collect(scenario_sources(scenario)["access"][0], scenario_dir(scenario));
}

TEST(ProductAccessLog, ReadsEveryConsoleRow) {
  const SourceReport r = collect_scenario();
  EXPECT_EQ(r.source, "product_access_log");
  EXPECT_EQ(r.records_read, 8);
  EXPECT_EQ(r.records_skipped, 0);
  ASSERT_EQ(r.evidence.size(), 8u);
  for (const auto& e : r.evidence) EXPECT_TRUE(e.names_subject) << e.origin;
  EXPECT_EQ(r.evidence[0].kind, evidence_kind::kAppLogin);
  EXPECT_EQ(r.evidence[0].origin, "console/access.jsonl:1");
  EXPECT_EQ(r.coverage_end, make_utc(2025, 3, 12, 9, 20, 3, 4));
}

TEST(ProductAccessLog, PresignRowCarriesKeyDateAndExpiry) {
  const SourceReport r = collect_scenario();
  const Evidence* e = find_request(r, "r-5c2b90");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->kind, evidence_kind::kAppPresign);
  EXPECT_EQ(e->object, "support-attachments/tickets/48213/att_9f3c/invoice_backup_2024Q4.xlsx");
  EXPECT_EQ(e->credential_id, "AKIAEXAMPLEPRSGN7Q2Z");
  EXPECT_EQ(e->credential_issued_at, make_utc(2025, 3, 10, 14, 21, 2));
  EXPECT_EQ(e->credential_ttl_seconds, 604800);
  EXPECT_EQ(e->session_id, "cs_8sK2pQvL");
  EXPECT_EQ(e->session_created, make_utc(2025, 3, 10, 14, 3, 5));
  EXPECT_EQ(e->principal, "00uvN5sfRJXkWbFmgpsX");
  EXPECT_EQ(e->attributes["zendesk_attachment_id"], "29001187441");
}

TEST(ProductAccessLog, TokenRefreshOutcomeFollowsResult) {
  const SourceReport r = collect_scenario();
  const Evidence* accepted = find_request(r, "r-6e0411");
  ASSERT_NE(accepted, nullptr);
  EXPECT_EQ(accepted->kind, evidence_kind::kAppTokenRefresh);
  EXPECT_EQ(accepted->outcome, Outcome::Success);
  EXPECT_EQ(accepted->ip, "198.51.100.77");
  const Evidence* rejected = find_request(r, "r-7a9d13");
  ASSERT_NE(rejected, nullptr);
  EXPECT_EQ(rejected->outcome, Outcome::Failure);
  EXPECT_EQ(rejected->attributes["idp_error"], "invalid_grant");
  const Evidence* list = find_request(r, "r-6e0420");
  ASSERT_NE(list, nullptr);
  EXPECT_EQ(list->kind, evidence_kind::kAppView);
  EXPECT_EQ(list->object, "48213");
}

TEST(ProductAccessLog, BenignVariantHasShortPresignsAndOneRejectedRefresh) {
  const SourceReport r = collect_scenario("benign_no_access");
  ASSERT_EQ(r.records_read, 5);
  EXPECT_EQ(find_request(r, "r-5c2c3e")->credential_ttl_seconds, 900);
  const Evidence& last = r.evidence.back();
  EXPECT_EQ(last.kind, evidence_kind::kAppTokenRefresh);
  EXPECT_EQ(last.outcome, Outcome::Failure);
  EXPECT_EQ(last.time, make_utc(2025, 3, 11, 17, 5, 34, 20));
}

TEST(ProductAccessLog, OtherUsersRowsStayButDoNotNameTheSubject) {
  TempDir dir;
  write_file(
      dir / "console.jsonl",
      R"({"ts":"2025-03-10T15:00:00Z","event":"login","okta_sub":"00uOTHER","console_session":"cs_x"})"
      "\n"
      R"({"ts":"2025-03-10T15:01:00Z","event":"export_report","email":"DARIO.MQ@contractors.brightwell.example"})"
      "\n{\"ts\":\"not a time\",\"event\":\"login\"}\n");
  const SourceReport r = collect({{"path", "console.jsonl"}, {"bucket", "b"}}, dir.path());
  EXPECT_EQ(r.records_read, 3);
  EXPECT_EQ(r.records_skipped, 1);
  ASSERT_EQ(r.evidence.size(), 2u);
  EXPECT_FALSE(r.evidence[0].names_subject);
  EXPECT_TRUE(r.evidence[1].names_subject);
  EXPECT_EQ(r.evidence[1].kind, kAppOther);
  ASSERT_EQ(r.diagnostics.size(), 1u);
  EXPECT_EQ(r.diagnostics[0].location, "console.jsonl:3");
}

TEST(ProductAccessLogConfig, BadKeysAreInvalidArgumentNamingTheKey) {
  TempDir dir;
  write_file(dir / "c.jsonl", "");
  auto missing = create_product_access_log_source({{"path", "nope.jsonl"}},
                                                  context_for(dir.path(), "sources.access[0]"));
  ASSERT_FALSE(missing.has_value());
  EXPECT_NE(missing.error().message.find("sources.access[0].path"), std::string::npos);
  auto bucket = create_product_access_log_source({{"path", "c.jsonl"}, {"bucket", 3}},
                                                 context_for(dir.path(), "sources.access[0]"));
  ASSERT_FALSE(bucket.has_value());
  EXPECT_NE(bucket.error().message.find("sources.access[0].bucket"), std::string::npos);
}

}  // namespace
}  // namespace ec::adapters::product_access_log
