#include "plugin/platforms/zendesk/random_token.h"

#include <openssl/rand.h>

#include <vector>

namespace ec::platforms::zendesk {

Result<std::string> random_token_hex(std::size_t bytes) {
  std::vector<unsigned char> raw(bytes);
  if (RAND_bytes(raw.data(), static_cast<int>(raw.size())) != 1) {
    return make_error(ErrorCode::Internal, "the random number generator failed");
  }
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(bytes * 2);
  for (const unsigned char b : raw) {
    out.push_back(kHex[b >> 4]);
    out.push_back(kHex[b & 0xF]);
  }
  return out;
}

}  // namespace ec::platforms::zendesk
