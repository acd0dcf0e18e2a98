#include "adapters/okta/okta_user.h"

#include "adapters/common/json_fields.h"
#include "adapters/common/text.h"

namespace ec::adapters::okta {

using common::get_string;
using common::get_time;

bool user_matches(const nlohmann::json& user, std::string_view query) {
  if (query.empty()) return false;
  if (get_string(user, {"id"}) == query) return true;
  const std::string login = get_string(user, {"profile", "login"});
  const std::string email = get_string(user, {"profile", "email"});
  return (!login.empty() && common::iequals(login, query)) ||
         (!email.empty() && common::iequals(email, query));
}

Result<Subject> subject_from_user(const nlohmann::json& user) {
  Subject subject;
  subject.id = get_string(user, {"id"});
  if (subject.id.empty()) {
    return make_error(ErrorCode::InvalidArgument, "Okta user object without a string \"id\"");
  }
  subject.login = get_string(user, {"profile", "login"});
  subject.email = get_string(user, {"profile", "email"});
  const std::string first = get_string(user, {"profile", "firstName"});
  const std::string last = get_string(user, {"profile", "lastName"});
  subject.display_name = first.empty() ? last : (last.empty() ? first : first + " " + last);
  subject.status = get_string(user, {"status"});
  if (subject.status == "DEPROVISIONED" || subject.status == "SUSPENDED") {
    subject.deprovisioned_at = get_time(user, {"statusChanged"});
  }
  return subject;
}

Evidence user_to_evidence(const nlohmann::json& user, std::string origin,
                          std::string content_hash) {
  Evidence e;
  e.source = "okta";
  e.kind = evidence_kind::kIdentityUser;
  const auto changed = get_time(user, {"statusChanged"});
  e.time = changed ? *changed : get_time(user, {"lastUpdated"}).value_or(Timestamp{});
  const std::string status = get_string(user, {"status"});
  e.principal = get_string(user, {"id"});
  e.object = e.principal;
  e.action = "status";
  e.outcome = Outcome::Success;
  e.names_subject = true;
  e.summary = "Okta user " + get_string(user, {"profile", "login"}) + " status " + status;
  if (changed) e.summary += " since " + format_rfc3339(*changed);
  e.origin = std::move(origin);
  e.content_hash = std::move(content_hash);
  e.attributes = {{"status", status}};
  for (const char* key : {"statusChanged", "lastLogin", "created", "activated", "lastUpdated"}) {
    const std::string value = get_string(user, {key});
    if (!value.empty()) e.attributes[key] = value;
  }
  const std::string user_type = get_string(user, {"profile", "userType"});
  if (!user_type.empty()) e.attributes["user_type"] = user_type;
  return e;
}

}  // namespace ec::adapters::okta
