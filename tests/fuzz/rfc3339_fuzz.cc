// Fuzz target: RFC 3339 timestamps, which every evidence source, the store and the platforms'
// payloads carry. Properties: nothing throws or crashes; a timestamp that parses formats to text
// that parses back to the same instant.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "plugin/core/time.h"
#include "tests/fuzz/fuzz_check.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  if (auto t = ec::parse_rfc3339(text)) {
    const auto back = ec::parse_rfc3339(ec::format_rfc3339(*t));
    FUZZ_CHECK(back && *back == *t);
  }
  return 0;
}
