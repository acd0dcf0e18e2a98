#include "adapters/common/line_reader.h"

#include <gtest/gtest.h>
#include <zlib.h>

#include <string>
#include <vector>

#include "tests/fakes/temp_dir.h"

namespace ec::adapters::common {
namespace {

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

struct ReadAll {
  std::vector<std::string> lines;
  std::vector<std::int64_t> numbers;
  Status status;
  bool gzip = false;
};

ReadAll read_all(const std::filesystem::path& file) {
  ReadAll out;
  auto reader = LineReader::open(file);
  EXPECT_TRUE(reader.has_value());
  if (!reader) return out;
  std::string_view line;
  while ((*reader)->next(line)) {
    out.lines.emplace_back(line);
    out.numbers.push_back((*reader)->line_number());
  }
  out.status = (*reader)->status();
  out.gzip = (*reader)->is_gzip();
  return out;
}

TEST(LineReader, ReadsPlainLinesWithCrLfAndNoFinalNewline) {
  TempDir dir;
  write_file(dir / "a.log", "one\r\ntwo\n\nfour");
  const ReadAll all = read_all(dir / "a.log");
  EXPECT_FALSE(all.gzip);
  EXPECT_TRUE(all.status.has_value());
  EXPECT_EQ(all.lines, (std::vector<std::string>{"one", "two", "", "four"}));
  EXPECT_EQ(all.numbers, (std::vector<std::int64_t>{1, 2, 3, 4}));
}

TEST(LineReader, EmptyAndOneByteFiles) {
  TempDir dir;
  write_file(dir / "empty", "");
  write_file(dir / "one", "x");
  EXPECT_TRUE(read_all(dir / "empty").lines.empty());
  EXPECT_EQ(read_all(dir / "one").lines, std::vector<std::string>{"x"});
}

TEST(LineReader, DetectsGzipByMagicBytesNotExtension) {
  TempDir dir;
  write_file(dir / "plain.log", gzip("alpha\nbeta\n"));
  write_file(dir / "text.gz", "not compressed\n");
  const ReadAll zipped = read_all(dir / "plain.log");
  EXPECT_TRUE(zipped.gzip);
  EXPECT_EQ(zipped.lines, (std::vector<std::string>{"alpha", "beta"}));
  const ReadAll plain = read_all(dir / "text.gz");
  EXPECT_FALSE(plain.gzip);
  EXPECT_EQ(plain.lines, std::vector<std::string>{"not compressed"});
}

TEST(LineReader, ReadsConcatenatedGzipMembersAndLongLines) {
  TempDir dir;
  const std::string long_line(200000, 'z');
  write_file(dir / "multi.gz", gzip("first\n" + long_line + "\n") + gzip("second\n"));
  const ReadAll all = read_all(dir / "multi.gz");
  EXPECT_TRUE(all.status.has_value());
  ASSERT_EQ(all.lines.size(), 3u);
  EXPECT_EQ(all.lines[1], long_line);
  EXPECT_EQ(all.lines[2], "second");
}

TEST(LineReader, PlainLinesAcrossManyChunkBoundariesAndALongLine) {
  TempDir dir;
  std::string text;
  std::vector<std::string> expected;
  for (int i = 0; i < 20000; ++i) {  // about 1.3 MB: lines straddle every 64 KiB read
    expected.push_back("line " + std::to_string(i) +
                       std::string(static_cast<std::size_t>(i % 97), 'x'));
    text += expected.back() + (i % 3 == 0 ? "\r\n" : "\n");
  }
  expected.push_back(std::string(300000, 'z'));  // longer than a read, no final newline
  text += expected.back();
  write_file(dir / "big.log", text);
  const ReadAll all = read_all(dir / "big.log");
  EXPECT_TRUE(all.status.has_value());
  EXPECT_FALSE(all.gzip);
  EXPECT_EQ(all.lines, expected);
  ASSERT_EQ(all.numbers.size(), expected.size());
  EXPECT_EQ(all.numbers.back(), 20001);
}

TEST(LineReader, TruncatedGzipKeepsCompleteLinesAndReportsDataLoss) {
  TempDir dir;
  std::string text;
  for (int i = 0; i < 2000; ++i)
    text += "line number " + std::to_string(i) + " with some padding\n";
  const std::string zipped = gzip(text);
  write_file(dir / "cut.gz", zipped.substr(0, zipped.size() / 2));
  const ReadAll all = read_all(dir / "cut.gz");
  ASSERT_FALSE(all.status.has_value());
  EXPECT_EQ(all.status.error().code, ErrorCode::DataLoss);
  EXPECT_NE(all.status.error().message.find("truncated"), std::string::npos);
  EXPECT_GT(all.lines.size(), 10u);
  EXPECT_LT(all.lines.size(), 2000u);
  EXPECT_EQ(all.lines[5], "line number 5 with some padding");
}

TEST(LineReader, CorruptGzipIsDataLoss) {
  TempDir dir;
  std::string zipped = gzip(std::string(5000, 'a') + "\n");
  for (std::size_t i = 12; i < zipped.size() - 8; ++i) zipped[i] = static_cast<char>(0xff);
  write_file(dir / "bad.gz", zipped);
  const ReadAll all = read_all(dir / "bad.gz");
  ASSERT_FALSE(all.status.has_value());
  EXPECT_EQ(all.status.error().code, ErrorCode::DataLoss);
}

TEST(LineReader, MissingFileIsInvalidArgument) {
  TempDir dir;
  auto reader = LineReader::open(dir / "nope.log");
  ASSERT_FALSE(reader.has_value());
  EXPECT_EQ(reader.error().code, ErrorCode::InvalidArgument);
}

}  // namespace
}  // namespace ec::adapters::common
