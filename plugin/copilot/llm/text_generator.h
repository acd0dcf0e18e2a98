// TextGenerator: the interface through which the copilot words a customer-facing draft in a
// tone. Two implementations: DeterministicComposer (the default; no model needed) and
// ChatCompletionsGenerator (an OpenAI-compatible chat-completions endpoint over HTTPS). A
// generator only ever sees minimized text (placeholders) and the claims the base draft cites;
// its output is never trusted: compose_checked() (composition.h) grounds and lints it.
// Implementations must be safe to call from one thread at a time per instance.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "plugin/core/draft.h"
#include "plugin/core/finding.h"
#include "plugin/core/result.h"

namespace ec::copilot::llm {

enum class Tone { Careful, ExecutiveBrief, PlainLanguage };
std::string_view tone_name(Tone tone);  // "careful", "executive-brief", "plain-language"
[[nodiscard]] Result<Tone> parse_tone(std::string_view name);

struct CompositionRequest {
  Tone tone = Tone::Careful;
  const DraftVersion* base = nullptr;         // minimized; the claims it cites are the allowed ones
  const std::vector<Finding>* claims = nullptr;  // the case's claims (statements minimized)
};

struct ComposedStatement {
  Section section = Section::Body;
  std::string text;
  std::vector<std::string> claims;  // finding ids the statement states
};

struct Composition {
  std::vector<ComposedStatement> statements;
  std::string generator;                              // "deterministic", "chat:<model>"
  nlohmann::json trace = nlohmann::json::object();    // attempts, statuses, prompt digest
};

class TextGenerator {
 public:
  virtual ~TextGenerator() = default;
  TextGenerator() = default;
  TextGenerator(const TextGenerator&) = delete;
  TextGenerator& operator=(const TextGenerator&) = delete;

  virtual std::string_view name() const = 0;
  // Words `request.base` in `request.tone`.
  // @return Unavailable when the model cannot be reached or keeps failing (5xx, 429 after the
  //   retries); DeadlineExceeded on timeout; InvalidArgument when the reply is malformed.
  [[nodiscard]] virtual Result<Composition> compose(const CompositionRequest& request) = 0;
};
using TextGeneratorPtr = std::unique_ptr<TextGenerator>;

}  // namespace ec::copilot::llm
