// The minimization vault's records: a sensitive raw value, the stable per-case placeholder that
// stands for it ("<EMAIL_1>"), and whether the lead revealed it (with a reason). Plain values.
#pragma once

#include <optional>
#include <string>

#include "plugin/core/time.h"

namespace ec {

struct VaultEntry {
  std::string case_id;
  std::string placeholder;    // "<EMAIL_1>"
  std::string kind;           // "EMAIL", "IP", "ATTACHMENT", "INVOICE", "ACCOUNT", "TOKEN", "URL", "PERSON"
  std::string raw_value;      // never logged, never put in a prompt
  bool revealed = false;
  std::string revealed_by;
  std::string reveal_reason;
  std::optional<Timestamp> revealed_at;
};

}  // namespace ec
