// Fuzz target: the Zendesk sidebar's signed-URL token, the only parser that runs before the
// request is authenticated. Byte 0 picks the mode:
//   even: the rest is the token as posted (split, base64url, header JSON, algorithm check; a
//         random signature never verifies);
//   odd:  the rest is "<header JSON>\n<claims JSON>", signed here with RS256 by a test key, so
//         the claims checks behind the signature are fuzzed too.
// Properties: nothing throws or crashes; a token whose header does not say RS256 is refused; an
// accepted token's claims meet the expectations (audience, issuer, location, not expired);
// base64url decoding undoes encoding.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "plugin/platforms/zendesk/zendesk_jwt.h"
#include "tests/fakes/test_jwt.h"
#include "tests/fuzz/fuzz_check.h"

namespace zd = ec::platforms::zendesk;

namespace {

struct Fixture {
  ec::testing::TestRsaKey signer;
  std::shared_ptr<const zd::RsaPublicKey> key = *zd::RsaPublicKey::from_pem(signer.public_pem());
  zd::ZendeskJwtExpectations expect{"acme.zendesk.com",
                                    "https://acme.zendesk.com/api/v2/apps/installations/42.json",
                                    "ticket_sidebar", std::chrono::seconds(60)};
  ec::Timestamp now = ec::Timestamp(std::chrono::seconds(1'790'000'000));
};

const Fixture& fixture() {
  static const Fixture f;
  return f;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 1) return 0;
  const Fixture& f = fixture();
  const std::string_view rest(reinterpret_cast<const char*>(data) + 1, size - 1);

  const std::string encoded = zd::base64url_encode(rest);
  const auto decoded = zd::base64url_decode(encoded);
  FUZZ_CHECK(decoded && *decoded == rest);
  if (auto again = zd::base64url_decode(rest)) {
    FUZZ_CHECK(zd::base64url_decode(zd::base64url_encode(*again)) == again);
  }

  std::string token(rest);
  bool header_is_rs256 = true;
  if ((data[0] & 1) != 0) {
    const auto newline = rest.find('\n');
    if (newline == std::string_view::npos) return 0;
    const std::string header(rest.substr(0, newline));
    const std::string claims(rest.substr(newline + 1));
    const auto parsed = nlohmann::json::parse(header, nullptr, false);
    header_is_rs256 = parsed.is_object() && parsed.contains("alg") && parsed["alg"] == "RS256";
    const std::string signing_input = zd::base64url_encode(header) + "." +
                                      zd::base64url_encode(claims);
    token = signing_input + "." + zd::base64url_encode(f.signer.sign_rs256(signing_input));
  }
  auto verified = zd::verify_zendesk_jwt(token, *f.key, f.expect, f.now);
  if (verified) {
    FUZZ_CHECK(header_is_rs256);
    FUZZ_CHECK(verified->audience == f.expect.audience);
    FUZZ_CHECK(verified->issuer == f.expect.issuer ||
               verified->issuer == "https://" + f.expect.issuer);
    FUZZ_CHECK(verified->location.empty() || verified->location == f.expect.location);
    FUZZ_CHECK(verified->expires_at + f.expect.leeway >= f.now);
  } else {
    FUZZ_CHECK(verified.error().code == ec::ErrorCode::Unauthenticated);
  }
  return 0;
}
