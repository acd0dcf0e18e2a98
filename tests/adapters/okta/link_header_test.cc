#include "adapters/okta/link_header.h"

#include <gtest/gtest.h>

namespace ec::adapters::okta {
namespace {

TEST(LinkHeader, FindsNextAmongSeparateHeaders) {
  const std::vector<std::string> values = {
      "<https://o.example/api/v1/logs?limit=2>; rel=\"self\"",
      "<https://o.example/api/v1/logs?limit=2&after=1741703112302_1>; rel=\"next\""};
  EXPECT_EQ(find_next_link(values), "https://o.example/api/v1/logs?limit=2&after=1741703112302_1");
}

TEST(LinkHeader, FindsNextInOneCommaSeparatedHeader) {
  const std::vector<std::string> values = {
      "<https://o.example/a?x=1,2>; rel=\"self\", <https://o.example/b?q=a%2Cb>; rel=next"};
  const auto links = parse_link_header(values[0]);
  ASSERT_EQ(links.size(), 2u);
  EXPECT_EQ(links[0].url, "https://o.example/a?x=1,2");
  EXPECT_EQ(find_next_link(values), "https://o.example/b?q=a%2Cb");
}

TEST(LinkHeader, RelationsAreCaseInsensitiveAndMayBeLists) {
  EXPECT_EQ(find_next_link({"<u1>; title=\"a, b; c\"; REL=\"Next Last\""}), "u1");
  EXPECT_EQ(find_next_link({"<u1>; rel=\"prev\"", "<u2>;rel=\"last next\""}), "u2");
}

TEST(LinkHeader, NoNextOrMalformedGivesNothing) {
  EXPECT_FALSE(find_next_link({}).has_value());
  EXPECT_FALSE(find_next_link({"<https://o.example/self>; rel=\"self\""}).has_value());
  EXPECT_FALSE(find_next_link({"https://o.example/x; rel=\"next\""}).has_value());
  EXPECT_FALSE(find_next_link({"<https://o.example/unterminated; rel=\"next\""}).has_value());
  EXPECT_FALSE(find_next_link({"<>; rel=\"next\""}).has_value());
  EXPECT_EQ(find_next_link({"garbage, <u3>; rel=\"next\""}), "u3");
}

}  // namespace
}  // namespace ec::adapters::okta
