#include "tests/fakes/test_jwt.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>

#include <stdexcept>

#include "plugin/platforms/zendesk/zendesk_jwt.h"

namespace ec::testing {
namespace {

using platforms::zendesk::base64url_encode;

std::string signing_input(const nlohmann::json& header, const nlohmann::json& claims) {
  return base64url_encode(header.dump()) + "." + base64url_encode(claims.dump());
}

}  // namespace

TestRsaKey::TestRsaKey() : pkey_(EVP_RSA_gen(2048)) {
  if (pkey_ == nullptr) throw std::runtime_error("RSA key generation failed");
}

TestRsaKey::~TestRsaKey() { EVP_PKEY_free(static_cast<EVP_PKEY*>(pkey_)); }

std::string TestRsaKey::public_pem() const {
  BIO* bio = BIO_new(BIO_s_mem());
  PEM_write_bio_PUBKEY(bio, static_cast<EVP_PKEY*>(pkey_));
  char* data = nullptr;
  const long n = BIO_get_mem_data(bio, &data);
  std::string pem(data, static_cast<std::size_t>(n));
  BIO_free(bio);
  return pem;
}

std::string TestRsaKey::sign_rs256(const std::string& message) const {
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  std::size_t len = 0;
  std::string sig;
  if (EVP_DigestSignInit(ctx, nullptr, EVP_sha256(), nullptr, static_cast<EVP_PKEY*>(pkey_)) != 1 ||
      EVP_DigestSign(ctx, nullptr, &len, reinterpret_cast<const unsigned char*>(message.data()),
                     message.size()) != 1) {
    EVP_MD_CTX_free(ctx);
    throw std::runtime_error("RS256 signing failed");
  }
  sig.resize(len);
  if (EVP_DigestSign(ctx, reinterpret_cast<unsigned char*>(sig.data()), &len,
                     reinterpret_cast<const unsigned char*>(message.data()), message.size()) != 1) {
    EVP_MD_CTX_free(ctx);
    throw std::runtime_error("RS256 signing failed");
  }
  EVP_MD_CTX_free(ctx);
  sig.resize(len);
  return sig;
}

std::string rs256_jwt(const TestRsaKey& key, const nlohmann::json& claims) {
  const std::string input = signing_input({{"typ", "JWT"}, {"alg", "RS256"}}, claims);
  return input + "." + base64url_encode(key.sign_rs256(input));
}

std::string hs256_jwt(const std::string& secret, const nlohmann::json& claims) {
  const std::string input = signing_input({{"typ", "JWT"}, {"alg", "HS256"}}, claims);
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  HMAC(EVP_sha256(), secret.data(), static_cast<int>(secret.size()),
       reinterpret_cast<const unsigned char*>(input.data()), input.size(), mac, &len);
  return input + "." + base64url_encode(std::string(reinterpret_cast<char*>(mac), len));
}

std::string unsigned_jwt(const nlohmann::json& claims) {
  return signing_input({{"typ", "JWT"}, {"alg", "none"}}, claims) + ".";
}

}  // namespace ec::testing
