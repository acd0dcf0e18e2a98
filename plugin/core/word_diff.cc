#include "plugin/core/word_diff.h"

#include <algorithm>
#include <cctype>
#include <cstdint>

namespace ec {
namespace {

bool is_space(char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; }

struct Token {
  std::string_view word;
  std::string_view with_space;  // the word and the whitespace after it
};

// Leading whitespace (before the first word) is attached to a token with an empty word, so it
// is not lost; it compares equal to the other side's leading whitespace token.
std::vector<Token> tokens_of(std::string_view text) {
  std::vector<Token> out;
  std::size_t i = 0;
  while (i < text.size() && is_space(text[i])) ++i;
  if (i > 0) out.push_back({text.substr(0, 0), text.substr(0, i)});
  while (i < text.size()) {
    const std::size_t start = i;
    while (i < text.size() && !is_space(text[i])) ++i;
    const std::size_t word_end = i;
    while (i < text.size() && is_space(text[i])) ++i;
    out.push_back({text.substr(start, word_end - start), text.substr(start, i - start)});
  }
  return out;
}

void append(WordDiff& diff, DiffOp op, const Token& token) {
  const std::size_t counted = token.word.empty() ? 0 : 1;
  if (op == DiffOp::Insert) diff.inserted += counted;
  if (op == DiffOp::Delete) diff.deleted += counted;
  if (!diff.spans.empty() && diff.spans.back().op == op) {
    diff.spans.back().text += token.with_space;
    diff.spans.back().words += counted;
    return;
  }
  diff.spans.push_back({op, std::string(token.with_space), counted});
}

}  // namespace

std::vector<std::string> split_words(std::string_view text) {
  std::vector<std::string> out;
  for (const Token& t : tokens_of(text)) {
    if (!t.word.empty()) out.emplace_back(t.word);
  }
  return out;
}

std::string_view diff_op_name(DiffOp op) {
  switch (op) {
    case DiffOp::Equal: return "equal";
    case DiffOp::Insert: return "insert";
    case DiffOp::Delete: return "delete";
  }
  return "equal";
}

WordDiff word_diff(std::string_view before, std::string_view after) {
  const std::vector<Token> a = tokens_of(before);
  const std::vector<Token> b = tokens_of(after);
  WordDiff diff;
  // Common prefix and suffix need no table.
  std::size_t prefix = 0;
  while (prefix < a.size() && prefix < b.size() && a[prefix].word == b[prefix].word) ++prefix;
  std::size_t suffix = 0;
  while (suffix < a.size() - prefix && suffix < b.size() - prefix &&
         a[a.size() - 1 - suffix].word == b[b.size() - 1 - suffix].word) {
    ++suffix;
  }
  // Equal words take the new text's whitespace: the diff reads as the new version.
  for (std::size_t i = 0; i < prefix; ++i) append(diff, DiffOp::Equal, b[i]);
  const std::size_t n = a.size() - prefix - suffix;
  const std::size_t m = b.size() - prefix - suffix;
  if (n > 0 && m > 0 && n * m <= kWordDiffMaxCells) {
    // lcs[i][j]: length of the LCS of a[prefix+i..] and b[prefix+j..].
    std::vector<std::uint32_t> lcs((n + 1) * (m + 1), 0);
    const auto at = [&](std::size_t i, std::size_t j) -> std::uint32_t& {
      return lcs[i * (m + 1) + j];
    };
    for (std::size_t i = n; i-- > 0;) {
      for (std::size_t j = m; j-- > 0;) {
        at(i, j) = a[prefix + i].word == b[prefix + j].word
                       ? at(i + 1, j + 1) + 1
                       : std::max(at(i + 1, j), at(i, j + 1));
      }
    }
    std::size_t i = 0;
    std::size_t j = 0;
    while (i < n || j < m) {
      if (i < n && j < m && a[prefix + i].word == b[prefix + j].word) {
        append(diff, DiffOp::Equal, b[prefix + j]);
        ++i;
        ++j;
      } else if (i < n && (j == m || at(i + 1, j) >= at(i, j + 1))) {
        append(diff, DiffOp::Delete, a[prefix + i++]);
      } else {
        append(diff, DiffOp::Insert, b[prefix + j++]);
      }
    }
  } else {
    for (std::size_t i = 0; i < n; ++i) append(diff, DiffOp::Delete, a[prefix + i]);
    for (std::size_t j = 0; j < m; ++j) append(diff, DiffOp::Insert, b[prefix + j]);
  }
  for (std::size_t k = b.size() - suffix; k < b.size(); ++k) append(diff, DiffOp::Equal, b[k]);
  return diff;
}

nlohmann::json word_diff_to_json(const WordDiff& diff) {
  nlohmann::json spans = nlohmann::json::array();
  for (const DiffSpan& s : diff.spans) {
    spans.push_back({{"op", diff_op_name(s.op)}, {"text", s.text}});
  }
  return {{"inserted", diff.inserted}, {"deleted", diff.deleted}, {"spans", spans}};
}

}  // namespace ec
