#include "plugin/delivery/adf.h"

#include <string>
#include <vector>

namespace ec::delivery {
namespace {

using nlohmann::json;

std::vector<std::string_view> split_lines(std::string_view text) {
  std::vector<std::string_view> lines;
  while (!text.empty()) {
    const auto end = text.find('\n');
    std::string_view line = text.substr(0, end);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    lines.push_back(line);
    if (end == std::string_view::npos) break;
    text.remove_prefix(end + 1);
  }
  return lines;
}

bool is_blank(std::string_view line) {
  return line.find_first_not_of(" \t") == std::string_view::npos;
}

bool is_bullet(std::string_view line) {
  return line.starts_with("- ") || line.starts_with("* ");
}

int heading_level(std::string_view line) {
  for (int level = 3; level >= 1; --level) {
    if (line.starts_with(std::string(static_cast<std::size_t>(level), '#') + " ")) return level;
  }
  return 0;
}

json text_node(std::string_view text) { return {{"type", "text"}, {"text", std::string(text)}}; }

json paragraph(const std::vector<std::string_view>& lines) {
  json content = json::array();
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (i > 0) content.push_back({{"type", "hardBreak"}});
    if (!lines[i].empty()) content.push_back(text_node(lines[i]));
  }
  return {{"type", "paragraph"}, {"content", content}};
}

json bullet_list(const std::vector<std::string_view>& lines) {
  json items = json::array();
  for (const auto line : lines) {
    items.push_back({{"type", "listItem"},
                     {"content", json::array({paragraph({line.substr(2)})})}});
  }
  return {{"type", "bulletList"}, {"content", items}};
}

void flush(std::vector<std::string_view>& block, json& content) {
  if (block.empty()) return;
  bool all_bullets = true;
  for (const auto line : block) all_bullets = all_bullets && is_bullet(line);
  content.push_back(all_bullets ? bullet_list(block) : paragraph(block));
  block.clear();
}

}  // namespace

json adf_document(std::string_view text) {
  json content = json::array();
  std::vector<std::string_view> block;
  for (const auto line : split_lines(text)) {
    if (is_blank(line)) {
      flush(block, content);
    } else if (const int level = heading_level(line); level > 0) {
      flush(block, content);
      content.push_back({{"type", "heading"},
                         {"attrs", {{"level", level}}},
                         {"content", json::array({text_node(line.substr(level + 1))})}});
    } else {
      block.push_back(line);
    }
  }
  flush(block, content);
  if (content.empty()) content.push_back({{"type", "paragraph"}, {"content", json::array()}});
  return {{"type", "doc"}, {"version", 1}, {"content", content}};
}

}  // namespace ec::delivery
