// Loads what a draft card shows from the store (case, the version, approvals, deliveries) and
// the linter's findings for its text, the blocking issues approve() would refuse it for
// (copilot::blocking_issues), and builds core's neutral DraftCard.
// Used by every surface that shows a card: ChatTurns (Slack, Mattermost) and the sidebar.
// Thread-safe: each call uses its own transaction.
#pragma once

#include <optional>
#include <string>

#include "plugin/core/draft_card.h"
#include "plugin/core/store.h"

namespace ec::app {

// The card of `draft_id` at `version` (nullopt: the newest version). NotFound for an unknown
// case, draft or version. `recipient` is shown in the Approve confirm dialog.
[[nodiscard]] Result<DraftCard> load_draft_card(Store& store, const std::string& case_id,
                                                const std::string& draft_id,
                                                std::optional<int> version,
                                                const std::string& recipient);

// The draft's newest version number, NotFound when there is none.
[[nodiscard]] Result<DraftVersion> latest_draft_version(Store& store, const std::string& case_id,
                                                        const std::string& draft_id);

// Where a customer update of `c` goes when approved, in words for the confirm dialog.
std::string recipient_for(const Case& c, const std::string& customer_channel);

}  // namespace ec::app
