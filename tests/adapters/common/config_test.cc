#include "adapters/common/config.h"

#include <gtest/gtest.h>

#include "adapters/common/file_list.h"
#include "adapters/common/report_builder.h"
#include "tests/fakes/temp_dir.h"

namespace ec::adapters::common {
namespace {

using ec::testing::TempDir;
using ec::testing::write_file;

TEST(Config, RequireStringNamesTheFullKey) {
  const nlohmann::json config = {{"users", 7}};
  auto missing = require_string(config, "system_log", "sources.identity");
  ASSERT_FALSE(missing.has_value());
  EXPECT_EQ(missing.error().code, ErrorCode::InvalidArgument);
  EXPECT_EQ(missing.error().message, "sources.identity.system_log: expected a string path");
  auto wrong_type = require_string(config, "users", "sources.identity");
  ASSERT_FALSE(wrong_type.has_value());
  EXPECT_EQ(wrong_type.error().message, "sources.identity.users: expected a string path");
  EXPECT_EQ(*require_string({{"users", "u.json"}}, "users", "x"), "u.json");
}

TEST(Config, OptionalStringFallsBackButRejectsWrongType) {
  EXPECT_EQ(*optional_string(nlohmann::json::object(), "bucket", "s", "dflt"), "dflt");
  EXPECT_FALSE(optional_string({{"bucket", 1}}, "bucket", "s", "dflt").has_value());
}

TEST(Config, RequireExistingPathResolvesAgainstBaseDir) {
  TempDir dir;
  write_file(dir / "okta" / "users.json", "[]");
  const nlohmann::json config = {{"users", "okta/users.json"}, {"log", "okta/none.json"}};
  auto found = require_existing_path(config, "users", "sources.identity", dir.path().string());
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(*found, dir / "okta" / "users.json");
  auto missing = require_existing_path(config, "log", "sources.identity", dir.path().string());
  ASSERT_FALSE(missing.has_value());
  EXPECT_EQ(missing.error().code, ErrorCode::InvalidArgument);
  EXPECT_EQ(missing.error().message.rfind("sources.identity.log: no such file or folder", 0), 0u);
}

TEST(Config, DisplayPathIsRelativeBelowBaseDir) {
  EXPECT_EQ(display_path("/a/b/okta/log.jsonl", "/a/b"), "okta/log.jsonl");
  EXPECT_EQ(display_path("/elsewhere/log.jsonl", "/a/b"), "/elsewhere/log.jsonl");
  EXPECT_EQ(display_path("/a/b/x.log", ""), "/a/b/x.log");
}

TEST(FileList, FolderIsSortedAndSkipsHiddenFiles) {
  TempDir dir;
  write_file(dir / "logs" / "b.log", "");
  write_file(dir / "logs" / "a.log.gz", "");
  write_file(dir / "logs" / ".hidden", "");
  write_file(dir / "logs" / "sub" / "c.log", "");
  auto files = list_source_files(dir / "logs");
  ASSERT_TRUE(files.has_value());
  ASSERT_EQ(files->size(), 2u);
  EXPECT_EQ((*files)[0].filename(), "a.log.gz");
  EXPECT_EQ((*files)[1].filename(), "b.log");
  auto single = list_source_files(dir / "logs" / "b.log");
  ASSERT_TRUE(single.has_value());
  EXPECT_EQ(single->size(), 1u);
  EXPECT_EQ(list_source_files(dir / "nope").error().code, ErrorCode::NotFound);
}

TEST(ReportBuilder, CapsStoredDiagnosticsButCountsAll) {
  ReportBuilder report("s3_access_log", "sources.attachments[0]", 20);
  for (int i = 0; i < 25; ++i) report.skip("f.log:" + std::to_string(i + 1), "bad");
  report.saw_time(make_utc(2025, 3, 11, 0, 0, 0));
  report.saw_time(make_utc(2025, 3, 10, 0, 0, 0));
  const SourceReport r = report.finish();
  EXPECT_EQ(r.records_skipped, 25);
  ASSERT_EQ(r.diagnostics.size(), 21u);
  EXPECT_EQ(r.diagnostics.back().message, "5 more diagnostics not shown (25 in total)");
  EXPECT_EQ(*r.coverage_begin, make_utc(2025, 3, 10, 0, 0, 0));
  EXPECT_EQ(*r.coverage_end, make_utc(2025, 3, 11, 0, 0, 0));
}

}  // namespace
}  // namespace ec::adapters::common
