#include "plugin/copilot/draft_util.h"

#include <cctype>

namespace ec::copilot::detail {

Statement make_statement(Section section, const std::string& text, Redactor& redactor,
                         std::vector<std::string> evidence, std::vector<std::string> findings) {
  Statement s;
  s.section = section;
  s.text = redactor.redact(text);
  s.author = Authorship::Agent;
  s.evidence = std::move(evidence);
  s.findings = std::move(findings);
  return s;
}

DraftVersion new_draft(const Case& c, DraftKind kind, Timestamp now) {
  DraftVersion v;
  v.case_id = c.id;
  v.kind = kind;
  v.version = 1;
  v.created_by = "copilot";
  v.created_at = now;
  return v;
}

std::string lower_first(std::string text) {
  if (text.size() >= 2 && std::isupper(static_cast<unsigned char>(text[0])) != 0 &&
      std::islower(static_cast<unsigned char>(text[1])) != 0) {
    text[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(text[0])));
  }
  return text;
}

Severity highest_severity(const Case& c, const SecurityDecision& decision) {
  Severity s = c.severity;
  for (const RuleMatch& m : decision.matches) s = std::max(s, m.severity);
  return s;
}

}  // namespace ec::copilot::detail
