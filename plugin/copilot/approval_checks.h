// What the copilot contributes to the approval decision: the number of blocking problems the
// tone and responsibility linter finds in a customer-facing draft (handoffs are internal and
// not linted). Core's decide_approval() refuses a version with any. Thread-safe (pure).
#pragma once

#include "plugin/core/case.h"
#include "plugin/core/draft.h"

namespace ec::copilot {

int blocking_issues(const DraftVersion& version, const Case& c);

}  // namespace ec::copilot
