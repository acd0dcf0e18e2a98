// SubjectLinks: decides which System Log events that do not name the subject still belong to
// its activity. It learns keys from the subject's own events (Okta session ids, transaction ids,
// OAuth client apps the subject authorized) and links other events that share one. OAuth token
// events of a client app name no user at all (section 1.4 of the evidence-sources notes), so
// this is how refresh-token grants are attributed. Not thread-safe; one per collect() call.
#pragma once

#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <string_view>

namespace ec::adapters::okta {

class SubjectLinks {
 public:
  // Records the keys of an event that names the subject.
  void learn(const nlohmann::json& event);
  // "session", "transaction" or "client_app" when `event` (which does not name the subject)
  // shares a key with the subject's events; "" when it does not. `kind` is its evidence kind.
  std::string_view link_of(const nlohmann::json& event, std::string_view kind) const;

  // The keys learned so far: Okta session ids, transaction ids, OAuth client app ids.
  const std::set<std::string, std::less<>>& sessions() const { return sessions_; }
  const std::set<std::string, std::less<>>& transactions() const { return transactions_; }
  const std::set<std::string, std::less<>>& client_apps() const { return client_apps_; }

 private:
  std::set<std::string, std::less<>> sessions_;
  std::set<std::string, std::less<>> transactions_;
  std::set<std::string, std::less<>> client_apps_;
};

}  // namespace ec::adapters::okta
