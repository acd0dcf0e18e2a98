#include "bench/log_writers.h"

namespace ec::bench {
namespace {

constexpr std::size_t kFlushAt = 1 << 20;
constexpr char kHostHeader[] = "support-attachments.s3.us-east-1.amazonaws.com";
constexpr char kCipher[] = "ECDHE-RSA-AES128-GCM-SHA256";

std::string_view operation_of(Op op) {
  switch (op) {
    case Op::GetObject:
      return "REST.GET.OBJECT";
    case Op::HeadObject:
      return "REST.HEAD.OBJECT";
    case Op::PutObject:
      return "REST.PUT.OBJECT";
    case Op::ListBucket:
      return "REST.GET.BUCKET";
  }
  return "-";
}

std::string_view event_name_of(Op op) {
  switch (op) {
    case Op::GetObject:
      return "GetObject";
    case Op::HeadObject:
      return "HeadObject";
    case Op::PutObject:
      return "PutObject";
    case Op::ListBucket:
      return "ListObjects";
  }
  return "-";
}

std::string_view method_of(Op op) {
  switch (op) {
    case Op::HeadObject:
      return "HEAD";
    case Op::PutObject:
      return "PUT";
    default:
      return "GET";
  }
}

void dash_or_int(std::string& out, std::int64_t value) {
  if (value < 0) {
    out.push_back('-');
  } else {
    append_int(out, value);
  }
}

void dash_or_text(std::string& out, std::string_view value) {
  if (value.empty()) {
    out.push_back('-');
  } else {
    out.append(value);
  }
}

// "tickets/48213/" -> "tickets%2F48213%2F".
void append_encoded_prefix(std::string& out, std::string_view prefix) {
  for (const char c : prefix) {
    if (c == '/') {
      out.append("%2F");
    } else {
      out.push_back(c);
    }
  }
}

std::uint64_t id_seed(const Event& e) { return e.request_seq * 0x9e3779b97f4a7c15ULL + 17; }

void append_request_id(std::string& out, const Event& e) {
  append_hex(out, mix64(e.request_seq ^ 0x5a5a5a5a00000000ULL), 16, true);
}

void append_request_uri(std::string& out, const Event& e) {
  out.append(method_of(e.op));
  out.append(" /");
  if (e.op == Op::ListBucket) {
    out.append("?list-type=2&prefix=");
    append_encoded_prefix(out, e.list_prefix);
  } else {
    out.append(e.object_key);
  }
  if (e.url != nullptr) {
    out.append("?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=");
    out.append(e.url->key_id);
    out.append("%2F");
    std::string date;
    append_amz_date(date, e.url->signed_at);
    out.append(date, 0, 8);
    out.append("%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=");
    out.append(date);
    out.append("&X-Amz-Expires=");
    append_int(out, e.url->expires);
    out.append("&X-Amz-SignedHeaders=host&X-Amz-Signature=");
    for (int i = 0; i < 4; ++i) append_hex(out, mix64(e.url->signature_seed + i), 16, false);
  }
  out.append(" HTTP/1.1");
}

void append_user_identity(std::string& out, const Event& e) {
  const Identity& who = *e.identity;
  if (e.auth == Auth::Anonymous) {
    out.append(R"({"type":"AWSAccount","principalId":"","accountId":"anonymous"})");
    return;
  }
  out.append(R"({"type":")").append(who.ct_type);
  out.append(R"(","principalId":")").append(who.principal_id);
  out.append(R"(","arn":")").append(who.arn);
  out.append(R"(","accountId":"111122223333","accessKeyId":")").append(who.access_key);
  if (who.ct_type == "IAMUser") {
    out.append(R"(","userName":")").append(who.user_name).append(R"("})");
    return;
  }
  out.append(R"(","sessionContext":{"sessionIssuer":{"type":"Role","principalId":")");
  out.append(who.principal_id, 0, who.principal_id.find(':'));
  out.append(R"(","arn":")").append(who.role_arn);
  out.append(R"(","accountId":"111122223333","userName":")").append(who.user_name);
  out.append(R"("},"attributes":{"creationDate":")");
  append_rfc3339(out, e.time - e.time % 86400);
  out.append(R"(","mfaAuthenticated":"false"}}})");
}

void append_request_parameters(std::string& out, const Event& e) {
  out.append(R"({"bucketName":"support-attachments","Host":")").append(kHostHeader);
  if (e.op == Op::ListBucket) {
    out.append(R"(","list-type":"2","prefix":")").append(e.list_prefix).append(R"("})");
    return;
  }
  out.append(R"(","key":")").append(e.object_key);
  if (e.url != nullptr) {
    out.append(R"(","X-Amz-Date":")");
    append_amz_date(out, e.url->signed_at);
    out.append(R"(","X-Amz-Algorithm":"AWS4-HMAC-SHA256","X-Amz-SignedHeaders":"host",)");
    out.append(R"("X-Amz-Expires":")");
    append_int(out, e.url->expires);
  }
  out.append(R"("})");
}

