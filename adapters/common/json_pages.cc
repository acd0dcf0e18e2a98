#include "adapters/common/json_pages.h"

#include <set>
#include <utility>

namespace ec::adapters::common {

void diagnose_incomplete(const ApiClient& api, ReportBuilder& report, std::string location,
                         std::string message) {
  report.mark_incomplete();
  report.note(api.redact(std::move(location)), api.redact(std::move(message)));
}

bool walk_pages(ApiClient& api, std::string url, const RawPageFn& on_page,
                const NextRawPageFn& next, ReportBuilder& report, std::size_t max_pages) {
  std::set<std::string> visited{url};
  for (std::size_t page = 0;; ++page) {
    if (page >= max_pages) {
      diagnose_incomplete(api, report, "GET " + url,
                          "stopped after " + std::to_string(page) + " pages");
      return false;
    }
    auto got = api.get(url);
    if (!got) {
      diagnose_incomplete(api, report, "GET " + url, got.error().message);
      return false;
    }
    const std::string where = response_location(url, got->response.status);
    if (!got->ok()) {
      diagnose_incomplete(api, report, where, status_problem(*got));
      return false;
    }
    const RawPage current{got->response.body, url, got->response};
    if (std::string problem = on_page(current); !problem.empty()) {
      diagnose_incomplete(api, report, where, problem + " (earlier pages kept)");
      return false;
    }
    auto following = next(current);
    if (!following || following->empty()) return true;
    if (!api.same_origin(*following)) {
      diagnose_incomplete(api, report, "GET " + url,
                          "the next link leaves " + api.base_url() + "; not followed: " +
                              *following);
      return false;
    }
    if (!visited.insert(*following).second) {
      diagnose_incomplete(api, report, "GET " + url,
                          "the next link repeats an earlier page: " + *following);
      return false;
    }
    url = std::move(*following);
  }
}

bool walk_json_pages(ApiClient& api, std::string url, const JsonPageFn& on_page,
                     const NextPageFn& next, ReportBuilder& report, std::size_t max_pages) {
  nlohmann::json body;  // the current page, parsed once for on_page and next
  const auto raw_page = [&](const RawPage& page) -> std::string {
    body = nlohmann::json::parse(page.body, nullptr, false);
    if (body.is_discarded()) return "the response is not valid JSON";
    return on_page(JsonPage{body, page.url, page.response});
  };
  const auto raw_next = [&](const RawPage& page) {
    return next(JsonPage{body, page.url, page.response});
  };
  return walk_pages(api, std::move(url), raw_page, raw_next, report, max_pages);
}

}  // namespace ec::adapters::common
