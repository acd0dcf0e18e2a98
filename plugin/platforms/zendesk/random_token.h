// Unguessable tokens for sidebar sessions, CSRF tokens and script nonces: bytes from OpenSSL's
// CSPRNG (RAND_bytes), hex-encoded. Thread-safe.
#pragma once

#include <cstddef>
#include <string>

#include "plugin/core/result.h"

namespace ec::platforms::zendesk {

// 2 * bytes lower-case hex characters. Internal when the CSPRNG fails (never fall back).
[[nodiscard]] Result<std::string> random_token_hex(std::size_t bytes = 32);

}  // namespace ec::platforms::zendesk
