// The "zendesk_sidebar" config block: how the ticket sidebar verifies Zendesk's signed-URL token
// and whom it lets act as which lead. Read once by `serve`; immutable afterwards.
//
//   "zendesk_sidebar": {
//     "public_key": "keys/zendesk_app_public_key.pem",      // the app's RS256 key (PEM)
//     "issuer": "acme.zendesk.com",                          // the token's iss
//     "audience": "https://acme.zendesk.com/api/v2/apps/installations/123.json",  // its aud
//     "leads": { "<token sub>": "U0LEAD" },                  // Zendesk user -> platform user id
//     "session_ttl_seconds": 1800, "leeway_seconds": 60
//   }
//
// Without the block the sidebar is off (no route). A Zendesk user missing from "leads" acts as
// "zendesk:<sub>", which is never a case lead: read-only.
#pragma once

#include <chrono>
#include <map>
#include <memory>
#include <string>

#include "plugin/app/config.h"
#include "plugin/core/result.h"
#include "plugin/platforms/zendesk/zendesk_jwt.h"

namespace ec::app {

struct ZendeskSidebarSettings {
  bool enabled = false;
  std::shared_ptr<const platforms::zendesk::RsaPublicKey> public_key;
  platforms::zendesk::ZendeskJwtExpectations expect;
  std::map<std::string, std::string> leads;   // token sub -> platform user id
  std::chrono::seconds session_ttl{1800};

  // The platform user id the Zendesk user acts as.
  [[nodiscard]] std::string acting_user(const std::string& zendesk_sub) const;
};

// InvalidArgument naming "zendesk_sidebar.<key>" (and the file) for a malformed block or an
// unreadable or non-RSA public key file.
[[nodiscard]] Result<ZendeskSidebarSettings> load_zendesk_sidebar_settings(const Config& config);

}  // namespace ec::app
