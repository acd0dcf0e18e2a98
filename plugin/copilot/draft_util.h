// Internal helpers shared by drafter.cc and handoff_drafter.cc: building redacted statements and
// new draft versions. Not part of the copilot's public API. Not thread-safe for one Redactor.
#pragma once

#include <string>
#include <vector>

#include "plugin/copilot/redactor.h"
#include "plugin/core/case.h"
#include "plugin/core/draft.h"
#include "plugin/core/policy.h"

namespace ec::copilot::detail {

Statement make_statement(Section section, const std::string& text, Redactor& redactor,
                         std::vector<std::string> evidence = {},
                         std::vector<std::string> findings = {});

DraftVersion new_draft(const Case& c, DraftKind kind, Timestamp now);

// "The person…" -> "the person…" (leaves acronyms and placeholders alone).
std::string lower_first(std::string text);

Severity highest_severity(const Case& c, const SecurityDecision& decision);

}  // namespace ec::copilot::detail
