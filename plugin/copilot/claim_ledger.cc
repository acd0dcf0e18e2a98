#include "plugin/copilot/claim_ledger.h"

#include "plugin/copilot/findings_util.h"
#include "plugin/copilot/text_util.h"

namespace ec::copilot {

ClaimLedger build_claim_ledger(const DraftVersion& version, const std::vector<Finding>& findings) {
  ClaimLedger ledger;
  ledger.claims = findings;
  for (std::size_t i = 0; i < version.statements.size(); ++i) {
    const Statement& s = version.statements[i];
    std::vector<std::string> evidence = s.evidence;
    for (const std::string& id : s.findings) {
      if (const Finding* f = ledger.find(id)) detail::add_ids(evidence, f->evidence);
    }
    for (const Span& span : sentence_spans(s.text)) {
      const std::string_view sentence =
          trim(std::string_view(s.text).substr(span.begin, span.end - span.begin));
      if (sentence.empty()) continue;
      ledger.entries.push_back(
          LedgerEntry{i, s.section, s.author, std::string(sentence), s.findings, evidence});
    }
  }
  return ledger;
}

std::vector<GroundingIssue> grounding_issues(const DraftVersion& version,
                                             const std::vector<Finding>& findings) {
  if (version.kind == DraftKind::Handoff) return {};
  return check_grounding(build_claim_ledger(version, findings));
}

}  // namespace ec::copilot
