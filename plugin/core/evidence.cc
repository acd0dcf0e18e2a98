#include "plugin/core/evidence.h"

#include <algorithm>
#include <cctype>

#include "plugin/core/enum_names.h"

namespace ec {
namespace {

constexpr enum_names::Table<Outcome, 3> kOutcomes{{
    {Outcome::Success, "success"},
    {Outcome::Failure, "failure"},
    {Outcome::Unknown, "unknown"},
}};
constexpr enum_names::Table<AuthMethod, 6> kAuthMethods{{
    {AuthMethod::Unknown, "unknown"},
    {AuthMethod::Header, "header"},
    {AuthMethod::PresignedUrl, "presigned_url"},
    {AuthMethod::Session, "session"},
    {AuthMethod::Token, "token"},
    {AuthMethod::Anonymous, "anonymous"},
}};

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() &&
         std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

void put_optional_time(nlohmann::json& json, const char* key,
                       const std::optional<Timestamp>& value) {
  if (value) json[key] = format_rfc3339(*value);
}

Result<std::optional<Timestamp>> read_optional_time(const nlohmann::json& json, const char* key) {
  if (!json.contains(key) || json[key].is_null()) return std::optional<Timestamp>{};
  if (!json[key].is_string()) {
    return make_error(ErrorCode::InvalidArgument, std::string(key) + ": expected a string");
  }
  auto parsed = parse_rfc3339(json[key].get<std::string>());
  if (!parsed) return std::unexpected(parsed.error().with_context(key));
  return std::optional<Timestamp>{*parsed};
}

std::string read_string(const nlohmann::json& json, const char* key) {
  const auto it = json.find(key);
  if (it == json.end() || !it->is_string()) return {};
  return it->get<std::string>();
}

}  // namespace

std::string_view outcome_name(Outcome outcome) { return enum_names::name_of(kOutcomes, outcome); }
std::string_view auth_method_name(AuthMethod method) {
  return enum_names::name_of(kAuthMethods, method);
}

bool Subject::matches(std::string_view value) const {
  if (value.empty()) return false;
  if (value == id) return true;
  if (!login.empty() && iequals(value, login)) return true;
  if (!email.empty() && iequals(value, email)) return true;
  return std::any_of(aliases.begin(), aliases.end(),
                     [&](const std::string& alias) { return iequals(value, alias); });
}

void assign_evidence_ids(std::vector<Evidence>& evidence) {
  std::stable_sort(evidence.begin(), evidence.end(), [](const Evidence& a, const Evidence& b) {
    if (a.time != b.time) return a.time < b.time;
    if (a.source != b.source) return a.source < b.source;
    return a.content_hash < b.content_hash;
  });
  for (std::size_t i = 0; i < evidence.size(); ++i) {
    evidence[i].id = "E" + std::to_string(i + 1);
  }
}

nlohmann::json evidence_to_json(const Evidence& e) {
  nlohmann::json json = {
      {"id", e.id},
      {"source", e.source},
      {"kind", e.kind},
      {"time", format_rfc3339(e.time)},
      {"summary", e.summary},
      {"outcome", outcome_name(e.outcome)},
      {"names_subject", e.names_subject},
      {"principal", e.principal},
      {"object", e.object},
      {"action", e.action},
      {"ip", e.ip},
      {"user_agent", e.user_agent},
      {"session_id", e.session_id},
      {"credential_id", e.credential_id},
      {"auth", auth_method_name(e.auth)},
      {"bytes", e.bytes},
      {"request_id", e.request_id},
      {"origin", e.origin},
      {"content_hash", e.content_hash},
      {"attributes", e.attributes},
  };
  put_optional_time(json, "session_created", e.session_created);
  put_optional_time(json, "credential_issued_at", e.credential_issued_at);
  if (e.credential_ttl_seconds) json["credential_ttl_seconds"] = *e.credential_ttl_seconds;
  return json;
}

Result<Evidence> evidence_from_json(const nlohmann::json& json) {
  if (!json.is_object()) {
    return make_error(ErrorCode::InvalidArgument, "evidence: expected a JSON object");
  }
  Evidence e;
  e.id = read_string(json, "id");
  e.source = read_string(json, "source");
  e.kind = read_string(json, "kind");
  auto time = parse_rfc3339(read_string(json, "time"));
  if (!time) return std::unexpected(time.error().with_context("evidence " + e.id + " time"));
  e.time = *time;
  e.summary = read_string(json, "summary");
  auto outcome = enum_names::parse(kOutcomes, read_string(json, "outcome"), "outcome");
  e.outcome = outcome.value_or(Outcome::Unknown);
  e.names_subject = json.value("names_subject", false);
  e.principal = read_string(json, "principal");
  e.object = read_string(json, "object");
  e.action = read_string(json, "action");
  e.ip = read_string(json, "ip");
  e.user_agent = read_string(json, "user_agent");
  e.session_id = read_string(json, "session_id");
  e.credential_id = read_string(json, "credential_id");
  auto auth = enum_names::parse(kAuthMethods, read_string(json, "auth"), "auth");
  e.auth = auth.value_or(AuthMethod::Unknown);
  if (json.contains("bytes") && json["bytes"].is_number_integer()) {
    e.bytes = json["bytes"].get<std::int64_t>();
  }
  e.request_id = read_string(json, "request_id");
  e.origin = read_string(json, "origin");
  e.content_hash = read_string(json, "content_hash");
  if (json.contains("attributes") && json["attributes"].is_object()) {
    e.attributes = json["attributes"];
  }
  auto session_created = read_optional_time(json, "session_created");
  if (!session_created) return std::unexpected(session_created.error());
  e.session_created = *session_created;
  auto issued = read_optional_time(json, "credential_issued_at");
  if (!issued) return std::unexpected(issued.error());
  e.credential_issued_at = *issued;
  if (json.contains("credential_ttl_seconds") && json["credential_ttl_seconds"].is_number_integer()) {
    e.credential_ttl_seconds = json["credential_ttl_seconds"].get<std::int64_t>();
  }
  return e;
}

}  // namespace ec
