// The optional "llm" config block: which TextGenerator words drafts. Without the block (or with
// "provider": "deterministic") the deterministic composer is used. With
// "provider": "chat_completions" an OpenAI-compatible endpoint is used:
//   "llm": { "provider": "chat_completions", "base_url": "https://api.example/v1",
//            "model": "gpt-4o-mini", "api_key_env": "LLM_API_KEY", "timeout_ms": 30000,
//            "max_attempts": 3, "initial_backoff_ms": 500 }
// The key is read from the environment variable named by api_key_env (default LLM_API_KEY);
// "api_key_env": "" means no key (local servers). A missing key disables the model with a
// log line; the deterministic composer is used. Read once at start; immutable.
#pragma once

#include <chrono>
#include <memory>
#include <string>

#include "plugin/app/config.h"
#include "plugin/copilot/llm/chat_completions.h"
#include "plugin/core/http_client.h"

namespace ec::app {

struct LlmSettings {
  bool enabled = false;                       // chat_completions configured and its key present
  copilot::llm::ChatCompletionsOptions chat;  // api_key filled from the environment
  std::string api_key_env = "LLM_API_KEY";
  std::string disabled_reason;                // why a configured model is not used
};

// InvalidArgument naming the file and field ("config.json: llm.base_url: ...") when malformed.
[[nodiscard]] Result<LlmSettings> load_llm_settings(const Config& config);

// The chat-completions generator when enabled, else null (the service then uses the
// deterministic composer). `http` must outlive the generator.
std::unique_ptr<copilot::llm::TextGenerator> make_text_generator(const LlmSettings& settings,
                                                                  HttpClient& http);

}  // namespace ec::app
