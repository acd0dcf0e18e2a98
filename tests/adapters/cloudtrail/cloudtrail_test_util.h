// Helpers for the CloudTrail and CloudFront adapter tests: gzip, realistic S3 data event records
// (section 7.5/7.9 of the evidence-sources reference) built as JSON and edited per test, and the
// subject's IAM Identity Center role session. Not thread-safe; test use only.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>
#include <zlib.h>

namespace ec::adapters::cloudtrail::testing {

inline std::string gzip(const std::string& data) {
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

// The presigned GetObject at 2025-03-11T17:06:10Z from section 7.5 (IAMUser signer).
inline nlohmann::json presigned_get() {
  return nlohmann::json::parse(R"({"eventVersion":"1.11","userIdentity":{"type":"IAMUser","principalId":"AIDAEXAMPLEPRSGN4K7M","arn":"arn:aws:iam::111122223333:user/svc-attachment-presigner","accountId":"111122223333","accessKeyId":"AKIAEXAMPLEPRSGN7Q2Z","userName":"svc-attachment-presigner"},"eventTime":"2025-03-11T17:06:10Z","eventSource":"s3.amazonaws.com","eventName":"GetObject","awsRegion":"us-east-1","sourceIPAddress":"198.51.100.77","userAgent":"[BrightwellAttachmentViewer/3.8.1 (macOS 14.4; build 3810)]","requestParameters":{"bucketName":"support-attachments","Host":"support-attachments.s3.us-east-1.amazonaws.com","key":"tickets/48213/att_9f3c/invoice_backup_2024Q4.xlsx","X-Amz-Date":"20250310T142102Z","X-Amz-Algorithm":"AWS4-HMAC-SHA256","X-Amz-SignedHeaders":"host","X-Amz-Expires":"604800"},"responseElements":null,"additionalEventData":{"SignatureVersion":"SigV4","CipherSuite":"ECDHE-RSA-AES128-GCM-SHA256","bytesTransferredIn":0,"AuthenticationMethod":"QueryString","x-amz-id-2":"8rNU232GGhlKsD6O4CGCGmNZFgzRA/jfLfTmdQrvufH1EVMIQisvUCqFFgHQfDg4","bytesTransferredOut":482113},"requestID":"FBDCFCC6DADEEE9A","eventID":"828dda96-71e9-5786-4a95-732fec3d6607","readOnly":true,"resources":[{"type":"AWS::S3::Object","ARN":"arn:aws:s3:::support-attachments/tickets/48213/att_9f3c/invoice_backup_2024Q4.xlsx"},{"accountId":"111122223333","type":"AWS::S3::Bucket","ARN":"arn:aws:s3:::support-attachments"}],"eventType":"AwsApiCall","managementEvent":false,"recipientAccountId":"111122223333","eventCategory":"Data","tlsDetails":{"tlsVersion":"TLSv1.2","cipherSuite":"ECDHE-RSA-AES128-GCM-SHA256","clientProvidedHostHeader":"support-attachments.s3.us-east-1.amazonaws.com"}})");
}

// The CloudFront (OAC) origin fetch of the preview at 17:06:12Z from section 7.9.
inline nlohmann::json cloudfront_origin_fetch() {
  return nlohmann::json::parse(R"({"eventVersion":"1.11","userIdentity":{"type":"AWSService","invokedBy":"cloudfront.amazonaws.com"},"eventTime":"2025-03-11T17:06:12Z","eventSource":"s3.amazonaws.com","eventName":"GetObject","awsRegion":"us-east-1","sourceIPAddress":"cloudfront.amazonaws.com","userAgent":"cloudfront.amazonaws.com","requestParameters":{"bucketName":"support-attachments","Host":"support-attachments.s3.us-east-1.amazonaws.com","key":"previews/48213/att_9f3c/invoice_backup_2024Q4.page1.webp"},"responseElements":null,"additionalEventData":{"SignatureVersion":"SigV4","CipherSuite":"ECDHE-RSA-AES128-GCM-SHA256","bytesTransferredIn":0,"AuthenticationMethod":"AuthHeader","x-amz-id-2":"iQQdC6MCyeaU+QueGkYepvoi3eu1H++iVVgvvDSSTWizW4IBN8LUiEmYtXVeHMGB","bytesTransferredOut":58120},"requestID":"1B82AC39FD21A2B3","eventID":"235be875-acc1-bbdb-9a4b-c220b42ce217","readOnly":true,"resources":[{"type":"AWS::S3::Object","ARN":"arn:aws:s3:::support-attachments/previews/48213/att_9f3c/invoice_backup_2024Q4.page1.webp"},{"accountId":"111122223333","type":"AWS::S3::Bucket","ARN":"arn:aws:s3:::support-attachments"}],"eventType":"AwsApiCall","managementEvent":false,"recipientAccountId":"111122223333","eventCategory":"Data","tlsDetails":{"tlsVersion":"TLSv1.2","cipherSuite":"ECDHE-RSA-AES128-GCM-SHA256","clientProvidedHostHeader":"support-attachments.s3.us-east-1.amazonaws.com"}})");
}

// A header-signed GetObject by the contractor's IAM Identity Center role session.
inline nlohmann::json sso_session_get() {
  nlohmann::json r = presigned_get();
  r["userIdentity"] = nlohmann::json::parse(R"({"type":"AssumedRole","principalId":"AROAEXAMPLESSOSUPP01:dario.mq@contractors.brightwell.example","arn":"arn:aws:sts::111122223333:assumed-role/AWSReservedSSO_SupportReadOnly_0a1b2c3d4e5f6789/dario.mq@contractors.brightwell.example","accountId":"111122223333","accessKeyId":"ASIAEXAMPLESSOSUPP01","sessionContext":{"sessionIssuer":{"type":"Role","principalId":"AROAEXAMPLESSOSUPP01","arn":"arn:aws:iam::111122223333:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_SupportReadOnly_0a1b2c3d4e5f6789","accountId":"111122223333","userName":"AWSReservedSSO_SupportReadOnly_0a1b2c3d4e5f6789"},"attributes":{"creationDate":"2025-03-11T16:58:02Z","mfaAuthenticated":"false"}}})");
  r["requestParameters"].erase("X-Amz-Date");
  r["requestParameters"].erase("X-Amz-Expires");
  r["additionalEventData"]["AuthenticationMethod"] = "AuthHeader";
  r["requestID"] = "5D1E7C2A9B3F4E60";
  r["eventID"] = "0c7f1a2b-3d4e-4f50-8a61-7b8c9d0e1f23";
  return r;
}

// An unauthenticated read of a public object (accountId "anonymous").
inline nlohmann::json anonymous_get() {
  nlohmann::json r = presigned_get();
  r["userIdentity"] = {{"type", "AWSAccount"}, {"principalId", ""}, {"accountId", "anonymous"}};
  r["requestParameters"].erase("X-Amz-Date");
  r["requestParameters"].erase("X-Amz-Expires");
  r["additionalEventData"].erase("AuthenticationMethod");
  r["requestID"] = "A11CE0A0B0C0D0E0";
  r["eventID"] = "11111111-2222-4333-8444-555555555555";
  return r;
}

inline std::string json_lines(const std::vector<nlohmann::json>& records) {
  std::string out;
  for (const auto& r : records) out += r.dump() + "\n";
  return out;
}

inline std::string records_file(const std::vector<nlohmann::json>& records) {
  return nlohmann::json{{"Records", records}}.dump();
}

}  // namespace ec::adapters::cloudtrail::testing
