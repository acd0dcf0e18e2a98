#include "adapters/cloudfront/log_evidence.h"

#include "plugin/core/hash.h"

#include "adapters/common/text.h"

namespace ec::adapters::cloudfront {
namespace {

Outcome outcome_for(std::optional<std::int64_t> status) {
  if (!status) return Outcome::Unknown;
  return (*status >= 200 && *status < 400) ? Outcome::Success : Outcome::Failure;
}

// x-host-header (the name the viewer asked for), else cs(Host), + "/" + the path.
std::string object_of(const LogRecord& r, std::string_view path) {
  std::string_view host = r.get(Field::HostHeader);
  if (host.empty()) host = r.get(Field::CsHost);
  while (path.starts_with('/')) path.remove_prefix(1);
  if (host.empty()) return std::string(path);
  return std::string(host) + "/" + std::string(path);
}

std::string summary_of(const LogRecord& r, const Evidence& e) {
  const std::string_view method = r.get(Field::Method);
  std::string text = std::string(method.empty() ? "GET" : method) + " " + e.object + " -> " +
                     std::string(r.get(Field::Status));
  const std::string_view result = r.get(Field::EdgeResultType);
  if (!result.empty()) text += " " + std::string(result);
  text += " (CDN, " + std::string(auth_method_name(e.auth));
  if (e.bytes > 0) text += ", " + std::to_string(e.bytes) + " bytes";
  if (!e.ip.empty()) text += ", from " + e.ip;
  return text + ")";
}

nlohmann::json attributes_of(const LogRecord& r) {
  nlohmann::json attributes = {
      {"edge_result_type", std::string(r.get(Field::EdgeResultType))},
      {"edge_location", std::string(r.get(Field::EdgeLocation))},
      {"edge_request_id", std::string(r.get(Field::EdgeRequestId))},
  };
  if (const auto status = common::parse_int(r.get(Field::Status))) {
    attributes["http_status"] = *status;
  }
  return attributes;
}

}  // namespace

std::optional<Timestamp> record_time(const LogRecord& record) {
  const std::string_view date = record.get(Field::Date);
  const std::string_view time = record.get(Field::Time);
  if (date.size() != 10 || time.size() < 8) return std::nullopt;
  const auto parsed = parse_rfc3339(std::string(date) + "T" + std::string(time) + "Z");
  if (!parsed) return std::nullopt;
  return *parsed;
}

std::string action_for(std::string_view path) {
  return path.find("/previews/") != std::string_view::npos || path.starts_with("previews/")
             ? "preview"
             : "download";
}

Evidence log_to_evidence(const LogRecord& r, Timestamp time, std::string origin,
                         std::string_view raw_line) {
  Evidence e;
  e.source = kSourceKind;
  e.kind = evidence_kind::kObjectAccess;
  e.time = time;
  const std::string path = common::url_decode(r.get(Field::UriStem));
  e.object = object_of(r, path);
  e.action = action_for(path);
  e.outcome = outcome_for(common::parse_int(r.get(Field::Status)));
  e.principal = kNoPrincipal;
  e.auth = r.get(Field::Cookie).empty() ? AuthMethod::Anonymous : AuthMethod::Unknown;
  e.ip = std::string(r.get(Field::ClientIp));
  e.user_agent = common::url_decode(r.get(Field::UserAgent));
  e.bytes = common::parse_int(r.get(Field::BytesSent)).value_or(0);
  e.request_id = std::string(r.get(Field::EdgeRequestId));
  e.origin = std::move(origin);
  e.content_hash = sha256_hex(raw_line);
  e.attributes = attributes_of(r);
  e.summary = summary_of(r, e);
  return e;
}

}  // namespace ec::adapters::cloudfront
