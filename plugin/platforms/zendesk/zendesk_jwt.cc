#include "plugin/platforms/zendesk/zendesk_jwt.h"

#include <openssl/evp.h>
#include <openssl/pem.h>

#include <nlohmann/json.hpp>

namespace ec::platforms::zendesk {
namespace {

using nlohmann::json;

constexpr std::string_view kAlphabet =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
constexpr std::size_t kMaxTokenBytes = 16 * 1024;

std::unexpected<Error> refuse(const std::string& why) {
  return make_error(ErrorCode::Unauthenticated, "signed token refused: " + why);
}

Result<json> decode_part(std::string_view part, std::string_view name) {
  auto bytes = base64url_decode(part);
  if (!bytes) return refuse(std::string(name) + " is not base64url");
  json value = json::parse(*bytes, nullptr, false);
  if (value.is_discarded() || !value.is_object()) {
    return refuse(std::string(name) + " is not a JSON object");
  }
  return value;
}

// A NumericDate claim (seconds, integer or fractional); nullopt when absent or not a number.
std::optional<std::int64_t> numeric_date(const json& claims, const char* name) {
  const auto it = claims.find(name);
  if (it == claims.end() || !it->is_number()) return std::nullopt;
  return static_cast<std::int64_t>(it->get<double>());
}

std::string strip_https(std::string value) {
  if (value.rfind("https://", 0) == 0) value.erase(0, 8);
  while (!value.empty() && value.back() == '/') value.pop_back();
  return value;
}

Status check_times(const json& claims, const ZendeskJwtExpectations& expect, Timestamp now) {
  const std::int64_t t = to_unix_seconds(now);
  const std::int64_t leeway = expect.leeway.count();
  const auto exp = numeric_date(claims, "exp");
  if (!exp) return refuse("exp is missing");
  if (t > *exp + leeway) return refuse("expired");
  if (const auto nbf = numeric_date(claims, "nbf"); nbf && t + leeway < *nbf) {
    return refuse("not valid yet (nbf)");
  }
  if (const auto iat = numeric_date(claims, "iat"); iat && t + leeway < *iat) {
    return refuse("issued in the future (iat)");
  }
  return {};
}

Status check_audience(const json& claims, const std::string& expected) {
  const auto it = claims.find("aud");
  if (it == claims.end()) return refuse("aud is missing");
  if (it->is_string()) {
    if (it->get<std::string>() == expected) return {};
  } else if (it->is_array()) {
    for (const json& a : *it) {
      if (a.is_string() && a.get<std::string>() == expected) return {};
    }
  }
  return refuse("wrong audience");
}

}  // namespace

std::optional<std::string> base64url_decode(std::string_view text) {
  while (!text.empty() && text.back() == '=') text.remove_suffix(1);
  std::string out;
  out.reserve(text.size() * 3 / 4);
  std::uint32_t buffer = 0;
  int bits = 0;
  for (const char c : text) {
    const std::size_t v = kAlphabet.find(c);
    if (v == std::string_view::npos) return std::nullopt;
    buffer = (buffer << 6) | static_cast<std::uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<char>((buffer >> bits) & 0xFF));
    }
  }
  if (bits >= 6) return std::nullopt;  // a single leftover character cannot be valid
  return out;
}

std::string base64url_encode(std::string_view bytes) {
  std::string out;
  std::uint32_t buffer = 0;
  int bits = 0;
  for (const char c : bytes) {
    buffer = (buffer << 8) | static_cast<unsigned char>(c);
    bits += 8;
    while (bits >= 6) {
      bits -= 6;
      out.push_back(kAlphabet[(buffer >> bits) & 0x3F]);
    }
  }
  if (bits > 0) out.push_back(kAlphabet[(buffer << (6 - bits)) & 0x3F]);
  return out;
}

