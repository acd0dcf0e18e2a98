// AWS Signature Version 4 (header-based, AWS4-HMAC-SHA256): the canonical request, the string
// to sign, the derived signing key and the Authorization header, plus sign_s3_request(), which
// adds Host, x-amz-date, x-amz-content-sha256, the optional x-amz-security-token (session
// credentials) and Authorization to an outbound request. S3 rules: the URI path is used as
// sent (already percent-encoded once, not normalized, not encoded again); the query is
// canonicalized by sorting its encoded name=value pairs. Pure functions; thread-safe. The
// credentials are only read: nothing here logs or returns the secret key.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "plugin/core/http_client.h"
#include "plugin/core/time.h"

namespace ec::adapters::aws {

struct AwsCredentials {
  std::string access_key_id;
  std::string secret_access_key;  // secret
  std::string session_token;      // secret; empty for long-term keys
};

// What is signed. Header names may be in any case; values are trimmed and inner runs of spaces
// collapsed, as the specification requires.
struct SigningInput {
  std::string method;                                        // "GET"
  std::string path;                                          // encoded path, "/" when empty
  std::string query;                                         // encoded query, without '?'
  std::vector<std::pair<std::string, std::string>> headers;  // every header to sign, host included
  std::string payload_hash;                                  // hex SHA-256 of the body
};

struct SigningScope {
  std::string date;               // "20130524", the day of amz_date
  std::string region;             // "us-east-1"
  std::string service;            // "s3"
  std::string to_string() const;  // "20130524/us-east-1/s3/aws4_request"
};

inline constexpr char kEmptyPayloadSha256[] =
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

// "20130524T000000Z".
std::string amz_date(Timestamp t);
// The query with its pairs sorted by name then value ("b=2&a=1" -> "a=1&b=2"); a pair without
// '=' gets one ("acl" -> "acl=").
std::string canonical_query(std::string_view query);
// "host;range;x-amz-content-sha256;x-amz-date".
std::string signed_headers(const SigningInput& input);
std::string canonical_request(const SigningInput& input);
std::string string_to_sign(std::string_view amz_date, const SigningScope& scope,
                           std::string_view canonical_request);
// Lower-case hex HMAC-SHA256 of `string_to_sign` under the key derived from the secret.
std::string signature(std::string_view secret_access_key, const SigningScope& scope,
                      std::string_view string_to_sign);
// "AWS4-HMAC-SHA256 Credential=<key id>/<scope>,SignedHeaders=<…>,Signature=<…>".
std::string authorization_header(const AwsCredentials& credentials, std::string_view amz_date,
                                 const SigningScope& scope, const SigningInput& input);

// Signs `request` (GET, empty body) for S3 in `region` at time `now`: sets Host (from the URL,
// with the port when it is not 443), x-amz-date, x-amz-content-sha256, x-amz-security-token when
// the credentials carry one, and Authorization. Existing headers are kept but not signed.
void sign_s3_request(HttpRequest& request, const AwsCredentials& credentials,
                     std::string_view region, Timestamp now);

// The path and query of an absolute URL ("https://h:1/a/b?x=1" -> host "h:1", "/a/b", "x=1").
struct UrlParts {
  std::string host;  // with ":port" when the URL has one
  std::string path;
  std::string query;
};
UrlParts split_url(std::string_view url);

}  // namespace ec::adapters::aws
