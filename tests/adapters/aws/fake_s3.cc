#include "tests/adapters/aws/fake_s3.h"

#include <zlib.h>

#include "plugin/core/hash.h"

#include "adapters/aws/sigv4.h"

namespace ec::adapters::aws::testing {
namespace {

std::string xml_escape(std::string_view text) {
  std::string out;
  for (const char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out.push_back(c);
    }
  }
  return out;
}

void s3_error(httplib::Response& res, int status, std::string_view code, std::string_view message) {
  res.status = status;
  res.set_content("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>" + std::string(code) +
                      "</Code><Message>" + std::string(message) +
                      "</Message><RequestId>4442587FB7D0A2F9</RequestId></Error>",
                  "application/xml");
}

// The value after "<name>=" in the Authorization header, up to ',' or the end.
std::string auth_part(std::string_view header, std::string_view name) {
  const auto at = header.find(std::string(name) + "=");
  if (at == std::string_view::npos) return {};
  const auto from = at + name.size() + 1;
  const auto end = header.find(',', from);
  return std::string(header.substr(from, end == std::string_view::npos ? end : end - from));
}

}  // namespace

std::string gzip(std::string_view text) {
  z_stream zs{};
  deflateInit2(&zs, Z_BEST_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
  std::string out(deflateBound(&zs, text.size()) + 32, '\0');
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(text.data()));
  zs.avail_in = static_cast<uInt>(text.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  deflate(&zs, Z_FINISH);
  out.resize(zs.total_out);
  deflateEnd(&zs);
  return out;
}

FakeS3::FakeS3(std::string bucket, std::string access_key_id, std::string secret,
               std::string session_token)
    : bucket_(std::move(bucket)),
      access_key_id_(std::move(access_key_id)),
      secret_(std::move(secret)),
      session_token_(std::move(session_token)) {}

void FakeS3::start() {
  https_.server().Get(
      ".*", [this](const httplib::Request& req, httplib::Response& res) { handle(req, res); });
  https_.start();
}

std::string FakeS3::last_signature_problem() const {
  std::lock_guard lock(mutex_);
  return last_problem_;
}

std::vector<std::string> FakeS3::fetched() const {
  std::lock_guard lock(mutex_);
  return fetched_;
}

bool FakeS3::take_slow_down(const std::string& key) {
  std::lock_guard lock(mutex_);
  return slow_once_.erase(key) > 0;
}

std::string FakeS3::verify(const httplib::Request& req) const {
  const std::string authorization = req.get_header_value("Authorization");
  if (!authorization.starts_with("AWS4-HMAC-SHA256 ")) return "no SigV4 Authorization header";
  const std::string credential = auth_part(authorization, "Credential");
  const std::string signed_names = auth_part(authorization, "SignedHeaders");
  const std::string given = auth_part(authorization, "Signature");
  // Credential = <key id>/<date>/<region>/s3/aws4_request
  std::vector<std::string> scope_parts;
  for (std::size_t from = 0;;) {
    const auto slash = credential.find('/', from);
    scope_parts.push_back(credential.substr(from, slash - from));
    if (slash == std::string::npos) break;
    from = slash + 1;
  }
  if (scope_parts.size() != 5 || scope_parts[3] != "s3" || scope_parts[4] != "aws4_request") {
    return "bad Credential " + credential;
  }
  if (scope_parts[0] != access_key_id_) return "unknown access key id " + scope_parts[0];
  const std::string date = req.get_header_value("x-amz-date");
  if (!date.starts_with(scope_parts[1])) return "x-amz-date does not match the scope date";
  const std::string payload_hash = req.get_header_value("x-amz-content-sha256");
  if (payload_hash != sha256_hex(req.body)) return "x-amz-content-sha256 is not the body's hash";
  if (!session_token_.empty() && req.get_header_value("x-amz-security-token") != session_token_) {
    return "missing or wrong x-amz-security-token";
  }
  SigningInput input;
  input.method = req.method;
  const auto query_at = req.target.find('?');
  input.path = req.target.substr(0, query_at);
  input.query = query_at == std::string::npos ? "" : req.target.substr(query_at + 1);
  input.payload_hash = payload_hash;
  for (std::size_t from = 0;;) {
    const auto semi = signed_names.find(';', from);
    const std::string name = signed_names.substr(from, semi - from);
    if (!req.has_header(name)) return "signed header " + name + " was not sent";
    input.headers.emplace_back(name, req.get_header_value(name));
    if (semi == std::string::npos) break;
    from = semi + 1;
  }
  for (const char* required : {"host", "x-amz-date", "x-amz-content-sha256"}) {
    if (signed_names.find(required) == std::string::npos) {
      return std::string(required) + " is not signed";
    }
  }
  const SigningScope scope{scope_parts[1], scope_parts[2], "s3"};
  const std::string expected =
      signature(secret_, scope, string_to_sign(date, scope, canonical_request(input)));
  if (expected != given) return "signature mismatch";
  return {};
}

void FakeS3::handle(const httplib::Request& req, httplib::Response& res) {
  if (const std::string problem = verify(req); !problem.empty()) {
    ++signature_failures_;
    {
      std::lock_guard lock(mutex_);
      last_problem_ = problem;
    }
    return s3_error(res, 403, "SignatureDoesNotMatch",
                    "The request signature we calculated does not match the signature you "
                    "provided. Check your key and signing method.");
  }
  const std::string bucket_path = "/" + bucket_;
  if (req.path == bucket_path + "/" || req.path == bucket_path) {
    if (req.get_param_value("list-type") != "2") return s3_error(res, 400, "InvalidArgument", "");
    return list(req, res);
  }
  if (!req.path.starts_with(bucket_path + "/")) {
    return s3_error(res, 404, "NoSuchBucket", "The specified bucket does not exist");
  }
  const std::string key = req.path.substr(bucket_path.size() + 1);  // httplib decoded it
  {
    std::lock_guard lock(mutex_);
    fetched_.push_back(key);
  }
  if (take_slow_down(key))
    return s3_error(res, 503, "SlowDown", "Please reduce your request rate.");
  if (denied_.contains(key)) return s3_error(res, 403, "AccessDenied", "Access Denied");
  const auto it = objects_.find(key);
  if (it == objects_.end() || vanished_.contains(key)) {
    return s3_error(res, 404, "NoSuchKey", "The specified key does not exist.");
  }
  res.set_content(it->second, "application/octet-stream");
}

void FakeS3::list(const httplib::Request& req, httplib::Response& res) {
  if (take_slow_down("")) return s3_error(res, 503, "SlowDown", "Please reduce your request rate.");
  if (deny_listing_) return s3_error(res, 403, "AccessDenied", "Access Denied");
  const std::string prefix = req.get_param_value("prefix");
  const std::string start_after = req.get_param_value("start-after");
  const std::string token = req.get_param_value("continuation-token");
  std::string after = start_after;
  if (!token.empty()) {
    if (!token.starts_with("after:")) return s3_error(res, 400, "InvalidArgument", "bad token");
    after = token.substr(6);
  }
  std::string contents;
  std::size_t count = 0;
  std::string last;
  bool truncated = false;
  for (auto it = objects_.upper_bound(after); it != objects_.end(); ++it) {
    if (!it->first.starts_with(prefix)) continue;
    if (count == page_size_) {
      truncated = true;
      break;
    }
    contents += "<Contents><Key>" + xml_escape(it->first) +
                "</Key><LastModified>2025-03-12T00:00:00.000Z</LastModified>"
                "<ETag>&quot;0&quot;</ETag><Size>" +
                std::to_string(it->second.size()) +
                "</Size><StorageClass>STANDARD</StorageClass></Contents>";
    last = it->first;
    ++count;
  }
  std::string body =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<ListBucketResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
      "<Name>" +
      bucket_ + "</Name><Prefix>" + xml_escape(prefix) + "</Prefix><KeyCount>" +
      std::to_string(count) + "</KeyCount><MaxKeys>" + std::to_string(page_size_) +
      "</MaxKeys><IsTruncated>" + (truncated ? "true" : "false") + "</IsTruncated>" + contents;
  if (truncated)
    body += "<NextContinuationToken>after:" + xml_escape(last) + "</NextContinuationToken>";
  body += "</ListBucketResult>";
  res.set_content(body, "application/xml");
}

}  // namespace ec::adapters::aws::testing
