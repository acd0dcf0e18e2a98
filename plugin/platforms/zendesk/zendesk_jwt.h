// Verification of the JWT Zendesk posts (form field `token`) when it loads a signed-URL app
// location such as the ticket sidebar: RS256 over "<header>.<payload>" with the app's RSA
// public key (PEM), then the claims: exp and nbf with a small leeway, iss equal to the
// account's host ("acme.zendesk.com", an "https://" prefix tolerated), aud equal to the
// configured audience, and context.location (when present) equal to the expected location.
// Only RS256 is accepted: "none", HS256 (the public key used as an HMAC secret) and every other
// algorithm are refused before any key is used. Pure functions over OpenSSL; thread-safe.
#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <string_view>

#include "plugin/core/result.h"
#include "plugin/core/time.h"

namespace ec::platforms::zendesk {

// An RSA public key parsed once from PEM ("-----BEGIN PUBLIC KEY-----", SubjectPublicKeyInfo).
class RsaPublicKey {
 public:
  // InvalidArgument when the text is not a PEM RSA public key.
  [[nodiscard]] static Result<std::shared_ptr<const RsaPublicKey>> from_pem(std::string_view pem);
  ~RsaPublicKey();
  RsaPublicKey(const RsaPublicKey&) = delete;
  RsaPublicKey& operator=(const RsaPublicKey&) = delete;

  // True when `signature` is a valid RSASSA-PKCS1-v1_5 SHA-256 signature of `message`.
  [[nodiscard]] bool verify_rs256(std::string_view message, std::string_view signature) const;

 private:
  explicit RsaPublicKey(void* pkey) : pkey_(pkey) {}
  void* pkey_;  // EVP_PKEY*, owned
};

struct ZendeskJwtExpectations {
  std::string issuer;     // "acme.zendesk.com"
  std::string audience;   // exact `aud` value
  std::string location = "ticket_sidebar";
  std::chrono::seconds leeway{60};
};

struct ZendeskJwtClaims {
  std::string subject;    // `sub`: the Zendesk user, verbatim
  std::string issuer;
  std::string audience;
  std::string location;   // context.location, empty when absent
  Timestamp expires_at{};
};

// Unauthenticated, with a reason naming the check that failed (never the token), for: a token
// that is not three base64url parts of JSON, an algorithm other than RS256, a bad signature,
// exp missing or past (beyond the leeway), nbf in the future, and wrong iss, aud or location.
[[nodiscard]] Result<ZendeskJwtClaims> verify_zendesk_jwt(std::string_view token,
                                                          const RsaPublicKey& key,
                                                          const ZendeskJwtExpectations& expect,
                                                          Timestamp now);

// RFC 4648 section 5 base64url without padding (padding tolerated on decode). nullopt for
// characters outside the alphabet.
std::optional<std::string> base64url_decode(std::string_view text);
std::string base64url_encode(std::string_view bytes);

}  // namespace ec::platforms::zendesk
