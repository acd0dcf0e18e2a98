// The rule for revealing a minimized value: only the case's assigned lead may reveal a
// placeholder's raw value, and only with a stated reason. Revealing is recorded in the audit
// trail (without the value). Pure function; thread-safe.
#pragma once

#include <string>

#include "plugin/core/case.h"
#include "plugin/core/result.h"

namespace ec {

// PermissionDenied when `actor` is not the lead; InvalidArgument when the reason is blank or the
// placeholder is not of the form <KIND_N>.
[[nodiscard]] Status check_reveal(const Case& c, const std::string& actor,
                                  const std::string& placeholder, const std::string& reason);

}  // namespace ec
