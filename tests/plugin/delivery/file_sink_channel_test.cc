#include "plugin/delivery/file_sink_channel.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "tests/fakes/temp_dir.h"
#include "tests/plugin/delivery/outbox_fixture.h"

namespace ec::delivery {
namespace {

using ec::testing::make_message;
using ec::testing::read_file;
using ec::testing::TempDir;

const Timestamp kCreated = make_utc(2025, 3, 11, 16, 0, 0);

TEST(FileSinkChannel, WritesPayloadAndMetadataToKeyFile) {
  TempDir dir;
  FileSinkChannel sink(dir / "out");
  auto message = make_message("k1", "file", kCreated);
  message.id = 7;

  auto receipt = sink.deliver(message);

  ASSERT_TRUE(receipt.has_value()) << receipt.error().to_string();
  const auto path = dir / "out" / "k1.json";
  EXPECT_EQ(receipt->reference, path.string());
  const auto document = nlohmann::json::parse(read_file(path));
  EXPECT_EQ(document["payload"], message.payload);
  EXPECT_EQ(document["idempotency_key"], "k1");
  EXPECT_EQ(document["outbox_id"], 7);
  EXPECT_EQ(document["case_id"], "C1");
  EXPECT_EQ(document["recipient"], "ESC-1042");
  EXPECT_EQ(document["created_at"], "2025-03-11T16:00:00Z");
  EXPECT_EQ(sink.name(), "file");
}

TEST(FileSinkChannel, RedeliveryReturnsSameReferenceWithoutRewriting) {
  TempDir dir;
  FileSinkChannel sink(dir.path());
  const auto message = make_message("k1", "file", kCreated);
  auto first = sink.deliver(message);
  ASSERT_TRUE(first.has_value());
  ec::testing::write_file(dir / "k1.json", "sentinel");

  auto second = sink.deliver(message);

  ASSERT_TRUE(second.has_value()) << second.error().to_string();
  EXPECT_EQ(second->reference, first->reference);
  EXPECT_EQ(read_file(dir / "k1.json"), "sentinel");
}

TEST(FileSinkChannel, LeavesOnlyTheTargetFile) {
  TempDir dir;
  FileSinkChannel sink(dir.path());
  ASSERT_TRUE(sink.deliver(make_message("k1", "file", kCreated)).has_value());
  ASSERT_TRUE(sink.deliver(make_message("k2", "file", kCreated)).has_value());

  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(dir.path())) {
    names.push_back(entry.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  EXPECT_EQ(names, (std::vector<std::string>{"k1.json", "k2.json"}));
}

TEST(FileSinkChannel, RejectsKeysThatAreNotSafeFileNames) {
  TempDir dir;
  FileSinkChannel sink(dir.path());
  for (const std::string& key :
       std::vector<std::string>{"", "../escape", "a/b", ".hidden", std::string(201, 'a')}) {
    auto receipt = sink.deliver(make_message(key, "file", kCreated));
    ASSERT_FALSE(receipt.has_value()) << key;
    EXPECT_EQ(receipt.error().code, ErrorCode::InvalidArgument) << key;
  }
  EXPECT_TRUE(std::filesystem::is_empty(dir.path()));
}

TEST(FileSinkChannel, UnwritableDirectoryIsUnavailable) {
  TempDir dir;
  ec::testing::write_file(dir / "plain_file", "x");  // a file where the directory should be
  FileSinkChannel sink(dir / "plain_file" / "out");

  auto receipt = sink.deliver(make_message("k1", "file", kCreated));

  ASSERT_FALSE(receipt.has_value());
  EXPECT_EQ(receipt.error().code, ErrorCode::Unavailable) << receipt.error().to_string();
}

TEST(FileSinkChannel, TargetThatIsNotARegularFileIsPermanentError) {
  TempDir dir;
  std::filesystem::create_directory(dir / "k1.json");
  FileSinkChannel sink(dir.path());

  auto receipt = sink.deliver(make_message("k1", "file", kCreated));

  ASSERT_FALSE(receipt.has_value());
  EXPECT_EQ(receipt.error().code, ErrorCode::FailedPrecondition);
}

}  // namespace
}  // namespace ec::delivery
