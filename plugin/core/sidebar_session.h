// A helpdesk sidebar session: what the Zendesk ticket sidebar page holds after its signed-URL
// token was verified. The browser keeps only the session id (an HttpOnly cookie); the store keeps
// its SHA-256 (so a database reader cannot replay sessions), the CSRF token the page must echo on
// every state-changing call, who the Zendesk user is, which platform user they act as, and the
// ticket. Sessions live in the store, not in process memory, so replicas sharing a database
// accept each other's sessions. Plain values; thread-safe.
#pragma once

#include <string>

#include "plugin/core/time.h"

namespace ec {

struct SidebarSession {
  std::string id_hash;        // sha256_hex of the cookie value
  std::string csrf_token;     // random, embedded in the page, required as a header
  std::string zendesk_user;   // the token's `sub`, verbatim
  std::string acting_user;    // the platform user id it maps to (the lead id), or "zendesk:<sub>"
  std::string ticket_ref;     // the ticket the page was opened on
  Timestamp created_at{};
  Timestamp expires_at{};

  [[nodiscard]] bool expired(Timestamp now) const { return now >= expires_at; }
};

}  // namespace ec
