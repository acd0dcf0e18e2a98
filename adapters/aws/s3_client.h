// S3Client: the two S3 calls the AWS log sources need, over one bucket: ListObjectsV2
// (GET /?list-type=2&prefix=…&start-after=…&continuation-token=…, every page followed) and
// GetObject (the whole body of one object; the sources read one object at a time). Path-style
// (https://endpoint/bucket/key) or virtual-hosted-style (https://bucket.endpoint/key) URLs;
// every request is signed with SigV4 on each attempt and retried by the ApiClient (429/503
// SlowDown with Retry-After, other 5xx with backoff). Listing failures become report
// diagnostics naming "GET <url> -> <status>". Not thread-safe; owns its ApiClient.
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "adapters/aws/s3_listing.h"
#include "adapters/aws/sigv4.h"
#include "adapters/common/api_client.h"
#include "adapters/common/report_builder.h"

namespace ec::adapters::aws {

enum class S3Addressing { Path, VirtualHost };

struct S3Endpoint {
  std::string base_url;  // "https://s3.us-east-1.amazonaws.com" (no trailing slash)
  std::string bucket;
  std::string region;
  S3Addressing addressing = S3Addressing::Path;

  // The origin requests go to: base_url, or for virtual-hosted style the bucket's host under it.
  std::string origin() const;
  // The object's URL, the key percent-encoded except '/'.
  std::string object_url(std::string_view key) const;
  // One ListObjectsV2 page; empty arguments are left out. The query is in canonical order.
  std::string list_url(std::string_view prefix, std::string_view start_after,
                       std::string_view continuation_token) const;
  // "s3://bucket/key": how an object is named in evidence origins and diagnostics.
  std::string display(std::string_view key) const;
};

// Percent-encodes an S3 key for a URL path: everything but A-Z a-z 0-9 - . _ ~ and '/'.
std::string encode_key(std::string_view key);

class S3Client {
 public:
  // `api` must have been built for endpoint.origin(); its signer is set here.
  S3Client(S3Endpoint endpoint, AwsCredentials credentials, common::ApiClient api,
           const Clock& clock);

  // Called for each listed object, in key order; return false to stop the listing there
  // (the listing then counts as complete).
  using ObjectFn = std::function<bool(const S3Object& object)>;
  // Lists every object under `prefix` after `start_after`. False when the listing stopped
  // early on an error (a transport error, a non-2xx status after retries such as 403
  // AccessDenied, a body that is not a ListBucketResult); that is noted in `report`, which is
  // marked incomplete.
  bool list(std::string_view prefix, std::string_view start_after, common::ReportBuilder& report,
            const ObjectFn& on_object);

  // GETs one object. The error is a transport error; any status is a value (check ok()).
  [[nodiscard]] Result<common::ApiResponse> get_object(std::string_view key);

  const S3Endpoint& endpoint() const { return endpoint_; }
  common::ApiClient& api() { return api_; }

 private:
  S3Endpoint endpoint_;
  common::ApiClient api_;
};

}  // namespace ec::adapters::aws
