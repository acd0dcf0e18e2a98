#include "adapters/registry.h"

#include <cstdio>
#include <cstdlib>

#include "adapters/cloudfront/config.h"
#include "adapters/cloudtrail/config.h"
#include "adapters/entra_id/config.h"
#include "adapters/markdown_kb/config.h"
#include "adapters/okta/config.h"
#include "adapters/product_access_log/config.h"
#include "adapters/s3_access_log/config.h"
#include "adapters/zendesk_tickets/config.h"

namespace ec::adapters {
namespace {

void check(const Status& status) {
  if (status) return;
  std::fprintf(stderr, "register_builtin_sources: %s\n", status.error().to_string().c_str());
  std::abort();
}

}  // namespace

void register_builtin_sources(SourceRegistry& registry) {
  check(okta::register_okta(registry));
  check(entra_id::register_entra_id(registry));
  check(zendesk_tickets::register_zendesk(registry));
  check(s3_access_log::register_s3_access_log(registry));
  check(product_access_log::register_product_access_log(registry));
  check(markdown_kb::register_markdown_kb(registry));
  check(cloudtrail::register_cloudtrail(registry));
  check(cloudfront::register_cloudfront(registry));
}

}  // namespace ec::adapters
