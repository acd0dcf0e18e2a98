#include "plugin/app/config.h"

#include <cstdlib>
#include <fstream>
#include <sstream>

namespace ec::app {
namespace {

Error field_error(const Config& config, const std::string& field, const std::string& expected) {
  const std::string where = config.file.empty() ? "embedded defaults" : config.file.string();
  return Error{ErrorCode::InvalidArgument, where + ": " + field + ": " + expected};
}

Status read_listen(const nlohmann::json& doc, Config& config) {
  if (!doc.contains("listen")) return ok_status();
  if (!doc["listen"].is_string()) {
    return std::unexpected(field_error(config, "listen", "expected a string \"host:port\""));
  }
  const std::string listen = doc["listen"].get<std::string>();
  const auto colon = listen.rfind(':');
  if (colon == std::string::npos || colon == 0) {
    return std::unexpected(field_error(config, "listen", "expected \"host:port\", got '" + listen + "'"));
  }
  const std::string port_text = listen.substr(colon + 1);
  char* end = nullptr;
  const long port = std::strtol(port_text.c_str(), &end, 10);
  if (port_text.empty() || *end != '\0' || port < 0 || port > 65535) {
    return std::unexpected(field_error(config, "listen", "port must be 0-65535, got '" + port_text + "'"));
  }
  config.listen_host = listen.substr(0, colon);
  config.listen_port = static_cast<int>(port);
  return ok_status();
}

Status read_case(const nlohmann::json& doc, Config& config) {
  if (!doc.contains("case")) return ok_status();
  const auto& block = doc["case"];
  if (!block.is_object()) return std::unexpected(field_error(config, "case", "expected an object"));
  CaseConfig c;
  for (const auto& [key, target] : {std::pair<const char*, std::string*>{"ticket", &c.ticket},
                                    {"subject", &c.subject},
                                    {"lead", &c.lead},
                                    {"customer", &c.customer}}) {
    if (!block.contains(key)) {
      if (std::string_view(key) == "customer") continue;
      return std::unexpected(field_error(config, std::string("case.") + key, "missing (expected a string)"));
    }
    if (!block[key].is_string() || block[key].get<std::string>().empty()) {
      return std::unexpected(field_error(config, std::string("case.") + key, "expected a non-empty string"));
    }
    *target = block[key].get<std::string>();
  }
  config.case_config = c;
  return ok_status();
}

Status read_correlation(const nlohmann::json& doc, Config& config) {
  if (!doc.contains("correlation")) return ok_status();
  const auto& block = doc["correlation"];
  if (!block.is_object()) {
    return std::unexpected(field_error(config, "correlation", "expected an object"));
  }
  if (block.contains("clock_skew_seconds")) {
    if (!block["clock_skew_seconds"].is_number_integer() || block["clock_skew_seconds"].get<long>() < 0) {
      return std::unexpected(field_error(config, "correlation.clock_skew_seconds",
                                         "expected a non-negative integer"));
    }
    config.correlation.clock_skew = std::chrono::seconds{block["clock_skew_seconds"].get<long>()};
  }
  if (block.contains("service_principals")) {
    const auto& list = block["service_principals"];
    if (!list.is_array()) {
      return std::unexpected(field_error(config, "correlation.service_principals", "expected an array of strings"));
    }
    config.correlation.service_principals.clear();
    for (std::size_t i = 0; i < list.size(); ++i) {
      if (!list[i].is_string()) {
        return std::unexpected(field_error(config, "correlation.service_principals[" + std::to_string(i) + "]",
                                           "expected a string"));
      }
      config.correlation.service_principals.push_back(list[i].get<std::string>());
    }
  }
  return ok_status();
}

// "policy": {"rules": "rules.json"}: the security rule file, relative to the config file. A bad
// file refuses to load, naming the file, the rule and the field.
Status read_policy(const nlohmann::json& doc, Config& config) {
  if (!doc.contains("policy")) return ok_status();
  const auto& block = doc["policy"];
  if (!block.is_object() || !block.contains("rules") || !block["rules"].is_string()) {
    return std::unexpected(field_error(config, "policy.rules", "expected the path of a rule file"));
  }
  std::filesystem::path path = block["rules"].get<std::string>();
  if (path.is_relative()) path = config.base_dir / path;
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return std::unexpected(field_error(config, "policy.rules", "cannot open " + path.string()));
  }
  std::ostringstream text;
  text << in.rdbuf();
  const auto rules_doc = nlohmann::json::parse(text.str(), nullptr, /*allow_exceptions=*/false);
  if (rules_doc.is_discarded()) {
    return std::unexpected(field_error(config, "policy.rules", path.string() + ": not valid JSON"));
  }
  auto rules = parse_policy_rules(rules_doc);
  if (!rules) {
    return std::unexpected(field_error(config, "policy.rules", path.string() + ": " + rules.error().message));
  }
  config.policy = std::move(*rules);
  return ok_status();
}

Result<Config> parse_document(const nlohmann::json& doc, Config config) {
  if (!doc.is_object()) return std::unexpected(field_error(config, "(top level)", "expected a JSON object"));
  config.raw = doc;
  EC_RETURN_IF_ERROR(read_listen(doc, config));
  EC_RETURN_IF_ERROR(read_case(doc, config));
  EC_RETURN_IF_ERROR(read_correlation(doc, config));
  if (doc.contains("database")) {
    if (!doc["database"].is_string()) {
      return std::unexpected(field_error(config, "database", "expected a string like \"sqlite:./data/copilot.db\""));
    }
    auto path = parse_database_url(doc["database"].get<std::string>(), config.base_dir);
    if (!path) return std::unexpected(field_error(config, "database", path.error().message));
    config.database = *path;
  }
  if (doc.contains("intake_database")) {
    if (!doc["intake_database"].is_string()) {
      return std::unexpected(field_error(config, "intake_database", "expected a string like \"sqlite:./data/copilot-intake.db\""));
    }
    auto path = parse_database_url(doc["intake_database"].get<std::string>(), config.base_dir);
    if (!path) return std::unexpected(field_error(config, "intake_database", path.error().message));
    if (*path == config.database) {
      return std::unexpected(field_error(config, "intake_database", "must be a file of its own, not the database file"));
    }
    config.intake_database = *path;
  }
  if (!doc.contains("sources") || !doc["sources"].is_object()) {
    return std::unexpected(field_error(config, "sources", "missing (expected an object of evidence sources)"));
  }
  config.sources = doc["sources"];
  if (doc.contains("outbox_dir")) {
    if (!doc["outbox_dir"].is_string()) {
      return std::unexpected(field_error(config, "outbox_dir", "expected a string path"));
    }
    config.outbox_dir = config.base_dir / doc["outbox_dir"].get<std::string>();
  }
  EC_RETURN_IF_ERROR(read_policy(doc, config));
  if (doc.contains("security_group")) {
    if (!doc["security_group"].is_string()) {
      return std::unexpected(field_error(config, "security_group", "expected a comma-separated string of user ids"));
    }
    config.security_group = doc["security_group"].get<std::string>();
  }
  if (doc.contains("holding_statement")) {
    if (!doc["holding_statement"].is_string()) {
      return std::unexpected(field_error(config, "holding_statement",
                                         "expected a string (\"{ticket}\" names the ticket)"));
    }
    const std::string text = doc["holding_statement"].get<std::string>();
    if (const auto problems = copilot::holding_statement_problems(text); !problems.empty()) {
      std::string all;
      for (const std::string& p : problems) all += (all.empty() ? "" : "; ") + p;
      return std::unexpected(field_error(
          config, "holding_statement",
          "a holding statement must make no claim about exposure: " + all));
    }
    config.holding_statement = text;
  }
  return config;
}

}  // namespace

