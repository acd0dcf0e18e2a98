// Detection of sensitive values in free text (emails, IPv4 addresses, attachment file names,
// invoice numbers, account ids, tokens and secrets, URLs that carry signatures or tokens).
// Used by the Redactor to find values to replace and by the tone linter to flag raw values.
// Patterns are compiled once; all functions are pure and thread-safe.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "plugin/core/result.h"

namespace ec::copilot {

enum class SensitiveKind { Email, Ip, Attachment, Invoice, Account, Token, Url, Person };

// "EMAIL", "IP", "ATTACHMENT", "INVOICE", "ACCOUNT", "TOKEN", "URL", "PERSON": the vault kinds.
std::string_view sensitive_kind_name(SensitiveKind kind);
// InvalidArgument for an unknown name.
[[nodiscard]] Result<SensitiveKind> parse_sensitive_kind(std::string_view name);

struct SensitiveMatch {
  SensitiveKind kind = SensitiveKind::Token;
  std::size_t begin = 0;  // byte span [begin, end) in the scanned text
  std::size_t end = 0;
};

// Non-overlapping matches, ordered by position. Placeholders ("<EMAIL_1>") are never matched.
// Names of people are not detected here (the Redactor learns them by registration).
std::vector<SensitiveMatch> find_sensitive_values(std::string_view text);

}  // namespace ec::copilot
