#include "adapters/cloudfront/cloudfront_source.h"

#include <gtest/gtest.h>

#include "plugin/core/hash.h"

#include "adapters/cloudfront/config.h"
#include "adapters/cloudfront/log_fields.h"

#include "tests/adapters/adapter_test_util.h"
#include "tests/adapters/cloudtrail/cloudtrail_test_util.h"

namespace ec::adapters::cloudfront {
namespace {

using ec::adapters::cloudtrail::testing::gzip;
using ec::adapters::testing::context_for;
using ec::adapters::testing::contractor;
using ec::adapters::testing::diagnostics_text;
using ec::adapters::testing::find_request;
using ec::testing::read_file;
using ec::testing::scenario_dir;
using ec::testing::TempDir;
using ec::testing::write_file;

constexpr char kScenarioLog[] = "cloudfront/E2EXAMPLEPRVW7Q.2025-03-11-17.5f2a9c1e";
constexpr char kMissId[] = "Qx7ExampleEdgeReqId01_a8v0Jq3ZbV9sQe2Lm4Rt6Yu==";
constexpr char kHitId[] = "Lm2ExampleEdgeReqId02_c4d8Kp1WxN7uTy5Bv3Hs9==";

std::unique_ptr<EvidenceSource> build(const nlohmann::json& config,
                                      const std::filesystem::path& base) {
  auto built = create_cloudfront_source(config, context_for(base, "sources.attachments[2]"));
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

std::string tsv(const std::vector<std::string>& fields) {
  std::string line;
  for (const auto& f : fields) line += (line.empty() ? "" : "\t") + f;
  return line + "\n";
}

TEST(CloudFrontSource, ReadsTheScenarioLogMissAndHit) {
  const SourceReport r = collect({{"path", "cloudfront/"}}, scenario_dir("ambiguous_cdn_preview"));
  EXPECT_EQ(r.source, "cloudfront");
  EXPECT_EQ(r.records_read, 2);
  EXPECT_EQ(r.records_skipped, 0);
  EXPECT_TRUE(r.complete);
  EXPECT_TRUE(r.diagnostics.empty()) << diagnostics_text(r);
  ASSERT_EQ(r.evidence.size(), 2u);
  const Evidence* miss = find_request(r, kMissId);
  ASSERT_NE(miss, nullptr);
  EXPECT_EQ(miss->time, make_utc(2025, 3, 11, 17, 6, 11));
  EXPECT_EQ(miss->kind, evidence_kind::kObjectAccess);
  EXPECT_EQ(miss->object,
            "cdn.brightwell.example/previews/48213/att_9f3c/invoice_backup_2024Q4.page1.webp");
  EXPECT_EQ(miss->action, "preview");
  EXPECT_EQ(miss->outcome, Outcome::Success);
  EXPECT_EQ(miss->principal, "-");
  EXPECT_EQ(miss->auth, AuthMethod::Anonymous);
  EXPECT_FALSE(miss->names_subject);
  EXPECT_EQ(miss->ip, "192.0.2.10");
  EXPECT_EQ(miss->user_agent, "BrightwellPreviewWarmer/1.4");
  EXPECT_EQ(miss->bytes, 58890);
  EXPECT_EQ(miss->origin, std::string(kScenarioLog) + ":3");
  EXPECT_EQ(miss->attributes["edge_result_type"], "Miss");
  EXPECT_EQ(miss->attributes["edge_location"], "FRA56-P3");
  EXPECT_EQ(miss->attributes["edge_request_id"], kMissId);
  EXPECT_EQ(miss->attributes["http_status"], 200);
  const std::string text = read_file(scenario_dir("ambiguous_cdn_preview") / kScenarioLog);
  const std::size_t third = text.find('\n', text.find('\n') + 1) + 1;
  EXPECT_EQ(miss->content_hash, sha256_hex(text.substr(third, text.find('\n', third) - third)));
  const Evidence* hit = find_request(r, kHitId);
  ASSERT_NE(hit, nullptr);
  EXPECT_EQ(hit->attributes["edge_result_type"], "Hit");
  EXPECT_EQ(hit->user_agent,
            "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_4) AppleWebKit/605.1.15 (KHTML, like "
            "Gecko) Version/17.4 Safari/605.1.15");
}

TEST(CloudFrontSource, FieldsHeaderSetsTheColumnOrder) {
  TempDir dir;
  write_file(
      dir / "cf.log",
      "#Version: 1.0\n"
      "#Fields: x-edge-request-id time date cs-uri-stem sc-status c-ip x-host-header "
      "x-edge-result-type cs(User-Agent) cs(Cookie) sc-bytes x-edge-location new-field\n" +
          tsv({"REQ1", "09:00:01", "2025-03-12", "/tickets/48213/a%20b.pdf", "304", "203.0.113.9",
               "cdn.brightwell.example", "RefreshHit", "curl/8.6.0", "-", "-", "-", "x"}) +
          tsv({"REQ2", "09:00:02", "2025-03-12", "/tickets/48213/a.pdf", "403", "203.0.113.9", "-",
               "Error", "-", "session=abc", "512", "LHR3-C1", "x"}));
  const SourceReport r = collect({{"path", "cf.log"}}, dir.path());
  ASSERT_EQ(r.evidence.size(), 2u) << diagnostics_text(r);
  const Evidence* ok = find_request(r, "REQ1");
  ASSERT_NE(ok, nullptr);
  EXPECT_EQ(ok->time, make_utc(2025, 3, 12, 9, 0, 1));
  EXPECT_EQ(ok->object, "cdn.brightwell.example/tickets/48213/a b.pdf");
  EXPECT_EQ(ok->action, "download");
  EXPECT_EQ(ok->outcome, Outcome::Success);  // 304 served from cache
  EXPECT_EQ(ok->bytes, 0);                   // '-' is empty
  EXPECT_TRUE(ok->attributes["edge_location"].get<std::string>().empty());
  const Evidence* denied = find_request(r, "REQ2");
  ASSERT_NE(denied, nullptr);
  EXPECT_EQ(denied->outcome, Outcome::Failure);
  EXPECT_EQ(denied->auth, AuthMethod::Unknown);      // a cookie was sent
  EXPECT_EQ(denied->object, "tickets/48213/a.pdf");  // no host header logged
  EXPECT_TRUE(denied->user_agent.empty());
}

TEST(CloudFrontSource, MalformedLinesAreCountedWithFileAndLine) {
  TempDir dir;
  const std::string scenario = read_file(scenario_dir("ambiguous_cdn_preview") / kScenarioLog);
  write_file(dir / "cf" / "a.log", tsv({"2025-03-11", "17:06:11", "no header yet"}) + scenario +
                                       tsv({"2025-03-11", "17:06:11", "too", "few"}) +
                                       tsv(std::vector<std::string>(33, "-")));
  write_file(dir / "cf" / "b.log.gz", gzip("#Fields: date time\n" + scenario));
  const SourceReport r = collect({{"path", "cf"}}, dir.path());
  EXPECT_EQ(r.evidence.size(), 2u + 2u);
  EXPECT_EQ(r.records_skipped, 3);
  const std::string diagnostics = diagnostics_text(r);
  EXPECT_NE(diagnostics.find("cf/a.log:1: no #Fields header"), std::string::npos) << diagnostics;
  EXPECT_NE(diagnostics.find("cf/a.log:6: expected 33 tab-separated"), std::string::npos)
      << diagnostics;
  EXPECT_NE(diagnostics.find("cf/a.log:7: expected date and time"), std::string::npos)
      << diagnostics;
  EXPECT_NE(diagnostics.find("cf/b.log.gz:1: #Fields header lacks"), std::string::npos)
      << diagnostics;
}

TEST(CloudFrontSource, TruncatedGzipMarksTheReportIncomplete) {
  TempDir dir;
  std::string many = read_file(scenario_dir("ambiguous_cdn_preview") / kScenarioLog);
  const std::string body = many.substr(many.find("\n2025") + 1);
  for (int i = 0; i < 300; ++i) many += body;
  const std::string zipped = gzip(many);
  write_file(dir / "cf.gz", zipped.substr(0, zipped.size() - 20));
  const SourceReport r = collect({{"path", "cf.gz"}}, dir.path());
  EXPECT_FALSE(r.complete);
  EXPECT_GT(r.evidence.size(), 100u);
  EXPECT_NE(diagnostics_text(r).find("truncated gzip stream"), std::string::npos);
}

TEST(CloudFrontLogFields, RequiresDateTimeAndUriStem) {
  EXPECT_FALSE(LogFields::parse("#Fields: date time c-ip").has_value());
  EXPECT_FALSE(LogFields::parse("#Version: 1.0").has_value());
  auto fields = LogFields::parse("#Fields: cs-uri-stem  date\ttime");
  ASSERT_TRUE(fields.has_value());
  EXPECT_EQ(fields->width(), 3u);
  EXPECT_EQ(fields->column(Field::Date), 1u);
  EXPECT_EQ(fields->column(Field::ClientIp), kAbsent);
}

TEST(CloudFrontConfig, MissingPathIsInvalidArgumentNamingTheKey) {
  TempDir dir;
  auto built = create_cloudfront_source({{"kind", "cloudfront"}, {"path", "cloudfront/"}},
                                        context_for(dir.path(), "sources.attachments[2]"));
  ASSERT_FALSE(built.has_value());
  EXPECT_EQ(built.error().code, ErrorCode::InvalidArgument);
  EXPECT_EQ(built.error().message.rfind("sources.attachments[2].path: no such file", 0), 0u);
}

}  // namespace
}  // namespace ec::adapters::cloudfront
