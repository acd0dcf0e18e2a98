#include "plugin/platforms/common/form.h"

#include <gtest/gtest.h>

namespace ec::platforms {
namespace {

TEST(Form, DecodesPlusAndPercentEscapes) {
  auto form = parse_form("text=hello+world%21&command=%2Fescalation&empty=&flag&a=%e2%9c%93");
  ASSERT_TRUE(form.has_value());
  EXPECT_EQ(form_value(*form, "text"), "hello world!");
  EXPECT_EQ(form_value(*form, "command"), "/escalation");
  EXPECT_EQ(form_value(*form, "empty"), "");
  EXPECT_EQ(form_value(*form, "flag"), "");
  EXPECT_EQ(form_value(*form, "a"), "\xe2\x9c\x93");
  EXPECT_EQ(form_value(*form, "missing"), std::nullopt);
}

TEST(Form, BadEscapesAreInvalidArgument) {
  for (const char* bad : {"a=%", "a=%4", "a=%zz", "%g1=b"}) {
    auto form = parse_form(bad);
    ASSERT_FALSE(form.has_value()) << bad;
    EXPECT_EQ(form.error().code, ErrorCode::InvalidArgument);
  }
}

TEST(Form, ContentType) {
  EXPECT_TRUE(is_form_content_type("application/x-www-form-urlencoded"));
  EXPECT_TRUE(is_form_content_type("application/x-www-form-urlencoded; charset=utf-8"));
  EXPECT_FALSE(is_form_content_type("application/json"));
  EXPECT_FALSE(is_form_content_type("application/x-www-form-urlencodedX"));
}

}  // namespace
}  // namespace ec::platforms
