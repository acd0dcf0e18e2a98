// Splits an absolute http(s) URL into what a connection needs: scheme, host, port and the
// request target (path + query, sent as written). Deliberately small: no user info, no relative
// references, no normalization. Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "plugin/core/result.h"

namespace ec::net {

struct Url {
  std::string scheme;  // "https" or "http", lower case
  std::string host;    // "api.example", "127.0.0.1", "::1" (brackets removed)
  int port = 0;        // explicit, else 443 / 80
  std::string target;  // "/api/v1/logs?limit=10"; "/" when the URL has no path; no fragment

  bool is_https() const { return scheme == "https"; }
  // True for 127.0.0.0/8, ::1 and "localhost".
  bool is_loopback() const;
};

// Percent-encodes every byte that cannot stand literally in a URI (space, '"', '<', '>', '\\',
// '^', '`', '{', '|', '}', controls, non-ASCII, and '%' not followed by two hex digits); URI
// characters, reserved ones included, are kept: "a b\"?x=1" -> "a%20b%22?x=1".
std::string encode_non_uri_chars(std::string_view text);

// InvalidArgument naming what is wrong ("expected http:// or https://", "user info is not
// allowed", "bad port") for anything but an absolute http(s) URL with a host.
[[nodiscard]] Result<Url> parse_url(std::string_view text);

}  // namespace ec::net
