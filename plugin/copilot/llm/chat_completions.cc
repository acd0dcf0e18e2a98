#include "plugin/copilot/llm/chat_completions.h"

#include <algorithm>
#include <thread>

#include "plugin/core/hash.h"

namespace ec::copilot::llm {
namespace {

constexpr char kSystemPrompt[] =
    "You reword customer-facing updates for a support team handling a sensitive security "
    "escalation. Rules: (1) Keep every statement in its section: confirmed, being_verified or "
    "next_steps. (2) Each statement lists the claim ids it states; cite only ids given to you, "
    "never invent a claim, a number, a date or a name. (3) Only claims with status confirmed may "
    "be stated as fact. A hypothesis or unverified claim may appear only in being_verified and "
    "only hedged (\"we are still verifying whether ...\"). A refuted claim may only be described "
    "as ruled out. (4) A statement with no claim must not assert a fact: it may hedge, thank, or "
    "state who owns a next step and by when. (5) Keep placeholders such as <EMAIL_1> exactly as "
    "written. (6) Never use the words breach, root cause, guarantee, or blame anyone. "
    "Reply with one JSON object only: {\"statements\": [{\"section\": \"confirmed\", \"text\": "
    "\"...\", \"claims\": [\"F1\"]}]}.";

std::string tone_instruction(Tone tone) {
  switch (tone) {
    case Tone::Careful:
      return "careful: precise, calm, no intensifiers, every uncertainty stated as such";
    case Tone::ExecutiveBrief:
      return "executive-brief: as few and as short statements as possible, same facts";
    case Tone::PlainLanguage:
      return "plain-language: short sentences, no jargon (say temporary download link, not "
             "presigned URL)";
  }
  return "careful";
}

std::string strip_fences(std::string text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return text;
  if (text.compare(first, 3, "```") != 0) return text;
  const auto body = text.find('\n', first);
  const auto close = text.rfind("```");
  if (body == std::string::npos || close <= body) return text;
  return text.substr(body + 1, close - body - 1);
}


}  // namespace

nlohmann::json chat_messages(const CompositionRequest& request) {
  nlohmann::json statements = nlohmann::json::array();
  for (const Statement& s : request.base->statements) {
    statements.push_back(
        {{"section", section_name(s.section)}, {"text", s.text}, {"claims", s.findings}});
  }
  nlohmann::json claims = nlohmann::json::array();
  if (request.claims != nullptr) {
    for (const Finding& f : *request.claims) {
      claims.push_back({{"id", f.id},
                        {"status", finding_status_name(f.status)},
                        {"statement", f.statement}});
    }
  }
  const nlohmann::json user = {{"tone", tone_instruction(request.tone)},
                               {"draft", statements},
                               {"claims", claims}};
  return nlohmann::json::array(
      {{{"role", "system"}, {"content", kSystemPrompt}},
       {{"role", "user"},
        {"content", canonical_json(user)}}});
}

Result<std::vector<ComposedStatement>> parse_chat_reply(const std::string& body) {
  const auto reply = nlohmann::json::parse(body, nullptr, false);
  if (reply.is_discarded()) {
    return make_error(ErrorCode::InvalidArgument, "chat reply: the body is not JSON");
  }
  const auto* content = [&]() -> const nlohmann::json* {
    if (!reply.is_object() || !reply.contains("choices") || !reply["choices"].is_array() ||
        reply["choices"].empty()) {
      return nullptr;
    }
    const auto& choice = reply["choices"][0];
    if (!choice.is_object() || !choice.contains("message") || !choice["message"].is_object()) {
      return nullptr;
    }
    const auto it = choice["message"].find("content");
    return it != choice["message"].end() && it->is_string() ? &*it : nullptr;
  }();
  if (content == nullptr) {
    return make_error(ErrorCode::InvalidArgument,
                      "chat reply: no string at choices[0].message.content");
  }
  const auto parsed = nlohmann::json::parse(strip_fences(content->get<std::string>()), nullptr, false);
  if (parsed.is_discarded() || !parsed.is_object() || !parsed.contains("statements") ||
      !parsed["statements"].is_array()) {
    return make_error(ErrorCode::InvalidArgument,
                      "chat reply: the content is not a JSON object with a \"statements\" array");
  }
  std::vector<ComposedStatement> out;
  for (std::size_t i = 0; i < parsed["statements"].size(); ++i) {
    const auto& s = parsed["statements"][i];
    const std::string where = "chat reply: statements[" + std::to_string(i) + "]";
    if (!s.is_object() || !s.contains("text") || !s["text"].is_string() ||
        !s.contains("section") || !s["section"].is_string()) {
      return make_error(ErrorCode::InvalidArgument, where + ": needs string section and text");
    }
    auto section = parse_section(s["section"].get<std::string>());
    if (!section) return make_error(ErrorCode::InvalidArgument, where + ": " + section.error().message);
    ComposedStatement c{*section, s["text"].get<std::string>(), {}};
    if (s.contains("claims") && s["claims"].is_array()) {
      for (const auto& id : s["claims"]) {
        if (id.is_string()) c.claims.push_back(id.get<std::string>());
      }
    }
    out.push_back(std::move(c));
  }
  return out;
}

ChatCompletionsGenerator::ChatCompletionsGenerator(HttpClient& http,
                                                   ChatCompletionsOptions options,
                                                   Sleeper sleeper)
    : http_(http),
      options_(std::move(options)),
      sleeper_(sleeper ? std::move(sleeper)
                       : Sleeper([](std::chrono::milliseconds d) { std::this_thread::sleep_for(d); })),
      name_("chat:" + options_.model) {}

Result<Composition> ChatCompletionsGenerator::compose(const CompositionRequest& request) {
  const nlohmann::json messages = chat_messages(request);
  const nlohmann::json body = {{"model", options_.model},
                               {"temperature", 0},
                               {"response_format", {{"type", "json_object"}}},
                               {"messages", messages}};
  HttpRequest http_request;
  http_request.method = "POST";
  std::string base = options_.base_url;
  while (!base.empty() && base.back() == '/') base.pop_back();
  http_request.url = base + "/chat/completions";
  http_request.headers = {{"Content-Type", "application/json"}, {"Accept", "application/json"}};
  if (!options_.api_key.empty()) {
    http_request.headers.emplace_back("Authorization", "Bearer " + options_.api_key);
  }
  http_request.body = canonical_json(body);
  http_request.timeout = options_.timeout;

  Composition out;
  out.generator = name_;
  out.trace = {{"generator", name_},
               {"model", options_.model},
               {"prompt_sha256", sha256_hex(http_request.body)},
               {"messages", messages},
               {"attempts", nlohmann::json::array()}};
  std::chrono::milliseconds backoff = options_.initial_backoff;
  std::string last_failure;
  for (int attempt = 1; attempt <= std::max(1, options_.max_attempts); ++attempt) {
    auto response = http_.send(http_request);
    if (!response) {
      out.trace["attempts"].push_back({{"error", response.error().message}});
      return std::unexpected(response.error().with_context("chat completions"));
    }
    out.trace["attempts"].push_back({{"status", response->status}});
    if (response->status == 200) {
      auto statements = parse_chat_reply(response->body);
      if (!statements) return std::unexpected(statements.error());
      out.statements = std::move(*statements);
      return out;
    }
    last_failure = "HTTP " + std::to_string(response->status);
    const bool retryable = response->status == 429 || response->status >= 500;
    if (!retryable) break;
    if (attempt == options_.max_attempts) break;
    std::chrono::milliseconds wait = backoff;
    if (response->status == 429) {
      if (auto hinted = retry_after(*response, SystemClock().now())) {
        // Retrying before the server allows it only earns another 429: give up instead.
        if (*hinted > options_.max_backoff) {
          last_failure += " with Retry-After " + std::to_string(hinted->count() / 1000) +
                          " s, longer than the maximum backoff";
          break;
        }
        wait = *hinted;
      }
    }
    wait = std::min(wait, options_.max_backoff);
    out.trace["attempts"].back()["waited_ms"] = wait.count();
    sleeper_(wait);
    backoff = std::min(backoff * 2, options_.max_backoff);
  }
  return make_error(ErrorCode::Unavailable,
                    "chat completions at " + http_request.url + " failed: " + last_failure +
                        " after " + std::to_string(out.trace["attempts"].size()) + " attempt(s)");
}

}  // namespace ec::copilot::llm
