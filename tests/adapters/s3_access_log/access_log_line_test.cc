#include "adapters/s3_access_log/access_log_line.h"

#include <gtest/gtest.h>

#include "adapters/s3_access_log/access_log_evidence.h"
#include "adapters/s3_access_log/presigned_query.h"

namespace ec::adapters::s3_access_log {
namespace {

constexpr std::string_view kBackendGet =
    "1786c012bdbe028366db96907a835daa05bb8d180e924b2067402f04bd8cdda6 support-attachments "
    "[10/Mar/2025:14:20:55 +0000] 10.20.3.41 "
    "arn:aws:sts::111122223333:assumed-role/support-portal-backend/i-0a7c3e91d2b4f6a80 "
    "78EB9EC8A711CC2B REST.GET.OBJECT tickets/48213/att_9f3c/invoice_backup_2024Q4.xlsx "
    "\"GET /tickets/48213/att_9f3c/invoice_backup_2024Q4.xlsx HTTP/1.1\" 200 - 482113 482113 88 "
    "41 \"-\" \"aws-sdk-cpp/1.11.300 Linux/6.1 x86_64 GCC/12\" - "
    "qgGc+7Jw8vo0KS1w/rNnzoCHElhrWgrZzEFn1FPv9A/bZQorpX+5LEfsoDMVHHW8 SigV4 "
    "ECDHE-RSA-AES128-GCM-SHA256 AuthHeader support-attachments.s3.us-east-1.amazonaws.com "
    "TLSv1.2 - - us-east-1";

TEST(AccessLogLine, SplitsQuotedAndBracketedFields) {
  auto line = parse_access_log_line(kBackendGet);
  ASSERT_TRUE(line.has_value()) << line.error().message;
  EXPECT_EQ(line->field_count, 27u);
  EXPECT_EQ(line->get(Field::Time), "10/Mar/2025:14:20:55 +0000");
  EXPECT_EQ(line->get(Field::RequestUri),
            "GET /tickets/48213/att_9f3c/invoice_backup_2024Q4.xlsx HTTP/1.1");
  EXPECT_EQ(line->get(Field::UserAgent), "aws-sdk-cpp/1.11.300 Linux/6.1 x86_64 GCC/12");
  EXPECT_EQ(line->get(Field::Referer), "");
  EXPECT_EQ(line->get(Field::ErrorCode), "");
  EXPECT_EQ(line->get(Field::AuthenticationType), "AuthHeader");
  EXPECT_EQ(line->get(Field::SourceRegion), "us-east-1");
}

TEST(AccessLogLine, ToleratesExtraTrailingFieldsAndShortOlderLines) {
  const std::string extended = std::string(kBackendGet) + " NewField \"another one\"";
  auto line = parse_access_log_line(extended);
  ASSERT_TRUE(line.has_value());
  EXPECT_EQ(line->field_count, 29u);
  EXPECT_EQ(line->get(Field::SourceRegion), "us-east-1");
  const std::string_view older = kBackendGet.substr(0, kBackendGet.find(" - qgGc"));
  auto short_line = parse_access_log_line(older);
  ASSERT_TRUE(short_line.has_value());
  EXPECT_EQ(short_line->field_count, 17u);
  EXPECT_EQ(short_line->get(Field::HostId), "");
}

TEST(AccessLogLine, RejectsUnterminatedQuotesAndTooFewFields) {
  auto unterminated = parse_access_log_line("owner bucket [10/Mar/2025:14:20:55 +0000] \"GET /x");
  ASSERT_FALSE(unterminated.has_value());
  EXPECT_NE(unterminated.error().message.find("unterminated"), std::string::npos);
  auto few = parse_access_log_line("owner bucket [10/Mar/2025:14:20:55 +0000] 1.2.3.4");
  ASSERT_FALSE(few.has_value());
  EXPECT_NE(few.error().message.find("at least 17"), std::string::npos);
  auto bracket = parse_access_log_line("owner bucket [10/Mar/2025:14:20:55 +0000");
  EXPECT_FALSE(bracket.has_value());
}

TEST(AccessLogLine, QuoteInsideUserAgentDoesNotCutTheField) {
  std::string line(kBackendGet);
  line.replace(line.find("aws-sdk-cpp"), 11, "odd\"agent");
  auto parsed = parse_access_log_line(line);
  ASSERT_TRUE(parsed.has_value());
  EXPECT_EQ(parsed->field_count, 27u);
  EXPECT_EQ(parsed->get(Field::UserAgent), "odd\"agent/1.11.300 Linux/6.1 x86_64 GCC/12");
}

TEST(PresignedQuery, ReadsCredentialDateAndExpiry) {
  const auto params = parse_presigned_query(
      "GET /k?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAEXAMPLEPRSGN7Q2Z%2F20250310"
      "%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20250310T142102Z&X-Amz-Expires=604800 "
      "HTTP/1.1");
  EXPECT_EQ(params.access_key_id, "AKIAEXAMPLEPRSGN7Q2Z");
  EXPECT_EQ(params.signed_at, make_utc(2025, 3, 10, 14, 21, 2));
  EXPECT_EQ(params.expires, 604800);
  EXPECT_FALSE(parse_presigned_query("GET /k HTTP/1.1").any());
  EXPECT_FALSE(parse_presigned_query("GET /k?X-Amz-Date=bad HTTP/1.1").any());
}

TEST(AccessLogEvidence, ActionFromOperation) {
  EXPECT_EQ(action_for("REST.GET.OBJECT", "tickets/1/a.pdf"), "download");
  EXPECT_EQ(action_for("REST.GET.OBJECT", "previews/1/a.webp"), "preview");
  EXPECT_EQ(action_for("REST.HEAD.OBJECT", "k"), "head");
  EXPECT_EQ(action_for("REST.PUT.OBJECT", "k"), "upload");
  EXPECT_EQ(action_for("REST.DELETE.OBJECT", "k"), "rest.delete.object");
}

TEST(AccessLogEvidence, AnonymousWhenNoRequesterAndNoAuth) {
  std::string line(kBackendGet);
  line.replace(line.find("arn:aws:sts"),
               std::string("arn:aws:sts::111122223333:assumed-role/"
                           "support-portal-backend/i-0a7c3e91d2b4f6a80")
                   .size(),
               "-");
  line.replace(line.find("AuthHeader"), 10, "-");
  auto parsed = parse_access_log_line(line);
  ASSERT_TRUE(parsed.has_value());
  auto e = access_log_to_evidence(*parsed, "x:1", line);
  ASSERT_TRUE(e.has_value());
  EXPECT_EQ(e->auth, AuthMethod::Anonymous);
  EXPECT_TRUE(e->principal.empty());
}

}  // namespace
}  // namespace ec::adapters::s3_access_log
