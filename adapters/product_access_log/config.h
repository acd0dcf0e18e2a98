// Factory for the "product_access_log" evidence source. Two modes:
//   files: { "kind": "product_access_log", "path": "console/access.jsonl",
//            "bucket": "support-attachments" } ("bucket" optional; paths resolve against
//            SourceContext::base_dir) -> ProductAccessLogSource;
//   live:  { "kind": "product_access_log", "base_url": "https://console.example.com",
//            "token_env": "CONSOLE_EXPORT_TOKEN" } -> ExportApiSource (the console's export API).
// Thread-safe.
#pragma once

#include <nlohmann/json.hpp>

#include "adapters/common/api_client.h"
#include "plugin/core/evidence_source.h"

namespace ec::adapters::product_access_log {

inline constexpr char kKind[] = "product_access_log";

// How the live mode waits; tests pass a sleeper that advances a FakeClock.
struct ProductLiveOptions {
  common::RetryPolicy retry;
  common::Sleeper sleep;  // empty: std::this_thread::sleep_for
};

// InvalidArgument naming "<label>.path" / "<label>.bucket" on a bad or missing value; in live
// mode naming base_url / token_env, or when both modes' keys are given. FailedPrecondition when
// live mode is asked for without context.http.
[[nodiscard]] Result<BuiltSource> create_product_access_log_source(const nlohmann::json& config,
                                                                   const SourceContext& context);
[[nodiscard]] Result<BuiltSource> create_product_access_log_source(
    const nlohmann::json& config, const SourceContext& context, const ProductLiveOptions& live);

// Adds kind "product_access_log" to the registry. AlreadyExists when it is there already.
[[nodiscard]] Status register_product_access_log(SourceRegistry& registry);

}  // namespace ec::adapters::product_access_log
