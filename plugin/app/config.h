// Service configuration: the JSON file of DESIGN.md ("listen", "database", "case", "sources",
// platform blocks) or the embedded defaults that point at the bundled demo scenario.
// Loaded once at start; immutable afterwards and safe to share between threads.
#pragma once

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "plugin/copilot/holding_statement.h"
#include "plugin/core/correlation.h"
#include "plugin/core/policy.h"
#include "plugin/core/result.h"

namespace ec::app {

struct CaseConfig {
  std::string ticket;
  std::string subject;
  std::string lead;
  std::string customer;
};

struct Config {
  std::filesystem::path file;       // empty for embedded defaults
  std::filesystem::path base_dir;   // config-relative paths resolve against this
  std::string listen_host = "127.0.0.1";
  int listen_port = 8080;
  std::filesystem::path database;   // SQLite file
  // The durable intake's SQLite file ("intake_database"); empty: derived from `database`, see
  // intake_database_path().
  std::filesystem::path intake_database;
  std::filesystem::path outbox_dir; // the local file sink used by the demo
  std::optional<CaseConfig> case_config;
  nlohmann::json sources = nlohmann::json::object();
  CorrelationOptions correlation;
  std::string security_group;       // platform user ids allowed to acknowledge, comma-separated
  // The security rule file ("policy": {"rules": "rules.json"}), validated at load; the
  // compiled-in default rules when the config names none.
  PolicyRuleSet policy = default_policy_rules();
  // The holding statement ("holding_statement": "... {ticket} ..."), checked by the linter at
  // load; the bundled default when the config names none.
  std::string holding_statement{copilot::kDefaultHoldingStatement};
  nlohmann::json raw = nlohmann::json::object();  // the whole document, for platform blocks
};

// Reads and validates a config file. InvalidArgument naming the file and the field
// ("config.json: listen: expected host:port") when anything is malformed or missing.
[[nodiscard]] Result<Config> load_config(const std::filesystem::path& file);

// The embedded defaults: SQLite under ./data, sources on the bundled scenario, 127.0.0.1:8080.
[[nodiscard]] Result<Config> default_config();

// A secret by environment variable name; nullopt when unset or empty. The one place secrets
// are read from the environment (sources' token_env, the platforms' secrets).
std::optional<std::string> secret_from_environment(std::string_view name);

// How components look secrets up (tests pass a map; `serve` passes secret_from_environment).
using SecretLookup = std::function<std::optional<std::string>(std::string_view)>;

// The folder that holds the bundled scenarios (EC_SCENARIOS_DIR overrides the built-in path).
std::filesystem::path scenarios_dir();

// Parses "sqlite:./data/copilot.db" or a plain path; relative paths resolve against base_dir.
// The intake database file: `intake_database` when set, otherwise `database` with "-intake"
// before its extension (./data/copilot.db -> ./data/copilot-intake.db).
[[nodiscard]] std::filesystem::path intake_database_path(const Config& config);

[[nodiscard]] Result<std::filesystem::path> parse_database_url(const std::string& url,
                                                               const std::filesystem::path& base_dir);

}  // namespace ec::app
