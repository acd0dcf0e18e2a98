// Small text helpers for parsers: ASCII case folding, percent-decoding and whole-string
// integer parsing without exceptions. Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace ec::adapters::common {

std::string to_lower(std::string_view text);
bool iequals(std::string_view a, std::string_view b);

// Decodes %XX escapes; a malformed escape is kept as written. '+' stays '+' (S3 keys, paths).
std::string url_decode(std::string_view text);


// The whole of `text` as a base-10 integer, or nullopt.
std::optional<std::int64_t> parse_int(std::string_view text);

}  // namespace ec::adapters::common
