// Test helpers for signed tokens: a throw-away RSA-2048 key pair (OpenSSL C API) and JWT
// builders for RS256, HS256 and unsigned ("alg": "none") tokens, so tests can play Zendesk
// signing a sidebar load and an attacker forging one. Setup failures throw (test code only).
// Not thread-safe; one per test.
#pragma once

#include <memory>
#include <string>

#include <nlohmann/json.hpp>

namespace ec::testing {

class TestRsaKey {
 public:
  TestRsaKey();  // generates a fresh 2048-bit key
  ~TestRsaKey();
  TestRsaKey(const TestRsaKey&) = delete;
  TestRsaKey& operator=(const TestRsaKey&) = delete;

  std::string public_pem() const;  // -----BEGIN PUBLIC KEY----- (SubjectPublicKeyInfo)
  std::string sign_rs256(const std::string& message) const;

 private:
  void* pkey_;  // EVP_PKEY*
};

// "<b64url(header)>.<b64url(payload)>.<b64url(signature)>"
std::string rs256_jwt(const TestRsaKey& key, const nlohmann::json& claims);
// HS256 with `secret` as the HMAC key (an attacker using the public key PEM as the secret).
std::string hs256_jwt(const std::string& secret, const nlohmann::json& claims);
// {"alg":"none"} and an empty signature.
std::string unsigned_jwt(const nlohmann::json& claims);

}  // namespace ec::testing
