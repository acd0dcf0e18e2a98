// Cutting UTF-8 text to a number of bytes without splitting a character, for fields limited in
// bytes (error excerpts sent to logs and the store, search excerpts). Limits counted in
// characters (chat platforms) are platforms::fit_text's job. Pure; thread-safe.
#pragma once

#include <cstddef>
#include <string_view>

namespace ec {

// The longest prefix of `text` of at most `max_bytes` bytes that does not end inside a UTF-8
// sequence: a character the cut would split is left out whole. Bytes that are not UTF-8 count as
// characters of their own.
std::string_view utf8_prefix(std::string_view text, std::size_t max_bytes);

}  // namespace ec
