#include "plugin/platforms/common/text_fit.h"

namespace ec::platforms {
namespace {

bool is_continuation(unsigned char c) { return (c & 0xC0) == 0x80; }

}  // namespace

std::size_t char_count(std::string_view text) {
  std::size_t n = 0;
  for (const char c : text) {
    if (!is_continuation(static_cast<unsigned char>(c))) ++n;
  }
  return n;
}

std::string fit_text(std::string_view text, std::size_t max, std::string_view suffix) {
  if (char_count(text) <= max) return std::string(text);
  const std::size_t keep = max > char_count(suffix) ? max - char_count(suffix) : 0;
  std::size_t chars = 0;
  std::size_t i = 0;
  for (; i < text.size(); ++i) {
    if (!is_continuation(static_cast<unsigned char>(text[i]))) {
      if (chars == keep) break;
      ++chars;
    }
  }
  return std::string(text.substr(0, i)) + std::string(suffix);
}

}  // namespace ec::platforms
