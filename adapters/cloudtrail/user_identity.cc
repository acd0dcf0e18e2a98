#include "adapters/cloudtrail/user_identity.h"

#include "adapters/common/text.h"

namespace ec::adapters::cloudtrail {

bool is_anonymous(const UserIdentity& identity) {
  return common::iequals(identity.account_id, kAnonymousPrincipal);
}

std::string principal_of(const UserIdentity& identity) {
  return std::string(principal_view(identity));
}

std::string_view principal_view(const UserIdentity& identity) {
  if (is_anonymous(identity)) return kAnonymousPrincipal;
  if (identity.type == "AWSService") {
    return identity.invoked_by.empty() ? std::string_view("AWSService") : identity.invoked_by;
  }
  if (identity.type == "AWSAccount" && common::iequals(identity.account_id, "CloudFront")) {
    return kAnonymousPrincipal;  // CloudFront origin access identity: names no user
  }
  for (const std::string_view candidate :
       {identity.arn, identity.principal_id, identity.user_name, identity.type}) {
    if (!candidate.empty()) return candidate;
  }
  return {};
}

std::string_view session_name_of(const UserIdentity& identity) {
  if (identity.type != "AssumedRole") return {};
  if (const std::size_t slash = identity.arn.rfind('/'); slash != std::string_view::npos) {
    return identity.arn.substr(slash + 1);
  }
  if (const std::size_t colon = identity.principal_id.find(':'); colon != std::string_view::npos) {
    return identity.principal_id.substr(colon + 1);
  }
  return {};
}

std::string_view iam_user_name_of(const UserIdentity& identity) {
  if (identity.type != "IAMUser") return {};
  if (!identity.user_name.empty()) return identity.user_name;
  constexpr std::string_view kUser = ":user/";
  const std::size_t at = identity.arn.find(kUser);
  if (at == std::string_view::npos) return {};
  const std::string_view path_and_name = identity.arn.substr(at + kUser.size());
  return path_and_name.substr(path_and_name.rfind('/') + 1);  // user paths: user/a/b/name
}

bool identity_names_subject(const UserIdentity& identity, const Subject& subject,
                            const IamUserMap& iam_users) {
  if (const std::string_view session = session_name_of(identity); !session.empty()) {
    return (!subject.login.empty() && common::iequals(session, subject.login)) ||
           (!subject.email.empty() && common::iequals(session, subject.email));
  }
  if (const std::string_view user = iam_user_name_of(identity); !user.empty()) {
    const auto it = iam_users.find(common::to_lower(user));
    return it != iam_users.end() && subject.matches(it->second);
  }
  return false;
}

}  // namespace ec::adapters::cloudtrail