void append_resources(std::string& out, const Event& e) {
  out.append("[");
  if (e.op != Op::ListBucket) {
    out.append(R"({"type":"AWS::S3::Object","ARN":"arn:aws:s3:::support-attachments/)");
    out.append(e.object_key).append(R"("},)");
  }
  out.append(R"({"accountId":"111122223333","type":"AWS::S3::Bucket",)");
  out.append(R"("ARN":"arn:aws:s3:::support-attachments"}])");
}

}  // namespace

void append_access_log_line(std::string& out, const Event& e) {
  out.append(kBucketOwner).append(" support-attachments ");
  append_access_log_time(out, e.time);
  out.push_back(' ');
  out.append(e.ip).push_back(' ');
  dash_or_text(out, e.identity->arn);
  out.push_back(' ');
  append_request_id(out, e);
  out.push_back(' ');
  out.append(operation_of(e.op)).push_back(' ');
  dash_or_text(out, e.op == Op::ListBucket ? std::string_view{} : std::string_view(e.object_key));
  out.append(" \"");
  append_request_uri(out, e);
  out.append("\" ");
  append_int(out, e.status);
  out.push_back(' ');
  dash_or_text(out, e.error_code);
  out.push_back(' ');
  dash_or_int(out, e.bytes_sent);
  out.push_back(' ');
  dash_or_int(out, e.object_size);
  out.push_back(' ');
  append_int(out, e.total_ms);
  out.push_back(' ');
  append_int(out, e.turnaround_ms);
  out.append(" \"");
  dash_or_text(out, e.referer);
  out.append("\" \"");
  out.append(e.user_agent);
  out.append("\" - ");
  append_base64_text(out, id_seed(e), 64);
  const bool anonymous = e.auth == Auth::Anonymous;
  out.append(anonymous ? " - " : " SigV4 ").append(kCipher);
  out.append(e.auth == Auth::Presigned ? " QueryString " : anonymous ? " - " : " AuthHeader ");
  out.append(kHostHeader).append(" TLSv1.2 - - ");
  out.append(e.region_known ? "us-east-1" : "-").push_back('\n');
}

void append_cloudtrail_record(std::string& out, const Event& e) {
  out.append(R"({"eventVersion":"1.11","userIdentity":)");
  append_user_identity(out, e);
  out.append(R"(,"eventTime":")");
  append_rfc3339(out, e.time);
  out.append(R"(","eventSource":"s3.amazonaws.com","eventName":")").append(event_name_of(e.op));
  out.append(R"(","awsRegion":"us-east-1","sourceIPAddress":")").append(e.ip);
  out.append(R"(","userAgent":"[)").append(e.user_agent).append(R"(]",)");
  if (!e.error_code.empty()) {
    out.append(R"("errorCode":")").append(e.error_code);
    out.append(R"(","errorMessage":")");
    out.append(e.error_code == "AccessDenied" ? "Access Denied" : "The request failed");
    out.append(R"(",)");
  }
  out.append(R"("requestParameters":)");
  append_request_parameters(out, e);
  out.append(R"(,"responseElements":null,"additionalEventData":{"SignatureVersion":"SigV4",)");
  out.append(R"("CipherSuite":"ECDHE-RSA-AES128-GCM-SHA256","bytesTransferredIn":)");
  append_int(out, e.op == Op::PutObject ? e.object_size : 0);
  if (e.auth != Auth::Anonymous) {
    out.append(R"(,"AuthenticationMethod":")");
    out.append(e.auth == Auth::Presigned ? "QueryString" : "AuthHeader").append("\"");
  }
  out.append(R"(,"x-amz-id-2":")");
  append_base64_text(out, id_seed(e), 64);
  out.append(R"(","bytesTransferredOut":)");
  append_int(out, e.bytes_sent > 0 && e.op != Op::PutObject ? e.bytes_sent : 0);
  out.append(R"(},"requestID":")");
  append_request_id(out, e);
  out.append(R"(","eventID":")");
  append_uuid(out, id_seed(e));
  out.append(R"(","readOnly":)").append(e.op == Op::PutObject ? "false" : "true");
  out.append(R"(,"resources":)");
  append_resources(out, e);
  out.append(R"(,"eventType":"AwsApiCall","managementEvent":false,)");
  out.append(R"("recipientAccountId":"111122223333","eventCategory":"Data",)");
  out.append(R"("tlsDetails":{"tlsVersion":"TLSv1.2","cipherSuite":")").append(kCipher);
  out.append(R"(","clientProvidedHostHeader":")").append(kHostHeader).append(R"("}})");
}

