#include "adapters/aws/s3_client.h"

#include <utility>

#include "adapters/common/json_pages.h"

namespace ec::adapters::aws {

std::string encode_key(std::string_view key) {
  std::string out;
  std::size_t from = 0;
  while (from <= key.size()) {
    const auto slash = key.find('/', from);
    out += url_encode_component(key.substr(from, slash - from));
    if (slash == std::string_view::npos) break;
    out.push_back('/');
    from = slash + 1;
  }
  return out;
}

std::string S3Endpoint::origin() const {
  if (addressing == S3Addressing::Path) return base_url;
  const auto scheme = base_url.find("://");
  return base_url.substr(0, scheme + 3) + bucket + "." + base_url.substr(scheme + 3);
}

std::string S3Endpoint::object_url(std::string_view key) const {
  const std::string bucket_path = addressing == S3Addressing::Path ? "/" + bucket : "";
  return origin() + bucket_path + "/" + encode_key(key);
}

std::string S3Endpoint::list_url(std::string_view prefix, std::string_view start_after,
                                 std::string_view continuation_token) const {
  std::string url = origin() + (addressing == S3Addressing::Path ? "/" + bucket : "") + "/?";
  if (!continuation_token.empty()) {
    url += "continuation-token=" + url_encode_component(continuation_token) + "&";
  }
  url += "list-type=2&prefix=" + url_encode_component(prefix);
  if (!start_after.empty()) url += "&start-after=" + url_encode_component(start_after);
  return url;
}

std::string S3Endpoint::display(std::string_view key) const {
  return "s3://" + bucket + "/" + std::string(key);
}

S3Client::S3Client(S3Endpoint endpoint, AwsCredentials credentials, common::ApiClient api,
                   const Clock& clock)
    : endpoint_(std::move(endpoint)), api_(std::move(api)) {
  api_.set_signer([credentials = std::move(credentials), region = endpoint_.region,
                   &clock](HttpRequest& request) {
    sign_s3_request(request, credentials, region, clock.now());
  });
}

bool S3Client::list(std::string_view prefix, std::string_view start_after,
                    common::ReportBuilder& report, const ObjectFn& on_object) {
  bool stopped = false;
  std::string next_token;
  const auto on_page = [&](const common::RawPage& page) -> std::string {
    auto listing = parse_list_objects_v2(page.body);
    if (!listing) return "not a ListObjectsV2 response: " + listing.error().message;
    for (const S3Object& object : listing->objects) {
      if (!on_object(object)) {
        stopped = true;
        break;
      }
    }
    next_token = listing->truncated ? listing->next_continuation_token : "";
    return {};
  };
  const auto next = [&](const common::RawPage&) -> std::optional<std::string> {
    if (stopped || next_token.empty()) return std::nullopt;
    return endpoint_.list_url(prefix, start_after, next_token);
  };
  return common::walk_pages(api_, endpoint_.list_url(prefix, start_after, ""), on_page, next,
                            report);
}

Result<common::ApiResponse> S3Client::get_object(std::string_view key) {
  return api_.get(endpoint_.object_url(key));
}

}  // namespace ec::adapters::aws
