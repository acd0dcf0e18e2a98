// Content hashing: SHA-256 hex digests and canonical JSON, the two things approvals, evidence
// ids and the audit chain bind to. Pure functions, thread-safe.
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace ec {

// Lower-case hex SHA-256 of the bytes.
std::string sha256_hex(std::string_view bytes);

// The same digest written into `out`, reusing its capacity: for log-scan hot paths. The digest
// algorithm is fetched once and each thread reuses one context (OpenSSL 3's one-shot SHA256()
// looks the algorithm up under a lock and allocates on every call).
void sha256_hex_into(std::string_view bytes, std::string& out);

// HMAC-SHA256 of message under key, lower-case hex. Used for signatures we issue and check.
std::string hmac_sha256_hex(std::string_view key, std::string_view message);

// Compares two strings in time that depends only on their lengths.
bool constant_time_equals(std::string_view a, std::string_view b);

// Standard base64 (RFC 4648 section 4, with padding), e.g. for HTTP Basic credentials.
std::string base64_encode(std::string_view bytes);

// One canonical serialization: object keys sorted, no insignificant white space, invalid UTF-8
// replaced. The same value always gives the same bytes.
std::string canonical_json(const nlohmann::json& value);

}  // namespace ec
