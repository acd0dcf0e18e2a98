#include "adapters/s3_access_log/s3_access_log_source.h"

#include <gtest/gtest.h>
#include <zlib.h>

#include "adapters/s3_access_log/config.h"
#include "tests/adapters/adapter_test_util.h"
#include "tests/adapters/retention_probe.h"

namespace ec::adapters::s3_access_log {
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

std::string gzip(const std::string& data) {
  z_stream zs{};
  deflateInit2(&zs, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
  std::string out(deflateBound(&zs, static_cast<uLong>(data.size())) + 32, '\0');
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  zs.avail_in = static_cast<uInt>(data.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  deflate(&zs, Z_FINISH);
  out.resize(zs.total_out);
  deflateEnd(&zs);
  return out;
}

std::unique_ptr<EvidenceSource> build(const nlohmann::json& config,
                                      const std::filesystem::path& base) {
  auto built = create_s3_access_log_source(config, context_for(base, "sources.attachments[0]"));
  EXPECT_TRUE(built.has_value()) << built.error().to_string();
  return built ? std::move(built->evidence) : nullptr;
}

SourceReport collect_scenario(const std::string& scenario = "contractor_after_deprovision",
                              TimeWindow window = {}) {
  auto source = build(scenario_sources(scenario)["attachments"][0], scenario_dir(scenario));
  auto report = source->collect(contractor(), window);
  EXPECT_TRUE(report.has_value());
  return std::move(*report);
}

TEST(S3AccessLogSource, ReadsAllFourteenScenarioRecordsAcrossDays) {
  const SourceReport r = collect_scenario();
  EXPECT_EQ(r.source, "s3_access_log");
  EXPECT_EQ(r.label, "sources.attachments[0]");
  EXPECT_EQ(r.records_read, 14);
  EXPECT_EQ(r.records_skipped, 0);
  EXPECT_EQ(r.evidence.size(), 14u);
  EXPECT_TRUE(r.complete);
  EXPECT_TRUE(r.diagnostics.empty()) << diagnostics_text(r);
  EXPECT_EQ(r.coverage_begin, make_utc(2025, 3, 10, 14, 20, 55));
  EXPECT_EQ(r.coverage_end, make_utc(2025, 3, 12, 11, 3, 30));
}

TEST(S3AccessLogSource, PostDeprovisionDownloadIsPresignedWithKeyAndSigningTime) {
  const SourceReport r = collect_scenario();
  const Evidence* e = find_request(r, "FBDCFCC6DADEEE9A");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->time, make_utc(2025, 3, 11, 17, 6, 10));
  EXPECT_EQ(e->kind, evidence_kind::kObjectAccess);
  EXPECT_EQ(e->object, "support-attachments/tickets/48213/att_9f3c/invoice_backup_2024Q4.xlsx");
  EXPECT_EQ(e->action, "download");
  EXPECT_EQ(e->outcome, Outcome::Success);
  EXPECT_EQ(e->auth, AuthMethod::PresignedUrl);
  EXPECT_EQ(e->credential_id, "AKIAEXAMPLEPRSGN7Q2Z");
  EXPECT_EQ(e->credential_issued_at, make_utc(2025, 3, 10, 14, 21, 2));
  EXPECT_EQ(e->credential_ttl_seconds, 604800);
  EXPECT_EQ(e->bytes, 482113);
  EXPECT_EQ(e->ip, "198.51.100.77");
  EXPECT_EQ(e->principal, "arn:aws:iam::111122223333:user/svc-attachment-presigner");
  EXPECT_EQ(e->user_agent, "BrightwellAttachmentViewer/3.8.1 (macOS 14.4; build 3810)");
  EXPECT_EQ(e->origin, "s3/support-attachments-2025-03-11.log:2");
  EXPECT_FALSE(e->names_subject);
  EXPECT_EQ(e->attributes["http_status"], 200);
  EXPECT_EQ(e->attributes["operation"], "REST.GET.OBJECT");
  EXPECT_EQ(e->attributes["host_id"],
            "8rNU232GGhlKsD6O4CGCGmNZFgzRA/jfLfTmdQrvufH1EVMIQisvUCqFFgHQfDg4");
}

TEST(S3AccessLogSource, FailuresHeadAndUploadAreMapped) {
  const SourceReport r = collect_scenario();
  const Evidence* tampered = find_request(r, "D42064E2C281C89D");
  ASSERT_NE(tampered, nullptr);
  EXPECT_EQ(tampered->outcome, Outcome::Failure);
  EXPECT_EQ(tampered->attributes["error_code"], "SignatureDoesNotMatch");
  EXPECT_EQ(tampered->auth, AuthMethod::PresignedUrl);
  EXPECT_TRUE(tampered->principal.empty());
  const Evidence* head = find_request(r, "FF146FCD93D09978");
  ASSERT_NE(head, nullptr);
  EXPECT_EQ(head->action, "head");
  EXPECT_EQ(head->bytes, 0);
  EXPECT_EQ(head->auth, AuthMethod::Header);
  const Evidence* upload = find_request(r, "94C4E67402EB6E4C");
  ASSERT_NE(upload, nullptr);
  EXPECT_EQ(upload->action, "upload");
}

TEST(S3AccessLogSource, WindowFiltersButCoverageSeesEverything) {
  const TimeWindow after{make_utc(2025, 3, 11, 16, 45, 12), make_utc(2025, 3, 12, 0, 0, 0)};
  const SourceReport r = collect_scenario("contractor_after_deprovision", after);
  EXPECT_EQ(r.records_read, 14);
  EXPECT_EQ(r.evidence.size(), 4u);  // 17:06:10, 17:06:41, 17:07:15, 17:20:03
  EXPECT_EQ(r.coverage_begin, make_utc(2025, 3, 10, 14, 20, 55));
}

TEST(S3AccessLogSource, BenignVariantHasTheExpiredUrlDenied) {
  const SourceReport r = collect_scenario("benign_no_access");
  EXPECT_EQ(r.records_read, 3);
  const Evidence* denied = find_request(r, "FBDCFCC6DADEEE9A");
  ASSERT_NE(denied, nullptr);
  EXPECT_EQ(denied->outcome, Outcome::Failure);
  EXPECT_EQ(denied->attributes["error_code"], "AccessDenied");
  EXPECT_EQ(denied->credential_ttl_seconds, 900);
}

TEST(S3AccessLogSource, MalformedLinesAreSkippedWithFileAndLine) {
  TempDir dir;
  const std::string day = read_file(scenario_dir() / "s3" / "support-attachments-2025-03-10.log");
  write_file(dir / "s3" / "a.log", "garbage line\n" + day +
                                       "owner bucket [99/Mar/2025:14:20:55 +0000] a b c d e f g h "
                                       "i j k l m n o p q\n");
  auto source = build({{"path", "s3"}}, dir.path());
  auto r = source->collect(contractor(), TimeWindow{});
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->records_read, 6);
  EXPECT_EQ(r->records_skipped, 2);
  EXPECT_EQ(r->evidence.size(), 4u);
  ASSERT_EQ(r->diagnostics.size(), 2u) << diagnostics_text(*r);
  EXPECT_EQ(r->diagnostics[0].location, "s3/a.log:1");
  EXPECT_EQ(r->diagnostics[1].location, "s3/a.log:6");
}

TEST(S3AccessLogSource, DuplicateDeliveriesAreMergedAndCounted) {
  TempDir dir;
  const std::string day = read_file(scenario_dir() / "s3" / "support-attachments-2025-03-11.log");
  write_file(dir / "s3" / "a.log", day);
  write_file(dir / "s3" / "b.log.gz", gzip(day.substr(0, day.find('\n', day.find('\n') + 1) + 1)));
  auto source = build({{"path", "s3/"}}, dir.path());
  auto r = source->collect(contractor(), TimeWindow{});
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->records_read, 7);
  EXPECT_EQ(r->evidence.size(), 5u);
  const Evidence* kept = find_request(*r, "FBDCFCC6DADEEE9A");
  ASSERT_NE(kept, nullptr);
  EXPECT_EQ(kept->origin, "s3/a.log:2");
  EXPECT_EQ(kept->attributes["duplicates"], 1);
  ASSERT_EQ(r->diagnostics.size(), 1u);
  EXPECT_NE(r->diagnostics[0].message.find("2 duplicate records merged"), std::string::npos);
}

