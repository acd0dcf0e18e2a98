#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "plugin/core/hash.h"

#include "adapters/common/report_builder.h"
#include "adapters/s3_access_log/access_log_evidence.h"
#include "adapters/s3_access_log/access_log_line.h"
#include "adapters/s3_access_log/access_log_reader.h"

#include "tests/fakes/temp_dir.h"

namespace ec::adapters::s3_access_log {
namespace {

using ec::testing::read_file;
using ec::testing::scenario_dir;
using ec::testing::TempDir;
using ec::testing::write_file;

std::vector<std::string> scenario_lines() {
  std::vector<std::string> lines;
  for (const char* day : {"2025-03-10", "2025-03-11", "2025-03-12"}) {
    std::istringstream in(
        read_file(scenario_dir() / "s3" / ("support-attachments-" + std::string(day) + ".log")));
    for (std::string line; std::getline(in, line);) {
      if (!line.empty()) lines.push_back(line);
    }
  }
  return lines;
}

TEST(AccessLogStream, ReusedEvidenceEqualsAFreshConversionLineAfterLine) {
  const std::vector<std::string> lines = scenario_lines();
  ASSERT_EQ(lines.size(), 14u);
  Evidence scratch;
  scratch.id = "E9";  // leftovers a caller might have set must not survive
  scratch.names_subject = true;
  scratch.session_id = "cs_1";
  scratch.attributes["duplicates"] = 2;
  // Every line after every other, so each field is overwritten from a different shape of line
  // (presigned, header-signed, anonymous 403, HEAD, PUT).
  for (std::size_t round = 0; round < 2; ++round) {
    for (std::size_t i = 0; i < lines.size(); ++i) {
      const std::string& raw = lines[(i * 5 + round) % lines.size()];
      auto parsed = parse_access_log_line(raw);
      ASSERT_TRUE(parsed.has_value());
      auto fresh = access_log_to_evidence(*parsed, "s3/x.log:" + std::to_string(i), raw);
      ASSERT_TRUE(fresh.has_value());
      ASSERT_TRUE(access_log_to_evidence_into(*parsed, "s3/x.log:" + std::to_string(i), raw,
                                              ContentHash::Compute, scratch)
                      .has_value());
      EXPECT_EQ(evidence_to_json(scratch), evidence_to_json(*fresh)) << raw;
    }
  }
}

TEST(AccessLogStream, DeferredHashIsEmptyUntilSetAndThenTheSha256OfTheLine) {
  const std::string raw = scenario_lines().at(1);
  auto parsed = parse_access_log_line(raw);
  ASSERT_TRUE(parsed.has_value());
  Evidence e;
  ASSERT_TRUE(access_log_to_evidence_into(*parsed, "o", raw, ContentHash::Deferred, e).has_value());
  EXPECT_TRUE(e.content_hash.empty());
  set_content_hash(raw, e);
  EXPECT_EQ(e.content_hash, sha256_hex(raw));
  set_content_hash("", e);
  EXPECT_EQ(e.content_hash, sha256_hex(""));
}

TEST(AccessLogStream, BadTimeIsInvalidArgumentInBothForms) {
  auto parsed = parse_access_log_line(
      "owner bucket [99/Mar/2025:14:20:55 +0000] a b c d e f g h i j k l m n o p q");
  ASSERT_TRUE(parsed.has_value());
  Evidence e;
  const auto status = access_log_to_evidence_into(*parsed, "o", "raw", ContentHash::Compute, e);
  ASSERT_FALSE(status.has_value());
  EXPECT_EQ(status.error().code, ErrorCode::InvalidArgument);
}

TEST(AccessLogStream, ForEachRecordVisitsWellFormedLinesAndCountsTheRest) {
  TempDir dir;
  const std::string day = read_file(scenario_dir() / "s3" / "support-attachments-2025-03-10.log");
  write_file(dir / "s3" / "a.log", "garbage line\n\n" + day);
  write_file(dir / "s3" / "b.log", day);
  common::ReportBuilder report("s3_access_log", "sources.attachments[0]");
  std::vector<std::string> seen;
  const auto status =
      for_each_record(dir / "s3", dir.path().string(), report, [&](const AccessLogRecord& r) {
        EXPECT_EQ(r.line.field_count, 27u);
        EXPECT_FALSE(r.raw.empty());
        seen.push_back(r.location());
      });
  ASSERT_TRUE(status.has_value());
  ASSERT_EQ(seen.size(), 8u);
  EXPECT_EQ(seen.front(), "s3/a.log:3");
  EXPECT_EQ(seen.back(), "s3/b.log:4");
  const SourceReport r = report.finish();
  EXPECT_EQ(r.records_read, 9);
  EXPECT_EQ(r.records_skipped, 1);
  ASSERT_EQ(r.diagnostics.size(), 1u);
  EXPECT_EQ(r.diagnostics[0].location, "s3/a.log:1");
}

TEST(AccessLogStream, ForEachRecordOnAMissingPathIsNotFound) {
  TempDir dir;
  common::ReportBuilder report("s3_access_log", "x");
  const auto status =
      for_each_record(dir / "nope", dir.path().string(), report, [](const AccessLogRecord&) {});
  ASSERT_FALSE(status.has_value());
  EXPECT_EQ(status.error().code, ErrorCode::NotFound);
}

TEST(AccessLogLine, LongPlainFieldsSplitAtEverySpacePosition) {
  // Plain fields are scanned eight bytes at a time: put the separating space at every offset.
  for (std::size_t len = 1; len < 40; ++len) {
    std::string line;
    for (int f = 0; f < 17; ++f)
      line += std::string(len + static_cast<std::size_t>(f) % 9, 'a' + f) + " ";
    line.pop_back();
    auto parsed = parse_access_log_line(line);
    ASSERT_TRUE(parsed.has_value()) << line;
    ASSERT_EQ(parsed->field_count, 17u);
    for (int f = 0; f < 17; ++f) {
      EXPECT_EQ(parsed->fields[static_cast<std::size_t>(f)],
                std::string(len + static_cast<std::size_t>(f) % 9, 'a' + f));
    }
  }
}

}  // namespace
}  // namespace ec::adapters::s3_access_log
