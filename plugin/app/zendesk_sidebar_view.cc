#include "plugin/app/zendesk_sidebar_view.h"

#include <set>

#include "plugin/app/draft_card_loader.h"

namespace ec::app {

Result<platforms::zendesk::SidebarView> load_sidebar_view(CaseService& cases, Store& store,
                                            const std::string& ticket,
                                            const std::string& viewer) {
  platforms::zendesk::SidebarView view;
  view.ticket_ref = ticket;
  view.viewer = viewer;
  std::optional<nlohmann::json> analysis;
  {
    auto tx = store.begin();
    if (!tx) return std::unexpected(tx.error());
    auto found = (*tx)->find_case_by_ticket(ticket);
    if (!found) return std::unexpected(found.error());
    if (!*found) return view;
    view.c = **found;
    const std::string& id = view.c->id;
    auto evidence = (*tx)->list_evidence(id);
    if (!evidence) return std::unexpected(evidence.error());
    view.evidence = std::move(*evidence);
    auto findings = (*tx)->list_findings(id);
    if (!findings) return std::unexpected(findings.error());
    view.findings = std::move(*findings);
    auto questions = (*tx)->list_questions(id);
    if (!questions) return std::unexpected(questions.error());
    view.questions = std::move(*questions);
    auto stored = (*tx)->get_analysis(id);
    if (!stored) return std::unexpected(stored.error());
    analysis = std::move(*stored);
  }
  view.viewer_is_lead = viewer == view.c->lead;
  if (analysis && analysis->contains("decision") && (*analysis)["decision"].is_object()) {
    const auto& decision = (*analysis)["decision"];
    view.escalate_security = decision.value("escalate_security", false);
    if (decision.contains("reasons") && decision["reasons"].is_array()) {
      for (const auto& r : decision["reasons"]) {
        if (r.is_string()) view.decision_reasons.push_back(r.get<std::string>());
      }
    }
  }
  auto versions = cases.drafts(view.c->id);
  if (!versions) return std::unexpected(versions.error());
  std::set<std::string> seen;
  const std::string recipient = recipient_for(*view.c, "zendesk");
  for (const DraftVersion& v : *versions) {
    if (!seen.insert(v.draft_id).second) continue;
    auto card = load_draft_card(store, view.c->id, v.draft_id, std::nullopt, recipient);
    if (!card) return std::unexpected(card.error());
    view.cards.push_back(std::move(*card));
  }
  return view;
}

}  // namespace ec::app
