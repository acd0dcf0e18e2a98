// RFC 8288 Link headers as Okta pages with them: `<https://…/api/v1/logs?…&after=…>; rel="next"`.
// A response may carry several Link headers, and one header may hold several comma-separated
// links; rel may be quoted or bare and may list several relations ("next last").
// Pure functions; thread-safe. (Generic: move to adapters/common when a second adapter needs it.)
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ec::adapters::okta {

struct LinkValue {
  std::string url;                // between < and >, verbatim
  std::vector<std::string> rels;  // lower-cased relation types
};

// Every well-formed link in one header value; malformed parts are skipped.
std::vector<LinkValue> parse_link_header(std::string_view value);

// The URL of the first link with relation "next" across all given header values, or nullopt.
std::optional<std::string> find_next_link(const std::vector<std::string>& header_values);

}  // namespace ec::adapters::okta
