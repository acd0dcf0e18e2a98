// MultiMatcher: finds every occurrence of a fixed set of patterns in a text in one pass, in time
// linear in the text plus the matches (Aho-Corasick), ignoring ASCII case. Built once per
// pattern set (the Redactor rebuilds it only when its vault changes), instead of comparing every
// pattern at every position. Immutable after construction; thread-safe to share.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ec::copilot {

class MultiMatcher {
 public:
  // Pattern ids are indexes into `patterns`; empty patterns never match.
  explicit MultiMatcher(const std::vector<std::string_view>& patterns);

  // Calls visit(begin, pattern_id) for every occurrence, ASCII case-insensitively, where
  // `begin` is the byte offset at which it starts. Occurrences are visited in order of their
  // end offset; several ending at the same offset come longest first.
  void for_each_match(std::string_view text,
                      const std::function<void(std::size_t, std::size_t)>& visit) const;

  std::size_t pattern_length(std::size_t id) const { return lengths_[id]; }

 private:
  struct Node {
    std::vector<std::pair<unsigned char, std::int32_t>> next;  // sorted by byte
    std::int32_t fail = 0;
    std::int32_t output = -1;  // nearest node on the fail chain (or itself) that ends patterns
    std::vector<std::size_t> ends;  // patterns ending exactly here
  };
  std::int32_t child(std::int32_t node, unsigned char c) const;

  std::vector<Node> nodes_;
  std::vector<std::size_t> lengths_;
};

}  // namespace ec::copilot
