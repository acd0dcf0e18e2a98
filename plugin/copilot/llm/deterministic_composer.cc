#include "plugin/copilot/llm/deterministic_composer.h"

#include <array>

#include "plugin/copilot/text_util.h"
#include "plugin/core/enum_names.h"
#include "plugin/core/grounding.h"

namespace ec::copilot::llm {
namespace {

constexpr std::array<std::pair<Tone, std::string_view>, 3> kTones{{
    {Tone::Careful, "careful"},
    {Tone::ExecutiveBrief, "executive-brief"},
    {Tone::PlainLanguage, "plain-language"},
}};

constexpr std::array<std::string_view, 6> kIntensifiers{"definitely ", "certainly ", "clearly ",
                                                         "absolutely ", "obviously ", "fully "};

// Replaces every case-insensitive occurrence of `from` by `to`, leaving placeholders alone
// (placeholders are upper case inside <>, jargon is never inside them).
std::string replace_all(std::string text, std::string_view from, std::string_view to) {
  std::size_t pos = 0;
  while ((pos = ifind(text, from, pos)) != std::string::npos) {
    std::string replacement(to);
    if (pos == 0 || (pos >= 2 && text[pos - 2] == '.')) {
      if (!replacement.empty()) replacement[0] = static_cast<char>(std::toupper(replacement[0]));
    }
    text.replace(pos, from.size(), replacement);
    pos += replacement.size();
  }
  return text;
}

std::string careful(const Statement& s) {
  std::string text = s.text;
  for (std::string_view w : kIntensifiers) text = replace_all(text, w, "");
  if (s.section == Section::BeingVerified && !is_hedged(text)) {
    text = "We are still verifying the following and have not concluded it: " + text;
  }
  return text;
}

std::string first_sentence(const Statement& s) {
  const auto spans = sentence_spans(s.text);
  if (spans.size() < 2) return s.text;
  std::string first(trim(std::string_view(s.text).substr(spans[0].begin,
                                                          spans[0].end - spans[0].begin)));
  // Shortening must not strip the hedge or the ruled-out marker the statement relied on.
  if (is_hedged(s.text) && !is_hedged(first)) return s.text;
  if (marks_ruled_out(s.text) && !marks_ruled_out(first)) return s.text;
  return first;
}

std::string plain(const Statement& s) {
  std::string text = s.text;
  for (const auto& [jargon, simple] : plain_language_table()) {
    text = replace_all(text, jargon, simple);
  }
  return text;
}

}  // namespace

std::string_view tone_name(Tone tone) { return enum_names::name_of(kTones, tone); }
Result<Tone> parse_tone(std::string_view name) {
  for (const auto& [tone, known] : kTones) {
    if (known == name) return tone;
  }
  return make_error(ErrorCode::InvalidArgument,
                    "tone: expected careful, executive-brief or plain-language, got \"" +
                        std::string(name) + "\"");
}

const std::vector<std::pair<std::string_view, std::string_view>>& plain_language_table() {
  static const std::vector<std::pair<std::string_view, std::string_view>> kTable{
      {"presigned URLs", "temporary download links"},
      {"presigned URL", "temporary download link"},
      {"presigned link", "temporary download link"},
      {"deprovisioning", "removal of access"},
      {"deprovisioned", "removed from access"},
      {"identity provider", "sign-in system"},
      {"storage logs", "file access records"},
      {"access logs", "access records"},
      {"credentials", "sign-in keys"},
      {"credential", "sign-in key"},
      {"attributed to", "linked to"},
  };
  return kTable;
}

Result<Composition> DeterministicComposer::compose(const CompositionRequest& request) {
  Composition out;
  out.generator = "deterministic";
  int next_steps = 0;
  for (const Statement& s : request.base->statements) {
    std::string text;
    switch (request.tone) {
      case Tone::Careful:
        text = careful(s);
        break;
      case Tone::ExecutiveBrief:
        if (s.section == Section::NextSteps && ++next_steps > 2) continue;
        text = first_sentence(s);
        break;
      case Tone::PlainLanguage:
        text = plain(s);
        break;
    }
    out.statements.push_back({s.section, std::move(text), s.findings});
  }
  out.trace = {{"generator", "deterministic"}, {"tone", tone_name(request.tone)}};
  return out;
}

}  // namespace ec::copilot::llm
