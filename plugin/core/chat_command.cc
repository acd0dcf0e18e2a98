#include "plugin/core/chat_command.h"

#include <array>
#include <cctype>
#include <utility>

namespace ec {
namespace {

struct VerbInfo {
  CommandVerb verb;
  std::string_view name;
  std::string_view usage;
};

constexpr std::array<VerbInfo, 11> kVerbs{{
    {CommandVerb::Open, "open", "open <ticket> [@lead] [subject <login|email>]"},
    {CommandVerb::Summary, "summary", "summary"},
    {CommandVerb::Evidence, "evidence", "evidence [source]"},
    {CommandVerb::Compare, "compare", "compare"},
    {CommandVerb::Questions, "questions",
     "questions [add <owner> <text> | answer <Q#> <text> [E1, E2] | assign <Q#> <owner>]"},
    {CommandVerb::Draft, "draft", "draft update|handoff|holding"},
    {CommandVerb::Rewrite, "rewrite", "rewrite <draft> <tone>"},
    {CommandVerb::CaseStatus, "status", "status"},
    {CommandVerb::Timeline, "timeline", "timeline"},
    {CommandVerb::Reveal, "reveal", "reveal <placeholder> <reason>"},
    {CommandVerb::Help, "help", "help"},
}};

const VerbInfo& info(CommandVerb verb) {
  for (const VerbInfo& v : kVerbs) {
    if (v.verb == verb) return v;
  }
  return kVerbs.back();
}

// Splits on white space, keeping the byte offset where each word starts.
std::vector<std::pair<std::string_view, std::size_t>> split_words(std::string_view text) {
  std::vector<std::pair<std::string_view, std::size_t>> words;
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i]))) ++i;
    const std::size_t start = i;
    while (i < text.size() && !std::isspace(static_cast<unsigned char>(text[i]))) ++i;
    if (i > start) words.emplace_back(text.substr(start, i - start), start);
  }
  return words;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

std::string trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return std::string(s);
}

std::unexpected<Error> usage_error(CommandVerb verb, std::string_view problem) {
  return make_error(ErrorCode::InvalidArgument,
                    std::string(problem) + ". Usage: " + std::string(info(verb).usage));
}

// A login, email or IdP id: letters, digits and - _ . @ + (at most 254, an email's limit).
bool is_subject_value(std::string_view word) {
  if (word.empty() || word.size() > 254) return false;
  for (const char c : word) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_' && c != '.' &&
        c != '@' && c != '+') {
      return false;
    }
  }
  return true;
}

bool is_token(std::string_view word) {
  if (word.empty() || word.size() > 64) return false;
  for (const char c : word) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_' && c != '.') {
      return false;
    }
  }
  return true;
}

bool is_owner(std::string_view word) {
  return word == "support" || word == "engineering" || word == "security";
}

// "Q2" (gathered) or "QL1" (a lead's own question), any case.
bool is_question_id(std::string_view word) {
  if (word.size() < 2 || (word[0] != 'Q' && word[0] != 'q')) return false;
  const std::size_t digits = (word[1] == 'L' || word[1] == 'l') ? 2 : 1;
  if (word.size() <= digits) return false;
  for (std::size_t i = digits; i < word.size(); ++i) {
    if (!std::isdigit(static_cast<unsigned char>(word[i]))) return false;
  }
  return true;
}

bool is_case_id(std::string_view word) {
  return word.size() > 5 && word.substr(0, 5) == "CASE-" && is_token(word);
}

// "@U123" -> "U123"; anything else is not a mention.
std::optional<std::string> mention(std::string_view word) {
  if (word.size() < 2 || word[0] != '@') return std::nullopt;
  word.remove_prefix(1);
  if (!is_token(word)) return std::nullopt;
  return std::string(word);
}

// Takes a trailing evidence list "[E7, E9]" (commas and/or spaces) off `text`; none: empty.
Result<std::vector<std::string>> split_evidence_list(std::string& text) {
  std::vector<std::string> ids;
  if (text.empty() || text.back() != ']') return ids;
  const std::size_t open = text.rfind('[');
  if (open == std::string::npos) {
    return make_error(ErrorCode::InvalidArgument, "the evidence list has no opening '['");
  }
  std::string list = text.substr(open + 1, text.size() - open - 2);
  for (char& c : list) {
    if (c == ',') c = ' ';
  }
  for (const auto& [word, at] : split_words(list)) {
    (void)at;
    if (!is_token(word)) {
      return make_error(ErrorCode::InvalidArgument,
                        "'" + std::string(word) + "' is not an evidence id like E7");
    }
    ids.emplace_back(word);
  }
  if (ids.empty()) {
    return make_error(ErrorCode::InvalidArgument, "the evidence list [] names no evidence id");
  }
  text = trim(std::string_view(text).substr(0, open));
  return ids;
}

using Words = std::vector<std::pair<std::string_view, std::size_t>>;

// The text from word `index` to the end, as typed (inner spacing kept).
std::string rest_from(std::string_view text, const Words& words, std::size_t index) {
  if (index >= words.size()) return {};
  return trim(text.substr(words[index].second));
}

