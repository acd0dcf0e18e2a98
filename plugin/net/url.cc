#include "plugin/net/url.h"

#include <charconv>

namespace ec::net {
namespace {

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::unexpected<Error> bad(std::string_view text, std::string_view why) {
  return make_error(ErrorCode::InvalidArgument,
                    "invalid URL '" + std::string(text) + "': " + std::string(why));
}

bool has_control_or_space(std::string_view text) {
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte <= 0x20 || byte == 0x7F) return true;
  }
  return false;
}

bool is_hex(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

bool is_uri_char(char c) {
  if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) return true;
  return std::string_view("-._~:/?#[]@!$&'()*+,;=").find(c) != std::string_view::npos;
}

}  // namespace

std::string encode_non_uri_chars(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    const bool escape = c == '%' && i + 2 < text.size() && is_hex(text[i + 1]) &&
                        is_hex(text[i + 2]);
    if (escape || is_uri_char(c)) {
      out += c;
      continue;
    }
    const auto byte = static_cast<unsigned char>(c);
    out += '%';
    out += kHex[byte >> 4];
    out += kHex[byte & 0x0F];
  }
  return out;
}

bool Url::is_loopback() const {
  return host == "localhost" || host == "::1" || host.starts_with("127.");
}

Result<Url> parse_url(std::string_view text) {
  if (has_control_or_space(text)) return bad(text, "contains white space or control characters");
  const auto scheme_end = text.find("://");
  if (scheme_end == std::string_view::npos) return bad(text, "expected http:// or https://");
  Url url;
  url.scheme = lower(text.substr(0, scheme_end));
  if (url.scheme != "https" && url.scheme != "http") {
    return bad(text, "expected http:// or https://");
  }
  std::string_view rest = text.substr(scheme_end + 3);
  const auto authority_end = rest.find_first_of("/?#");
  const std::string_view authority = rest.substr(0, authority_end);
  std::string_view target =
      authority_end == std::string_view::npos ? std::string_view{} : rest.substr(authority_end);
  if (authority.find('@') != std::string_view::npos) return bad(text, "user info is not allowed");
  std::string_view host = authority;
  std::string_view port;
  bool has_port = false;
  if (host.starts_with('[')) {  // IPv6 literal
    const auto close = host.find(']');
    if (close == std::string_view::npos) return bad(text, "unterminated IPv6 literal");
    const std::string_view after = host.substr(close + 1);
    if (!after.empty() && !after.starts_with(':')) return bad(text, "bad port");
    has_port = !after.empty();
    if (has_port) port = after.substr(1);
    host = host.substr(1, close - 1);
  } else if (const auto colon = host.rfind(':'); colon != std::string_view::npos) {
    has_port = true;
    port = host.substr(colon + 1);
    host = host.substr(0, colon);
  }
  if (host.empty()) return bad(text, "no host");
  url.host = lower(host);
  url.port = url.is_https() ? 443 : 80;
  if (has_port) {
    int value = 0;
    const auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), value);
    if (port.empty() || ec != std::errc{} || end != port.data() + port.size() || value < 1 ||
        value > 65535) {
      return bad(text, "bad port");
    }
    url.port = value;
  }
  if (const auto hash = target.find('#'); hash != std::string_view::npos) {
    target = target.substr(0, hash);
  }
  url.target = std::string(target);
  if (url.target.empty() || url.target.front() == '?') url.target.insert(0, "/");
  return url;
}

}  // namespace ec::net
