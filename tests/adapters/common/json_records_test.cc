#include "adapters/common/json_records.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tests/fakes/temp_dir.h"

namespace ec::adapters::common {
namespace {

using ec::testing::TempDir;
using ec::testing::write_file;

struct Collected {
  std::vector<nlohmann::json> values;
  std::vector<std::string> locations;
  std::vector<std::string> raws;
};

Status read(const std::filesystem::path& file, ReportBuilder& report, Collected& out) {
  return read_json_records(file, "logs/x.jsonl", report, [&](const JsonRecord& r) {
    out.values.push_back(r.value);
    out.locations.push_back(r.location);
    out.raws.emplace_back(r.raw);
  });
}

TEST(JsonRecords, ReadsJsonLinesSkippingBlankLines) {
  TempDir dir;
  write_file(dir / "a.jsonl", "{\"a\":1}\n\n{\"a\":2}\n");
  ReportBuilder report("test", "sources.x");
  Collected got;
  ASSERT_TRUE(read(dir / "a.jsonl", report, got).has_value());
  ASSERT_EQ(got.values.size(), 2u);
  EXPECT_EQ(got.locations, (std::vector<std::string>{"logs/x.jsonl:1", "logs/x.jsonl:3"}));
  EXPECT_EQ(got.raws[1], "{\"a\":2}");
  EXPECT_EQ(report.peek().records_read, 2);
}

TEST(JsonRecords, ReadsAJsonArrayPage) {
  TempDir dir;
  write_file(dir / "page.json", "[\n {\"a\": 1},\n {\"a\": 2}\n]\n");
  ReportBuilder report("test", "sources.x");
  Collected got;
  ASSERT_TRUE(read(dir / "page.json", report, got).has_value());
  ASSERT_EQ(got.values.size(), 2u);
  EXPECT_EQ(got.values[1]["a"], 2);
  EXPECT_EQ(got.locations[1], "logs/x.jsonl[1]");
  EXPECT_EQ(got.raws[0], "{\"a\":1}");
}

TEST(JsonRecords, MalformedLinesAreCountedAndSkippedWithFileAndLine) {
  TempDir dir;
  write_file(dir / "a.jsonl", "{\"a\":1}\n{not json\n[1,2]\n{\"a\":4}\n");
  ReportBuilder report("test", "sources.x");
  Collected got;
  ASSERT_TRUE(read(dir / "a.jsonl", report, got).has_value());
  EXPECT_EQ(got.values.size(), 2u);
  const SourceReport r = report.finish();
  EXPECT_EQ(r.records_read, 4);
  EXPECT_EQ(r.records_skipped, 2);
  ASSERT_EQ(r.diagnostics.size(), 2u);
  EXPECT_EQ(r.diagnostics[0].location, "logs/x.jsonl:2");
  EXPECT_EQ(r.diagnostics[1].location, "logs/x.jsonl:3");
}

TEST(JsonRecords, BrokenArrayIsInvalidArgument) {
  TempDir dir;
  write_file(dir / "page.json", "[{\"a\": 1},\n");
  ReportBuilder report("test", "sources.x");
  Collected got;
  const Status s = read(dir / "page.json", report, got);
  ASSERT_FALSE(s.has_value());
  EXPECT_EQ(s.error().code, ErrorCode::InvalidArgument);
}

TEST(JsonRecords, DeeplyNestedLineIsSkippedNotFatal) {
  TempDir dir;
  write_file(dir / "deep.jsonl", std::string(5000, '[') + "\n{\"ok\":true}\n");
  ReportBuilder report("test", "sources.x");
  Collected got;
  // The first non-blank line starts with '[': treated as an array page that does not parse.
  EXPECT_FALSE(read(dir / "deep.jsonl", report, got).has_value());
  write_file(dir / "deep2.jsonl", "{\"ok\":true}\n" + std::string(5000, '{') + "\n");
  ReportBuilder report2("test", "sources.x");
  Collected got2;
  ASSERT_TRUE(read(dir / "deep2.jsonl", report2, got2).has_value());
  EXPECT_EQ(got2.values.size(), 1u);
  EXPECT_EQ(report2.peek().records_skipped, 1);
}

Status read_pages(const std::filesystem::path& file, ReportBuilder& report, Collected& out) {
  return read_json_page_records(file, "g.json", "value", report, [&](const JsonRecord& r) {
    out.values.push_back(r.value);
    out.locations.push_back(r.location);
    out.raws.emplace_back(r.raw);
  });
}

TEST(JsonPageRecords, ReadsAPrettyPrintedGraphPage) {
  TempDir dir;
  write_file(dir / "p.json",
             "{\n \"@odata.context\": \"x\",\n \"value\": [\n  {\"id\": \"a\"},\n  {\"id\": \"b\"}\n ]\n}\n");
  ReportBuilder report("test", "sources.x");
  Collected got;
  ASSERT_TRUE(read_pages(dir / "p.json", report, got).has_value());
  EXPECT_EQ(got.locations, (std::vector<std::string>{"g.json[0]", "g.json[1]"}));
  EXPECT_EQ(report.peek().records_read, 2);
}

TEST(JsonPageRecords, JsonLinesMayMixPagesAndSingleRecords) {
  TempDir dir;
  write_file(dir / "p.jsonl", "{\"value\":[{\"id\":\"a\"},7]}\n{\"id\":\"b\"}\n");
  ReportBuilder report("test", "sources.x");
  Collected got;
  ASSERT_TRUE(read_pages(dir / "p.jsonl", report, got).has_value());
  EXPECT_EQ(got.locations, (std::vector<std::string>{"g.json:1[0]", "g.json:2"}));
  EXPECT_EQ(report.peek().records_read, 3);
  EXPECT_EQ(report.peek().records_skipped, 1);  // the 7 is not an object
  EXPECT_EQ(report.peek().diagnostics.at(0).location, "g.json:1[1]");
}

TEST(JsonPageRecords, AGarbledFirstLineIsOneBadRecordNotABadFile) {
  TempDir dir;
  write_file(dir / "p.jsonl", "{\"id\":\"trunc\n{\"id\":\"b\"}\n{\"id\":\"c\"}\n");
  ReportBuilder report("test", "sources.x");
  Collected got;
  ASSERT_TRUE(read_pages(dir / "p.jsonl", report, got).has_value());
  EXPECT_EQ(got.locations, (std::vector<std::string>{"g.json:2", "g.json:3"}));
  EXPECT_EQ(report.peek().records_skipped, 1);
  EXPECT_EQ(report.peek().diagnostics.at(0).location, "g.json:1");
}

}  // namespace
}  // namespace ec::adapters::common
