#include "adapters/okta/okta_source.h"

#include <gtest/gtest.h>

#include "adapters/okta/config.h"
#include "tests/adapters/adapter_test_util.h"

namespace ec::adapters::okta {
namespace {

using ec::adapters::testing::context_for;
using ec::adapters::testing::contractor;
using ec::adapters::testing::diagnostics_text;
using ec::adapters::testing::find_origin;
using ec::adapters::testing::scenario_sources;
using ec::testing::scenario_dir;
using ec::testing::TempDir;
using ec::testing::write_file;

BuiltSource build_scenario(const std::string& scenario = "contractor_after_deprovision") {
  auto built = create_okta_source(scenario_sources(scenario)["identity"],
                                  context_for(scenario_dir(scenario), "sources.identity"));
  EXPECT_TRUE(built.has_value()) << built.error().to_string();
  return std::move(*built);
}

TEST(OktaSource, ResolvesSubjectByLoginEmailOrId) {
  BuiltSource built = build_scenario();
  ASSERT_NE(built.identity, nullptr);
  for (const char* query : {"dario.mq@contractors.brightwell.example",
                            "DARIO.MQ@Contractors.Brightwell.Example", "00uvN5sfRJXkWbFmgpsX"}) {
    auto subject = built.identity->resolve_subject(query);
    ASSERT_TRUE(subject.has_value()) << query;
    EXPECT_EQ(subject->id, "00uvN5sfRJXkWbFmgpsX");
    EXPECT_EQ(subject->login, "dario.mq@contractors.brightwell.example");
    EXPECT_EQ(subject->display_name, "Dario Menendez-Quill");
    EXPECT_EQ(subject->status, "DEPROVISIONED");
    ASSERT_TRUE(subject->deprovisioned_at.has_value());
    EXPECT_EQ(*subject->deprovisioned_at, make_utc(2025, 3, 11, 16, 45, 12));
  }
}

TEST(OktaSource, ActiveUserHasNoDeprovisionTimeAndUnknownIsNotFound) {
  BuiltSource built = build_scenario();
  auto admin = built.identity->resolve_subject("priya.okonkwo-hale@brightwell.example");
  ASSERT_TRUE(admin.has_value());
  EXPECT_EQ(admin->status, "ACTIVE");
  EXPECT_FALSE(admin->deprovisioned_at.has_value());
  auto unknown = built.identity->resolve_subject("nobody@brightwell.example");
  ASSERT_FALSE(unknown.has_value());
  EXPECT_EQ(unknown.error().code, ErrorCode::NotFound);
  EXPECT_EQ(built.identity->resolve_subject("").error().code, ErrorCode::InvalidArgument);
}

TEST(OktaSource, CollectsUserAndEveryEventOfTheContractor) {
  BuiltSource built = build_scenario();
  auto report = built.evidence->collect(contractor(), TimeWindow{});
  ASSERT_TRUE(report.has_value());
  EXPECT_EQ(report->source, "okta");
  EXPECT_EQ(report->records_read, 21);
  EXPECT_EQ(report->records_skipped, 0);
  EXPECT_TRUE(report->complete);
  ASSERT_EQ(report->evidence.size(), 22u);  // user object + 21 events
  EXPECT_EQ(report->coverage_begin, make_utc(2025, 3, 10, 14, 1, 58, 114));
  EXPECT_EQ(report->coverage_end, make_utc(2025, 3, 12, 9, 20, 2, 940));
  const Evidence* user = find_origin(*report, "okta/users.json[0]");
  ASSERT_NE(user, nullptr);
  EXPECT_EQ(user->kind, evidence_kind::kIdentityUser);
  EXPECT_EQ(user->time, make_utc(2025, 3, 11, 16, 45, 12));
}

TEST(OktaSource, MapsTheOldSessionSsoAttemptOnLine13) {
  BuiltSource built = build_scenario();
  auto report = built.evidence->collect(contractor(), TimeWindow{});
  ASSERT_TRUE(report.has_value());
  const Evidence* e = find_origin(*report, "okta/system_log.jsonl:13");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->kind, evidence_kind::kSso);
  EXPECT_EQ(e->time, make_utc(2025, 3, 11, 16, 58, 40, 318));
  EXPECT_EQ(e->outcome, Outcome::Failure);
  EXPECT_TRUE(e->names_subject);
  EXPECT_EQ(e->session_id, "102mPzDCzuaYcSvqkds54pZgJ");
  EXPECT_EQ(e->ip, "198.51.100.77");
  EXPECT_EQ(e->object, "0oaaxndsd4RBGdWsr9Hs");
  EXPECT_EQ(e->request_id, "cd3cb533-b895-e795-036e-15ecd8177164");
  EXPECT_EQ(e->content_hash.size(), 64u);
}

TEST(OktaSource, DeactivationCarriesTheApiTokenAndRefreshGrantIsLinked) {
  BuiltSource built = build_scenario();
  auto report = built.evidence->collect(contractor(), TimeWindow{});
  ASSERT_TRUE(report.has_value());
  const Evidence* deactivate = find_origin(*report, "okta/system_log.jsonl:9");
  ASSERT_NE(deactivate, nullptr);
  EXPECT_EQ(deactivate->kind, evidence_kind::kDeprovision);
  EXPECT_EQ(deactivate->credential_id, "00TECDcB8DsM8gjmKDCB");
  EXPECT_EQ(deactivate->auth, AuthMethod::Token);
  const Evidence* planted = find_origin(*report, "okta/system_log.jsonl:14");
  ASSERT_NE(planted, nullptr);
  EXPECT_EQ(planted->kind, evidence_kind::kTokenGrant);
  EXPECT_EQ(planted->outcome, Outcome::Success);
  EXPECT_TRUE(planted->names_subject);  // debugData.subject
  EXPECT_EQ(planted->credential_id, "RT.ySYQuZ8jUeXMcPXnqfRecK7BVL3PsX");
  const Evidence* failed = find_origin(*report, "okta/system_log.jsonl:21");
  ASSERT_NE(failed, nullptr);
  EXPECT_FALSE(failed->names_subject);
  EXPECT_EQ(failed->attributes.value("linked_by", ""), "client_app");
  EXPECT_EQ(failed->outcome, Outcome::Failure);
  EXPECT_EQ(failed->attributes.value("outcome_reason", ""), "invalid_grant");
}

TEST(OktaSource, WindowFiltersEventsButKeepsTheUserObject) {
  BuiltSource built = build_scenario();
  TimeWindow after{make_utc(2025, 3, 11, 16, 45, 12), std::nullopt};
  auto report = built.evidence->collect(contractor(), after);
  ASSERT_TRUE(report.has_value());
  EXPECT_EQ(report->records_read, 21);
  EXPECT_EQ(report->evidence.size(), 1u + 13u);  // user + lines 9..21
  for (const auto& e : report->evidence) EXPECT_GE(e.time, *after.begin);
}

TEST(OktaSource, BenignVariantClearsSessionsInTheDeactivationTransaction) {
  BuiltSource built = build_scenario("benign_no_access");
  auto report = built.evidence->collect(contractor(), TimeWindow{});
  ASSERT_TRUE(report.has_value());
  EXPECT_EQ(report->records_read, 15);
  EXPECT_EQ(report->evidence.size(), 16u);
  const Evidence* clear = find_origin(*report, "okta/system_log.jsonl:12");
  ASSERT_NE(clear, nullptr);
  EXPECT_EQ(clear->kind, evidence_kind::kSessionClear);
  EXPECT_EQ(clear->attributes.value("transaction_id", ""), "6SqWwOOiDYes50q3hxkxqPnyWUM");
  const Evidence* revoke = find_origin(*report, "okta/system_log.jsonl:13");
  ASSERT_NE(revoke, nullptr);
  EXPECT_EQ(revoke->kind, evidence_kind::kTokenRevoke);
}

TEST(OktaSource, MalformedLinesAreCountedWithFileAndLine) {
  TempDir dir;
  const std::string good = ec::testing::read_file(scenario_dir() / "okta" / "system_log.jsonl");
  write_file(dir / "okta" / "users.json",
             ec::testing::read_file(scenario_dir() / "okta" / "users.json"));
  write_file(dir / "okta" / "log.jsonl",
             good.substr(0, good.find('\n') + 1) + "{\"truncated\": \n" +
                 "{\"eventType\":\"user.session.start\",\"published\":\"yesterday\"}\n");
  auto built = create_okta_source({{"users", "okta/users.json"}, {"system_log", "okta/log.jsonl"}},
                                  context_for(dir.path(), "sources.identity"));
  ASSERT_TRUE(built.has_value());
  auto report = built->evidence->collect(contractor(), TimeWindow{});
  ASSERT_TRUE(report.has_value());
  EXPECT_EQ(report->records_read, 3);
  EXPECT_EQ(report->records_skipped, 2);
  EXPECT_EQ(report->evidence.size(), 2u);
  ASSERT_EQ(report->diagnostics.size(), 2u) << diagnostics_text(*report);
  EXPECT_EQ(report->diagnostics[0].location, "okta/log.jsonl:2");
  EXPECT_EQ(report->diagnostics[1].location, "okta/log.jsonl:3");
}

TEST(OktaConfig, MissingFileIsInvalidArgumentNamingTheKey) {
  TempDir dir;
  write_file(dir / "users.json", "[]");
  auto missing = create_okta_source({{"users", "users.json"}, {"system_log", "nope.jsonl"}},
                                    context_for(dir.path(), "sources.identity"));
  ASSERT_FALSE(missing.has_value());
  EXPECT_EQ(missing.error().code, ErrorCode::InvalidArgument);
  EXPECT_NE(missing.error().message.find("sources.identity.system_log"), std::string::npos);
  auto no_key = create_okta_source({{"system_log", "users.json"}},
                                   context_for(dir.path(), "sources.identity"));
  ASSERT_FALSE(no_key.has_value());
  EXPECT_EQ(no_key.error().message, "sources.identity.users: expected a string path");
  auto empty_users = create_okta_source({{"users", "users.json"}, {"system_log", "users.json"}},
                                        context_for(dir.path(), "sources.identity"));
  ASSERT_FALSE(empty_users.has_value());
  EXPECT_NE(empty_users.error().message.find("sources.identity.users"), std::string::npos);
}

}  // namespace
}  // namespace ec::adapters::okta
