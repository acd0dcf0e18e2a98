#include "plugin/app/llm_config.h"

#include <spdlog/spdlog.h>

#include <cstdint>
#include <cstdlib>

namespace ec::app {
namespace {

Result<std::int64_t> positive(const nlohmann::json& block, const char* key, std::int64_t fallback,
                              const std::string& where) {
  if (!block.contains(key)) return fallback;
  const auto& v = block[key];
  if (!v.is_number_integer() || v.get<std::int64_t>() <= 0) {
    return make_error(ErrorCode::InvalidArgument,
                      where + key + ": expected a positive integer");
  }
  return v.get<std::int64_t>();
}

Result<std::string> text(const nlohmann::json& block, const char* key, const std::string& where,
                         bool required, std::string fallback = {}) {
  if (!block.contains(key)) {
    if (required) return make_error(ErrorCode::InvalidArgument, where + key + ": missing");
    return fallback;
  }
  if (!block[key].is_string()) {
    return make_error(ErrorCode::InvalidArgument, where + key + ": expected a string");
  }
  return block[key].get<std::string>();
}

}  // namespace

Result<LlmSettings> load_llm_settings(const Config& config) {
  LlmSettings settings;
  if (!config.raw.is_object() || !config.raw.contains("llm")) return settings;
  const std::string where = (config.file.empty() ? std::string("config") : config.file.string()) +
                            ": llm.";
  const auto& block = config.raw["llm"];
  if (!block.is_object()) {
    return make_error(ErrorCode::InvalidArgument, where.substr(0, where.size() - 1) +
                                                      ": expected an object");
  }
  auto provider = text(block, "provider", where, false, "deterministic");
  if (!provider) return std::unexpected(provider.error());
  if (*provider == "deterministic") return settings;
  if (*provider != "chat_completions") {
    return make_error(ErrorCode::InvalidArgument,
                      where + "provider: expected deterministic or chat_completions, got \"" +
                          *provider + "\"");
  }
  auto base_url = text(block, "base_url", where, true);
  if (!base_url) return std::unexpected(base_url.error());
  if (!base_url->starts_with("https://") && !base_url->starts_with("http://127.0.0.1") &&
      !base_url->starts_with("http://localhost")) {
    return make_error(ErrorCode::InvalidArgument,
                      where + "base_url: expected https://… (plain http only to loopback)");
  }
  auto model = text(block, "model", where, true);
  if (!model) return std::unexpected(model.error());
  auto key_env = text(block, "api_key_env", where, false, "LLM_API_KEY");
  if (!key_env) return std::unexpected(key_env.error());
  auto timeout = positive(block, "timeout_ms", 30'000, where);
  if (!timeout) return std::unexpected(timeout.error());
  auto attempts = positive(block, "max_attempts", 3, where);
  if (!attempts) return std::unexpected(attempts.error());
  auto backoff = positive(block, "initial_backoff_ms", 500, where);
  if (!backoff) return std::unexpected(backoff.error());

  settings.chat.base_url = *base_url;
  settings.chat.model = *model;
  settings.chat.timeout = std::chrono::milliseconds(*timeout);
  settings.chat.max_attempts = static_cast<int>(*attempts);
  settings.chat.initial_backoff = std::chrono::milliseconds(*backoff);
  settings.api_key_env = *key_env;
  settings.enabled = true;
  if (!key_env->empty()) {
    const char* key = std::getenv(key_env->c_str());
    if (key == nullptr || *key == '\0') {
      settings.enabled = false;
      settings.disabled_reason = "environment variable " + *key_env + " is not set";
      spdlog::warn("llm: {}; drafts are worded by the deterministic composer",
                   settings.disabled_reason);
    } else {
      settings.chat.api_key = key;
    }
  }
  return settings;
}

std::unique_ptr<copilot::llm::TextGenerator> make_text_generator(const LlmSettings& settings,
                                                                  HttpClient& http) {
  if (!settings.enabled) return nullptr;
  return std::make_unique<copilot::llm::ChatCompletionsGenerator>(http, settings.chat);
}

}  // namespace ec::app
