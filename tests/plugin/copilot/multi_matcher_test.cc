// MultiMatcher: every occurrence of every pattern, ignoring ASCII case, checked against a naive
// scan on random texts.
#include "plugin/copilot/multi_matcher.h"

#include <algorithm>
#include <random>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

namespace ec::copilot {
namespace {

using Hits = std::set<std::pair<std::size_t, std::size_t>>;

Hits naive(const std::vector<std::string>& patterns, std::string_view text) {
  const auto lower = [](std::string s) {
    for (char& c : s) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    return s;
  };
  const std::string t = lower(std::string(text));
  Hits hits;
  for (std::size_t id = 0; id < patterns.size(); ++id) {
    const std::string p = lower(patterns[id]);
    if (p.empty()) continue;
    for (std::size_t pos = t.find(p); pos != std::string::npos; pos = t.find(p, pos + 1)) {
      hits.emplace(pos, id);
    }
  }
  return hits;
}

Hits matched(const std::vector<std::string>& patterns, std::string_view text) {
  std::vector<std::string_view> views(patterns.begin(), patterns.end());
  const MultiMatcher matcher(views);
  Hits hits;
  matcher.for_each_match(text, [&](std::size_t pos, std::size_t id) { hits.emplace(pos, id); });
  return hits;
}

TEST(MultiMatcher, FindsOverlappingAndNestedPatternsIgnoringCase) {
  const std::vector<std::string> patterns{"he", "she", "his", "hers", "", "Dario",
                                          "dario.mq@contractors.example"};
  const std::string text = "ushers; DARIO.MQ@Contractors.example said his: Dario";
  EXPECT_EQ(matched(patterns, text), naive(patterns, text));
  EXPECT_TRUE(matched(patterns, text).contains({8, 6}));
  EXPECT_TRUE(matched(patterns, text).contains({8, 5}));
}

TEST(MultiMatcher, AgreesWithANaiveScanOnRandomTexts) {
  std::mt19937 rng(42);
  const auto random_string = [&](std::size_t n) {
    std::string s;
    for (std::size_t i = 0; i < n; ++i) s.push_back("abAB.-1"[rng() % 7]);
    return s;
  };
  for (int round = 0; round < 200; ++round) {
    std::vector<std::string> patterns;
    for (int i = 0; i < 8; ++i) patterns.push_back(random_string(1 + rng() % 5));
    const std::string text = random_string(200);
    ASSERT_EQ(matched(patterns, text), naive(patterns, text)) << "round " << round;
  }
}

}  // namespace
}  // namespace ec::copilot
