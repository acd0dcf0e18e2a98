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

void apply(PresignedParams& out, std::string_view name, std::string_view raw) {
  if (common::iequals(name, "X-Amz-Credential")) {
    const std::string value = common::url_decode(raw);
    out.access_key_id = value.substr(0, value.find('/'));
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
