// HTML text escaping for the pages the service renders itself (the Zendesk sidebar, the HTML
// timeline). Escapes the five characters that matter in text and quoted attribute values.
// Pure; thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace ec::platforms {

// "&", "<", ">", '"' and "'" as entities; everything else unchanged.
std::string html_escape(std::string_view text);

}  // namespace ec::platforms
