// Reads a paged API through an ApiClient: GETs a first URL, hands each page to the caller,
// and follows the next-page URL the caller finds in it (Graph @odata.nextLink, Zendesk
// links.next, a product cursor), verbatim and only on the API's own origin. Every way a walk
// can stop early (transport error, non-2xx after retries, a body that is not JSON, a page the
// caller rejects, a foreign or repeated next link, the page cap) becomes one diagnostic naming
// "GET <url> -> <status>" and marks the report incomplete; pages read before are kept.
// Not thread-safe; one walk at a time per ApiClient.
#pragma once

#include <cstddef>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "adapters/common/api_client.h"
#include "adapters/common/report_builder.h"

namespace ec::adapters::common {

// One page as received, for APIs whose pages are not one JSON document (JSON Lines exports).
struct RawPage {
  const std::string& body;
  const std::string& url;
  const HttpResponse& response;
};
using RawPageFn = std::function<std::string(const RawPage& page)>;
using NextRawPageFn = std::function<std::optional<std::string>(const RawPage& page)>;

// The walk itself, for any body: true when every page was read.
bool walk_pages(ApiClient& api, std::string url, const RawPageFn& on_page,
                const NextRawPageFn& next, ReportBuilder& report, std::size_t max_pages = 500);

struct JsonPage {
  const nlohmann::json& body;
  const std::string& url;
  const HttpResponse& response;
};

// Returns "" when the page was taken, else what is wrong with it (the walk stops).
using JsonPageFn = std::function<std::string(const JsonPage& page)>;
// The next page's absolute URL, or nullopt on the last page.
using NextPageFn = std::function<std::optional<std::string>(const JsonPage& page)>;

// True when every page was read.
bool walk_json_pages(ApiClient& api, std::string url, const JsonPageFn& on_page,
                     const NextPageFn& next, ReportBuilder& report, std::size_t max_pages = 500);

// Adds one diagnostic, redacted, and marks the report incomplete.
void diagnose_incomplete(const ApiClient& api, ReportBuilder& report, std::string location,
                         std::string message);

}  // namespace ec::adapters::common
