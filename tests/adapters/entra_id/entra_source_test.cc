// Entra ID from export files in Graph's shapes: the bundled Entra scenario (users page,
// pretty-printed audits page, interactive sign-ins as JSON Lines, non-interactive as a page),
// the evidence mapping, and malformed input (bad lines, truncated gzip, garbled page).
#include "adapters/entra_id/entra_source.h"

#include <gtest/gtest.h>
#include <zlib.h>

#include "adapters/entra_id/config.h"
#include "adapters/entra_id/graph_records.h"
#include "tests/adapters/adapter_test_util.h"

namespace ec::adapters::entra_id {
namespace {

using ec::adapters::testing::context_for;
using ec::adapters::testing::diagnostics_text;
using ec::adapters::testing::find_request;
using ec::adapters::testing::scenario_sources;
using ec::testing::scenario_dir;
using ec::testing::TempDir;
using ec::testing::write_file;

constexpr char kScenario[] = "contractor_after_deprovision_entra";
constexpr char kDario[] = "5f0c2b7e-8d1a-4c9e-9b3f-2a6d7e1c4b90";
constexpr char kUpn[] = "dario.mq@contractors.brightwell.example";

BuiltSource scenario_source() {
  auto built = create_entra_source(scenario_sources(kScenario)["identity"],
                                   context_for(scenario_dir(kScenario), "sources.identity"));
  EXPECT_TRUE(built.has_value()) << built.error().to_string();
  return std::move(*built);
}

TEST(EntraSource, ResolvesTheContractorWithTheDeprovisioningTimeFromTheAudits) {
  BuiltSource built = scenario_source();
  ASSERT_NE(built.identity, nullptr);
  for (const char* query : {kDario, kUpn, "DARIO.MQ@contractors.brightwell.example"}) {
    auto subject = built.identity->resolve_subject(query);
    ASSERT_TRUE(subject.has_value()) << subject.error().to_string();
    EXPECT_EQ(subject->id, kDario);
    EXPECT_EQ(subject->login, kUpn);
    EXPECT_EQ(subject->display_name, "Dario Menendez-Quill");
    EXPECT_EQ(subject->status, "DISABLED");
    ASSERT_TRUE(subject->deprovisioned_at.has_value());
    // "Update user" setting AccountEnabled to false, 16 ms before the "Disable account" row.
    EXPECT_EQ(format_rfc3339(*subject->deprovisioned_at), "2025-03-11T16:45:12.302Z");
  }
  auto active = built.identity->resolve_subject("tomas.reyes@brightwell.example");
  ASSERT_TRUE(active.has_value());
  EXPECT_EQ(active->status, "ACTIVE");
  EXPECT_FALSE(active->deprovisioned_at.has_value());
  auto missing = built.identity->resolve_subject("nobody@brightwell.example");
  ASSERT_FALSE(missing.has_value());
  EXPECT_EQ(missing.error().code, ErrorCode::NotFound);
}

TEST(EntraSource, MapsAuditsAndSignInsOntoTheSameEvidenceKindsAsOkta) {
  BuiltSource built = scenario_source();
  auto subject = built.identity->resolve_subject(kUpn);
  ASSERT_TRUE(subject.has_value());
  auto report = built.evidence->collect(*subject, TimeWindow{});
  ASSERT_TRUE(report.has_value()) << report.error().to_string();
  EXPECT_TRUE(report->complete) << diagnostics_text(*report);
  EXPECT_EQ(report->records_skipped, 0);
  EXPECT_EQ(report->records_read, 12);  // 5 audits + 4 interactive + 3 non-interactive
  // The audit about another user is read but not kept: user + 4 audits + 7 sign-ins.
  ASSERT_EQ(report->evidence.size(), 12u);
  const Evidence* user = nullptr;
  for (const auto& e : report->evidence) {
    if (e.kind == evidence_kind::kIdentityUser) user = &e;
  }
  ASSERT_NE(user, nullptr);
  EXPECT_EQ(user->time, *subject->deprovisioned_at);  // dated by the audits
  EXPECT_EQ(user->attributes["status"], "DISABLED");
  EXPECT_EQ(user->origin, "entra/users.json[0]");

  const Evidence* disable = find_request(*report, "Directory_9c3e5a7b-2d4f-4a61-8b0e-6f1d3c5a7e22");
  ASSERT_NE(disable, nullptr);
  EXPECT_EQ(disable->kind, evidence_kind::kDeprovision);
  EXPECT_EQ(disable->action, "Update user");
  EXPECT_EQ(disable->principal, "a1e4c8d2-3b6f-4e71-8c09-5d2f7a1b3e64");
  EXPECT_EQ(disable->ip, "192.0.2.10");
  EXPECT_EQ(disable->origin, "entra/directory_audits.json[1]");
  const Evidence* revoke = find_request(*report, "Directory_6e8a0c2e-4f6b-4d8f-a0c2-4e6a8c0e2f77");
  ASSERT_NE(revoke, nullptr);
  EXPECT_EQ(revoke->kind, evidence_kind::kTokenRevoke);
  const Evidence* department =
      find_request(*report, "Directory_4f1b9c2e-7d3a-4b8e-a1c6-2e9f5d7b3a10");
  ASSERT_NE(department, nullptr);
  EXPECT_EQ(department->kind, evidence_kind::kIdentityOther);  // Update user, not AccountEnabled

  const Evidence* disabled_sign_in = find_request(*report, "b3f1c2d4-5e6a-4b7c-8d9e-0f1a2b3c4d03");
  ASSERT_NE(disabled_sign_in, nullptr);
  EXPECT_EQ(disabled_sign_in->kind, evidence_kind::kSessionStart);
  EXPECT_EQ(disabled_sign_in->outcome, Outcome::Failure);  // 50057: an attempt, not an access
  EXPECT_EQ(disabled_sign_in->attributes["error_code"], 50057);
  EXPECT_NE(disabled_sign_in->summary.find("account disabled"), std::string::npos);
  EXPECT_EQ(disabled_sign_in->origin, "entra/sign_ins/interactive.jsonl:3");
  EXPECT_EQ(disabled_sign_in->object, kDario);  // the account, not the app (redactable)
  EXPECT_EQ(disabled_sign_in->attributes["app_id"], "2a7e4c1f-9b3d-4e8a-b6c2-5d0f8e3a1c79");
  EXPECT_TRUE(disabled_sign_in->names_subject);

  const Evidence* refresh = find_request(*report, "c4a2d3e5-6f7b-4c8d-9e0f-1a2b3c4d5e01");
  ASSERT_NE(refresh, nullptr);
  EXPECT_EQ(refresh->kind, evidence_kind::kTokenGrant);  // non-interactive = token redemption
  EXPECT_EQ(refresh->outcome, Outcome::Success);
  EXPECT_EQ(refresh->auth, AuthMethod::Token);
  EXPECT_EQ(refresh->credential_id, "kq3FvHc9e0Gm1ZbXnR2tAA");
  EXPECT_EQ(refresh->origin, "entra/sign_ins/non_interactive.json[0]");
}

TEST(EntraSource, DeprovisionClockIgnoresADisableUndoneByALaterEnable) {
  const auto audit = [](const char* activity, const char* when) {
    return nlohmann::json{{"activityDisplayName", activity}, {"activityDateTime", when},
                          {"result", "success"},
                          {"targetResources", {{{"id", "u1"}, {"type", "User"}}}}};
  };
  DeprovisionClock clock("u1");
  clock.add(audit("Disable account", "2025-01-01T10:00:00Z"));
  clock.add(audit("Enable account", "2025-01-02T10:00:00Z"));
  EXPECT_FALSE(clock.at().has_value());
  clock.add(audit("Delete user", "2025-03-02T10:00:00Z"));
  clock.add(audit("Disable account", "2025-03-01T10:00:00Z"));
  auto failed = audit("Disable account", "2025-02-01T10:00:00Z");
  failed["result"] = "failure";
  clock.add(failed);
  ASSERT_TRUE(clock.at().has_value());
  EXPECT_EQ(format_rfc3339(*clock.at()), "2025-03-01T10:00:00Z");
}

class EntraBadFiles : public ::testing::Test {
 protected:
  void SetUp() override {
    write_file(dir_ / "users.json",
               R"({"id":"u1","userPrincipalName":"a@x.example","accountEnabled":false})");
    write_file(dir_ / "audits.jsonl",
               R"({"id":"A1","activityDisplayName":"Disable account","activityDateTime":"2025-03-11T16:45:12Z","result":"success","targetResources":[{"id":"u1","type":"User"}]})"
               "\n");
  }
  Result<SourceReport> collect() {
    const nlohmann::json config = {{"kind", "entra_id"}, {"users", "users.json"},
                                   {"directory_audits", "audits.jsonl"}, {"sign_ins", "signins"}};
    auto built = create_entra_source(config, context_for(dir_.path(), "sources.identity"));
    EXPECT_TRUE(built.has_value()) << built.error().to_string();
    auto subject = built->identity->resolve_subject("a@x.example");
    EXPECT_TRUE(subject.has_value());
    EXPECT_EQ(format_rfc3339(*subject->deprovisioned_at), "2025-03-11T16:45:12Z");
    return built->evidence->collect(*subject, TimeWindow{});
  }
  TempDir dir_;
};

TEST_F(EntraBadFiles, MalformedLinesAreCountedWithFileAndLine) {
  std::filesystem::create_directories(dir_ / "signins");
  write_file(dir_ / "signins" / "a.jsonl",
             R"({"id":"s1","createdDateTime":"2025-03-11T17:00:00Z","userId":"u1","status":{"errorCode":50057}})"
             "\n{\"id\":\"s2\",\"createdDateTime\":\"yesterday\",\"userId\":\"u1\",\"status\":{\"errorCode\":0}}\n"
             "{\"id\":\"s3\",\"createdDate\n"
             R"({"id":"s4","createdDateTime":"2025-03-11T17:01:00Z","userId":"u1","status":{"errorCode":"0"}})"
             "\n");
  auto report = collect();
  ASSERT_TRUE(report.has_value()) << report.error().to_string();
  EXPECT_EQ(report->records_read, 5);  // 1 audit + 4 sign-in lines
  EXPECT_EQ(report->records_skipped, 3);
  const std::string text = diagnostics_text(*report);
  EXPECT_NE(text.find("signins/a.jsonl:2: expected a signIn"), std::string::npos) << text;
  EXPECT_NE(text.find("signins/a.jsonl:3: expected one JSON object"), std::string::npos) << text;
  EXPECT_NE(text.find("signins/a.jsonl:4: expected a signIn"), std::string::npos) << text;
  ASSERT_EQ(report->evidence.size(), 3u);  // user, the audit, the one good sign-in
}

TEST_F(EntraBadFiles, TruncatedGzipKeepsWhatWasReadAndMarksTheReportIncomplete) {
  std::filesystem::create_directories(dir_ / "signins");
  std::string lines;
  for (int i = 0; i < 200; ++i) {
    lines += R"({"id":"s)" + std::to_string(i) +
             R"(","createdDateTime":"2025-03-11T17:00:00Z","userId":"u1","status":{"errorCode":50057},"padding":")" +
             std::string(64, static_cast<char>('a' + i % 26)) + "\"}\n";
  }
  uLongf size = compressBound(lines.size()) + 64;
  std::string gz(size, '\0');
  z_stream z{};
  deflateInit2(&z, 9, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY);
  z.next_in = reinterpret_cast<Bytef*>(lines.data());
  z.avail_in = static_cast<uInt>(lines.size());
  z.next_out = reinterpret_cast<Bytef*>(gz.data());
  z.avail_out = static_cast<uInt>(gz.size());
  deflate(&z, Z_FINISH);
  gz.resize(z.total_out);
  deflateEnd(&z);
  write_file(dir_ / "signins" / "b.jsonl.gz", gz.substr(0, gz.size() * 2 / 3));
  auto report = collect();
  ASSERT_TRUE(report.has_value()) << report.error().to_string();
  EXPECT_FALSE(report->complete);
  EXPECT_GT(report->evidence.size(), 2u);
  EXPECT_LT(report->evidence.size(), 202u);
  EXPECT_NE(diagnostics_text(*report).find("signins/b.jsonl.gz"), std::string::npos);
}

TEST_F(EntraBadFiles, MissingSignInPathIsInvalidArgumentNamingTheKey) {
  const nlohmann::json config = {{"kind", "entra_id"}, {"users", "users.json"},
                                 {"directory_audits", "audits.jsonl"}, {"sign_ins", "nope/"}};
  auto built = create_entra_source(config, context_for(dir_.path(), "sources.identity"));
  ASSERT_FALSE(built.has_value());
  EXPECT_EQ(built.error().code, ErrorCode::InvalidArgument);
  EXPECT_TRUE(built.error().message.starts_with("sources.identity.sign_ins: no such file"))
      << built.error().message;
}

TEST_F(EntraBadFiles, UsersFileWithoutUsersIsRefused) {
  write_file(dir_ / "users.json", "{\"value\": []}\n");
  std::filesystem::create_directories(dir_ / "signins");
  const nlohmann::json config = {{"kind", "entra_id"}, {"users", "users.json"},
                                 {"directory_audits", "audits.jsonl"}, {"sign_ins", "signins"}};
  auto built = create_entra_source(config, context_for(dir_.path(), "sources.identity"));
  ASSERT_FALSE(built.has_value());
  EXPECT_EQ(built.error().message,
            "sources.identity.users: no Microsoft Graph user objects in users.json");
}

}  // namespace
}  // namespace ec::adapters::entra_id
