// Word-level diff between two texts (draft versions): the one place the reviewer timeline (and
// anything else) computes what changed from one version to the next. A word is a maximal run of
// non-whitespace; each word keeps the whitespace that followed it, so concatenating the spans
// of one side reproduces that side's text exactly (line breaks included). Words compare
// exactly (case and punctuation count). The diff is a longest common subsequence of words;
// equal, inserted and deleted runs are merged into spans. Pure functions; thread-safe.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace ec {

// The words of `text` (whitespace-separated), without the whitespace.
std::vector<std::string> split_words(std::string_view text);

enum class DiffOp { Equal, Insert, Delete };
std::string_view diff_op_name(DiffOp op);  // "equal", "insert", "delete"

struct DiffSpan {
  DiffOp op = DiffOp::Equal;
  std::string text;  // the words of the run with their trailing whitespace
  std::size_t words = 0;
};

struct WordDiff {
  std::vector<DiffSpan> spans;   // in reading order; a deletion comes before the insertion
  std::size_t inserted = 0;      // words
  std::size_t deleted = 0;       // words
  [[nodiscard]] bool unchanged() const { return inserted == 0 && deleted == 0; }
};

// Longer inputs than this many words on both sides (product) are diffed as one deletion and
// one insertion instead of quadratic work; drafts are far below it.
inline constexpr std::size_t kWordDiffMaxCells = 16'000'000;

WordDiff word_diff(std::string_view before, std::string_view after);

// {"inserted": n, "deleted": n, "spans": [{"op": "insert", "text": "..."}, ...]}
nlohmann::json word_diff_to_json(const WordDiff& diff);

}  // namespace ec
