#include "adapters/common/json_pages.h"

#include <set>
#include <utility>

namespace ec::adapters::common {

void diagnose_incomplete(const ApiClient& api, ReportBuilder& report, std::string location,
                         std::string message) {
  report.mark_incomplete();
  report.note(api.redact(std::move(location)), api.redact(std::move(message)));
}

bool walk_json_pages(ApiClient& api, std::string url, const JsonPageFn& on_page,
                     const NextPageFn& next, ReportBuilder& report, std::size_t max_pages) {
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
    const auto body = nlohmann::json::parse(got->response.body, nullptr, false);
    if (body.is_discarded()) {
      diagnose_incomplete(api, report, where,
                          "the response is not valid JSON (earlier pages kept)");
      return false;
    }
    const JsonPage current{body, url, got->response};
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

}  // namespace ec::adapters::common
