// Maps one Support Console access-log row (JSON Lines, our own format; see section 7.3 of the
// evidence-sources notes) to evidence: login -> app.login, presign_attachment -> app.presign
// (object "<bucket>/<s3_key>", access key id, X-Amz-Date, expiry), view_ticket and
// list_attachments -> app.view, token_refresh -> app.token_refresh (outcome from
// "result": accepted | rejected), anything else -> app.other. Pure functions; thread-safe.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "adapters/common/report_builder.h"
#include "plugin/core/evidence.h"

namespace ec::adapters::product_access_log {

inline constexpr char kSourceKind[] = "product_access_log";
// Console events outside the table above. Not one of core's evidence_kind constants.
inline constexpr char kAppOther[] = "app.other";

std::string_view evidence_kind_for(std::string_view event);

// True when the row's okta_sub (Okta tenants), entra_oid (Entra tenants: the token's oid claim)
// or email is the subject.
bool row_names_subject(const nlohmann::json& row, const Subject& subject);

// The streaming form, for stream(): overwrites every field of `out` except attributes and
// summary, which it empties (origin and content_hash too); a reused Evidence then costs little
// per row. A row the sink keeps is finished with complete_row_evidence(). Same error as
// row_to_evidence(); `out` is then unspecified.
[[nodiscard]] Status row_fields_into(const nlohmann::json& row, std::string_view bucket,
                                     Evidence& out);

// Sets attributes and summary: after row_fields_into() (and origin, content_hash), `e` then
// equals what row_to_evidence() returns.
void complete_row_evidence(const nlohmann::json& row, Evidence& e);

// InvalidArgument when "ts" (RFC 3339) or "event" is missing or malformed. names_subject is
// left false; origin and content_hash as given.
[[nodiscard]] Result<Evidence> row_to_evidence(const nlohmann::json& row, std::string_view bucket,
                                               std::string origin, std::string content_hash);

// The one path from a row to evidence, for files and the live export alike: a malformed row is
// skipped with a diagnostic at `location`; a good one widens coverage and, inside `window`, is
// returned with names_subject set when it is the subject's (nullopt otherwise).
[[nodiscard]] std::optional<Evidence> accept_row(const nlohmann::json& row, std::string_view bucket,
                                                 std::string location, std::string content_hash,
                                                 const Subject& subject, const TimeWindow& window,
                                                 common::ReportBuilder& report);

// accept_row(), then adds the evidence to the report (the live export's collect()).
void add_row(const nlohmann::json& row, std::string_view bucket, std::string location,
             std::string content_hash, const Subject& subject, const TimeWindow& window,
             common::ReportBuilder& report);

}  // namespace ec::adapters::product_access_log
