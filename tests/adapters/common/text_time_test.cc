#include <gtest/gtest.h>

#include "adapters/common/text.h"
#include "adapters/common/time_formats.h"
#include "plugin/core/hash.h"

namespace ec::adapters::common {
namespace {

TEST(Text, UrlDecodeKeepsMalformedEscapesAndPlus) {
  EXPECT_EQ(url_decode("AKIA%2F20250310%2Fus-east-1"), "AKIA/20250310/us-east-1");
  EXPECT_EQ(url_decode("a+b%20c"), "a+b c");
  EXPECT_EQ(url_decode("100%"), "100%");
  EXPECT_EQ(url_decode("%zz%4"), "%zz%4");
}

// Core's base64 (plugin/core/hash.h) is what the live sources use for Basic credentials.
TEST(Text, Base64MatchesRfc4648Vectors) {
  EXPECT_EQ(ec::base64_encode(""), "");
  EXPECT_EQ(ec::base64_encode("f"), "Zg==");
  EXPECT_EQ(ec::base64_encode("fo"), "Zm8=");
  EXPECT_EQ(ec::base64_encode("foo"), "Zm9v");
  EXPECT_EQ(ec::base64_encode("foobar"), "Zm9vYmFy");
  EXPECT_EQ(ec::base64_encode("jdoe@example.com/token:6wiIBWbGkBMo1mRDMuVwkw1EPsNkeUj95PIz2akv"),
            "amRvZUBleGFtcGxlLmNvbS90b2tlbjo2d2lJQldiR2tCTW8xbVJETXVWd2t3MUVQc05rZVVqOTVQSXoyYWt2");
}

TEST(Text, ParseIntWholeStringOnly) {
  EXPECT_EQ(parse_int("482113"), 482113);
  EXPECT_FALSE(parse_int("-").has_value());
  EXPECT_FALSE(parse_int("12x").has_value());
  EXPECT_FALSE(parse_int("").has_value());
}

TEST(TimeFormats, AmzDate) {
  EXPECT_EQ(parse_amz_date("20250310T142102Z"), make_utc(2025, 3, 10, 14, 21, 2));
  EXPECT_FALSE(parse_amz_date("20250310T142102").has_value());
  EXPECT_FALSE(parse_amz_date("20251310T142102Z").has_value());
  // A leap second on the last day of 9999 is in year 10000, which RFC 3339 cannot write.
  EXPECT_EQ(parse_amz_date("99991231T235959Z"), make_utc(9999, 12, 31, 23, 59, 59));
  EXPECT_FALSE(parse_amz_date("99991231T235960Z").has_value());
}

TEST(TimeFormats, AccessLogTimeWithOffset) {
  EXPECT_EQ(parse_access_log_time("[11/Mar/2025:17:06:10 +0000]"),
            make_utc(2025, 3, 11, 17, 6, 10));
  EXPECT_EQ(parse_access_log_time("11/Mar/2025:19:06:10 +0200"), make_utc(2025, 3, 11, 17, 6, 10));
  EXPECT_FALSE(parse_access_log_time("[11/Foo/2025:17:06:10 +0000]").has_value());
  EXPECT_FALSE(parse_access_log_time("[11/Mar/2025:17:06:10]").has_value());
}

// Found by fuzz_s3_access_log: an offset could move the time out of the years RFC 3339 writes
// (format_rfc3339 then gave text that does not parse back, so the evidence could not be
// reloaded from the case store), and offsets past 23:59 were taken.
TEST(TimeFormats, AccessLogTimeStaysInRfc3339Years) {
  EXPECT_FALSE(parse_access_log_time("[01/Jan/0000:00:00:00 +2359]").has_value());
  EXPECT_FALSE(parse_access_log_time("[31/Dec/9999:23:59:59 -0001]").has_value());
  EXPECT_EQ(parse_access_log_time("[01/Jan/0000:00:00:00 -0100]"), make_utc(0, 1, 1, 1, 0, 0));
  EXPECT_EQ(parse_access_log_time("[31/Dec/9999:23:59:59 +0000]"),
            make_utc(9999, 12, 31, 23, 59, 59));
  EXPECT_FALSE(parse_access_log_time("[11/Mar/2025:17:06:10 +2400]").has_value());
  EXPECT_FALSE(parse_access_log_time("[11/Mar/2025:17:06:10 +0060]").has_value());
}

}  // namespace
}  // namespace ec::adapters::common
