// Plain text to Atlassian Document Format (the rich-text JSON of Jira Cloud REST v3), for the Jira
// channel. Blank lines separate blocks; a block whose lines all start with "- " or "* " becomes a
// bullet list; a line starting with "# ", "## " or "### " becomes a heading; anything else a
// paragraph (its line breaks kept as hardBreak nodes). Text is never interpreted as markup
// beyond that, so placeholders like <EMAIL_1> survive verbatim. Pure; thread-safe.
#pragma once

#include <string_view>

#include <nlohmann/json.hpp>

namespace ec::delivery {

// {"type":"doc","version":1,"content":[...]}; an empty text gives one empty paragraph (Jira
// rejects a doc without content).
nlohmann::json adf_document(std::string_view text);

}  // namespace ec::delivery
