// Fuzz target: the service's config file (operator input, read at start) through load_config and
// every block's loader (Slack, Mattermost, Zendesk replies, PagerDuty, Jira, LLM), with every
// secret set. Properties: nothing throws or crashes; a refusal is InvalidArgument and names the
// config file, as the CLI promises ("config.json: listen: expected host:port"); an accepted file
// has a port in 1..65535.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "plugin/app/config.h"
#include "plugin/app/incident_channels.h"
#include "plugin/app/llm_config.h"
#include "plugin/app/mattermost_settings.h"
#include "plugin/app/slack_settings.h"
#include "plugin/app/zendesk_reply_settings.h"
#include "tests/fuzz/fuzz_check.h"
#include "tests/fuzz/fuzz_support.h"

namespace app = ec::app;

namespace {

// config.json goes next to links to the bundled scenario's files, so that the corpus's relative
// source paths resolve and a config gets past its sources to the platform blocks.
void link_scenario_files() {
  const std::filesystem::path scenario =
      std::filesystem::path(EC_SOURCE_DIR) / "adapters/scenarios/contractor_after_deprovision";
  for (const auto& entry : std::filesystem::directory_iterator(scenario)) {
    if (entry.path().filename() == "config.json") continue;
    std::filesystem::create_symlink(entry.path(),
                                    ec::fuzz::input_folder() / entry.path().filename());
  }
}

std::optional<std::string> every_secret(std::string_view name) {
  return "fuzz-secret-" + std::string(name);
}

template <class T>
void check_refusal(const ec::Result<T>& r) {
  if (r) return;
  FUZZ_CHECK(r.error().code == ec::ErrorCode::InvalidArgument);
  FUZZ_CHECK(r.error().message.find("config.json") != std::string::npos);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const bool linked = (link_scenario_files(), true);
  (void)linked;
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const auto file = ec::fuzz::write_input(input, "config.json");
  const auto config = app::load_config(file);
  check_refusal(config);
  if (!config) return 0;
  FUZZ_CHECK(config->listen_port >= 1 && config->listen_port <= 65535);
  const app::SecretLookup secrets = every_secret;
  check_refusal(app::load_slack_settings(*config, secrets));
  check_refusal(app::load_mattermost_settings(*config, secrets));
  check_refusal(app::load_zendesk_reply_settings(*config, secrets));
  check_refusal(app::pagerduty_config(*config, secrets));
  check_refusal(app::jira_config(*config, secrets));
  check_refusal(app::load_llm_settings(*config));
  return 0;
}
