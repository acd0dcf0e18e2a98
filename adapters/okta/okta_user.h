// Okta user objects (GET /api/v1/users/{id}, or an export holding an array of them): matching a
// user against the lead's "login, email or id", turning one into a core Subject, and into the
// identity.user evidence record. Pure functions; thread-safe.
#pragma once

#include <nlohmann/json.hpp>
#include <string_view>

#include "plugin/core/evidence.h"

namespace ec::adapters::okta {

// True when `query` is the user's id (exact) or its profile login or email (case-insensitive).
bool user_matches(const nlohmann::json& user, std::string_view query);

// id, login, email, display name and status; deprovisioned_at is statusChanged when the status
// is DEPROVISIONED or SUSPENDED. InvalidArgument when the object has no string "id".
[[nodiscard]] Result<Subject> subject_from_user(const nlohmann::json& user);

// The identity.user evidence for a user object: time is statusChanged (else lastUpdated), origin
// and content_hash as given.
Evidence user_to_evidence(const nlohmann::json& user, std::string origin, std::string content_hash);

}  // namespace ec::adapters::okta
