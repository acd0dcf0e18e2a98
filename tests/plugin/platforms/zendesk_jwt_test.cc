// The sidebar's signed-URL token check: a genuine RS256 token passes; forged, unsigned, expired,
// misaddressed and malformed tokens are refused as Unauthenticated with the failed check named.
#include "plugin/platforms/zendesk/zendesk_jwt.h"

#include <gtest/gtest.h>

#include "tests/fakes/test_jwt.h"

namespace ec::platforms::zendesk {
namespace {

using nlohmann::json;
using testing::TestRsaKey;

constexpr char kAudience[] = "https://acme.zendesk.com/api/v2/apps/installations/42.json";

class ZendeskJwt : public ::testing::Test {
 protected:
  ZendeskJwt() {
    expect_.issuer = "acme.zendesk.com";
    expect_.audience = kAudience;
    key_ = *RsaPublicKey::from_pem(signer_.public_pem());
  }
  json claims() const {
    const auto t = to_unix_seconds(now_);
    return {{"iss", "acme.zendesk.com"}, {"aud", kAudience}, {"sub", "acme.zendesk.com/users/7"},
            {"iat", t - 5}, {"nbf", t - 5}, {"exp", t + 300},
            {"context", {{"product", "support"}, {"location", "ticket_sidebar"}}}};
  }
  Result<ZendeskJwtClaims> verify(const std::string& token) const {
    return verify_zendesk_jwt(token, *key_, expect_, now_);
  }
  static void expect_refused(const Result<ZendeskJwtClaims>& r, const std::string& why) {
    ASSERT_FALSE(r.has_value()) << "accepted; expected refusal: " << why;
    EXPECT_EQ(r.error().code, ErrorCode::Unauthenticated);
    EXPECT_NE(r.error().message.find(why), std::string::npos) << r.error().message;
  }

  TestRsaKey signer_;
  std::shared_ptr<const RsaPublicKey> key_;
  ZendeskJwtExpectations expect_;
  Timestamp now_ = make_utc(2026, 3, 11, 16, 0, 0);
};

TEST_F(ZendeskJwt, AcceptsAGenuineToken) {
  auto r = verify(testing::rs256_jwt(signer_, claims()));
  ASSERT_TRUE(r.has_value()) << r.error().message;
  EXPECT_EQ(r->subject, "acme.zendesk.com/users/7");
  EXPECT_EQ(r->location, "ticket_sidebar");
}

TEST_F(ZendeskJwt, AcceptsAnHttpsIssuerAndANumericSubject) {
  json c = claims();
  c["iss"] = "https://acme.zendesk.com";
  c["sub"] = 7;
  auto r = verify(testing::rs256_jwt(signer_, c));
  ASSERT_TRUE(r.has_value()) << r.error().message;
  EXPECT_EQ(r->subject, "7");
}

TEST_F(ZendeskJwt, RefusesAnUnsignedToken) {
  expect_refused(verify(testing::unsigned_jwt(claims())), "algorithm none");
}

TEST_F(ZendeskJwt, RefusesATokenSignedWithAnotherKey) {
  TestRsaKey other;
  expect_refused(verify(testing::rs256_jwt(other, claims())), "bad signature");
}

TEST_F(ZendeskJwt, RefusesHs256WithThePublicKeyAsSecret) {
  expect_refused(verify(testing::hs256_jwt(signer_.public_pem(), claims())), "HS256");
}

TEST_F(ZendeskJwt, RefusesAnAlteredPayload) {
  const std::string good = testing::rs256_jwt(signer_, claims());
  json c = claims();
  c["sub"] = "acme.zendesk.com/users/1";
  const std::string forged_payload = base64url_encode(c.dump());
  const auto d1 = good.find('.');
  const auto d2 = good.find('.', d1 + 1);
  const std::string forged = good.substr(0, d1 + 1) + forged_payload + good.substr(d2);
  expect_refused(verify(forged), "bad signature");
}

TEST_F(ZendeskJwt, RefusesAnExpiredTokenBeyondTheLeeway) {
  json c = claims();
  c["exp"] = to_unix_seconds(now_) - 61;
  expect_refused(verify(testing::rs256_jwt(signer_, c)), "expired");
  c["exp"] = to_unix_seconds(now_) - 59;  // within the 60 s leeway
  EXPECT_TRUE(verify(testing::rs256_jwt(signer_, c)).has_value());
  c.erase("exp");
  expect_refused(verify(testing::rs256_jwt(signer_, c)), "exp is missing");
}

TEST_F(ZendeskJwt, RefusesATokenNotValidYet) {
  json c = claims();
  c["nbf"] = to_unix_seconds(now_) + 120;
  expect_refused(verify(testing::rs256_jwt(signer_, c)), "nbf");
}

TEST_F(ZendeskJwt, RefusesTheWrongAudience) {
  json c = claims();
  c["aud"] = "https://acme.zendesk.com/api/v2/apps/installations/43.json";
  expect_refused(verify(testing::rs256_jwt(signer_, c)), "wrong audience");
  c.erase("aud");
  expect_refused(verify(testing::rs256_jwt(signer_, c)), "aud is missing");
}

TEST_F(ZendeskJwt, RefusesTheWrongIssuer) {
  json c = claims();
  c["iss"] = "evil.zendesk.com";
  expect_refused(verify(testing::rs256_jwt(signer_, c)), "wrong issuer");
}

TEST_F(ZendeskJwt, RefusesAnotherAppLocation) {
  json c = claims();
  c["context"]["location"] = "top_bar";
  expect_refused(verify(testing::rs256_jwt(signer_, c)), "location");
}

TEST_F(ZendeskJwt, RefusesMalformedTokens) {
  expect_refused(verify(""), "no token");
  expect_refused(verify("abc"), "three");
  expect_refused(verify("a.b.c.d"), "three");
  expect_refused(verify("!!.e30.sig"), "header is not base64url");
  expect_refused(verify(base64url_encode("[1]") + ".e30.c2ln"), "header is not a JSON object");
  expect_refused(verify(base64url_encode(R"({"alg":"RS256"})") + ".e30."), "signature");
  expect_refused(verify(std::string(20000, 'a')), "too long");
}

TEST(RsaPublicKey, RefusesTextThatIsNotAPublicKey) {
  EXPECT_EQ(RsaPublicKey::from_pem("hello").error().code, ErrorCode::InvalidArgument);
}

TEST(Base64Url, RoundTrips) {
  for (const std::string s : {"", "f", "fo", "foo", "foob", "fooba", "foobar", "\xff\xfe\x00"}) {
    EXPECT_EQ(base64url_decode(base64url_encode(s)), s);
  }
  EXPECT_EQ(base64url_encode("\xfb\xff"), "-_8");
  EXPECT_FALSE(base64url_decode("a+b").has_value());
}

}  // namespace
}  // namespace ec::platforms::zendesk
