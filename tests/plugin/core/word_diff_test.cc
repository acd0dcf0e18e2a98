#include "plugin/core/word_diff.h"

#include <gtest/gtest.h>

namespace ec {
namespace {

// The text of one side of the diff: equal spans plus that side's changes.
std::string side(const WordDiff& d, DiffOp changed) {
  std::string out;
  for (const DiffSpan& s : d.spans) {
    if (s.op == DiffOp::Equal || s.op == changed) out += s.text;
  }
  return out;
}

TEST(WordDiff, IdenticalTextsAreOneEqualSpan) {
  const WordDiff d = word_diff("We are reviewing it.\nNext: support.", "We are reviewing it.\nNext: support.");
  EXPECT_TRUE(d.unchanged());
  ASSERT_EQ(d.spans.size(), 1u);
  EXPECT_EQ(d.spans[0].op, DiffOp::Equal);
  EXPECT_EQ(d.spans[0].words, 6u);
}

TEST(WordDiff, AReplacedWordIsADeletionThenAnInsertion) {
  const WordDiff d = word_diff("No data was accessed today.", "No data was confirmed accessed today.");
  EXPECT_EQ(d.inserted, 1u);
  EXPECT_EQ(d.deleted, 0u);
  ASSERT_EQ(d.spans.size(), 3u);
  EXPECT_EQ(d.spans[1].op, DiffOp::Insert);
  EXPECT_EQ(d.spans[1].text, "confirmed ");

  const WordDiff r = word_diff("the link was used", "the link may have been used");
  EXPECT_EQ(r.deleted, 1u);
  EXPECT_EQ(r.inserted, 3u);
  ASSERT_EQ(r.spans.size(), 4u);
  EXPECT_EQ(r.spans[0].text, "the link ");
  EXPECT_EQ(r.spans[1].op, DiffOp::Delete);
  EXPECT_EQ(r.spans[1].text, "was ");
  EXPECT_EQ(r.spans[2].op, DiffOp::Insert);
  EXPECT_EQ(r.spans[2].text, "may have been ");
  EXPECT_EQ(r.spans[3].text, "used");
}

TEST(WordDiff, EachSideIsReproducedExactlyIncludingLineBreaks) {
  const std::string before = "## What we have confirmed\n- A token was used at 10:02.\n- Owner: support.\n";
  const std::string after = "## What we have confirmed\n- A session token was used at 10:02 UTC.\n\n- Owner: security.\n";
  const WordDiff d = word_diff(before, after);
  EXPECT_EQ(side(d, DiffOp::Insert), after);
  // The old side keeps the words (whitespace of equal words follows the new text).
  EXPECT_EQ(split_words(side(d, DiffOp::Delete)), split_words(before));
  EXPECT_EQ(d.deleted, 2u);   // "10:02.", "support."
  EXPECT_EQ(d.inserted, 4u);  // "session", "10:02", "UTC.", "security."
}

TEST(WordDiff, EmptySidesAndWhitespaceOnlyChanges) {
  const WordDiff added = word_diff("", "one two");
  EXPECT_EQ(added.inserted, 2u);
  ASSERT_EQ(added.spans.size(), 1u);
  EXPECT_EQ(added.spans[0].op, DiffOp::Insert);
  const WordDiff removed = word_diff("one two", "");
  EXPECT_EQ(removed.deleted, 2u);
  EXPECT_TRUE(word_diff("", "").spans.empty());
  // Reflowing text changes no word.
  EXPECT_TRUE(word_diff("a  b\nc", "a b c").unchanged());
}

TEST(WordDiff, CaseAndPunctuationAreChanges) {
  EXPECT_FALSE(word_diff("Confirmed.", "confirmed.").unchanged());
  EXPECT_FALSE(word_diff("accessed", "accessed.").unchanged());
}

TEST(WordDiff, SplitWordsIgnoresWhitespaceRuns) {
  EXPECT_EQ(split_words("  a\tb \n\nc  "), (std::vector<std::string>{"a", "b", "c"}));
}

TEST(WordDiff, JsonNamesTheOpsAndCounts) {
  const nlohmann::json j = word_diff_to_json(word_diff("a b", "a c"));
  EXPECT_EQ(j["inserted"], 1);
  EXPECT_EQ(j["deleted"], 1);
  ASSERT_EQ(j["spans"].size(), 3u);
  EXPECT_EQ(j["spans"][1]["op"], "delete");
  EXPECT_EQ(j["spans"][1]["text"], "b");
  EXPECT_EQ(j["spans"][2]["op"], "insert");
  EXPECT_EQ(j["spans"][2]["text"], "c");
}

}  // namespace
}  // namespace ec
