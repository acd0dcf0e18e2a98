// The Zendesk ticket sidebar endpoints:
//   POST /zendesk/sidebar                     Zendesk's signed-URL load: form field `token`
//                                             (RS256 JWT) and `ticket_id` (query or form). Verified
//                                             (401 on any failure, nothing stored), then a session
//                                             is stored and its id set as a cookie; the page.
//   GET  /zendesk/sidebar                     the page again for the session's ticket (401 without
//                                             a valid session).
//   POST /zendesk/sidebar/api/approve         JSON {draft_id, version, content_hash}: CaseService::
//   POST /zendesk/sidebar/api/request-changes approve / request_changes as the session's user.
// Every API call needs the session cookie (401) and the page's CSRF token in X-CSRF-Token (403).
// The cookie is HttpOnly; Secure; SameSite=None; Partitioned: the page runs in an iframe on
// *.zendesk.com, a cross-site context where Strict or Lax cookies are never sent (see
// docs/zendesk-sidebar.md). Thread-safe: sessions live in the store.
#pragma once

#include <httplib.h>

#include "plugin/app/case_service.h"
#include "plugin/app/zendesk_sidebar_settings.h"
#include "plugin/core/store.h"
#include "plugin/core/time.h"

namespace ec::app {

inline constexpr char kSidebarCookie[] = "__Host-ec_sidebar";

struct ZendeskSidebarDeps {
  const ZendeskSidebarSettings& settings;
  CaseService& cases;
  Store& store;
  const Clock& clock;
};

// Registers the routes; `deps` and what it refers to must outlive the server.
void register_zendesk_sidebar_routes(httplib::Server& server, const ZendeskSidebarDeps& deps);

}  // namespace ec::app
