// Code-point counting and cutting of UTF-8 text, for the length limits every chat platform puts
// on its fields (Slack Block Kit, Mattermost attachments and dialogs). Counts Unicode code
// points, which is what both platforms count. Pure; thread-safe.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace ec::platforms {

// Number of Unicode code points in UTF-8 text.
std::size_t char_count(std::string_view text);

// `text` when it has at most `max` code points; otherwise a prefix cut on a code point boundary
// followed by `suffix`, the whole at most `max` code points.
std::string fit_text(std::string_view text, std::size_t max, std::string_view suffix = "…");

}  // namespace ec::platforms
