#include "plugin/copilot/text_util.h"

#include <algorithm>
#include <cctype>
#include <regex>

namespace ec::copilot {
namespace {

char lower(char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); }

bool is_space(char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; }

bool ends_sentence(std::string_view text, std::size_t i) {
  const char c = text[i];
  if (c == '\n') return true;
  if (c != '.' && c != '!' && c != '?') return false;
  return i + 1 >= text.size() || is_space(text[i + 1]);
}

}  // namespace

std::string to_lower_ascii(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(), lower);
  return out;
}

std::size_t ifind(std::string_view haystack, std::string_view needle, std::size_t from) {
  if (needle.empty()) return from <= haystack.size() ? from : std::string_view::npos;
  if (needle.size() > haystack.size()) return std::string_view::npos;
  for (std::size_t i = from; i + needle.size() <= haystack.size(); ++i) {
    std::size_t j = 0;
    while (j < needle.size() && lower(haystack[i + j]) == lower(needle[j])) ++j;
    if (j == needle.size()) return i;
  }
  return std::string_view::npos;
}

bool icontains(std::string_view haystack, std::string_view needle) {
  return ifind(haystack, needle) != std::string_view::npos;
}

bool iequals_ascii(std::string_view a, std::string_view b) {
  return a.size() == b.size() && ifind(a, b) == 0;
}

bool placeholder_at(std::string_view text, std::size_t pos, std::size_t* length) {
  if (pos >= text.size() || text[pos] != '<') return false;
  std::size_t i = pos + 1;
  const std::size_t kind_begin = i;
  while (i < text.size() && std::isupper(static_cast<unsigned char>(text[i])) != 0) ++i;
  if (i == kind_begin || i >= text.size() || text[i] != '_') return false;
  const std::size_t digits_begin = ++i;
  while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i])) != 0) ++i;
  if (i == digits_begin || i >= text.size() || text[i] != '>') return false;
  if (length != nullptr) *length = i + 1 - pos;
  return true;
}

std::vector<Span> sentence_spans(std::string_view text) {
  std::vector<Span> spans;
  std::size_t begin = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (!ends_sentence(text, i)) continue;
    if (i + 1 > begin) spans.push_back({begin, i + 1});
    begin = i + 1;
  }
  if (begin < text.size()) spans.push_back({begin, text.size()});
  // Drop leading whitespace from each span; drop empty ones.
  std::vector<Span> out;
  for (Span s : spans) {
    while (s.begin < s.end && is_space(text[s.begin])) ++s.begin;
    if (s.begin < s.end) out.push_back(s);
  }
  return out;
}

Span sentence_around(std::string_view text, std::size_t pos) {
  for (const Span& s : sentence_spans(text)) {
    if (pos >= s.begin && pos < s.end) return s;
  }
  return {pos, std::min(pos + 1, text.size())};
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  return text;
}

std::string truncate_words(std::string_view text, std::size_t max_bytes) {
  text = trim(text);
  if (text.size() <= max_bytes) return std::string(text);
  std::size_t cut = text.rfind(' ', max_bytes);
  if (cut == std::string_view::npos || cut == 0) cut = max_bytes;
  // Never cut inside a placeholder: back off to its start.
  const std::size_t open = text.rfind('<', cut);
  if (open != std::string_view::npos) {
    std::size_t len = 0;
    if (placeholder_at(text, open, &len) && open + len > cut) cut = open;
  }
  // Never cut inside a UTF-8 sequence.
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0U) == 0x80U) --cut;
  return std::string(trim(text.substr(0, cut))) + "\xE2\x80\xA6";
}

namespace {

const std::regex& deadline_regex() {
  // Every quantifier is bounded: libstdc++ regexes recurse per repetition.
  static const std::regex kDeadline(
      R"(\b(by|before|until|no later than)\s{1,3}(the\s{1,3})?(monday|tuesday|wednesday|thursday|)"
      R"(friday|saturday|sunday|tomorrow|tonight|today|eod|eow|cob|noon|midnight|next\s{1,3}week|)"
      R"(end\s{1,3}of\s{1,3}(the\s{1,3})?(day|week|month|business\s{1,3}day)|)"
      R"(\d{4}-\d{2}-\d{2}(T[0-9:.]{1,12}Z)?|)"
      R"(\d{1,2}(st|nd|rd|th)?\s{1,3}(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]{0,6}|)"
      R"((jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]{0,6}\s{1,3}\d{1,2}|)"
      R"(\d{1,2}(:\d{2})?\s{0,3}(am|pm))\b|)"
      R"(\b(within|in\s{1,3}the\s{1,3}next)\s{1,3}(\d{1,4}|one|two|three|a\s{1,3}few|)"
      R"(a\s{1,3}couple\s{1,3}of|twenty-four|forty-eight)\s{1,3}(business\s{1,3}|working\s{1,3})?)"
      R"((hours?|days?|weeks?)\b)",
      std::regex::ECMAScript | std::regex::icase | std::regex::optimize);
  return kDeadline;
}

}  // namespace

std::vector<Span> find_deadline_phrases(std::string_view text) {
  std::vector<Span> spans;
  using Iter = std::regex_iterator<std::string_view::const_iterator>;
  for (Iter it(text.begin(), text.end(), deadline_regex()); it != Iter(); ++it) {
    const auto begin = static_cast<std::size_t>(it->position(0));
    spans.push_back({begin, begin + static_cast<std::size_t>(it->length(0))});
  }
  return spans;
}

std::optional<Span> find_deadline_phrase(std::string_view text) {
  auto spans = find_deadline_phrases(text);
  if (spans.empty()) return std::nullopt;
  return spans.front();
}

std::string join_list(const std::vector<std::string>& items) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += (i + 1 == items.size()) ? " and " : ", ";
    out += items[i];
  }
  return out;
}

}  // namespace ec::copilot
