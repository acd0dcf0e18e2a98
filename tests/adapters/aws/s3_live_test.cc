// The AWS log sources' live mode: S3AccessLogSource / CloudTrailSource / CloudFrontSource ->
// S3Client -> HttplibClient (real TLS) -> FakeS3 on a loopback HTTPS server, which verifies the
// SigV4 signature of every request. The bundled scenario's export files are served as log
// objects (some gzip), listed over several pages, with a 503 SlowDown, a denied and a vanished
// object, and a client signing with the wrong secret.
#include <gtest/gtest.h>

#include "plugin/net/httplib_client.h"

#include "adapters/cloudfront/config.h"
#include "adapters/cloudtrail/config.h"
#include "adapters/s3_access_log/config.h"

#include "tests/adapters/adapter_test_util.h"
#include "tests/adapters/aws/fake_s3.h"

namespace ec::adapters::aws {
namespace {

using ec::adapters::testing::context_for;
using ec::adapters::testing::contractor;
using ec::adapters::testing::diagnostics_text;
using ec::adapters::testing::scenario_sources;
using ec::testing::FakeClock;
using ec::testing::read_file;
using ec::testing::scenario_dir;
using std::chrono::milliseconds;
using testing::FakeS3;
using testing::gzip;

constexpr char kKeyId[] = "AKIAEXAMPLELOGREADER";
constexpr char kSecret[] = "s3-reader-SECRET-wJalrXUtnFEMI/K7MDENG";
constexpr char kAccessPrefix[] = "s3-access/support-attachments/";
constexpr char kTrailPrefix[] = "AWSLogs/111122223333/CloudTrail/us-east-1/";

enum class Factory { AccessLog, CloudTrail, CloudFront };

class S3Live : public ::testing::Test {
 protected:
  S3Live() : clock_(make_utc(2025, 3, 20, 0, 0, 0)) {}

  // The scenario's three access log files as delivered objects; the middle one gzip.
  void put_access_logs() {
    const auto dir = scenario_dir() / "s3";
    s3_.put(std::string(kAccessPrefix) + "2025-03-10-23-10-02-3E1F0A2B4C5D6E7F",
            read_file(dir / "support-attachments-2025-03-10.log"));
    s3_.put(std::string(kAccessPrefix) + "2025-03-11-23-10-05-0B1C2D3E4F5A6B7C",
            gzip(read_file(dir / "support-attachments-2025-03-11.log")));
    s3_.put(std::string(kAccessPrefix) + "2025-03-12-23-10-04-9A8B7C6D5E4F3A2B",
            read_file(dir / "support-attachments-2025-03-12.log"));
  }

  void start() {
    s3_.start();
    net::HttplibClientOptions options;
    options.ca_file = s3_.ca_file().string();
    auto client = net::HttplibClient::create(options);
    ASSERT_TRUE(client.has_value());
    http_ = std::move(*client);
  }

  Result<BuiltSource> build(Factory factory, nlohmann::json config) {
    SourceContext context = context_for(scenario_dir(), "sources.attachments[0]");
    context.clock = &clock_;
    context.http = http_.get();
    context.secret = [this](std::string_view name) -> std::optional<std::string> {
      if (name == "AWS_ACCESS_KEY_ID") return kKeyId;
      if (name == "AWS_SECRET_ACCESS_KEY") return secret_;
      if (name == "LOGS_SESSION_TOKEN" && !session_token_.empty()) return session_token_;
      return std::nullopt;
    };
    S3LiveOptions options;
    options.sleep = [this](milliseconds d) {
      sleeps_.push_back(d);
      clock_.advance(d);
    };
    config["mode"] = "live";
    config["base_url"] = s3_.base_url();
    config["bucket"] = "acme-logs";
    config["region"] = "us-east-1";
    config["session_token_env"] = "LOGS_SESSION_TOKEN";
    switch (factory) {
      case Factory::AccessLog:
        return s3_access_log::create_s3_access_log_source(config, context, options);
      case Factory::CloudTrail:
        return cloudtrail::create_cloudtrail_source(config, context, options);
      case Factory::CloudFront:
        return cloudfront::create_cloudfront_source(config, context, options);
    }
    return make_error(ErrorCode::Internal, "unreachable");
  }

