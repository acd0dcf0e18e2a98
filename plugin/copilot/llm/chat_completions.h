// ChatCompletionsGenerator: a TextGenerator over an OpenAI-compatible chat-completions endpoint
// (hosted APIs, vLLM, llama.cpp's server, Ollama): POST {base_url}/chat/completions with a
// system and a user message, JSON reply mode, temperature 0. Outbound HTTP goes through core's
// HttpClient (HTTPS; plain http only to loopback). Retries 429 (honouring Retry-After, seconds;
// a Retry-After beyond max_backoff ends the attempts) and 5xx with exponential backoff up to
// max_attempts; a timeout, a 4xx or a malformed reply is not retried. The prompt holds only the minimized draft and claims it is given; the API key
// goes in the Authorization header and is never logged or traced. One call at a time per
// instance; the HttpClient must outlive it.
#pragma once

#include <chrono>
#include <functional>
#include <string>

#include "plugin/copilot/llm/text_generator.h"
#include "plugin/core/http_client.h"

namespace ec::copilot::llm {

struct ChatCompletionsOptions {
  std::string base_url;   // "https://api.openai.com/v1", "http://127.0.0.1:11434/v1"
  std::string model;
  std::string api_key;    // the value (from the env var the config names); empty: no header
  std::chrono::milliseconds timeout{30'000};
  int max_attempts = 3;   // including the first
  std::chrono::milliseconds initial_backoff{500};
  std::chrono::milliseconds max_backoff{8'000};
};

// How the generator waits between attempts; tests pass one that records instead of sleeping.
using Sleeper = std::function<void(std::chrono::milliseconds)>;

class ChatCompletionsGenerator final : public TextGenerator {
 public:
  ChatCompletionsGenerator(HttpClient& http, ChatCompletionsOptions options, Sleeper sleeper = {});

  std::string_view name() const override { return name_; }
  [[nodiscard]] Result<Composition> compose(const CompositionRequest& request) override;

 private:
  HttpClient& http_;
  ChatCompletionsOptions options_;
  Sleeper sleeper_;
  std::string name_;
};

// The chat messages for a request (system, user), exposed for tests and docs.
nlohmann::json chat_messages(const CompositionRequest& request);

// Parses a chat-completions response body into statements. InvalidArgument naming what is
// wrong (not JSON, no choices[0].message.content, content not the expected JSON, unknown section).
[[nodiscard]] Result<std::vector<ComposedStatement>> parse_chat_reply(const std::string& body);

}  // namespace ec::copilot::llm
