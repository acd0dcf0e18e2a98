#include "adapters/markdown_kb/markdown_sections.h"

namespace ec::adapters::markdown_kb {
namespace {

// The heading level of an ATX heading line ("## Title" -> 2), or 0.
int heading_level(std::string_view line) {
  int level = 0;
  while (static_cast<std::size_t>(level) < line.size() &&
         line[static_cast<std::size_t>(level)] == '#') {
    ++level;
  }
  if (level == 0 || level > 6) return 0;
  const auto after = static_cast<std::size_t>(level);
  return (after == line.size() || line[after] == ' ') ? level : 0;
}

std::string_view trim(std::string_view text) {
  const auto begin = text.find_first_not_of(" \t");
  if (begin == std::string_view::npos) return {};
  const auto end = text.find_last_not_of(" \t");
  return text.substr(begin, end - begin + 1);
}

// The text of an ATX heading line of `level`, as CommonMark reads it: without the opening marks,
// the surrounding spaces, and a closing run of '#' that is all the text or follows a space or
// tab ("## C#" is "C#", "## Title ##" is "Title").
std::string heading_text(std::string_view line, int level) {
  std::string_view text = trim(line.substr(static_cast<std::size_t>(level)));
  const auto last = text.find_last_not_of('#');
  if (last == std::string_view::npos) return {};
  if (last + 1 < text.size() && (text[last] == ' ' || text[last] == '\t')) {
    text = trim(text.substr(0, last + 1));
  }
  return std::string(text);
}

}  // namespace

std::vector<MarkdownSection> split_markdown(std::string_view markdown) {
  std::vector<MarkdownSection> sections;
  bool in_fence = false;
  while (!markdown.empty()) {
    const std::size_t newline = markdown.find('\n');
    std::string_view line = markdown.substr(0, newline);
    markdown.remove_prefix(newline == std::string_view::npos ? markdown.size() : newline + 1);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.starts_with("```")) in_fence = !in_fence;
    const int level = in_fence ? 0 : heading_level(line);
    if (level > 0) {
      sections.push_back({heading_text(line, level), level, {}});
      continue;
    }
    if (sections.empty()) {
      if (line.find_first_not_of(" \t") == std::string_view::npos) continue;
      sections.push_back({"", 0, {}});
    }
    std::string& text = sections.back().text;
    if (!text.empty()) text.push_back('\n');
    text.append(line);
  }
  for (auto& s : sections) {
    while (!s.text.empty() && (s.text.back() == '\n' || s.text.back() == ' ')) s.text.pop_back();
    while (!s.text.empty() && s.text.front() == '\n') s.text.erase(0, 1);
  }
  return sections;
}

}  // namespace ec::adapters::markdown_kb
