#include "adapters/aws/sigv4.h"

#include <algorithm>
#include <cctype>
#include <cstdio>

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "plugin/core/hash.h"

#include "adapters/common/text.h"

namespace ec::adapters::aws {
namespace {

std::string hmac(std::string_view key, std::string_view message) {
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
       reinterpret_cast<const unsigned char*>(message.data()), message.size(), out, &length);
  return std::string(reinterpret_cast<const char*>(out), length);
}

std::string to_hex(std::string_view bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(bytes.size() * 2);
  for (const char c : bytes) {
    const auto b = static_cast<unsigned char>(c);
    hex.push_back(kDigits[b >> 4]);
    hex.push_back(kDigits[b & 0x0f]);
  }
  return hex;
}

// Trimmed, with runs of spaces inside collapsed to one.
std::string canonical_value(std::string_view value) {
  std::string out;
  bool space = false;
  for (const char c : value) {
    if (c == ' ' || c == '\t') {
      space = !out.empty();
      continue;
    }
    if (space) out.push_back(' ');
    space = false;
    out.push_back(c);
  }
  return out;
}

std::vector<std::pair<std::string, std::string>> sorted_headers(const SigningInput& input) {
  std::vector<std::pair<std::string, std::string>> headers;
  for (const auto& [name, value] : input.headers) {
    headers.emplace_back(common::to_lower(name), canonical_value(value));
  }
  std::stable_sort(headers.begin(), headers.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  return headers;
}

}  // namespace

std::string SigningScope::to_string() const {
  return date + "/" + region + "/" + service + "/aws4_request";
}

std::string amz_date(Timestamp t) {
  // "2013-05-24T00:00:00Z", whole seconds.
  const std::string text = format_rfc3339(std::chrono::floor<std::chrono::seconds>(t));
  std::string out;
  for (const char c : text) {
    if (c != '-' && c != ':') out.push_back(c);
  }
  return out;
}

std::string canonical_query(std::string_view query) {
  std::vector<std::pair<std::string, std::string>> pairs;
  while (!query.empty()) {
    const auto amp = query.find('&');
    const std::string_view pair = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view{} : query.substr(amp + 1);
    if (pair.empty()) continue;
    const auto eq = pair.find('=');
    pairs.emplace_back(std::string(pair.substr(0, eq)),
                       eq == std::string_view::npos ? "" : std::string(pair.substr(eq + 1)));
  }
  std::sort(pairs.begin(), pairs.end());
  std::string out;
  for (const auto& [name, value] : pairs) {
    if (!out.empty()) out.push_back('&');
    out += name + "=" + value;
  }
  return out;
}

std::string signed_headers(const SigningInput& input) {
  std::string out;
  for (const auto& [name, value] : sorted_headers(input)) {
    if (!out.empty()) out.push_back(';');
    out += name;
  }
  return out;
}

std::string canonical_request(const SigningInput& input) {
  std::string out = input.method + "\n" + (input.path.empty() ? "/" : input.path) + "\n" +
                    canonical_query(input.query) + "\n";
  for (const auto& [name, value] : sorted_headers(input)) out += name + ":" + value + "\n";
  out += "\n" + signed_headers(input) + "\n" + input.payload_hash;
  return out;
}

std::string string_to_sign(std::string_view amz_date, const SigningScope& scope,
                           std::string_view canonical_request) {
  return "AWS4-HMAC-SHA256\n" + std::string(amz_date) + "\n" + scope.to_string() + "\n" +
         sha256_hex(canonical_request);
}

std::string signature(std::string_view secret_access_key, const SigningScope& scope,
                      std::string_view string_to_sign) {
  const std::string date_key = hmac("AWS4" + std::string(secret_access_key), scope.date);
  const std::string region_key = hmac(date_key, scope.region);
  const std::string service_key = hmac(region_key, scope.service);
  const std::string signing_key = hmac(service_key, "aws4_request");
  return to_hex(hmac(signing_key, string_to_sign));
}

std::string authorization_header(const AwsCredentials& credentials, std::string_view amz_date,
                                 const SigningScope& scope, const SigningInput& input) {
  const std::string to_sign = string_to_sign(amz_date, scope, canonical_request(input));
  return "AWS4-HMAC-SHA256 Credential=" + credentials.access_key_id + "/" + scope.to_string() +
         ",SignedHeaders=" + signed_headers(input) +
         ",Signature=" + signature(credentials.secret_access_key, scope, to_sign);
}

UrlParts split_url(std::string_view url) {
  UrlParts parts;
  const auto scheme = url.find("://");
  std::string_view rest = scheme == std::string_view::npos ? url : url.substr(scheme + 3);
  const auto path_at = rest.find_first_of("/?");
  parts.host = std::string(rest.substr(0, path_at));
  if (url.starts_with("https://") && parts.host.ends_with(":443")) {
    parts.host.resize(parts.host.size() - 4);
  }
  rest = path_at == std::string_view::npos ? std::string_view{} : rest.substr(path_at);
  const auto query_at = rest.find('?');
  parts.path = std::string(rest.substr(0, query_at));
  if (parts.path.empty()) parts.path = "/";
  if (query_at != std::string_view::npos) parts.query = std::string(rest.substr(query_at + 1));
  return parts;
}

void sign_s3_request(HttpRequest& request, const AwsCredentials& credentials,
                     std::string_view region, Timestamp now) {
  const UrlParts url = split_url(request.url);
  const std::string date = amz_date(now);
  SigningInput input;
  input.method = request.method;
  input.path = url.path;
  input.query = url.query;
  input.payload_hash = sha256_hex(request.body);
  input.headers = {
      {"host", url.host}, {"x-amz-content-sha256", input.payload_hash}, {"x-amz-date", date}};
  if (!credentials.session_token.empty()) {
    input.headers.emplace_back("x-amz-security-token", credentials.session_token);
  }
  const SigningScope scope{date.substr(0, 8), std::string(region), "s3"};
  const std::string authorization = authorization_header(credentials, date, scope, input);
  request.headers.emplace_back("Host", url.host);
  for (std::size_t i = 1; i < input.headers.size(); ++i) {
    request.headers.emplace_back(input.headers[i]);
  }
  request.headers.emplace_back("Authorization", authorization);
}

}  // namespace ec::adapters::aws
