#include "adapters/cloudtrail/cloudtrail_record.h"

#include <gtest/gtest.h>

#include "plugin/core/hash.h"

#include "adapters/cloudtrail/file_bytes.h"
#include "adapters/cloudtrail/record_evidence.h"
#include "adapters/cloudtrail/record_splitter.h"
#include "adapters/cloudtrail/user_identity.h"

#include "tests/adapters/adapter_test_util.h"
#include "tests/adapters/cloudtrail/cloudtrail_test_util.h"

namespace ec::adapters::cloudtrail {
namespace {

using ec::adapters::testing::contractor;
using testing::anonymous_get;
using testing::cloudfront_origin_fetch;
using testing::presigned_get;
using testing::sso_session_get;

// Owns a padded copy of one record so RecordParser can read it in place.
struct Padded {
  explicit Padded(std::string text) : size(text.size()), buffer(std::move(text)) {
    buffer.append(kJsonPadding, '\0');
  }
  std::string_view json() const { return {buffer.data(), size}; }
  std::size_t size;
  std::string buffer;
};

Evidence to_evidence(const nlohmann::json& json, const IamUserMap& iam_users = {}) {
  const Padded padded(json.dump());
  RecordParser parser;
  auto record = parser.parse(padded.json(), padded.buffer.size());
  EXPECT_TRUE(record.has_value()) << record.error().to_string();
  const Subject subject = contractor();
  auto time = parse_rfc3339(record->event_time);
  EXPECT_TRUE(time.has_value());
  return record_to_evidence(*record,
                            RecordContext{*time, padded.json(), "ct.json:1", subject, iam_users});
}

TEST(CloudTrailRecord, ReadsThePresignedGetObjectFields) {
  const Padded padded(presigned_get().dump());
  RecordParser parser;
  auto r = parser.parse(padded.json(), padded.buffer.size());
  ASSERT_TRUE(r.has_value()) << r.error().to_string();
  EXPECT_EQ(r->event_time, "2025-03-11T17:06:10Z");
  EXPECT_EQ(r->event_source, "s3.amazonaws.com");
  EXPECT_EQ(r->event_name, "GetObject");
  EXPECT_EQ(r->event_category, "Data");
  EXPECT_EQ(r->management_event, false);
  EXPECT_EQ(r->request_id, "FBDCFCC6DADEEE9A");
  EXPECT_EQ(r->identity.type, "IAMUser");
  EXPECT_EQ(r->identity.access_key_id, "AKIAEXAMPLEPRSGN7Q2Z");
  EXPECT_EQ(r->bucket, "support-attachments");
  EXPECT_EQ(r->key, "tickets/48213/att_9f3c/invoice_backup_2024Q4.xlsx");
  EXPECT_EQ(r->amz_date, "20250310T142102Z");
  EXPECT_EQ(r->amz_expires, 604800);  // written as a string
  EXPECT_EQ(r->auth_method, "QueryString");
  EXPECT_EQ(r->bytes_out, 482113);
  EXPECT_TRUE(r->error_code.empty());
}

TEST(CloudTrailRecord, AcceptsFloatBytesEscapesAndNulls) {
  nlohmann::json json = presigned_get();
  json["additionalEventData"]["bytesTransferredOut"] = 482113.0;
  json["requestParameters"]["X-Amz-Expires"] = 900;
  json["userAgent"] = "[agent \"quoted\" \\ \u00e9]";
  json["userIdentity"]["userName"] = nullptr;
  const Padded padded(json.dump());
  RecordParser parser;
  auto r = parser.parse(padded.json(), padded.buffer.size());
  ASSERT_TRUE(r.has_value()) << r.error().to_string();
  EXPECT_EQ(r->bytes_out, 482113);
  EXPECT_EQ(r->amz_expires, 900);
  EXPECT_EQ(r->user_agent, "[agent \"quoted\" \\ \u00e9]");
  EXPECT_TRUE(r->identity.user_name.empty());
}

TEST(CloudTrailRecord, MalformedRecordsAreInvalidArgumentNamingTheField) {
  RecordParser parser;
  nlohmann::json wrong_type = presigned_get();
  wrong_type["eventTime"] = 17;
  for (const std::string& text :
       {std::string(R"({"eventTime": "2025-03-11T17:06:10Z",)"), std::string("[1,2]"),
        std::string(R"({"a":1} trailing)"), wrong_type.dump()}) {
    const Padded padded(text);
    auto r = parser.parse(padded.json(), padded.buffer.size());
    ASSERT_FALSE(r.has_value()) << text;
    EXPECT_EQ(r.error().code, ErrorCode::InvalidArgument);
  }
  const Padded padded(wrong_type.dump());
  EXPECT_NE(parser.parse(padded.json(), padded.buffer.size()).error().message.find("(eventTime)"),
            std::string::npos);
}

TEST(CloudTrailEvidence, PresignedReadCarriesTheSigningCredential) {
  const Evidence e = to_evidence(presigned_get());
  EXPECT_EQ(e.source, "cloudtrail");
  EXPECT_EQ(e.kind, evidence_kind::kObjectAccess);
  EXPECT_EQ(e.time, make_utc(2025, 3, 11, 17, 6, 10));
  EXPECT_EQ(e.object, "support-attachments/tickets/48213/att_9f3c/invoice_backup_2024Q4.xlsx");
  EXPECT_EQ(e.action, "download");
  EXPECT_EQ(e.outcome, Outcome::Success);
  EXPECT_EQ(e.principal, "arn:aws:iam::111122223333:user/svc-attachment-presigner");
  EXPECT_FALSE(e.names_subject);
  EXPECT_EQ(e.auth, AuthMethod::PresignedUrl);
  EXPECT_EQ(e.credential_id, "AKIAEXAMPLEPRSGN7Q2Z");
  EXPECT_EQ(e.credential_issued_at, make_utc(2025, 3, 10, 14, 21, 2));
  EXPECT_EQ(e.credential_ttl_seconds, 604800);
  EXPECT_EQ(e.bytes, 482113);
  EXPECT_EQ(e.request_id, "FBDCFCC6DADEEE9A");
  EXPECT_EQ(e.ip, "198.51.100.77");
  EXPECT_EQ(e.user_agent, "BrightwellAttachmentViewer/3.8.1 (macOS 14.4; build 3810)");
  EXPECT_EQ(e.origin, "ct.json:1");
  EXPECT_EQ(e.content_hash, sha256_hex(presigned_get().dump()));
  EXPECT_EQ(e.attributes["user_identity_type"], "IAMUser");
  EXPECT_EQ(e.attributes["session_name"], "");
  EXPECT_EQ(e.attributes["event_id"], "828dda96-71e9-5786-4a95-732fec3d6607");
  EXPECT_EQ(e.attributes["event_name"], "GetObject");
  EXPECT_NE(e.summary.find("GetObject support-attachments/tickets/48213/"), std::string::npos);
}

TEST(CloudTrailEvidence, IdentityCenterSessionNamedAfterTheSubjectNamesThem) {
  const Evidence e = to_evidence(sso_session_get());
  EXPECT_TRUE(e.names_subject);
  EXPECT_EQ(e.auth, AuthMethod::Header);
  EXPECT_EQ(e.attributes["user_identity_type"], "AssumedRole");
  EXPECT_EQ(e.attributes["session_name"], "dario.mq@contractors.brightwell.example");
  EXPECT_FALSE(e.credential_issued_at.has_value());
  nlohmann::json upper = sso_session_get();
  upper["userIdentity"]["arn"] =
      "arn:aws:sts::111122223333:assumed-role/AWSReservedSSO_X/"
      "DARIO.MQ@Contractors.Brightwell.Example";
  EXPECT_TRUE(to_evidence(upper).names_subject);
  nlohmann::json other = sso_session_get();
  other["userIdentity"]["arn"] = "arn:aws:sts::111122223333:assumed-role/AWSReservedSSO_X/priya";
  EXPECT_FALSE(to_evidence(other).names_subject);
}

TEST(CloudTrailEvidence, BackendRoleSessionDoesNotNameTheSubject) {
  nlohmann::json backend = sso_session_get();
  backend["userIdentity"]["arn"] =
      "arn:aws:sts::111122223333:assumed-role/support-portal-backend/i-0a7c3e91d2b4f6a80";
  const Evidence e = to_evidence(backend);
  EXPECT_FALSE(e.names_subject);
  EXPECT_EQ(e.attributes["session_name"], "i-0a7c3e91d2b4f6a80");
}

TEST(CloudTrailEvidence, IamUserMappedInConfigNamesTheSubject) {
  nlohmann::json json = presigned_get();
  json["userIdentity"]["userName"] = "contractor-dario";
  json["userIdentity"]["arn"] = "arn:aws:iam::111122223333:user/contractors/contractor-dario";
  const IamUserMap map{{"contractor-dario", "dario.mq@contractors.brightwell.example"}};
  EXPECT_TRUE(to_evidence(json, map).names_subject);
  EXPECT_FALSE(to_evidence(json).names_subject);
  json["userIdentity"].erase("userName");  // name taken from the ARN's last path segment
  EXPECT_TRUE(to_evidence(json, map).names_subject);
  const IamUserMap elsewhere{{"contractor-dario", "someone.else@brightwell.example"}};
  EXPECT_FALSE(to_evidence(json, elsewhere).names_subject);
}

TEST(CloudTrailEvidence, CloudFrontOriginFetchNamesTheServiceAndIsAPreview) {
  const Evidence e = to_evidence(cloudfront_origin_fetch());
  EXPECT_EQ(e.principal, "cloudfront.amazonaws.com");
  EXPECT_EQ(e.action, "preview");
  EXPECT_EQ(e.auth, AuthMethod::Header);
  EXPECT_FALSE(e.names_subject);
  EXPECT_TRUE(e.ip.empty());  // a service name, not an address
  EXPECT_EQ(e.attributes["source_service"], "cloudfront.amazonaws.com");
  EXPECT_EQ(e.bytes, 58120);
  EXPECT_EQ(e.attributes["user_identity_type"], "AWSService");
  EXPECT_EQ(e.object,
            "support-attachments/previews/48213/att_9f3c/invoice_backup_2024Q4.page1.webp");
}

TEST(CloudTrailEvidence, AnonymousAndOriginAccessIdentityReadsAreAnonymous) {
  const Evidence anon = to_evidence(anonymous_get());
  EXPECT_EQ(anon.principal, "anonymous");
  EXPECT_EQ(anon.auth, AuthMethod::Anonymous);
  EXPECT_FALSE(anon.names_subject);
  EXPECT_TRUE(anon.credential_id.empty());
  nlohmann::json oai = anonymous_get();
  oai["userIdentity"] = {
      {"type", "AWSAccount"}, {"principalId", "AIDAEXAMPLEOAI"}, {"accountId", "CloudFront"}};
  oai["additionalEventData"]["AuthenticationMethod"] = "AuthHeader";
  const Evidence e = to_evidence(oai);
  EXPECT_EQ(e.principal, "anonymous");
  EXPECT_EQ(e.attributes["account_id"], "CloudFront");
}

TEST(CloudTrailEvidence, FailureHeadAndUploadAreMapped) {
  nlohmann::json denied = presigned_get();
  denied["errorCode"] = "AccessDenied";
  denied["errorMessage"] = "Request has expired";
  denied["additionalEventData"]["bytesTransferredOut"] = 0;
  const Evidence e = to_evidence(denied);
  EXPECT_EQ(e.outcome, Outcome::Failure);
  EXPECT_EQ(e.attributes["error_code"], "AccessDenied");
  EXPECT_EQ(e.attributes["error_message"], "Request has expired");
  EXPECT_NE(e.summary.find("-> AccessDenied"), std::string::npos) << e.summary;
  EXPECT_EQ(action_for("HeadObject", "tickets/a"), "head");
  EXPECT_EQ(action_for("PutObject", "tickets/a"), "upload");
  EXPECT_EQ(action_for("GetObject", "previews/a"), "preview");
  EXPECT_EQ(action_for("DeleteObject", "tickets/a"), "deleteobject");
}

TEST(CloudTrailEvidence, OnlyS3DataEventsCount) {
  CloudTrailRecord r;
  r.event_source = "s3.amazonaws.com";
  EXPECT_TRUE(is_s3_data_event(r));  // old records carry no category
  r.event_category = "Management";
  EXPECT_FALSE(is_s3_data_event(r));
  r.event_category = "Data";
  r.management_event = true;
  EXPECT_FALSE(is_s3_data_event(r));
  r.management_event = false;
  r.event_source = "signin.amazonaws.com";
  EXPECT_FALSE(is_s3_data_event(r));
}

TEST(RecordSplitter, DetectsShapesAndSplitsBoth) {
  EXPECT_EQ(detect_shape("  {\n \"Records\" : []}"), FileShape::RecordsObject);
  EXPECT_EQ(detect_shape(R"({"eventVersion":"1.11"})"), FileShape::JsonLines);
  std::string text = R"({"Records":[{"a":1}, 7 ,{"b":{"c":[1]}}]})";
  text.append(kJsonPadding, '\0');
  const std::string_view view(text.data(), text.size() - kJsonPadding);
  RecordSplitter splitter;
  std::vector<RawRecord> got;
  ASSERT_TRUE(splitter.split(view, FileShape::RecordsObject,
                             [&](const RawRecord& r) { got.push_back(r); }));
  ASSERT_EQ(got.size(), 3u);
  EXPECT_EQ(got[0].json, R"({"a":1})");
  EXPECT_EQ(got[1].error, "expected a JSON object");
  EXPECT_EQ(got[2].json, R"({"b":{"c":[1]}})");
  EXPECT_EQ(record_location("ct/a.json", got[2]), "ct/a.json:Records[2]");
  EXPECT_GE(got[2].capacity, got[2].json.size() + kJsonPadding);
}

TEST(RecordSplitter, ClosesATruncatedRecordsFileAfterItsLastCompleteRecord) {
  EXPECT_EQ(close_after_last_record(R"({"Records":[{"a":"}"},{"b":{"c":1}},{"d":"x)"),
            R"({"Records":[{"a":"}"},{"b":{"c":1}}]})");
  EXPECT_EQ(close_after_last_record(R"({"Records":[{"a":"x)"), "");
}

}  // namespace
}  // namespace ec::adapters::cloudtrail
