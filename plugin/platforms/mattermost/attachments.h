// Mattermost rendering of core's neutral views: the approval card as a post whose
// props.attachments carry the card (title with UNAPPROVED/APPROVED/SENT, the labelled parts with
// who wrote each statement, linter findings, what blocks approval) and buttons whose
// integration.url is our /mattermost/actions and whose context is signed (action_context.h);
// the Edit, Request changes and Reveal interactive dialogs; the security announcement; plain
// command responses.
// User-supplied text is escaped so it cannot ping (@channel) or inject markdown links.
// Pure functions; thread-safe.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "plugin/core/draft_card.h"
#include "plugin/core/result.h"
#include "plugin/core/security_announcement.h"

namespace ec::platforms::mattermost {

// Limits (server/public/model/integration_action.go, post.go).
inline constexpr std::size_t kDialogTitle = 24;
inline constexpr std::size_t kDialogElementName = 300;
inline constexpr std::size_t kDialogDisplayName = 24;
inline constexpr std::size_t kDialogTextarea = 3000;
inline constexpr std::size_t kMaxDialogTextareas = 5;
inline constexpr std::size_t kAttachmentText = 12000;  // well inside a post's props budget
inline constexpr std::size_t kMessage = 16383;         // PostMessageMaxRunesV2

// Dialog callback ids and element names.
inline constexpr std::string_view kEditCallback = "ec_edit_draft";
inline constexpr std::string_view kRevealCallback = "ec_reveal";
inline constexpr std::string_view kRequestChangesCallback = "ec_request_changes";
inline constexpr std::string_view kEditElementPrefix = "draft_text_";  // draft_text_0, _1, ...
inline constexpr std::string_view kPlaceholderElement = "placeholder";
inline constexpr std::string_view kReasonElement = "reason";

// Where our endpoints are and the key that signs button contexts.
struct RenderTarget {
  std::string actions_url;   // <base>/mattermost/actions
  std::string secret;        // MATTERMOST_ACTION_SECRET; never rendered itself
};

// Escapes markdown and neutralizes @-mentions in text we did not write.
std::string escape_markdown(std::string_view text);

// The button id Mattermost keys the action by (alphanumeric: "approve", "requestchanges", ...).
std::string action_id_for(CardActionKind kind);

// {"message": "", "props": {"attachments": [card]}} for POST /api/v4/posts (channel_id is
// added by the caller) or, without "message", for a patch. `full_text_hint` says where the
// untruncated text is.
nlohmann::json render_card_post(const DraftCard& card, const RenderTarget& target,
                                std::string_view full_text_hint);

// The security escalation announcement (rules with severity, description, reason and evidence,
// the rule file's version, the evidence ids) with an Acknowledge button, as the outbox payload
// the Mattermost channel posts: {"text": ..., "props": {"attachments": [...]}}.
nlohmann::json render_security_post(const SecurityAnnouncement& announcement,
                                    const RenderTarget& target);

// The `dialog` object for /api/v4/actions/dialogs/open: the draft text split over textareas of
// at most 3000 characters (at most kMaxDialogTextareas; InvalidArgument when it does not fit).
[[nodiscard]] Result<nlohmann::json> render_edit_dialog(const DraftCard& card,
                                                        std::string_view draft_text,
                                                        std::string_view state);
nlohmann::json render_reveal_dialog(const DraftCard& card, std::string_view state);
// Asks for the reason changes are requested on the card's exact version.
nlohmann::json render_request_changes_dialog(const DraftCard& card, std::string_view state);

// The edited text from a submission (the textareas joined in order).
std::string edited_text_from(const std::map<std::string, std::string>& submission);

// A slash command or response_url answer: {"response_type": ..., "text": ...}. `text` is our
// own markdown (not escaped), cut to the message limit.
nlohmann::json render_text_response(std::string_view text, std::string_view response_type);

}  // namespace ec::platforms::mattermost
