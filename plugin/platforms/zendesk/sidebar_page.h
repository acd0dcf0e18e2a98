// The Zendesk ticket sidebar page: one self-contained HTML document (inline CSS and a little
// plain JavaScript, no external assets) showing a case to a helpdesk agent: state, the security
// decision, an evidence summary, findings with statuses, open questions with owners, and each
// draft as a card (UNAPPROVED / APPROVED, its statements with who wrote them, linter findings,
// what blocks approval). Approve and Request changes buttons appear only when the viewer is the
// case's lead; they POST to the sidebar API with the page's CSRF token in X-CSRF-Token and the
// session cookie. Every value is HTML-escaped. Pure; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "plugin/core/case.h"
#include "plugin/core/draft_card.h"
#include "plugin/core/evidence.h"
#include "plugin/core/finding.h"

namespace ec::platforms::zendesk {

// API paths the page's buttons call (relative to the service root).
inline constexpr char kSidebarPath[] = "/zendesk/sidebar";
inline constexpr char kApprovePath[] = "/zendesk/sidebar/api/approve";
inline constexpr char kRequestChangesPath[] = "/zendesk/sidebar/api/request-changes";
inline constexpr char kCsrfHeader[] = "X-CSRF-Token";

struct SidebarView {
  std::string ticket_ref;
  std::string viewer;                 // the acting platform user id
  bool viewer_is_lead = false;
  std::string csrf_token;
  std::string script_nonce;           // the Content-Security-Policy nonce of the inline script
  std::optional<Case> c;              // none: no case for the ticket yet
  bool escalate_security = false;
  std::vector<std::string> decision_reasons;
  std::vector<Evidence> evidence;
  std::vector<Finding> findings;
  std::vector<OpenQuestion> questions;
  std::vector<DraftCard> cards;       // newest version of each draft
};

std::string render_sidebar_page(const SidebarView& view);

}  // namespace ec::platforms::zendesk