  SourceReport collect_access_logs() {
    auto built = build(Factory::AccessLog, {{"kind", "s3_access_log"}, {"prefix", kAccessPrefix}});
    EXPECT_TRUE(built.has_value()) << built.error().message;
    auto report = built->evidence->collect(contractor(), TimeWindow{});
    EXPECT_TRUE(report.has_value()) << report.error().message;
    return std::move(*report);
  }

  std::vector<std::string> list_requests() const {
    std::vector<std::string> targets;
    for (const auto& r : s3_.requests()) {
      if (r.param("list-type")) targets.push_back(r.target);
    }
    return targets;
  }

  FakeS3 s3_{"acme-logs", kKeyId, kSecret, "FwoGZXIvYXdzEXAMPLEsession"};
  std::string secret_ = kSecret;
  std::string session_token_ = "FwoGZXIvYXdzEXAMPLEsession";
  std::unique_ptr<net::HttplibClient> http_;
  FakeClock clock_;
  std::vector<milliseconds> sleeps_;
};

SourceReport collect_files(const nlohmann::json& block, const std::string& label) {
  auto built =
      s3_access_log::create_s3_access_log_source(block, context_for(scenario_dir(), label));
  if (block.at("kind") == "cloudtrail") {
    built = cloudtrail::create_cloudtrail_source(block, context_for(scenario_dir(), label));
  }
  EXPECT_TRUE(built.has_value());
  auto report = built->evidence->collect(contractor(), TimeWindow{});
  EXPECT_TRUE(report.has_value());
  return std::move(*report);
}

void expect_same_evidence(const SourceReport& live, const SourceReport& files) {
  ASSERT_EQ(live.evidence.size(), files.evidence.size());
  for (std::size_t i = 0; i < files.evidence.size(); ++i) {
    const Evidence& a = live.evidence[i];
    const Evidence& b = files.evidence[i];
    EXPECT_EQ(a.content_hash, b.content_hash) << i;
    EXPECT_EQ(a.time, b.time) << i;
    EXPECT_EQ(a.object, b.object) << i;
    EXPECT_EQ(a.action, b.action) << i;
    EXPECT_EQ(a.principal, b.principal) << i;
    EXPECT_EQ(a.request_id, b.request_id) << i;
    EXPECT_EQ(a.names_subject, b.names_subject) << i;
    EXPECT_EQ(a.summary, b.summary) << i;
  }
  EXPECT_EQ(live.records_read, files.records_read);
  EXPECT_EQ(live.records_skipped, files.records_skipped);
  EXPECT_EQ(live.coverage_begin, files.coverage_begin);
  EXPECT_EQ(live.coverage_end, files.coverage_end);
}

TEST_F(S3Live, AccessLogsReadLiveGiveTheSameEvidenceAsTheExportFiles) {
  put_access_logs();
  // Outside the window (deprovisioned 2025-03-11 - 30 days - 24 h .. now + 24 h): never fetched.
  s3_.put(std::string(kAccessPrefix) + "2025-01-02-10-00-00-0000000000000000", "not a log line");
  s3_.put(std::string(kAccessPrefix) + "2025-04-02-10-00-00-0000000000000000", "not a log line");
  s3_.set_page_size(1);
  s3_.slow_down_once(std::string(kAccessPrefix) + "2025-03-11-23-10-05-0B1C2D3E4F5A6B7C");
  start();
  const SourceReport live = collect_access_logs();
  EXPECT_EQ(s3_.signature_failures(), 0) << s3_.last_signature_problem();
  EXPECT_TRUE(live.complete) << diagnostics_text(live);
  expect_same_evidence(
      live, collect_files(scenario_sources()["attachments"][0], "sources.attachments[0]"));
  ASSERT_FALSE(live.evidence.empty());
  EXPECT_EQ(live.evidence.front().origin.substr(0, 61),
            "s3://acme-logs/s3-access/support-attachments/2025-03-10-23-10");

  // One listing from the first day on, page by page, stopping at the first key past the last.
  const auto lists = list_requests();
  ASSERT_EQ(lists.size(), 4u);
  EXPECT_EQ(lists[0],
            "/acme-logs/?list-type=2&prefix=s3-access%2Fsupport-attachments%2F"
            "&start-after=s3-access%2Fsupport-attachments%2F2025-02-08");
  EXPECT_TRUE(lists[1].starts_with("/acme-logs/?continuation-token=after%3As3-access"));
  EXPECT_EQ(s3_.fetched(),
            (std::vector<std::string>{
                std::string(kAccessPrefix) + "2025-03-10-23-10-02-3E1F0A2B4C5D6E7F",
                std::string(kAccessPrefix) + "2025-03-11-23-10-05-0B1C2D3E4F5A6B7C",
                std::string(kAccessPrefix) + "2025-03-11-23-10-05-0B1C2D3E4F5A6B7C",
                std::string(kAccessPrefix) + "2025-03-12-23-10-04-9A8B7C6D5E4F3A2B"}));
  EXPECT_EQ(sleeps_, (std::vector<milliseconds>{milliseconds{1'000}}));  // SlowDown backoff

  // Every request carried the session token, signed; none carried a secret in its URL.
  for (const auto& r : s3_.requests()) {
    EXPECT_EQ(r.header("x-amz-security-token"), "FwoGZXIvYXdzEXAMPLEsession");
    EXPECT_EQ(r.target.find(kSecret), std::string::npos);
  }
}

TEST_F(S3Live, AWrongSecretFailsSignatureVerificationAndIsAGapNotNoAccess) {
  put_access_logs();
  secret_ = "not-the-secret";
  start();
  const SourceReport live = collect_access_logs();
  EXPECT_GT(s3_.signature_failures(), 0);
  EXPECT_EQ(s3_.last_signature_problem(), "signature mismatch");
  EXPECT_FALSE(live.complete);
  EXPECT_TRUE(live.evidence.empty());
  ASSERT_EQ(live.diagnostics.size(), 1u);
  EXPECT_TRUE(live.diagnostics[0].location.ends_with("-> 403")) << live.diagnostics[0].location;
  EXPECT_NE(live.diagnostics[0].message.find("SignatureDoesNotMatch"), std::string::npos)
      << live.diagnostics[0].message;
  EXPECT_EQ(diagnostics_text(live).find("not-the-secret"), std::string::npos);
}

TEST_F(S3Live, ADeniedOrVanishedObjectIsReportedAsAnIncompleteSource) {
  put_access_logs();
  s3_.deny(std::string(kAccessPrefix) + "2025-03-10-23-10-02-3E1F0A2B4C5D6E7F");
  s3_.vanish(std::string(kAccessPrefix) + "2025-03-12-23-10-04-9A8B7C6D5E4F3A2B");
  start();
  const SourceReport live = collect_access_logs();
  EXPECT_EQ(s3_.signature_failures(), 0) << s3_.last_signature_problem();
  EXPECT_FALSE(live.complete);
  EXPECT_EQ(live.records_read, 5);  // the one object that could be read
  const std::string text = diagnostics_text(live);
  EXPECT_NE(text.find("2025-03-10-23-10-02-3E1F0A2B4C5D6E7F -> 403: unexpected status: "
                      "AccessDenied: Access Denied; s3://acme-logs/"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("-> 404: unexpected status: NoSuchKey"), std::string::npos) << text;
}

TEST_F(S3Live, ADeniedListingLeavesTheSourceIncompleteWithNoEvidence) {
  put_access_logs();
  s3_.deny_listing();
  start();
  const SourceReport live = collect_access_logs();
  EXPECT_FALSE(live.complete);
  EXPECT_TRUE(live.evidence.empty());
  EXPECT_TRUE(s3_.fetched().empty());
  ASSERT_EQ(live.diagnostics.size(), 1u);
  EXPECT_TRUE(live.diagnostics[0].location.starts_with("GET " + s3_.base_url() +
                                                       "/acme-logs/?list-type=2&prefix="));
  EXPECT_NE(live.diagnostics[0].message.find("AccessDenied"), std::string::npos);
}

TEST_F(S3Live, CloudTrailListsTheTrailsDayFoldersAndReadsGzipFiles) {
  const std::string file = "111122223333_CloudTrail_us-east-1_20250312T1105Z_Fx7kQ2bRm9Lp.json";
  s3_.put(std::string(kTrailPrefix) + "2025/03/12/" + file + ".gz",
          gzip(read_file(scenario_dir() / "cloudtrail" / file)));
  s3_.put(std::string(kTrailPrefix) + "2024/11/30/old.json.gz", gzip("{\"Records\":[]}"));
  s3_.put("AWSLogs/111122223333/CloudTrail/eu-west-1/2025/03/12/other-region.json.gz",
          gzip("{\"Records\":[]}"));
  s3_.slow_down_once("");  // the first listing answers 503 SlowDown
  start();
  auto built = build(Factory::CloudTrail, {{"kind", "cloudtrail"}, {"account_id", "111122223333"}});
  ASSERT_TRUE(built.has_value()) << built.error().message;
  auto live = built->evidence->collect(contractor(), TimeWindow{});
  ASSERT_TRUE(live.has_value());
  EXPECT_EQ(s3_.signature_failures(), 0) << s3_.last_signature_problem();
  EXPECT_TRUE(live->complete) << diagnostics_text(*live);
  const SourceReport files =
      collect_files(scenario_sources()["attachments"][1], "sources.attachments[1]");
  ASSERT_FALSE(files.evidence.empty());
  expect_same_evidence(*live, files);
  ASSERT_FALSE(live->evidence.empty());
  EXPECT_TRUE(live->evidence[0].origin.starts_with("s3://acme-logs/" + std::string(kTrailPrefix) +
                                                   "2025/03/12/" + file + ".gz:Records["))
      << live->evidence[0].origin;
  const auto lists = list_requests();
  ASSERT_EQ(lists.size(), 2u);  // the SlowDown, then the retry
  EXPECT_EQ(lists[1],
            "/acme-logs/?list-type=2&prefix=AWSLogs%2F111122223333%2FCloudTrail%2Fus-east-1%2F"
            "&start-after=AWSLogs%2F111122223333%2FCloudTrail%2Fus-east-1%2F2025%2F02%2F08");
  EXPECT_EQ(s3_.fetched(),
            (std::vector<std::string>{std::string(kTrailPrefix) + "2025/03/12/" + file + ".gz"}));
}

TEST_F(S3Live, CloudFrontReadsTheDistributionsObjectsByDay) {
  const auto dir = scenario_dir("ambiguous_cdn_preview") / "cloudfront";
  std::string name;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    name = entry.path().filename().string();
  }
  ASSERT_FALSE(name.empty());
  s3_.put("cdn/E2EXAMPLE1.2025-03-12-09.a1b2c3d4.gz", gzip(read_file(dir / name)));
  s3_.put("cdn/E9OTHERDIST.2025-03-12-09.a1b2c3d4.gz", "other distribution");
  start();
  auto built =
      build(Factory::CloudFront,
            {{"kind", "cloudfront"}, {"prefix", "cdn/"}, {"distribution_id", "E2EXAMPLE1"}});
  ASSERT_TRUE(built.has_value()) << built.error().message;
  auto live = built->evidence->collect(contractor(), TimeWindow{});
  ASSERT_TRUE(live.has_value());
  EXPECT_EQ(s3_.signature_failures(), 0) << s3_.last_signature_problem();
  EXPECT_TRUE(live->complete) << diagnostics_text(*live);
  SourceContext files_context = context_for(scenario_dir("ambiguous_cdn_preview"), "x");
  auto files = cloudfront::create_cloudfront_source(
      {{"kind", "cloudfront"}, {"path", "cloudfront/"}}, files_context);
  ASSERT_TRUE(files.has_value());
  auto expected = files->evidence->collect(contractor(), TimeWindow{});
  ASSERT_TRUE(expected.has_value());
  ASSERT_EQ(live->evidence.size(), expected->evidence.size());
  for (std::size_t i = 0; i < expected->evidence.size(); ++i) {
    EXPECT_EQ(live->evidence[i].content_hash, expected->evidence[i].content_hash);
  }
  EXPECT_EQ(s3_.fetched(), (std::vector<std::string>{"cdn/E2EXAMPLE1.2025-03-12-09.a1b2c3d4.gz"}));
}

TEST_F(S3Live, ConfigErrorsNameTheKey) {
  start();
  const auto error = [&](Factory f, nlohmann::json config) {
    auto built = build(f, std::move(config));
    return built ? std::string("<built>") : built.error().message;
  };
  secret_.clear();
  EXPECT_EQ(error(Factory::AccessLog, {{"kind", "s3_access_log"}}),
            "sources.attachments[0].secret_access_key_env: environment variable "
            "AWS_SECRET_ACCESS_KEY is not set");
  secret_ = kSecret;
  EXPECT_EQ(error(Factory::AccessLog, {{"kind", "s3_access_log"}, {"path", "s3/"}}),
            "sources.attachments[0]: use either mode \"live\" (bucket, region, ...) or path "
            "(export files), not both");
  EXPECT_EQ(error(Factory::AccessLog, {{"kind", "s3_access_log"}, {"addressing", "dns"}}),
            "sources.attachments[0].addressing: expected \"path\" or \"virtual\"");
  EXPECT_EQ(error(Factory::AccessLog, {{"kind", "s3_access_log"}, {"key_format", "partitioned"}}),
            "sources.attachments[0].source_account_id: expected a string AWS account id");
  EXPECT_EQ(error(Factory::CloudTrail, {{"kind", "cloudtrail"}, {"account_id", "1111"}}),
            "sources.attachments[0].account_id: expected a 12-digit AWS account id");
  EXPECT_EQ(error(Factory::CloudFront, {{"kind", "cloudfront"}}),
            "sources.attachments[0].distribution_id: expected a string distribution id");
  SourceContext context = context_for(scenario_dir(), "sources.attachments[0]");
  auto bad_mode = s3_access_log::create_s3_access_log_source(
      {{"kind", "s3_access_log"}, {"mode", "stream"}}, context);
  ASSERT_FALSE(bad_mode.has_value());
  EXPECT_EQ(bad_mode.error().message,
            "sources.attachments[0].mode: expected \"files\" or \"live\"");
}

}  // namespace
}  // namespace ec::adapters::aws

namespace ec::adapters::aws {
namespace {

TEST_F(S3Live, KeysWithReservedCharactersAreSignedAsSent) {
  const std::string key = std::string(kAccessPrefix) + "2025-03-12-23-10-04-a b+c=d~e%f";
  s3_.put(key, read_file(scenario_dir() / "s3" / "support-attachments-2025-03-12.log"));
  start();
  const SourceReport live = collect_access_logs();
  EXPECT_EQ(s3_.signature_failures(), 0) << s3_.last_signature_problem();
  EXPECT_TRUE(live.complete) << diagnostics_text(live);
  EXPECT_EQ(s3_.fetched(), (std::vector<std::string>{key}));
  EXPECT_EQ(live.records_read, 5);
}

}  // namespace
}  // namespace ec::adapters::aws