Result<std::shared_ptr<const RsaPublicKey>> RsaPublicKey::from_pem(std::string_view pem) {
  BIO* bio = BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size()));
  if (bio == nullptr) return make_error(ErrorCode::Internal, "out of memory");
  EVP_PKEY* pkey = PEM_read_bio_PUBKEY(bio, nullptr, nullptr, nullptr);
  BIO_free(bio);
  if (pkey == nullptr) {
    return make_error(ErrorCode::InvalidArgument,
                      "not a PEM public key (expected -----BEGIN PUBLIC KEY-----)");
  }
  if (EVP_PKEY_base_id(pkey) != EVP_PKEY_RSA) {
    EVP_PKEY_free(pkey);
    return make_error(ErrorCode::InvalidArgument, "the public key is not an RSA key");
  }
  return std::shared_ptr<const RsaPublicKey>(new RsaPublicKey(pkey));
}

RsaPublicKey::~RsaPublicKey() { EVP_PKEY_free(static_cast<EVP_PKEY*>(pkey_)); }

bool RsaPublicKey::verify_rs256(std::string_view message, std::string_view signature) const {
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  if (ctx == nullptr) return false;
  bool ok = EVP_DigestVerifyInit(ctx, nullptr, EVP_sha256(), nullptr,
                                 static_cast<EVP_PKEY*>(pkey_)) == 1 &&
            EVP_DigestVerify(ctx, reinterpret_cast<const unsigned char*>(signature.data()),
                             signature.size(),
                             reinterpret_cast<const unsigned char*>(message.data()),
                             message.size()) == 1;
  EVP_MD_CTX_free(ctx);
  return ok;
}

Result<ZendeskJwtClaims> verify_zendesk_jwt(std::string_view token, const RsaPublicKey& key,
                                            const ZendeskJwtExpectations& expect, Timestamp now) {
  if (token.empty()) return refuse("no token");
  if (token.size() > kMaxTokenBytes) return refuse("token too long");
  const std::size_t dot1 = token.find('.');
  const std::size_t dot2 = dot1 == std::string_view::npos ? dot1 : token.find('.', dot1 + 1);
  if (dot2 == std::string_view::npos || token.find('.', dot2 + 1) != std::string_view::npos) {
    return refuse("not a JWT (expected three dot-separated parts)");
  }
  auto header = decode_part(token.substr(0, dot1), "header");
  if (!header) return std::unexpected(header.error());
  const auto alg = header->find("alg");
  if (alg == header->end() || !alg->is_string()) return refuse("alg is missing");
  if (alg->get<std::string>() != "RS256") {
    return refuse("algorithm " + alg->get<std::string>() + " is not accepted (only RS256)");
  }
  auto signature = base64url_decode(token.substr(dot2 + 1));
  if (!signature || signature->empty()) return refuse("signature is missing or not base64url");
  if (!key.verify_rs256(token.substr(0, dot2), *signature)) return refuse("bad signature");
  auto claims = decode_part(token.substr(dot1 + 1, dot2 - dot1 - 1), "payload");
  if (!claims) return std::unexpected(claims.error());
  EC_RETURN_IF_ERROR(check_times(*claims, expect, now));
  const std::string iss = claims->value("iss", "");
  if (iss.empty() || strip_https(iss) != strip_https(expect.issuer)) return refuse("wrong issuer");
  EC_RETURN_IF_ERROR(check_audience(*claims, expect.audience));
  ZendeskJwtClaims out;
  out.issuer = iss;
  out.audience = expect.audience;
  if (const auto ctx = claims->find("context"); ctx != claims->end() && ctx->is_object()) {
    out.location = ctx->value("location", "");
  }
  if (!out.location.empty() && !expect.location.empty() && out.location != expect.location) {
    return refuse("wrong app location " + out.location);
  }
  const auto sub = claims->find("sub");
  if (sub == claims->end() || !(sub->is_string() || sub->is_number_integer())) {
    return refuse("sub is missing");
  }
  out.subject = sub->is_string() ? sub->get<std::string>() : std::to_string(sub->get<long long>());
  if (out.subject.empty()) return refuse("sub is empty");
  out.expires_at = from_unix_seconds(*numeric_date(*claims, "exp"));
  return out;
}

}  // namespace ec::platforms::zendesk
