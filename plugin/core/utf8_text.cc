#include "plugin/core/utf8_text.h"

namespace ec {

std::string_view utf8_prefix(std::string_view text, std::size_t max_bytes) {
  if (text.size() <= max_bytes) return text;
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
  // text[max_bytes] is the first byte left out. When it continues a character, step back to
  // that character's lead byte (no UTF-8 sequence is longer than 4 bytes) and leave it out too.
  std::size_t cut = max_bytes;
  for (int steps = 0; steps < 3 && cut > 0 && (byte(cut) & 0xC0) == 0x80; ++steps) --cut;
  const bool splits_a_character = cut < max_bytes && (byte(cut) & 0xC0) == 0xC0;
  return text.substr(0, splits_a_character ? cut : max_bytes);
}

}  // namespace ec
