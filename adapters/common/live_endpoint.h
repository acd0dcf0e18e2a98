// The config block of a live source, read the same way for every adapter: "base_url" (an
// https:// origin; plain http only to loopback, for tests) and "token_env" (the name of the
// environment variable holding the credential, read through SourceContext::secret), plus the
// outbound HttpClient the context must offer. The credential is never put in a message.
// Pure functions; thread-safe.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "adapters/common/api_client.h"
#include "plugin/core/evidence_source.h"

namespace ec::adapters::common {

struct LiveEndpoint {
  std::string origin;     // "https://host[:port]", no trailing slash or path
  std::string token;      // the credential (secret)
  std::string token_env;  // the variable it came from, for messages
};

// The origin at config["base_url"] without trailing slashes. InvalidArgument "<label>.base_url:
// expected <service>'s https:// origin, e.g. <example>" when it is missing, not https (or
// loopback http), or carries a path, query or user info.
[[nodiscard]] Result<std::string> read_base_url(const nlohmann::json& config,
                                                std::string_view label, std::string_view service,
                                                std::string_view example);

// InvalidArgument naming the key: "<label>.base_url: expected <service>'s https:// origin, e.g.
// <example>" when base_url is missing, not https (or loopback http), or carries a path, query or
// user info; "<label>.token_env: environment variable X is not set" when the variable is unset
// or empty. FailedPrecondition when context.http is null.
[[nodiscard]] Result<LiveEndpoint> read_live_endpoint(const nlohmann::json& config,
                                                      const SourceContext& context,
                                                      std::string_view service,
                                                      std::string_view example);

// InvalidArgument "<label>: use either base_url + token_env (live API) or <files> (export
// files), not both" when any of `file_keys` is present next to base_url/token_env.
[[nodiscard]] Status require_one_mode(const nlohmann::json& config, std::string_view label,
                                      std::initializer_list<std::string_view> file_keys);

// True when the block asks for live mode (has base_url or token_env).
bool is_live_config(const nlohmann::json& config);

// The context's clock, or the process's system clock when it has none.
const Clock& clock_of(const SourceContext& context);
// `sleep` when set, else std::this_thread::sleep_for.
Sleeper sleeper_or_default(Sleeper sleep);

}  // namespace ec::adapters::common
