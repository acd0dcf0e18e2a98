// Microsoft Graph records -> core evidence, for the "entra_id" source: the user object
// (GET /v1.0/users/{id}), directory audits (GET /v1.0/auditLogs/directoryAudits) and sign-ins
// (GET /v1.0/auditLogs/signIns, and beta for non-interactive ones). Mapping:
//   user                                    -> identity.user
//   audit "Disable account", "Delete user", "Hard Delete user", and "Update user" whose
//     modifiedProperties set AccountEnabled to false            -> identity.deprovision
//   audit "Update StsRefreshTokenValidFrom Timestamp" (what revokeSignInSessions /
//     invalidateAllRefreshTokens leave behind)                  -> identity.token_revoke
//   audit "Enable account", "Restore user" and the rest         -> identity.other
//   interactive sign-in                     -> identity.session_start
//   non-interactive sign-in (refresh-token redemption by a client) -> identity.token_grant
// A sign-in's status.errorCode 0 is a success; anything else (50057: the account is disabled)
// is a failure, so an attempt, never an access. Pure functions; thread-safe.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "plugin/core/evidence.h"

namespace ec::adapters::entra_id {

inline constexpr char kSourceKind[] = "entra_id";
inline constexpr int kAccountDisabled = 50057;

// True when `query` is the user's id (exact) or its userPrincipalName or mail
// (case-insensitive).
bool user_matches(const nlohmann::json& user, std::string_view query);

// What a directory audit does to a user's standing.
enum class AuditEffect { None, Deprovision, Reactivate, RevokeTokens };
AuditEffect audit_effect(const nlohmann::json& audit);

// True when a successful audit names `user_id` among its User targets.
bool audit_targets_user(const nlohmann::json& audit, std::string_view user_id);

// The user's deprovisioning time from its audits, folded in time order: the first successful
// Deprovision after the last successful Reactivate. Feed audits with add(), then read at().
class DeprovisionClock {
 public:
  explicit DeprovisionClock(std::string user_id) : user_id_(std::move(user_id)) {}
  void add(const nlohmann::json& audit);
  // nullopt when no deprovisioning audit outlives a reactivation.
  std::optional<Timestamp> at() const;

 private:
  std::string user_id_;
  std::optional<Timestamp> last_reactivate_;
  std::vector<Timestamp> deprovisions_;
};

// id, login (userPrincipalName), email (mail), display name; status "DELETED" when
// deletedDateTime is set, "DISABLED" when accountEnabled is false, else "ACTIVE".
// deprovisioned_at: `deprovisioned` when the account is disabled or deleted (else nothing),
// falling back to deletedDateTime. InvalidArgument when the object has no string "id".
[[nodiscard]] Result<Subject> subject_from_user(const nlohmann::json& user,
                                                std::optional<Timestamp> deprovisioned);

// The identity.user evidence: time is the deprovisioning time, else deletedDateTime, else
// createdDateTime.
Evidence user_to_evidence(const nlohmann::json& user, const Subject& subject, std::string origin,
                          std::string content_hash);

// InvalidArgument when "activityDateTime" or "activityDisplayName" is missing or malformed.
// names_subject is left false.
[[nodiscard]] Result<Evidence> audit_to_evidence(const nlohmann::json& audit, std::string origin,
                                                 std::string content_hash);
bool audit_names_subject(const nlohmann::json& audit, const Subject& subject);

// InvalidArgument when "createdDateTime", "userId" or an integer status.errorCode is missing.
[[nodiscard]] Result<Evidence> sign_in_to_evidence(const nlohmann::json& sign_in,
                                                   std::string origin, std::string content_hash);
bool sign_in_names_subject(const nlohmann::json& sign_in, const Subject& subject);

}  // namespace ec::adapters::entra_id
