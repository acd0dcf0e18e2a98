// utf8_prefix: a byte limit never splits a UTF-8 character, and keeps one that fits whole.
#include "plugin/core/utf8_text.h"

#include <gtest/gtest.h>

namespace ec {
namespace {

TEST(Utf8Prefix, ShortTextIsWhole) {
  EXPECT_EQ(utf8_prefix("abc", 3), "abc");
  EXPECT_EQ(utf8_prefix("", 0), "");
}

TEST(Utf8Prefix, CutsAsciiAtTheLimit) { EXPECT_EQ(utf8_prefix("abcdef", 4), "abcd"); }

TEST(Utf8Prefix, LeavesOutACharacterTheCutWouldSplit) {
  const std::string text = "ab\xc3\xa9" "cd";          // "abécd": é is 2 bytes
  EXPECT_EQ(utf8_prefix(text, 3), "ab");              // inside é
  EXPECT_EQ(utf8_prefix(text, 4), "ab\xc3\xa9");      // é fits whole
  const std::string euro = "x\xe2\x82\xac" "y";       // "x€y": € is 3 bytes
  EXPECT_EQ(utf8_prefix(euro, 2), "x");
  EXPECT_EQ(utf8_prefix(euro, 3), "x");
  EXPECT_EQ(utf8_prefix(euro, 4), "x\xe2\x82\xac");
  const std::string emoji = "\xf0\x9f\x94\x92" "!";   // "🔒!": 4 bytes
  for (std::size_t max = 0; max < 4; ++max) EXPECT_EQ(utf8_prefix(emoji, max), "") << max;
  EXPECT_EQ(utf8_prefix(emoji, 4), "\xf0\x9f\x94\x92");
}

TEST(Utf8Prefix, BytesThatAreNotUtf8CountAsCharactersOfTheirOwn) {
  const std::string stray = "ab\x80\x80\x80\x80\x80";  // continuation bytes with no lead
  EXPECT_EQ(utf8_prefix(stray, 4), "ab\x80\x80");
  EXPECT_EQ(utf8_prefix("\x80\x80\x80", 1), "\x80");
}

}  // namespace
}  // namespace ec
