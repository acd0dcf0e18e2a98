#include "plugin/core/time.h"

#include <gtest/gtest.h>

namespace ec {
namespace {

TEST(Rfc3339, ParsesUtcAndOffsetsAndFractions) {
  auto z = parse_rfc3339("2025-03-11T16:45:12Z");
  ASSERT_TRUE(z.has_value());
  EXPECT_EQ(format_rfc3339(*z), "2025-03-11T16:45:12Z");
  auto ms = parse_rfc3339("2025-03-11T16:45:12.302Z");
  EXPECT_EQ(format_rfc3339(*ms), "2025-03-11T16:45:12.302Z");
  auto offset = parse_rfc3339("2025-03-11T18:45:12+02:00");
  EXPECT_EQ(*offset, *z);
  auto micro = parse_rfc3339("2025-03-11T16:45:12.302999Z");
  EXPECT_EQ(*micro, *ms);
}

TEST(Rfc3339, RejectsMalformedTimesWithAClearMessage) {
  for (const char* bad : {"", "2025-03-11", "2025-13-11T00:00:00Z", "2025-02-30T00:00:00Z",
                          "2025-03-11T16:45:12", "11/Mar/2025:16:45:12 +0000",
                          "2025-03-11T16:45:12Zjunk",
                          // Valid text whose UTC instant has no four-digit year (found by
                          // fuzz_rfc3339: it formatted as "10000-01-01..." and never parsed back).
                          "9999-12-31T23:59:59.999-23:59", "0000-01-01T00:00:00+00:01"}) {
    auto parsed = parse_rfc3339(bad);
    ASSERT_FALSE(parsed.has_value()) << bad;
    EXPECT_EQ(parsed.error().code, ErrorCode::InvalidArgument);
    EXPECT_NE(parsed.error().message.find("RFC 3339"), std::string::npos);
  }
}

TEST(Rfc3339, TheFirstAndLastFourDigitYearsRoundTrip) {
  for (const char* text : {"0000-01-01T00:00:00Z", "9999-12-31T23:59:59.999Z"}) {
    auto parsed = parse_rfc3339(text);
    ASSERT_TRUE(parsed.has_value()) << text;
    EXPECT_EQ(format_rfc3339(*parsed), text);
  }
}

TEST(TimeWindow, IsClosedOpen) {
  const Timestamp a = make_utc(2025, 3, 11, 0, 0, 0);
  const Timestamp b = make_utc(2025, 3, 12, 0, 0, 0);
  const TimeWindow w{a, b};
  EXPECT_TRUE(w.contains(a));
  EXPECT_FALSE(w.contains(b));
  EXPECT_TRUE(TimeWindow{}.contains(b));
}

}  // namespace
}  // namespace ec
