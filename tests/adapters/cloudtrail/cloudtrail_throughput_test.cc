// Throughput of the CloudTrail source (issue #3: at least 300,000 records per second), in CPU
// time so a busy machine does not fail it. Asserted for reading and filtering a trail (records
// outside the window: read, parsed, not kept) in optimized builds (NDEBUG) only; the rate when
// every record becomes Evidence is printed, not asserted (Evidence materialization dominates).
#include <algorithm>
#include <cstdio>
#include <ctime>

#include <gtest/gtest.h>

#include "adapters/cloudtrail/config.h"

#include "tests/adapters/adapter_test_util.h"
#include "tests/adapters/cloudtrail/cloudtrail_test_util.h"

namespace ec::adapters::cloudtrail {
namespace {

using ec::adapters::testing::context_for;
using ec::adapters::testing::contractor;
using ec::testing::TempDir;
using ec::testing::write_file;

#ifdef NDEBUG
constexpr int kRecords = 100'000;
#else
constexpr int kRecords = 4'000;  // unoptimized simdjson is two orders of magnitude slower
#endif
constexpr double kRequiredPerSecond = 300'000;

constexpr int kRecordsPerFile = 2'000;  // delivered files hold a few thousand records

// Records `first`..`first + count - 1` (eventID and requestID vary) in the delivered
// {"Records"} shape, alternating the presigned download, the SSO session read and the
// CloudFront origin fetch.
std::string many_records(int first, int count) {
  const std::string templates[] = {testing::presigned_get().dump(),
                                   testing::sso_session_get().dump(),
                                   testing::cloudfront_origin_fetch().dump()};
  std::string out = "{\"Records\":[";
  for (int i = first; i < first + count; ++i) {
    std::string record = templates[i % 3];
    const std::size_t id = record.find("\"eventID\":\"") + 11;
    record.replace(id, record.find('"', id) - id, "ev-" + std::to_string(i));
    const std::size_t req = record.find("\"requestID\":\"") + 13;
    record.replace(req, record.find('"', req) - req, "RQ" + std::to_string(i));
    if (i != first) out += ",\n";
    out += record;
  }
  return out + "]}";
}

// Records per CPU second of one collect() over `window`; checks how many became evidence.
double records_per_cpu_second(EvidenceSource& source, const TimeWindow& window,
                              std::size_t expected_evidence) {
  const std::clock_t start = std::clock();
  auto report = source.collect(contractor(), window);
  const double seconds = static_cast<double>(std::clock() - start) / CLOCKS_PER_SEC;
  EXPECT_TRUE(report.has_value());
  if (!report) return 0;
  EXPECT_EQ(report->records_read, kRecords);
  EXPECT_EQ(report->evidence.size(), expected_evidence);
  return kRecords / std::max(seconds, 1e-6);
}

TEST(CloudTrailThroughput, ReadsAtLeast300kRecordsPerSecond) {
  TempDir dir;
  for (int first = 0; first < kRecords; first += kRecordsPerFile) {
    write_file(dir / "ct" / ("f" + std::to_string(first) + ".json"),
               many_records(first, kRecordsPerFile));
  }
  auto built = create_cloudtrail_source({{"path", "ct"}}, context_for(dir.path(), "t"));
  ASSERT_TRUE(built.has_value());
  TimeWindow later;
  later.begin = make_utc(2026, 1, 1, 0, 0, 0);
  const double scan = records_per_cpu_second(*built->evidence, later, 0);
  const double all = records_per_cpu_second(*built->evidence, TimeWindow{}, kRecords);
  std::printf(
      "cloudtrail: %d records; scan %.0f records/cpu-s; all kept as evidence %.0f "
      "records/cpu-s\n",
      kRecords, scan, all);
#ifdef NDEBUG
  EXPECT_GE(scan, kRequiredPerSecond);
#endif
}

}  // namespace
}  // namespace ec::adapters::cloudtrail