Result<ChatCommand> parse_questions(ChatCommand cmd, std::string_view text, const Words& w) {
  if (w.size() == 1) return cmd;
  const std::string action = lower(w[1].first);
  if (action == "add") {
    if (w.size() < 4 || !is_owner(lower(w[2].first))) {
      return usage_error(CommandVerb::Questions,
                         "questions add needs an owner (support, engineering or security) and "
                         "the question");
    }
    cmd.question_action = QuestionAction::Add;
    cmd.owner = lower(w[2].first);
    cmd.text = rest_from(text, w, 3);
    return cmd;
  }
  if (action == "answer" || action == "assign") {
    if (w.size() < 4 || !is_question_id(w[2].first)) {
      return usage_error(CommandVerb::Questions,
                         "questions " + action + " needs a question id like Q2 or QL1 and " +
                             (action == "answer" ? "the answer" : "an owner"));
    }
    cmd.question_id = upper(w[2].first);
    if (action == "answer") {
      cmd.question_action = QuestionAction::Answer;
      cmd.text = rest_from(text, w, 3);
      auto cited = split_evidence_list(cmd.text);
      if (!cited) return usage_error(CommandVerb::Questions, cited.error().message);
      cmd.evidence = std::move(*cited);
      if (cmd.text.empty()) {
        return usage_error(CommandVerb::Questions, "questions answer needs the answer text");
      }
      return cmd;
    }
    if (w.size() != 4 || !is_owner(lower(w[3].first))) {
      return usage_error(CommandVerb::Questions,
                         "questions assign needs one owner: support, engineering or security");
    }
    cmd.question_action = QuestionAction::Assign;
    cmd.owner = lower(w[3].first);
    return cmd;
  }
  return usage_error(CommandVerb::Questions, "unknown questions action '" + std::string(w[1].first) + "'");
}

Result<ChatCommand> parse_verb(ChatCommand cmd, std::string_view text, const Words& w) {
  const std::size_t n = w.size();
  switch (cmd.verb) {
    case CommandVerb::Open: {
      if (n < 2 || !is_token(w[1].first)) return usage_error(cmd.verb, "open needs a ticket id");
      cmd.ticket = std::string(w[1].first);
      std::size_t i = 2;
      if (i < n && lower(w[i].first) != "subject") {
        auto lead = mention(w[i].first);
        if (!lead) return usage_error(cmd.verb, "the lead must be a mention like @dana");
        cmd.lead = *lead;
        ++i;
      }
      if (i < n) {
        if (lower(w[i].first) != "subject" || i + 2 != n || !is_subject_value(w[i + 1].first)) {
          return usage_error(cmd.verb,
                             "after the ticket and lead, open takes only \"subject\" and one "
                             "login or email");
        }
        cmd.subject = std::string(w[i + 1].first);
      }
      return cmd;
    }
    case CommandVerb::Evidence:
      if (n > 2 || (n == 2 && !is_token(w[1].first))) {
        return usage_error(cmd.verb, "evidence takes at most one source name");
      }
      if (n == 2) cmd.source = lower(w[1].first);
      return cmd;
    case CommandVerb::Questions:
      return parse_questions(std::move(cmd), text, w);
    case CommandVerb::Draft: {
      const std::string kind = n == 2 ? lower(w[1].first) : std::string();
      if (kind != "update" && kind != "handoff" && kind != "holding") {
        return usage_error(cmd.verb, "draft needs one of update, handoff or holding");
      }
      cmd.draft_kind = kind;
      return cmd;
    }
    case CommandVerb::Rewrite:
      if (n != 3 || !is_token(w[1].first) || !is_token(w[2].first)) {
        return usage_error(cmd.verb, "rewrite needs a draft id (like D1) and a tone");
      }
      cmd.draft_id = std::string(w[1].first);
      cmd.tone = lower(w[2].first);
      return cmd;
    case CommandVerb::Reveal: {
      if (n < 3) return usage_error(cmd.verb, "reveal needs a placeholder and a reason");
      std::string placeholder(w[1].first);
      if (placeholder.front() != '<') placeholder = "<" + placeholder + ">";
      cmd.placeholder = placeholder;
      cmd.reason = rest_from(text, w, 2);
      return cmd;
    }
    default:
      if (n > 1) {
        return usage_error(cmd.verb, std::string(info(cmd.verb).name) + " takes no arguments");
      }
      return cmd;
  }
}

}  // namespace

std::string_view command_verb_name(CommandVerb verb) { return info(verb).name; }

Result<ChatCommand> parse_chat_command(std::string_view text) {
  Words words = split_words(text);
  ChatCommand cmd;
  if (!words.empty() && is_case_id(words[0].first)) {
    cmd.case_id = std::string(words[0].first);
    words.erase(words.begin());
  }
  if (words.empty()) return cmd;  // help
  const std::string verb = lower(words[0].first);
  for (const VerbInfo& v : kVerbs) {
    if (v.name == verb) {
      cmd.verb = v.verb;
      return parse_verb(std::move(cmd), text, words);
    }
  }
  std::string known;
  for (const VerbInfo& v : kVerbs) known += (known.empty() ? "" : ", ") + std::string(v.name);
  return make_error(ErrorCode::InvalidArgument,
                    "unknown subcommand '" + std::string(words[0].first) + "'. Known: " + known);
}

std::string chat_command_help(std::string_view command) {
  std::string out;
  for (const VerbInfo& v : kVerbs) {
    out += std::string(command) + " " + std::string(v.usage) + "\n";
  }
  out += "Prefix any subcommand with a case id (CASE-48213 status) to name the case; otherwise "
         "the case bound to this channel is used.\n";
  return out;
}

}  // namespace ec