TEST(S3AccessLogSource, TruncatedGzipMarksTheReportIncomplete) {
  TempDir dir;
  std::string many;
  const std::string day = read_file(scenario_dir() / "s3" / "support-attachments-2025-03-12.log");
  for (int i = 0; i < 200; ++i) many += day;  // request ids repeat: merged as duplicates
  const std::string zipped = gzip(many);
  write_file(dir / "s3.log.gz", zipped.substr(0, zipped.size() - 20));
  auto source = build({{"path", "s3.log.gz"}}, dir.path());
  auto r = source->collect(contractor(), TimeWindow{});
  ASSERT_TRUE(r.has_value());
  EXPECT_FALSE(r->complete);
  EXPECT_EQ(r->evidence.size(), 5u);
  EXPECT_NE(diagnostics_text(*r).find("truncated gzip stream"), std::string::npos)
      << diagnostics_text(*r);
}

// Replaces the first `from` in `line` with `to` (the line as it was when there is none).
std::string with(std::string line, std::string_view from, std::string_view to) {
  const std::size_t at = line.find(from);
  if (at != std::string::npos) line.replace(at, from.size(), to);
  return line;
}

TEST(S3AccessLogSource, TheRoutinePrecheckKeepsAndCountsWhatOfferingEveryLineDoes) {
  TempDir dir;
  std::string all;
  for (const char* day : {"2025-03-10", "2025-03-11", "2025-03-12"}) {
    all += read_file(scenario_dir() / "s3" / ("support-attachments-" + std::string(day) + ".log"));
  }
  std::vector<std::string> lines;
  for (std::size_t from = 0, nl; (nl = all.find('\n', from)) != std::string::npos; from = nl + 1) {
    if (nl > from) lines.push_back(all.substr(from, nl - from));
  }
  ASSERT_EQ(lines.size(), 14u);
  std::string extra;
  for (const std::string& line : lines) {
    // Fields: owner, bucket, [time +zone], remote IP, requester, request id, ...
    const std::size_t ip = line.find("] ") + 2;
    const std::size_t id = line.find(' ', line.find(' ', ip) + 1) + 1;
    const std::size_t id_end = line.find(' ', id);
    ASSERT_EQ(id_end - id, 16u) << line;
    // Another delivery of every line (kept ones are merged, routine ones counted again), one
    // with an escaped key, one without a request id, one a month later with a new request id.
    extra += line + "\n";
    extra += with(line, " tickets/", " tickets%2F") + "\n";
    extra += line.substr(0, id) + "-" + line.substr(id_end) + "\n";
    extra += with(line.substr(0, id) + "ZZZZ" + line.substr(id + 4), "/Mar/2025:", "/Apr/2025:") +
             "\n";
  }
  write_file(dir / "s3" / "a.log", all);
  write_file(dir / "s3" / "b.log", extra);
  auto source = build({{"path", "s3/"}}, dir.path());
  CorrelationOptions options;
  options.service_principals = {"arn:aws:sts::111122223333:assumed-role/support-portal-backend"};
  const auto run = stream_with_and_without_precheck(*source, contractor(), options);
  EXPECT_EQ(run.with_precheck, run.without_precheck);
  EXPECT_NE(run.with_precheck.find("read 70, skipped 0"), std::string::npos) << run.with_precheck;
  // Lines before deprovisioning, HEADs, PUTs and the backend's reads are only counted; escaped
  // keys, lines without a request id and duplicates of kept lines take the full path.
  EXPECT_GT(run.skipped, 10);
  EXPECT_LT(run.skipped, 70);

  const TimeWindow march{make_utc(2025, 3, 1, 0, 0, 0), make_utc(2025, 4, 1, 0, 0, 0)};
  const auto windowed = stream_with_and_without_precheck(*source, contractor(), options, march);
  EXPECT_EQ(windowed.with_precheck, windowed.without_precheck);
}

TEST(S3AccessLogConfig, MissingPathIsInvalidArgumentNamingTheKey) {
  TempDir dir;
  auto built = create_s3_access_log_source({{"kind", "s3_access_log"}, {"path", "logs/"}},
                                           context_for(dir.path(), "sources.attachments[0]"));
  ASSERT_FALSE(built.has_value());
  EXPECT_EQ(built.error().code, ErrorCode::InvalidArgument);
  EXPECT_EQ(built.error().message.rfind("sources.attachments[0].path: no such file", 0), 0u);
}

}  // namespace
}  // namespace ec::adapters::s3_access_log
