#include "adapters/s3_access_log/presigned_query.h"

#include "adapters/common/text.h"
#include "adapters/common/time_formats.h"

namespace ec::adapters::s3_access_log {
namespace {

// "GET /path?query HTTP/1.1" -> "query".
std::string_view query_of(std::string_view request_uri) {
  const std::size_t question = request_uri.find('?');
  if (question == std::string_view::npos) return {};
  std::string_view rest = request_uri.substr(question + 1);
  const std::size_t space = rest.find(' ');
  return space == std::string_view::npos ? rest : rest.substr(0, space);
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// The access key id: url_decode(raw) up to its first '/', decoded in place (no temporary).
std::string access_key_of(std::string_view raw) {
  std::string out;
  for (std::size_t i = 0; i < raw.size(); ++i) {
    char c = raw[i];
    if (c == '%' && i + 2 < raw.size()) {
      const int hi = hex_value(raw[i + 1]);
      const int lo = hex_value(raw[i + 2]);
      if (hi >= 0 && lo >= 0) {
        c = static_cast<char>(hi * 16 + lo);
        i += 2;
      }
    }
    if (c == '/') break;
    out.push_back(c);
  }
  return out;
}

void apply(PresignedParams& out, std::string_view name, std::string_view raw) {
  if (common::iequals(name, "X-Amz-Credential")) {
    out.access_key_id = access_key_of(raw);
  } else if (common::iequals(name, "X-Amz-Date")) {
    out.signed_at = common::parse_amz_date(raw);
  } else if (common::iequals(name, "X-Amz-Expires")) {
    out.expires = common::parse_int(raw);
  }
}

}  // namespace

PresignedParams parse_presigned_query(std::string_view request_uri) {
  PresignedParams out;
  std::string_view query = query_of(request_uri);
  while (!query.empty()) {
    const std::size_t amp = query.find('&');
    const std::string_view pair = query.substr(0, amp);
    const std::size_t eq = pair.find('=');
    if (eq != std::string_view::npos) apply(out, pair.substr(0, eq), pair.substr(eq + 1));
    if (amp == std::string_view::npos) break;
    query.remove_prefix(amp + 1);
  }
  return out;
}

}  // namespace ec::adapters::s3_access_log
