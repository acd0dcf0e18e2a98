// application/x-www-form-urlencoded decoding for inbound platform requests (Slack commands and
// interactivity, Mattermost commands). Decodes after the signature was checked over the raw
// bytes, never before. Pure; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "plugin/core/result.h"

namespace ec::platforms {

using FormFields = std::vector<std::pair<std::string, std::string>>;

// Splits on '&', decodes '+' as space and %XX escapes. InvalidArgument for a bad escape.
[[nodiscard]] Result<FormFields> parse_form(std::string_view body);

// The first value of `name`, or nullopt.
std::optional<std::string> form_value(const FormFields& fields, std::string_view name);

// True when the content type is form encoding ("application/x-www-form-urlencoded", any params).
bool is_form_content_type(std::string_view content_type);

}  // namespace ec::platforms
