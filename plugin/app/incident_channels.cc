#include "plugin/app/incident_channels.h"

#include <spdlog/spdlog.h>

#include <memory>
#include <utility>

namespace ec::app {
namespace {

using nlohmann::json;

Error field_error(const Config& config, const std::string& field, const std::string& what) {
  const std::string where = config.file.empty() ? "config" : config.file.string();
  return Error{ErrorCode::InvalidArgument, where + ": " + field + ": " + what};
}

// Reads an optional string member into `out`; InvalidArgument when present but not a string.
Status read_string(const Config& config, const json& block, const std::string& prefix,
                   const char* key, std::string& out, bool required = false) {
  const auto found = block.find(key);
  if (found == block.end()) {
    if (required) return std::unexpected(field_error(config, prefix + "." + key, "is required"));
    return {};
  }
  if (!found->is_string() || (required && found->get_ref<const std::string&>().empty())) {
    return std::unexpected(field_error(config, prefix + "." + key, "expected a non-empty string"));
  }
  out = found->get<std::string>();
  return {};
}

Result<const json*> block_of(const Config& config, const char* name) {
  const auto found = config.raw.find(name);
  if (found == config.raw.end() || found->is_null()) return static_cast<const json*>(nullptr);
  if (!found->is_object()) return std::unexpected(field_error(config, name, "expected an object"));
  return &*found;
}

Result<std::optional<std::string>> secret_named(const Config& config, const json& block,
                                                const std::string& prefix, const char* key,
                                                std::string default_name,
                                                const SecretLookup& secret) {
  std::string name = std::move(default_name);
  EC_RETURN_IF_ERROR(read_string(config, block, prefix, key, name));
  auto value = secret(name);
  if (!value) {
    spdlog::warn("{}: environment variable {} is not set; the {} channel is disabled", prefix,
                 name, prefix);
  }
  return value;
}

}  // namespace

Result<std::optional<delivery::PagerDutyConfig>> pagerduty_config(const Config& config,
                                                                  const SecretLookup& secret) {
  auto block = block_of(config, "pagerduty");
  if (!block) return std::unexpected(block.error());
  if (*block == nullptr) return std::optional<delivery::PagerDutyConfig>();
  const json& b = **block;
  delivery::PagerDutyConfig out;
  EC_RETURN_IF_ERROR(read_string(config, b, "pagerduty", "events_url", out.events_url));
  EC_RETURN_IF_ERROR(read_string(config, b, "pagerduty", "source", out.source));
  EC_RETURN_IF_ERROR(read_string(config, b, "pagerduty", "component", out.component));
  EC_RETURN_IF_ERROR(read_string(config, b, "pagerduty", "group", out.group));
  EC_RETURN_IF_ERROR(read_string(config, b, "pagerduty", "case_url", out.case_url));
  auto key = secret_named(config, b, "pagerduty", "routing_key_env", "PAGERDUTY_ROUTING_KEY",
                          secret);
  if (!key) return std::unexpected(key.error());
  if (!*key) return std::optional<delivery::PagerDutyConfig>();
  out.routing_key = std::move(**key);
  return std::optional(std::move(out));
}

Result<std::optional<delivery::JiraConfig>> jira_config(const Config& config,
                                                        const SecretLookup& secret) {
  auto block = block_of(config, "jira");
  if (!block) return std::unexpected(block.error());
  if (*block == nullptr) return std::optional<delivery::JiraConfig>();
  const json& b = **block;
  delivery::JiraConfig out;
  EC_RETURN_IF_ERROR(read_string(config, b, "jira", "base_url", out.base_url, true));
  EC_RETURN_IF_ERROR(read_string(config, b, "jira", "email", out.email, true));
  EC_RETURN_IF_ERROR(read_string(config, b, "jira", "project", out.project_key, true));
  EC_RETURN_IF_ERROR(read_string(config, b, "jira", "issue_type", out.issue_type));
  if (const auto labels = b.find("labels"); labels != b.end()) {
    if (!labels->is_array()) {
      return std::unexpected(field_error(config, "jira.labels", "expected an array of strings"));
    }
    out.labels.clear();
    for (const auto& label : *labels) {
      if (!label.is_string() || label.get_ref<const std::string&>().empty() ||
          label.get_ref<const std::string&>().find(' ') != std::string::npos) {
        return std::unexpected(
            field_error(config, "jira.labels", "expected non-empty strings without spaces"));
      }
      out.labels.push_back(label.get<std::string>());
    }
  }
  if (const auto priority = b.find("priority"); priority != b.end()) {
    if (!priority->is_object()) {
      return std::unexpected(field_error(config, "jira.priority",
                                         "expected an object of severity -> priority name"));
    }
    for (const auto& [severity, name] : priority->items()) {
      if (!parse_severity(severity) || !name.is_string()) {
        return std::unexpected(field_error(config, "jira.priority." + severity,
                                           "expected a severity (low, medium, high, critical) "
                                           "mapped to a priority name"));
      }
      out.priority_by_severity[severity] = name.get<std::string>();
    }
  }
  auto token = secret_named(config, b, "jira", "token_env", "JIRA_API_TOKEN", secret);
  if (!token) return std::unexpected(token.error());
  if (!*token) return std::optional<delivery::JiraConfig>();
  out.api_token = std::move(**token);
  return std::optional(std::move(out));
}

Result<std::vector<OutboundChannelPtr>> build_incident_channels(const Config& config,
                                                                HttpClient& http,
                                                                const Clock& clock,
                                                                const SecretLookup& secret) {
  std::vector<OutboundChannelPtr> channels;
  auto pagerduty = pagerduty_config(config, secret);
  if (!pagerduty) return std::unexpected(pagerduty.error());
  if (*pagerduty) {
    channels.push_back(
        std::make_unique<delivery::PagerDutyChannel>(std::move(**pagerduty), http, clock));
  }
  auto jira = jira_config(config, secret);
  if (!jira) return std::unexpected(jira.error());
  if (*jira) {
    channels.push_back(std::make_unique<delivery::JiraChannel>(std::move(**jira), http, clock));
  }
  return channels;
}

}  // namespace ec::app
