// Small text helpers shared by the copilot's summarizer, findings builder, drafter and linter:
// ASCII case folding, case-insensitive search, sentence bounds and safe truncation.
// Pure functions over byte strings (UTF-8 passes through untouched); thread-safe.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ec::copilot {

std::string to_lower_ascii(std::string_view text);

// Byte offset of the first case-insensitive (ASCII) occurrence of `needle` at or after `from`,
// or npos.
std::size_t ifind(std::string_view haystack, std::string_view needle, std::size_t from = 0);
bool icontains(std::string_view haystack, std::string_view needle);
bool iequals_ascii(std::string_view a, std::string_view b);

// True when `pos` is the start of a placeholder such as "<EMAIL_1>"; `length` receives its size.
bool placeholder_at(std::string_view text, std::size_t pos, std::size_t* length);

// A sentence: [begin, end) byte span. Sentences end at '.', '!' or '?' followed by whitespace or
// the end of the text, and at line breaks.
struct Span {
  std::size_t begin = 0;
  std::size_t end = 0;
};
std::vector<Span> sentence_spans(std::string_view text);
// The sentence containing byte `pos`.
Span sentence_around(std::string_view text, std::size_t pos);

std::string_view trim(std::string_view text);

// Shortens `text` to at most `max_bytes` at a space, never inside a placeholder, adding "…".
std::string truncate_words(std::string_view text, std::size_t max_bytes);

// The first deadline phrase ("by Friday", "by 2025-03-14", "within 24 hours", "by end of day"),
// case-insensitive; nullopt when there is none.
std::optional<Span> find_deadline_phrase(std::string_view text);
// Every deadline phrase, in order.
std::vector<Span> find_deadline_phrases(std::string_view text);

// "a, b and c".
std::string join_list(const std::vector<std::string>& items);

}  // namespace ec::copilot
