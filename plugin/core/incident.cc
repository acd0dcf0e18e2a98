#include "plugin/core/incident.h"

#include <utility>

#include "plugin/core/enum_names.h"

namespace ec {
namespace {

constexpr enum_names::Table<IncidentAction, 2> kActions = {{
    {IncidentAction::Trigger, "trigger"},
    {IncidentAction::Resolve, "resolve"},
}};

Result<std::string> required_string(const nlohmann::json& json, const char* field) {
  const auto found = json.find(field);
  if (found == json.end() || !found->is_string() || found->get_ref<const std::string&>().empty()) {
    return make_error(ErrorCode::InvalidArgument,
                      std::string("incident notice: '") + field + "' must be a non-empty string");
  }
  return found->get<std::string>();
}

Result<std::string> optional_string(const nlohmann::json& json, const char* field) {
  const auto found = json.find(field);
  if (found == json.end() || found->is_null()) return std::string();
  if (!found->is_string()) {
    return make_error(ErrorCode::InvalidArgument,
                      std::string("incident notice: '") + field + "' must be a string");
  }
  return found->get<std::string>();
}

Result<std::vector<std::string>> string_list(const nlohmann::json& json, const char* field) {
  std::vector<std::string> out;
  const auto found = json.find(field);
  if (found == json.end()) return out;
  if (!found->is_array()) {
    return make_error(ErrorCode::InvalidArgument,
                      std::string("incident notice: '") + field + "' must be an array of strings");
  }
  for (const auto& item : *found) {
    if (!item.is_string()) {
      return make_error(ErrorCode::InvalidArgument, std::string("incident notice: '") + field +
                                                        "' must be an array of strings");
    }
    out.push_back(item.get<std::string>());
  }
  return out;
}

}  // namespace

std::string_view incident_action_name(IncidentAction action) {
  return enum_names::name_of(kActions, action);
}

Result<IncidentAction> parse_incident_action(std::string_view name) {
  return enum_names::parse(kActions, name, "incident action");
}

std::string incident_dedup_key(std::string_view case_id) {
  return "escalation-copilot/" + std::string(case_id);
}

nlohmann::json incident_to_json(const IncidentNotice& notice) {
  return {
      {"action", incident_action_name(notice.action)},
      {"case_id", notice.case_id},
      {"ticket", notice.ticket_ref},
      {"severity", severity_name(notice.severity)},
      {"title", notice.title},
      {"text", notice.text},
      {"evidence", notice.evidence_ids},
      {"rules", notice.matched_rules},
      {"reason", notice.reason},
      {"at", format_rfc3339(notice.at)},
  };
}

Result<IncidentNotice> incident_from_json(const nlohmann::json& json) {
  if (!json.is_object()) {
    return make_error(ErrorCode::InvalidArgument, "incident notice: not a JSON object");
  }
  IncidentNotice notice;
  auto action_name = required_string(json, "action");
  if (!action_name) return std::unexpected(action_name.error());
  auto action = parse_incident_action(*action_name);
  if (!action) return std::unexpected(action.error().with_context("incident notice: 'action'"));
  notice.action = *action;
  auto case_id = required_string(json, "case_id");
  if (!case_id) return std::unexpected(case_id.error());
  notice.case_id = std::move(*case_id);
  auto title = required_string(json, "title");
  if (!title) return std::unexpected(title.error());
  notice.title = std::move(*title);
  auto severity_text = required_string(json, "severity");
  if (!severity_text) return std::unexpected(severity_text.error());
  auto severity = parse_severity(*severity_text);
  if (!severity) {
    return std::unexpected(severity.error().with_context("incident notice: 'severity'"));
  }
  notice.severity = *severity;
  auto at_text = required_string(json, "at");
  if (!at_text) return std::unexpected(at_text.error());
  auto at = parse_rfc3339(*at_text);
  if (!at) return std::unexpected(at.error().with_context("incident notice: 'at'"));
  notice.at = *at;
  for (auto [field, target] : {std::pair{"ticket", &notice.ticket_ref},
                                std::pair{"text", &notice.text}, std::pair{"reason", &notice.reason}}) {
    auto value = optional_string(json, field);
    if (!value) return std::unexpected(value.error());
    *target = std::move(*value);
  }
  auto evidence = string_list(json, "evidence");
  if (!evidence) return std::unexpected(evidence.error());
  notice.evidence_ids = std::move(*evidence);
  auto rules = string_list(json, "rules");
  if (!rules) return std::unexpected(rules.error());
  notice.matched_rules = std::move(*rules);
  return notice;
}

}  // namespace ec
