#include "adapters/cloudtrail/cloudtrail_source.h"

#include <gtest/gtest.h>

#include "plugin/core/hash.h"

#include "adapters/cloudtrail/config.h"
#include "adapters/registry.h"

#include "tests/adapters/adapter_test_util.h"
#include "tests/adapters/retention_probe.h"
#include "tests/adapters/cloudtrail/cloudtrail_test_util.h"

namespace ec::adapters::cloudtrail {
namespace {

using ec::adapters::testing::context_for;
using ec::adapters::testing::contractor;
using ec::adapters::testing::diagnostics_text;
using ec::adapters::testing::find_request;
using ec::adapters::testing::scenario_sources;
using ec::adapters::testing::stream_with_and_without_precheck;
using ec::testing::read_file;
using ec::testing::scenario_dir;
using ec::testing::TempDir;
using ec::testing::write_file;
using testing::anonymous_get;
using testing::cloudfront_origin_fetch;
using testing::gzip;
using testing::json_lines;
using testing::presigned_get;
using testing::records_file;
using testing::sso_session_get;

constexpr char kScenarioFile[] =
    "cloudtrail/111122223333_CloudTrail_us-east-1_20250312T1105Z_Fx7kQ2bRm9Lp.json";

std::unique_ptr<EvidenceSource> build(const nlohmann::json& config,
                                      const std::filesystem::path& base) {
  auto built = create_cloudtrail_source(config, context_for(base, "sources.attachments[1]"));
  EXPECT_TRUE(built.has_value()) << built.error().to_string();
  return built ? std::move(built->evidence) : nullptr;
}

SourceReport collect(const nlohmann::json& config, const std::filesystem::path& base,
                     TimeWindow window = {}) {
  auto source = build(config, base);
  if (!source) return {};
  auto report = source->collect(contractor(), window);
  EXPECT_TRUE(report.has_value()) << report.error().to_string();
  return report ? std::move(*report) : SourceReport{};
}

// The scenario's seven records, one JSON text per line as the delivered file writes them.
std::vector<std::string> scenario_record_lines() {
  const std::string text = read_file(scenario_dir() / kScenarioFile);
  std::vector<std::string> lines;
  std::size_t pos = 0;
  while ((pos = text.find("\n{", pos)) != std::string::npos) {
    const std::size_t end = text.find('\n', pos + 1);
    std::string line = text.substr(pos + 1, end - pos - 1);
    if (line.ends_with(",")) line.pop_back();
    if (line.ends_with("]}")) line.resize(line.size() - 2);
    lines.push_back(line);
    pos = end;
  }
  return lines;
}

TEST(CloudTrailSource, ReadsTheDeliveredScenarioFile) {
  const nlohmann::json config = scenario_sources()["attachments"][1];
  ASSERT_EQ(config["kind"], "cloudtrail");
  const SourceReport r = collect(config, scenario_dir());
  EXPECT_EQ(r.source, "cloudtrail");
  EXPECT_EQ(r.label, "sources.attachments[1]");
  EXPECT_EQ(r.records_read, 7);
  EXPECT_EQ(r.records_skipped, 0);
  ASSERT_EQ(r.evidence.size(), 7u);
  EXPECT_TRUE(r.complete);
  EXPECT_TRUE(r.diagnostics.empty()) << diagnostics_text(r);
  EXPECT_EQ(r.coverage_begin, make_utc(2025, 3, 10, 14, 20, 55));
  EXPECT_EQ(r.coverage_end, make_utc(2025, 3, 12, 11, 2, 48));
  const Evidence* e = find_request(r, "523BD5D8BCD8A94F");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->origin, std::string(kScenarioFile) + ":Records[5]");
  EXPECT_EQ(e->auth, AuthMethod::PresignedUrl);
  EXPECT_EQ(e->credential_issued_at, make_utc(2025, 3, 10, 14, 21, 2));
  EXPECT_EQ(e->user_agent, "curl/8.6.0");
  const Evidence* backend = find_request(r, "86EFCF3807FEAB12");
  ASSERT_NE(backend, nullptr);
  EXPECT_EQ(backend->principal,
            "arn:aws:sts::111122223333:assumed-role/support-portal-backend/i-0a7c3e91d2b4f6a80");
  EXPECT_EQ(backend->attributes["session_name"], "i-0a7c3e91d2b4f6a80");
  EXPECT_FALSE(backend->names_subject);
}

TEST(CloudTrailSource, JsonLinesAndRecordsShapesGiveTheSameEvidence) {
  TempDir dir;
  std::string lines;
  for (const std::string& line : scenario_record_lines()) lines += line + "\n";
  write_file(dir / "ct" / "events.jsonl", lines);
  const SourceReport from_lines = collect({{"path", "ct/events.jsonl"}}, dir.path());
  const SourceReport from_records = collect({{"path", "cloudtrail/"}}, scenario_dir());
  ASSERT_EQ(from_lines.evidence.size(), 7u);
  ASSERT_EQ(from_records.evidence.size(), 7u);
  for (std::size_t i = 0; i < 7; ++i) {
    EXPECT_EQ(from_lines.evidence[i].content_hash, from_records.evidence[i].content_hash) << i;
    EXPECT_EQ(from_lines.evidence[i].request_id, from_records.evidence[i].request_id);
  }
  EXPECT_EQ(from_lines.evidence[6].origin, "ct/events.jsonl:7");
  EXPECT_EQ(from_lines.evidence[0].content_hash, sha256_hex(scenario_record_lines()[0]));
}

TEST(CloudTrailSource, ReadsGzipFilesOfBothShapesInAFolder) {
  TempDir dir;
  write_file(dir / "ct" / "a.json.gz", gzip(read_file(scenario_dir() / kScenarioFile)));
  write_file(dir / "ct" / "b.jsonl.gz", gzip(json_lines({cloudfront_origin_fetch()})));
  const SourceReport r = collect({{"path", "ct"}}, dir.path());
  EXPECT_EQ(r.records_read, 8);
  EXPECT_EQ(r.evidence.size(), 8u);
  EXPECT_TRUE(r.complete) << diagnostics_text(r);
  const Evidence* cdn = find_request(r, "1B82AC39FD21A2B3");
  ASSERT_NE(cdn, nullptr);
  EXPECT_EQ(cdn->origin, "ct/b.jsonl.gz:1");
  EXPECT_EQ(cdn->principal, "cloudfront.amazonaws.com");
}

TEST(CloudTrailSource, EveryUserIdentityTypeBecomesEvidence) {
  TempDir dir;
  nlohmann::json mapped = presigned_get();
  mapped["userIdentity"]["userName"] = "contractor-dario";
  mapped["userIdentity"]["arn"] = "arn:aws:iam::111122223333:user/contractor-dario";
  mapped["eventID"] = "e0000000-0000-4000-8000-000000000001";
  mapped["requestID"] = "MAPPEDIAMUSER0001";
  write_file(dir / "ct.jsonl", json_lines({presigned_get(), sso_session_get(),
                                           cloudfront_origin_fetch(), anonymous_get(), mapped}));
  const SourceReport r =
      collect({{"path", "ct.jsonl"},
               {"iam_user_map", {{"Contractor-Dario", "dario.mq@contractors.brightwell.example"}}}},
              dir.path());
  ASSERT_EQ(r.evidence.size(), 5u) << diagnostics_text(r);
  EXPECT_FALSE(find_request(r, "FBDCFCC6DADEEE9A")->names_subject);
  EXPECT_TRUE(find_request(r, "5D1E7C2A9B3F4E60")->names_subject);
  EXPECT_EQ(find_request(r, "1B82AC39FD21A2B3")->principal, "cloudfront.amazonaws.com");
  EXPECT_EQ(find_request(r, "A11CE0A0B0C0D0E0")->auth, AuthMethod::Anonymous);
  EXPECT_TRUE(find_request(r, "MAPPEDIAMUSER0001")->names_subject);
}

TEST(CloudTrailSource, NonS3AndManagementEventsAreReadButNotEvidence) {
  TempDir dir;
  nlohmann::json login = presigned_get();
  login["eventSource"] = "signin.amazonaws.com";
  login["eventName"] = "ConsoleLogin";
  login["eventID"] = "e0000000-0000-4000-8000-000000000002";
  nlohmann::json policy = presigned_get();
  policy["eventName"] = "PutBucketPolicy";
  policy["eventCategory"] = "Management";
  policy["managementEvent"] = true;
  policy["eventID"] = "e0000000-0000-4000-8000-000000000003";
  write_file(dir / "ct.json", records_file({login, policy, presigned_get()}));
  const SourceReport r = collect({{"path", "ct.json"}}, dir.path());
  EXPECT_EQ(r.records_read, 3);
  EXPECT_EQ(r.records_skipped, 0);
  EXPECT_EQ(r.evidence.size(), 1u);
}

TEST(CloudTrailSource, MalformedRecordsAreCountedWithFileAndRecord) {
  TempDir dir;
  nlohmann::json bad_time = presigned_get();
  bad_time["eventTime"] = "11/Mar/2025";
  bad_time["eventID"] = "e0000000-0000-4000-8000-000000000004";
  nlohmann::json bad_type = presigned_get();
  bad_type["userIdentity"] = "IAMUser";
  write_file(dir / "ct" / "a.jsonl", "not json\n" + json_lines({presigned_get()}) + "\n" +
                                         json_lines({bad_time}) + R"({"eventTime": )" + "\n" +
                                         json_lines({bad_type}));
  write_file(dir / "ct" / "b.json", records_file({cloudfront_origin_fetch(), 42}));
  const SourceReport r = collect({{"path", "ct/"}}, dir.path());
  EXPECT_EQ(r.records_read, 7);
  EXPECT_EQ(r.records_skipped, 5);
  EXPECT_EQ(r.evidence.size(), 2u);
  EXPECT_TRUE(r.complete);
  ASSERT_EQ(r.diagnostics.size(), 5u) << diagnostics_text(r);
  EXPECT_EQ(r.diagnostics[0].location, "ct/a.jsonl:1");
  EXPECT_EQ(r.diagnostics[1].location, "ct/a.jsonl:4");
  EXPECT_NE(r.diagnostics[1].message.find("eventTime"), std::string::npos);
  EXPECT_EQ(r.diagnostics[2].location, "ct/a.jsonl:5");
  EXPECT_EQ(r.diagnostics[3].location, "ct/a.jsonl:6");
  EXPECT_EQ(r.diagnostics[4].location, "ct/b.json:Records[1]");
}

TEST(CloudTrailSource, BrokenRecordsStructureKeepsTheRecordsBeforeIt) {
  TempDir dir;
  // "}}" after record 0 breaks the array's structure.
  write_file(dir / "ct.json", "{\"Records\":[" + presigned_get().dump() + "}}," +
                                  cloudfront_origin_fetch().dump() + "]}");
  const SourceReport r = collect({{"path", "ct.json"}}, dir.path());
  EXPECT_FALSE(r.complete);
  EXPECT_EQ(r.evidence.size(), 1u);
  EXPECT_NE(diagnostics_text(r).find("ct.json: Records[1]"), std::string::npos)
      << diagnostics_text(r);
}

TEST(CloudTrailSource, TruncatedGzipKeepsCompleteRecordsAndIsIncomplete) {
  for (const bool records_shape : {true, false}) {
    TempDir dir;
    std::vector<nlohmann::json> many;
    for (int i = 0; i < 400; ++i) {
      nlohmann::json r = presigned_get();
      r["eventID"] = "id-" + std::to_string(i);
      r["requestID"] = "REQ" + std::to_string(i);
      many.push_back(r);
    }
    const std::string zipped = gzip(records_shape ? records_file(many) : json_lines(many));
    write_file(dir / "ct.json.gz", zipped.substr(0, zipped.size() * 2 / 3));
    const SourceReport r = collect({{"path", "ct.json.gz"}}, dir.path());
    EXPECT_FALSE(r.complete);
    EXPECT_GT(r.evidence.size(), 10u);
    EXPECT_LT(r.evidence.size(), 400u);
    EXPECT_EQ(r.records_skipped, 0) << diagnostics_text(r);
    EXPECT_NE(diagnostics_text(r).find("truncated gzip stream"), std::string::npos)
        << diagnostics_text(r);
  }
}

TEST(CloudTrailSource, DuplicateEventIdsAreMergedAndCounted) {
  TempDir dir;
  write_file(dir / "ct" / "a.jsonl", json_lines({presigned_get(), sso_session_get()}));
  write_file(dir / "ct" / "b.json", records_file({presigned_get()}));
  const SourceReport r = collect({{"path", "ct"}}, dir.path());
  EXPECT_EQ(r.records_read, 3);
  EXPECT_EQ(r.evidence.size(), 2u);
  ASSERT_EQ(r.diagnostics.size(), 1u);
  EXPECT_NE(r.diagnostics[0].message.find("1 duplicate records merged"), std::string::npos);
}

TEST(CloudTrailSource, WindowFiltersButCoverageSeesEverything) {
  const TimeWindow after{make_utc(2025, 3, 11, 16, 45, 12), make_utc(2025, 3, 12, 0, 0, 0)};
  const SourceReport r = collect({{"path", "cloudtrail/"}}, scenario_dir(), after);
  EXPECT_EQ(r.records_read, 7);
  EXPECT_EQ(r.evidence.size(), 2u);  // 17:06:10, 17:06:41
  EXPECT_EQ(r.coverage_begin, make_utc(2025, 3, 10, 14, 20, 55));
}

TEST(CloudTrailSource, TheRoutinePrecheckKeepsAndCountsWhatOfferingEveryRecordDoes) {
  TempDir dir;
  write_file(dir / "ct" / "a.json", read_file(scenario_dir() / kScenarioFile));
  std::vector<nlohmann::json> more;
  for (const std::string& line : scenario_record_lines()) {
    // Another delivery of each record, and copies two days later as a GET and as a HEAD.
    const nlohmann::json record = nlohmann::json::parse(line);
    more.push_back(record);
    for (const char* name : {"GetObject", "HeadObject"}) {
      nlohmann::json later = record;
      later["eventID"] = record.value("eventID", "") + "-" + name;
      std::string time = record.value("eventTime", "");
      if (time.size() > 9) time.replace(8, 2, std::to_string(std::stoi(time.substr(8, 2)) + 2));
      later["eventTime"] = time;
      later["eventName"] = name;
      more.push_back(later);
    }
  }
  write_file(dir / "ct" / "b.jsonl", json_lines(more));
  auto source = build({{"path", "ct"}}, dir.path());
  ASSERT_NE(source, nullptr);
  CorrelationOptions options;
  options.service_principals = {"arn:aws:sts::111122223333:assumed-role/support-portal-backend"};
  const auto run = stream_with_and_without_precheck(*source, contractor(), options);
  EXPECT_EQ(run.with_precheck, run.without_precheck);
  EXPECT_NE(run.with_precheck.find("read 28, skipped 0"), std::string::npos) << run.with_precheck;
  EXPECT_GT(run.skipped, 5);
}

TEST(CloudTrailConfig, MissingPathIsInvalidArgumentNamingTheKey) {
  TempDir dir;
  auto built = create_cloudtrail_source({{"kind", "cloudtrail"}, {"path", "cloudtrail/"}},
                                        context_for(dir.path(), "sources.attachments[1]"));
  ASSERT_FALSE(built.has_value());
  EXPECT_EQ(built.error().code, ErrorCode::InvalidArgument);
  EXPECT_EQ(built.error().message.rfind("sources.attachments[1].path: no such file", 0), 0u);
  auto no_path = create_cloudtrail_source({{"kind", "cloudtrail"}},
                                          context_for(dir.path(), "sources.attachments[1]"));
  ASSERT_FALSE(no_path.has_value());
  EXPECT_EQ(no_path.error().message.rfind("sources.attachments[1].path", 0), 0u);
}

TEST(CloudTrailConfig, BadIamUserMapIsInvalidArgumentNamingTheKey) {
  for (const nlohmann::json& map : {nlohmann::json("dario"), nlohmann::json{{"dario", 7}}}) {
    auto built = create_cloudtrail_source({{"path", "cloudtrail/"}, {"iam_user_map", map}},
                                          context_for(scenario_dir(), "sources.attachments[1]"));
    ASSERT_FALSE(built.has_value());
    EXPECT_EQ(built.error().code, ErrorCode::InvalidArgument);
    EXPECT_EQ(built.error().message.rfind("sources.attachments[1].iam_user_map", 0), 0u)
        << built.error().message;
  }
}

TEST(CloudTrailConfig, TheRegistryBuildsKindCloudtrail) {
  SourceRegistry registry;
  register_builtin_sources(registry);
  auto built = registry.build(scenario_sources()["attachments"][1],
                              context_for(scenario_dir(), "sources.attachments[1]"));
  ASSERT_TRUE(built.has_value()) << built.error().to_string();
  EXPECT_EQ(built->evidence->kind(), "cloudtrail");
  EXPECT_EQ(register_cloudtrail(registry).error().code, ErrorCode::AlreadyExists);
}

}  // namespace
}  // namespace ec::adapters::cloudtrail
