// Splits a Markdown article into sections at ATX headings ("#", "##", ...; lines inside ```
// fences are never headings). The text before the first heading, if any, is a section with an
// empty heading. Pure function; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace ec::adapters::markdown_kb {

struct MarkdownSection {
  std::string heading;  // heading text without the '#' marks (a closing run only after a
                       // space, as CommonMark: "## C#" is "C#"); "" for a preamble
  int level = 0;        // 1 for "#", 2 for "##", ...; 0 for a preamble
  std::string text;     // the section's body lines, joined with '\n'
};

std::vector<MarkdownSection> split_markdown(std::string_view markdown);

}  // namespace ec::adapters::markdown_kb
