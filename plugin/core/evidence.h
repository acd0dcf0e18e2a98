// Evidence: one normalized record from an evidence source (an IdP event, a storage log line, a
// ticket audit), with the provenance needed to cite it and the fields correlation joins on.
// Plain values; thread-safe to copy. Raw values (IPs, emails, keys) are kept here as the source
// wrote them; the copilot's redactor replaces them before they enter any prompt or draft.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "plugin/core/time.h"

namespace ec {

// Normalized evidence kinds. Adapters map their native event types onto these.
namespace evidence_kind {
inline constexpr char kIdentityUser[] = "identity.user";                  // user object, status
inline constexpr char kDeprovision[] = "identity.deprovision";            // deactivate/suspend/delete
inline constexpr char kSessionStart[] = "identity.session_start";         // IdP sign-in
inline constexpr char kSso[] = "identity.sso";                            // SSO to an app
inline constexpr char kSignOnPolicy[] = "identity.sign_on_policy";        // policy evaluation
inline constexpr char kTokenGrant[] = "identity.token_grant";             // access/refresh grant
inline constexpr char kTokenRevoke[] = "identity.token_revoke";           // tokens revoked
inline constexpr char kSessionClear[] = "identity.session_clear";         // sessions cleared
inline constexpr char kProvisioning[] = "identity.provisioning";          // push to downstream app
inline constexpr char kIdentityOther[] = "identity.other";
inline constexpr char kObjectAccess[] = "storage.object_access";          // GET/HEAD/PUT on object
inline constexpr char kAppLogin[] = "app.login";                          // product login
inline constexpr char kAppPresign[] = "app.presign";                      // presigned URL minted
inline constexpr char kAppView[] = "app.view";                            // product page/list view
inline constexpr char kAppTokenRefresh[] = "app.token_refresh";           // product token refresh
inline constexpr char kTicketComment[] = "ticket.comment";
inline constexpr char kTicketChange[] = "ticket.change";
}  // namespace evidence_kind

enum class Outcome { Success, Failure, Unknown };
std::string_view outcome_name(Outcome outcome);

// How the credential used in an access was presented.
enum class AuthMethod { Unknown, Header, PresignedUrl, Session, Token, Anonymous };
std::string_view auth_method_name(AuthMethod method);

struct Evidence {
  std::string id;              // "E7": assigned per case by assign_evidence_ids(), stable for equal inputs
  std::string source;          // adapter kind that produced it ("okta", "s3_access_log", ...)
  std::string kind;            // one of evidence_kind
  Timestamp time{};
  std::string summary;         // one line a lead can read, e.g. "GET tickets/48213/... -> 200"
  Outcome outcome = Outcome::Unknown;
  bool names_subject = false;  // the record itself names the subject (id, login, email)
  std::string principal;       // actor as the source names it (ARN, IdP id, helpdesk user id)
  std::string object;          // "bucket/key", ticket id, app id
  std::string action;          // "download", "preview", "upload", "head", "login", "comment", ...
  std::string ip;
  std::string user_agent;
  std::string session_id;      // IdP externalSessionId or product session id
  std::optional<Timestamp> session_created;  // when that session was issued, if known
  std::string credential_id;   // access key id, API token id, refresh token id
  std::optional<Timestamp> credential_issued_at;  // presign X-Amz-Date, token issue time
  std::optional<std::int64_t> credential_ttl_seconds;  // X-Amz-Expires
  AuthMethod auth = AuthMethod::Unknown;
  std::int64_t bytes = 0;      // bytes served, when the source says
  std::string request_id;      // source request id, for de-duplication and cross-log joins
  std::string origin;          // "s3/2025-03-11.log:7" or a URL: where to find the raw record
  std::string content_hash;    // sha256 of the raw record bytes
  nlohmann::json attributes = nlohmann::json::object();  // source-specific extras
};

// The person under investigation, as resolved by the identity source.
struct Subject {
  std::string id;        // IdP id, e.g. "00uvN5sfRJXkWbFmgpsX"
  std::string login;
  std::string email;
  std::string display_name;
  std::string status;    // "DEPROVISIONED", "ACTIVE", ...
  std::optional<Timestamp> deprovisioned_at;
  std::vector<std::string> aliases;  // other ids naming the same person (helpdesk user id, ...)

  // True when `value` is this subject's id, login, email or one of its aliases (case-insensitive
  // for logins and emails).
  [[nodiscard]] bool matches(std::string_view value) const;
};

// A problem found while reading a source: it is counted and reported, never fatal for the source.
struct SourceDiagnostic {
  std::string location;  // "okta/system_log.json:12" or "GET https://…/api/v1/logs -> 500"
  std::string message;   // what was wrong and what was expected
};

// What a source returned for one collection, including how complete it was.
struct SourceReport {
  std::string source;    // adapter kind
  std::string label;     // config key, e.g. "sources.attachments[0]"
  std::vector<Evidence> evidence;
  std::vector<SourceDiagnostic> diagnostics;  // first N problems, for the report
  std::int64_t records_read = 0;
  std::int64_t records_skipped = 0;   // malformed, counted
  bool complete = true;               // false when a file or endpoint could not be read at all
  std::optional<Timestamp> coverage_begin;  // earliest and latest record seen
  std::optional<Timestamp> coverage_end;
};

// Sorts evidence by (time, source, content_hash) and assigns ids E1..En. The same inputs always
// give the same ids, whatever order the sources were read in.
void assign_evidence_ids(std::vector<Evidence>& evidence);

nlohmann::json evidence_to_json(const Evidence& evidence);
Result<Evidence> evidence_from_json(const nlohmann::json& json);

}  // namespace ec
