// Okta System Log LogEvents -> core Evidence: the eventType -> evidence kind table, whether an
// event names the subject, and the field mapping (session, IP, user agent, API token, outcome).
// Pure functions; thread-safe.
#pragma once

#include <nlohmann/json.hpp>
#include <string_view>

#include "plugin/core/evidence.h"

namespace ec::adapters::okta {

// user.lifecycle.deactivate/suspend/delete* -> identity.deprovision, user.session.start ->
// identity.session_start, user.authentication.sso -> identity.sso, policy.evaluate_sign_on ->
// identity.sign_on_policy, user.session.clear -> identity.session_clear, app.oauth2 *.revoke* and
// system.api_token.revoke -> identity.token_revoke, app.oauth2 *token.grant* ->
// identity.token_grant, application.provision.* -> identity.provisioning, else identity.other.
std::string_view evidence_kind_for(std::string_view event_type);

// SUCCESS/ALLOW -> Success; FAILURE/DENY -> Failure; anything else -> Unknown.
Outcome outcome_for(std::string_view result);

// True when the actor, a target (id or alternateId) or debugContext.debugData.subject is the
// subject.
bool event_names_subject(const nlohmann::json& event, const Subject& subject);

// True when no user is named at all (no User actor or target, no debugData.subject): OAuth
// token events of a client app look like this.
bool event_names_no_user(const nlohmann::json& event);

// The evidence for one LogEvent (names_subject left false, origin/hash as given).
// InvalidArgument when "published" or "eventType" is missing or malformed.
[[nodiscard]] Result<Evidence> log_event_to_evidence(const nlohmann::json& event,
                                                     std::string origin, std::string content_hash);

}  // namespace ec::adapters::okta
