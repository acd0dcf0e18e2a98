#include "adapters/cloudfront/log_fields.h"

#include <string>

namespace ec::adapters::cloudfront {
namespace {

struct FieldName {
  std::string_view name;
  Field field;
};

constexpr FieldName kNames[] = {
    {"date", Field::Date},
    {"time", Field::Time},
    {"x-edge-location", Field::EdgeLocation},
    {"sc-bytes", Field::BytesSent},
    {"c-ip", Field::ClientIp},
    {"cs-method", Field::Method},
    {"cs-uri-stem", Field::UriStem},
    {"sc-status", Field::Status},
    {"cs(User-Agent)", Field::UserAgent},
    {"cs(Cookie)", Field::Cookie},
    {"x-edge-result-type", Field::EdgeResultType},
    {"x-edge-request-id", Field::EdgeRequestId},
    {"x-host-header", Field::HostHeader},
    {"cs(Host)", Field::CsHost},
};
static_assert(std::size(kNames) == kFieldCount);

constexpr std::string_view kPrefix = "#Fields:";

}  // namespace

Result<LogFields> LogFields::parse(std::string_view line) {
  if (!line.starts_with(kPrefix)) {
    return make_error(ErrorCode::InvalidArgument, "expected a '#Fields:' header line");
  }
  LogFields out;
  out.columns_.fill(kAbsent);
  std::string_view rest = line.substr(kPrefix.size());
  while (!rest.empty()) {
    const std::size_t start = rest.find_first_not_of(" \t");
    if (start == std::string_view::npos) break;
    rest.remove_prefix(start);
    const std::size_t end = std::min(rest.find_first_of(" \t"), rest.size());
    const std::string_view name = rest.substr(0, end);
    for (const FieldName& known : kNames) {
      if (known.name == name) out.columns_[static_cast<std::size_t>(known.field)] = out.width_;
    }
    ++out.width_;
    rest.remove_prefix(end);
  }
  for (const Field required : {Field::Date, Field::Time, Field::UriStem}) {
    if (out.column(required) == kAbsent) {
      return make_error(ErrorCode::InvalidArgument,
                        "#Fields header lacks date, time or cs-uri-stem");
    }
  }
  return out;
}

}  // namespace ec::adapters::cloudfront
