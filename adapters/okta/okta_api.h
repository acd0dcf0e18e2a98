// OktaApi: the shared retrying API client (adapters/common/api_client.h) with Okta's
// `Authorization: SSWS <token>` header. Okta answers 429 with X-Rate-Limit-Reset, which the
// client waits for. Not thread-safe; the owner serializes calls.
#pragma once

#include <string>
#include <utility>

#include "adapters/common/api_client.h"

namespace ec::adapters::okta {

using common::ApiResponse;
using common::RetryPolicy;
using common::Sleeper;

class OktaApi : public common::ApiClient {
 public:
  OktaApi(HttpClient& http, const Clock& clock, Sleeper sleep, std::string base_url,
          std::string token, RetryPolicy policy)
      : ApiClient(http, clock, std::move(sleep), std::move(base_url), "SSWS " + token, token,
                  policy) {}
};

}  // namespace ec::adapters::okta