void append_console_presign(std::string& out, const PresignedUrl& url, const Agent& agent,
                            std::string_view session_id, std::int64_t session_created,
                            std::uint64_t seq) {
  out.append(R"({"ts":")");
  append_rfc3339(out, url.signed_at, static_cast<int>(mix64(seq) % 1000));
  out.append(R"(","svc":"support-console","req_id":"r-)");
  append_hex(out, mix64(seq ^ 0xc0ffee), 8, false);
  out.append(R"(","event":"presign_attachment","okta_sub":")").append(agent.okta_id);
  out.append(R"(","console_session":")").append(session_id);
  out.append(R"(","session_created":")");
  append_rfc3339(out, session_created);
  out.append(R"(","ip":")").append(agent.ip);
  out.append(R"(","ticket_id":)");
  append_int(out, url.object.ticket);
  out.append(R"(,"zendesk_attachment_id":)");
  append_int(out, url.object.zendesk_attachment_id);
  out.append(R"(,"s3_key":")").append(url.object.key);
  out.append(R"(","signer":"svc-attachment-presigner","access_key_id":")").append(url.key_id);
  out.append(R"(","x_amz_date":")");
  append_amz_date(out, url.signed_at);
  out.append(R"(","expires_s":)");
  append_int(out, url.expires);
  out.append(",\"status\":200}\n");
}

OutputFile::~OutputFile() { (void)close(); }

Status OutputFile::open(const std::filesystem::path& path) {
  EC_RETURN_IF_ERROR(close());
  path_ = path;
  bytes_ = 0;
  failed_ = false;
  file_ = std::fopen(path.c_str(), "wb");
  if (file_ == nullptr)
    return make_error(ErrorCode::InvalidArgument, "cannot create " + path.string());
  buffer_.reserve(kFlushAt + 64 * 1024);
  return ok_status();
}

void OutputFile::flush_if_full() {
  if (buffer_.size() < kFlushAt || file_ == nullptr) return;
  if (std::fwrite(buffer_.data(), 1, buffer_.size(), file_) != buffer_.size()) failed_ = true;
  bytes_ += buffer_.size();
  buffer_.clear();
}

Status OutputFile::close() {
  if (file_ == nullptr) return ok_status();
  if (!buffer_.empty() && std::fwrite(buffer_.data(), 1, buffer_.size(), file_) != buffer_.size()) {
    failed_ = true;
  }
  bytes_ += buffer_.size();
  buffer_.clear();
  if (std::fclose(file_) != 0) failed_ = true;
  file_ = nullptr;
  if (failed_) return make_error(ErrorCode::Unavailable, "write failed: " + path_.string());
  return ok_status();
}

Status S3LogWriter::write(const Event& e) {
  const std::int64_t hour = e.time / 3600;
  if (hour != hour_ || !file_.is_open()) {
    std::string name = "support-attachments-";
    append_rfc3339(name, hour * 3600);
    name.resize(name.size() - 7);  // drop ":00:00Z"
    for (char& c : name) c = c == 'T' ? '-' : c;
    name += "-00-00-";
    append_hex(name, mix64(static_cast<std::uint64_t>(hour)), 16, true);
    EC_RETURN_IF_ERROR(close());
    EC_RETURN_IF_ERROR(file_.open(dir_ / name));
    hour_ = hour;
    ++files_;
  }
  append_access_log_line(file_.buffer(), e);
  file_.flush_if_full();
  ++lines_;
  return ok_status();
}

Status S3LogWriter::close() {
  if (!file_.is_open()) return ok_status();
  EC_RETURN_IF_ERROR(file_.close());
  bytes_ += file_.bytes();
  return ok_status();
}

Status CloudTrailWriter::write(const Event& e) {
  if (!file_.is_open() || in_file_ == per_file_) {
    EC_RETURN_IF_ERROR(close());
    std::string name = "111122223333_CloudTrail_us-east-1_";
    append_amz_date(name, e.time);
    name.resize(name.size() - 3);  // "20250310T1421"
    name += "Z_";
    append_base62(name, mix64(files_ + 99), 16);
    name += ".json";
    EC_RETURN_IF_ERROR(file_.open(dir_ / name));
    file_.buffer().append("{\"Records\":[\n");
    in_file_ = 0;
    ++files_;
  }
  if (in_file_ > 0) file_.buffer().append(",\n");
  append_cloudtrail_record(file_.buffer(), e);
  file_.flush_if_full();
  ++in_file_;
  ++records_;
  return ok_status();
}

Status CloudTrailWriter::close() {
  if (!file_.is_open()) return ok_status();
  file_.buffer().append("\n]}\n");
  EC_RETURN_IF_ERROR(file_.close());
  bytes_ += file_.bytes();
  return ok_status();
}

}  // namespace ec::bench
