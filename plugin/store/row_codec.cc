#include "plugin/store/row_codec.h"

#include <chrono>

#include "plugin/core/hash.h"
#include "plugin/store/store_macros.h"

namespace ec::store {
namespace {

Error corrupt(std::string_view what, std::string_view why) {
  return Error{ErrorCode::DataLoss, "stored " + std::string(what) + ": " + std::string(why)};
}

Result<std::vector<std::string>> string_list(const nlohmann::json& json, std::string_view what) {
  if (!json.is_array()) return std::unexpected(corrupt(what, "expected a JSON array"));
  std::vector<std::string> out;
  out.reserve(json.size());
  for (const auto& item : json) {
    if (!item.is_string()) return std::unexpected(corrupt(what, "expected strings"));
    out.push_back(item.get<std::string>());
  }
  return out;
}

Result<std::string> string_field(const nlohmann::json& object, const char* key,
                                 std::string_view what) {
  const auto it = object.find(key);
  if (it == object.end() || !it->is_string()) {
    return std::unexpected(corrupt(what, std::string("missing string field ") + key));
  }
  return it->get<std::string>();
}

Result<ec::Statement> statement_from_json(const nlohmann::json& json) {
  constexpr std::string_view kWhat = "draft statement";
  if (!json.is_object()) return std::unexpected(corrupt(kWhat, "expected a JSON object"));
  ec::Statement s;
  EC_STORE_ASSIGN_OR_RETURN(std::string section, string_field(json, "section", kWhat));
  EC_STORE_ASSIGN_OR_RETURN(s.section, as_stored(parse_section(section), kWhat));
  EC_STORE_ASSIGN_OR_RETURN(s.text, string_field(json, "text", kWhat));
  EC_STORE_ASSIGN_OR_RETURN(std::string author, string_field(json, "author", kWhat));
  EC_STORE_ASSIGN_OR_RETURN(s.author, as_stored(parse_authorship(author), kWhat));
  const auto evidence = json.find("evidence");
  const auto findings = json.find("findings");
  if (evidence == json.end() || findings == json.end()) {
    return std::unexpected(corrupt(kWhat, "missing evidence or findings"));
  }
  EC_STORE_ASSIGN_OR_RETURN(s.evidence, string_list(*evidence, kWhat));
  EC_STORE_ASSIGN_OR_RETURN(s.findings, string_list(*findings, kWhat));
  return s;
}

}  // namespace

std::int64_t to_millis(Timestamp t) { return t.time_since_epoch().count(); }

Timestamp from_millis(std::int64_t millis) { return Timestamp(std::chrono::milliseconds(millis)); }

std::optional<std::int64_t> to_millis(const std::optional<Timestamp>& t) {
  if (!t) return std::nullopt;
  return to_millis(*t);
}

std::optional<Timestamp> from_millis(const std::optional<std::int64_t>& millis) {
  if (!millis) return std::nullopt;
  return from_millis(*millis);
}

std::string json_column(const nlohmann::json& value) { return canonical_json(value); }

Result<nlohmann::json> parse_json_column(std::string_view text, std::string_view what) {
  auto json = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (json.is_discarded()) return std::unexpected(corrupt(what, "not valid JSON"));
  return json;
}

std::string string_list_column(const std::vector<std::string>& values) {
  return json_column(nlohmann::json(values));
}

Result<std::vector<std::string>> parse_string_list_column(std::string_view text,
                                                          std::string_view what) {
  EC_STORE_ASSIGN_OR_RETURN(nlohmann::json json, parse_json_column(text, what));
  return string_list(json, what);
}

nlohmann::json statements_to_json(const std::vector<ec::Statement>& statements) {
  nlohmann::json out = nlohmann::json::array();
  for (const ec::Statement& s : statements) {
    out.push_back({{"section", section_name(s.section)},
                   {"text", s.text},
                   {"author", authorship_name(s.author)},
                   {"evidence", s.evidence},
                   {"findings", s.findings}});
  }
  return out;
}

Result<std::vector<ec::Statement>> statements_from_json(const nlohmann::json& json) {
  if (!json.is_array()) return std::unexpected(corrupt("draft statements", "expected an array"));
  std::vector<ec::Statement> out;
  out.reserve(json.size());
  for (const auto& item : json) {
    EC_STORE_ASSIGN_OR_RETURN(ec::Statement s, statement_from_json(item));
    out.push_back(std::move(s));
  }
  return out;
}

Result<ActorRole> parse_actor_role(std::string_view name) {
  for (ActorRole role :
       {ActorRole::Lead, ActorRole::Security, ActorRole::Copilot, ActorRole::Other}) {
    if (actor_role_name(role) == name) return role;
  }
  return make_error(ErrorCode::InvalidArgument, "unknown actor role \"" + std::string(name) + "\"");
}

}  // namespace ec::store
