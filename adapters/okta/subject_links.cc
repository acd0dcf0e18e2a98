#include "adapters/okta/subject_links.h"

#include "adapters/common/json_fields.h"
#include "adapters/okta/system_log_event.h"
#include "plugin/core/evidence.h"

namespace ec::adapters::okta {
namespace {

using common::get_string;

void insert_if_set(std::set<std::string, std::less<>>& set, std::string value) {
  if (!value.empty()) set.insert(std::move(value));
}

}  // namespace

void SubjectLinks::learn(const nlohmann::json& event) {
  insert_if_set(sessions_, get_string(event, {"authenticationContext", "externalSessionId"}));
  insert_if_set(transactions_, get_string(event, {"transaction", "id"}));
  if (get_string(event, {"actor", "type"}).ends_with("App")) {
    insert_if_set(client_apps_, get_string(event, {"actor", "id"}));
  }
  if (!get_string(event, {"eventType"}).starts_with("app.oauth2.authorize")) return;
  const nlohmann::json* targets = common::find_path(event, {"target"});
  if (targets == nullptr || !targets->is_array()) return;
  for (const auto& target : *targets) {
    if (get_string(target, {"type"}) == "AppInstance") {
      insert_if_set(client_apps_, get_string(target, {"id"}));
    }
  }
}

std::string_view SubjectLinks::link_of(const nlohmann::json& event, std::string_view kind) const {
  const std::string session = get_string(event, {"authenticationContext", "externalSessionId"});
  if (!session.empty() && sessions_.contains(session)) return "session";
  const std::string transaction = get_string(event, {"transaction", "id"});
  // Only events that name no other user: a bulk admin job shares one transaction.
  if (!event_names_no_user(event)) return "";
  if (!transaction.empty() && transactions_.contains(transaction)) return "transaction";
  const bool token_event =
      kind == evidence_kind::kTokenGrant || kind == evidence_kind::kTokenRevoke;
  if (token_event && client_apps_.contains(get_string(event, {"actor", "id"}))) {
    return "client_app";
  }
  return "";
}

}  // namespace ec::adapters::okta
