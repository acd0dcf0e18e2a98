// content_hash for access-log evidence: the lower-case hex SHA-256 of the raw line, the same
// digest as ec::sha256_hex, computed without OpenSSL 3's per-call algorithm fetch (its one-shot
// SHA256() looks "SHA256" up under a lock and allocates a context on every call, which cost
// more than hashing a 600-byte line). The digest is fetched once; each thread reuses one
// context. Thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace ec::adapters::s3_access_log {

// Replaces `out` with the 64 hex digits of SHA-256(bytes), reusing its capacity.
void sha256_hex_into(std::string_view bytes, std::string& out);

}  // namespace ec::adapters::s3_access_log
