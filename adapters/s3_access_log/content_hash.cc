#include "adapters/s3_access_log/content_hash.h"

#include <memory>

#include <openssl/evp.h>

#include "plugin/core/hash.h"

namespace ec::adapters::s3_access_log {
namespace {

struct ContextDeleter {
  void operator()(EVP_MD_CTX* ctx) const { EVP_MD_CTX_free(ctx); }
};

const EVP_MD* sha256() {
  // Fetched once and kept for the life of the process (never freed: it may be used until exit).
  static const EVP_MD* md = EVP_MD_fetch(nullptr, "SHA256", nullptr);
  return md;
}

EVP_MD_CTX* thread_context() {
  thread_local std::unique_ptr<EVP_MD_CTX, ContextDeleter> ctx(EVP_MD_CTX_new());
  return ctx.get();
}

}  // namespace

void sha256_hex_into(std::string_view bytes, std::string& out) {
  static constexpr char kDigits[] = "0123456789abcdef";
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_MD_CTX* ctx = thread_context();
  const EVP_MD* md = sha256();
  if (ctx == nullptr || md == nullptr || EVP_DigestInit_ex2(ctx, md, nullptr) != 1 ||
      EVP_DigestUpdate(ctx, bytes.data(), bytes.size()) != 1 ||
      EVP_DigestFinal_ex(ctx, digest, &length) != 1 || length != 32) {
    out = sha256_hex(bytes);  // the slow path gives the same digest
    return;
  }
  out.resize(64);
  for (unsigned int i = 0; i < 32; ++i) {
    out[2 * i] = kDigits[digest[i] >> 4];
    out[2 * i + 1] = kDigits[digest[i] & 0x0f];
  }
}

}  // namespace ec::adapters::s3_access_log
