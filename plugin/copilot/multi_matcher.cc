#include "plugin/copilot/multi_matcher.h"

#include <algorithm>
#include <deque>

namespace ec::copilot {
namespace {

unsigned char fold(char c) {
  const auto u = static_cast<unsigned char>(c);
  return u >= 'A' && u <= 'Z' ? static_cast<unsigned char>(u - 'A' + 'a') : u;
}

}  // namespace

std::int32_t MultiMatcher::child(std::int32_t node, unsigned char c) const {
  const auto& next = nodes_[static_cast<std::size_t>(node)].next;
  const auto it = std::lower_bound(next.begin(), next.end(), c,
                                   [](const auto& edge, unsigned char b) { return edge.first < b; });
  return it != next.end() && it->first == c ? it->second : -1;
}

MultiMatcher::MultiMatcher(const std::vector<std::string_view>& patterns) {
  nodes_.emplace_back();
  lengths_.reserve(patterns.size());
  for (std::size_t id = 0; id < patterns.size(); ++id) {
    const std::string_view pattern = patterns[id];
    lengths_.push_back(pattern.size());
    if (pattern.empty()) continue;
    std::int32_t node = 0;
    for (const char ch : pattern) {
      const unsigned char c = fold(ch);
      std::int32_t next = child(node, c);
      if (next < 0) {
        next = static_cast<std::int32_t>(nodes_.size());
        auto& edges = nodes_[static_cast<std::size_t>(node)].next;
        edges.insert(std::lower_bound(edges.begin(), edges.end(), std::make_pair(c, next)),
                     std::make_pair(c, next));
        nodes_.emplace_back();
      }
      node = next;
    }
    nodes_[static_cast<std::size_t>(node)].ends.push_back(id);
  }
  // Breadth first: a node's fail link is the longest proper suffix of its path that is in the
  // trie; output links skip fail-chain nodes where no pattern ends.
  std::deque<std::int32_t> queue;
  for (const auto& [c, next] : nodes_[0].next) queue.push_back(next);
  for (const auto& [c, next] : nodes_[0].next) {
    (void)c;
    nodes_[static_cast<std::size_t>(next)].output = nodes_[static_cast<std::size_t>(next)].ends.empty() ? -1 : next;
  }
  while (!queue.empty()) {
    const std::int32_t node = queue.front();
    queue.pop_front();
    for (const auto& [c, next] : nodes_[static_cast<std::size_t>(node)].next) {
      std::int32_t f = nodes_[static_cast<std::size_t>(node)].fail;
      std::int32_t target = child(f, c);
      while (target < 0 && f != 0) {
        f = nodes_[static_cast<std::size_t>(f)].fail;
        target = child(f, c);
      }
      Node& n = nodes_[static_cast<std::size_t>(next)];
      n.fail = target < 0 || target == next ? 0 : target;
      n.output = !n.ends.empty() ? next : nodes_[static_cast<std::size_t>(n.fail)].output;
      queue.push_back(next);
    }
  }
}

void MultiMatcher::for_each_match(
    std::string_view text, const std::function<void(std::size_t, std::size_t)>& visit) const {
  std::int32_t state = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const unsigned char c = fold(text[i]);
    std::int32_t next = child(state, c);
    while (next < 0 && state != 0) {
      state = nodes_[static_cast<std::size_t>(state)].fail;
      next = child(state, c);
    }
    state = next < 0 ? 0 : next;
    for (std::int32_t out = nodes_[static_cast<std::size_t>(state)].output; out >= 0;
         out = nodes_[static_cast<std::size_t>(nodes_[static_cast<std::size_t>(out)].fail)].output) {
      for (const std::size_t id : nodes_[static_cast<std::size_t>(out)].ends) {
        visit(i + 1 - lengths_[id], id);
      }
      if (out == 0) break;
    }
  }
}

}  // namespace ec::copilot
