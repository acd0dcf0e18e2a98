// Loads what the Zendesk sidebar page shows for a ticket from the store: the case opened for it,
// the last analysis's security decision, evidence, findings, open questions, and the card of the
// newest version of each draft (load_draft_card, the same builder the chat surfaces use).
// Thread-safe: each call uses its own transactions.
#pragma once

#include <string>

#include "plugin/app/case_service.h"
#include "plugin/core/store.h"
#include "plugin/platforms/zendesk/sidebar_page.h"

namespace ec::app {

// A view without a case (view.c empty) when no case is open for the ticket. `viewer` is the
// platform user id the session acts as.
[[nodiscard]] Result<platforms::zendesk::SidebarView> load_sidebar_view(CaseService& cases, Store& store,
                                                          const std::string& ticket,
                                                          const std::string& viewer);

}  // namespace ec::app
