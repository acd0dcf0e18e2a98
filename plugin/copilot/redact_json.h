// Minimizes a JSON document: every string value passes through the case's Redactor, so stored
// analysis snapshots and trace outputs carry placeholders, never raw sensitive values.
// Not thread-safe (the Redactor may learn new values).
#pragma once

#include <nlohmann/json.hpp>

#include "plugin/copilot/redactor.h"

namespace ec::copilot {

nlohmann::json redact_json(const nlohmann::json& value, Redactor& redactor);

}  // namespace ec::copilot
