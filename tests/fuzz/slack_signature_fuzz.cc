// Fuzz target: Slack request verification, against an independent oracle (OpenSSL's HMAC here).
// Input: byte 0 picks the mode; the rest is "<timestamp>\n<signature>\n<body>".
//   mode even: the signature is the input's, as sent;
//   mode odd:  the signature is computed correctly over the input's timestamp and body (then
//              byte 1, when odd, flips one of its characters).
// Properties: an accepted request carries exactly "v0=" + lower-case hex HMAC-SHA256 of
// "v0:<ts>:<body>" and a timestamp of digits within 300 s of now; a correctly signed request
// with such a timestamp is accepted. Nothing throws or crashes.
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "plugin/platforms/slack/slack_signature.h"
#include "tests/fuzz/fuzz_check.h"

namespace {

constexpr std::string_view kSecret = "8f742231b10e8888abcd99yyyzzz85a5";
constexpr std::int64_t kNow = 1'790'000'000;

std::string expected_signature(std::string_view ts, std::string_view body) {
  const std::string base = "v0:" + std::string(ts) + ":" + std::string(body);
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  HMAC(EVP_sha256(), kSecret.data(), static_cast<int>(kSecret.size()),
       reinterpret_cast<const unsigned char*>(base.data()), base.size(), mac, &len);
  static const char kHex[] = "0123456789abcdef";
  std::string out = "v0=";
  for (unsigned int i = 0; i < len; ++i) {
    out.push_back(kHex[mac[i] >> 4]);
    out.push_back(kHex[mac[i] & 0xf]);
  }
  return out;
}

// The documented window: 1 to 12 digits (Slack sends 10; longer is refused even with leading
// zeros), within 300 s of now.
bool timestamp_in_window(std::string_view ts) {
  if (ts.empty() || ts.size() > 12) return false;
  std::int64_t value = 0;
  for (char c : ts) {
    if (c < '0' || c > '9') return false;
    value = value * 10 + (c - '0');
  }
  return value >= kNow - 300 && value <= kNow + 300;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 2) return 0;
  const bool sign = (data[0] & 1) != 0;
  const bool tamper = (data[1] & 1) != 0;
  const std::string_view rest(reinterpret_cast<const char*>(data) + 2, size - 2);
  const auto first = rest.find('\n');
  const auto second = first == std::string_view::npos ? first : rest.find('\n', first + 1);
  if (second == std::string_view::npos) return 0;
  const std::string_view ts = rest.substr(0, first);
  std::string signature(rest.substr(first + 1, second - first - 1));
  const std::string_view body = rest.substr(second + 1);
  const std::string expected = expected_signature(ts, body);
  if (sign) {
    signature = expected;
    if (tamper) signature[3 + (size % (signature.size() - 3))] ^= 0x01;
  }
  const auto now = ec::Timestamp(std::chrono::seconds(kNow));
  const auto refused = ec::platforms::slack::check_slack_signature(
      kSecret, std::optional<std::string_view>(ts), std::optional<std::string_view>(signature),
      body, now);
  if (!refused) {
    FUZZ_CHECK(signature == expected);
    FUZZ_CHECK(timestamp_in_window(ts));
  }
  if (signature == expected && timestamp_in_window(ts)) FUZZ_CHECK(!refused.has_value());
  return 0;
}
