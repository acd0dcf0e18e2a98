// Block Kit rendering of core's neutral views: the approval card (header saying UNAPPROVED,
// the labelled parts with who wrote each statement, linter findings with their sentences, what
// blocks approval, buttons whose values name the exact version), the Edit and Reveal modals, the security
// acknowledgement message and plain replies. Everything rendered stays inside Slack's limits
// (block_kit_limits.h): long content is split over blocks or cut with a pointer to the full text
// (`full_text_hint`). Pure functions; thread-safe.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "plugin/core/draft_card.h"
#include "plugin/core/result.h"
#include "plugin/core/security_announcement.h"

namespace ec::platforms::slack {

// action_id of each card button; the value carries encode_action_ref().
inline constexpr std::string_view kApproveAction = "ec_approve";
inline constexpr std::string_view kRequestChangesAction = "ec_request_changes";
inline constexpr std::string_view kEditAction = "ec_edit";
inline constexpr std::string_view kRevealAction = "ec_reveal";
inline constexpr std::string_view kAckSecurityAction = "ec_ack_security";
// callback_id of the modals and the ids of their inputs.
inline constexpr std::string_view kEditCallback = "ec_edit_draft";
inline constexpr std::string_view kRevealCallback = "ec_reveal";
inline constexpr std::string_view kRequestChangesCallback = "ec_request_changes";
inline constexpr std::string_view kEditBlockPrefix = "draft_text_";   // draft_text_0, _1, ...
inline constexpr std::string_view kTextInputAction = "text";
inline constexpr std::string_view kPlaceholderBlock = "placeholder";
inline constexpr std::string_view kReasonBlock = "reason";

// The chat message for a card: {"text": fallback, "blocks": [...]}. `full_text_hint` says where
// the untruncated text is ("/escalation CASE-1 status").
nlohmann::json render_card_message(const DraftCard& card, std::string_view full_text_hint);

// A modal prefilled with the draft text, split over inputs of at most 3000 characters.
// `private_metadata` (at most 3000 characters) comes back with the submission. InvalidArgument
// when the text needs more inputs than a modal holds (99 x 3000 characters): a modal with the
// text cut would save a draft without its end.
[[nodiscard]] Result<nlohmann::json> render_edit_modal(const DraftCard& card,
                                                       std::string_view draft_text,
                                                       std::string_view private_metadata);
// The edited text from a submission's values (the inputs joined in order).
std::string edited_text_from(const std::map<std::string, std::string>& values);

// A modal asking which placeholder to reveal and why.
nlohmann::json render_reveal_modal(const DraftCard& card, std::string_view private_metadata);

// A modal asking why changes are requested (the reason goes in kReasonBlock).
nlohmann::json render_request_changes_modal(const DraftCard& card,
                                            std::string_view private_metadata);

// The security escalation announcement: the rules that fired (id, severity, description,
// reason, evidence), the evidence ids, the rule-file version and an Acknowledge button (only the
// security group's click is accepted, checked by the case service when it arrives).
nlohmann::json render_security_message(const SecurityAnnouncement& announcement);

// A reply of plain mrkdwn text (escaped, except user and channel mentions "<@U1>", "<#C1>"),
// split over section blocks when long.
// response_type "ephemeral" or "in_channel".
nlohmann::json render_text_message(std::string_view text, std::string_view response_type);

// Which card action an action_id names; InvalidArgument for one we did not issue.
[[nodiscard]] Result<CardActionKind> action_kind_for(std::string_view action_id);

}  // namespace ec::platforms::slack