std::filesystem::path intake_database_path(const Config& config) {
  if (!config.intake_database.empty()) return config.intake_database;
  std::filesystem::path derived = config.database;
  derived.replace_filename(config.database.stem().string() + "-intake" +
                           config.database.extension().string());
  return derived;
}

Result<std::filesystem::path> parse_database_url(const std::string& url,
                                                 const std::filesystem::path& base_dir) {
  std::string path = url;
  if (path.rfind("sqlite:", 0) == 0) {
    path = path.substr(7);
  } else if (path.find("://") != std::string::npos) {
    return make_error(ErrorCode::InvalidArgument,
                      "only sqlite: databases are supported by this build, got '" + url + "'");
  }
  if (path.empty()) return make_error(ErrorCode::InvalidArgument, "empty database path");
  std::filesystem::path p(path);
  if (p.is_relative()) p = base_dir / p;
  return p.lexically_normal();
}

Result<Config> load_config(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    return make_error(ErrorCode::InvalidArgument, file.string() + ": cannot open the config file");
  }
  std::ostringstream text;
  text << in.rdbuf();
  const auto doc = nlohmann::json::parse(text.str(), nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded()) {
    return make_error(ErrorCode::InvalidArgument, file.string() + ": not valid JSON");
  }
  Config config;
  config.file = file;
  config.base_dir = std::filesystem::absolute(file).parent_path();
  config.database = std::filesystem::current_path() / "data" / "copilot.db";
  config.outbox_dir = std::filesystem::current_path() / "data" / "outbox";
  return parse_document(doc, std::move(config));
}

std::filesystem::path scenarios_dir() {
  if (const char* dir = std::getenv("EC_SCENARIOS_DIR"); dir != nullptr && *dir != '\0') {
    return dir;
  }
  return EC_BUILTIN_SCENARIOS_DIR;
}

Result<Config> default_config() {
  const auto scenario = scenarios_dir() / "contractor_after_deprovision" / "config.json";
  auto config = load_config(scenario);
  if (!config) {
    return std::unexpected(config.error().with_context(
        "the embedded defaults read the bundled scenario (set EC_SCENARIOS_DIR to move it)"));
  }
  // Embedded defaults keep state under ./data of the working directory and listen locally.
  config->database = std::filesystem::current_path() / "data" / "copilot.db";
  config->outbox_dir = std::filesystem::current_path() / "data" / "outbox";
  config->listen_host = "127.0.0.1";
  config->listen_port = 8080;
  return config;
}

std::optional<std::string> secret_from_environment(std::string_view name) {
  const std::string key(name);
  const char* value = std::getenv(key.c_str());
  if (value == nullptr || *value == '\0') return std::nullopt;
  return std::string(value);
}

}  // namespace ec::app
