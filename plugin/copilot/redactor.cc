#include "plugin/copilot/redactor.h"

#include <algorithm>
#include <cctype>
#include <utility>

#include "plugin/copilot/text_util.h"

namespace ec::copilot {
namespace {

constexpr std::size_t kMinRawBytes = 3;
constexpr std::string_view kPersonKind = "PERSON";

bool is_word_byte(char c) {
  const auto u = static_cast<unsigned char>(c);
  return std::isalnum(u) != 0 || c == '_' || u >= 0x80;
}

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && ifind(a, b) == 0;
}

Status check_raw(std::string_view raw) {
  if (raw.size() < kMinRawBytes) {
    return make_error(ErrorCode::InvalidArgument, "sensitive value shorter than 3 bytes");
  }
  if (raw.find_first_of("<>\r\n") != std::string_view::npos) {
    return make_error(ErrorCode::InvalidArgument,
                      "sensitive value contains '<', '>' or a line break");
  }
  return ok_status();
}

// "<EMAIL_12>" -> ("EMAIL", 12); nullopt when malformed.
std::optional<std::pair<std::string, int>> split_placeholder(std::string_view p) {
  std::size_t len = 0;
  if (!placeholder_at(p, 0, &len) || len != p.size()) return std::nullopt;
  const std::size_t us = p.rfind('_');
  int n = 0;
  for (char c : p.substr(us + 1, p.size() - us - 2)) n = n * 10 + (c - '0');
  return std::make_pair(std::string(p.substr(1, us - 1)), n);
}

std::vector<std::string> name_parts(std::string_view full) {
  std::vector<std::string> parts;
  std::string current;
  auto flush = [&] {
    if (current.size() >= kMinRawBytes &&
        std::isupper(static_cast<unsigned char>(current.front())) != 0) {
      parts.push_back(current);
    }
    current.clear();
  };
  for (char c : full) {
    if (c == ' ' || c == '-') {
      flush();
    } else {
      current += c;
    }
  }
  flush();
  // Hyphenated surnames also as a whole ("Menendez-Quill").
  std::string word;
  for (char c : std::string(full) + " ") {
    if (c == ' ') {
      if (word.find('-') != std::string::npos && word.size() >= kMinRawBytes) {
        parts.push_back(word);
      }
      word.clear();
    } else {
      word += c;
    }
  }
  return parts;
}

}  // namespace

Redactor::Redactor(std::string case_id) : case_id_(std::move(case_id)) {}
Redactor::Redactor(Redactor&&) noexcept = default;
Redactor& Redactor::operator=(Redactor&&) noexcept = default;
Redactor::~Redactor() = default;
// A copy rebuilds its own matcher when it first needs one.
Redactor::Redactor(const Redactor& other)
    : case_id_(other.case_id_), entries_(other.entries_), aliases_(other.aliases_) {}
Redactor& Redactor::operator=(const Redactor& other) {
  if (this != &other) *this = Redactor(other);
  return *this;
}

Result<Redactor> Redactor::from_vault(std::string case_id, const std::vector<VaultEntry>& entries) {
  Redactor redactor(std::move(case_id));
  for (std::size_t i = 0; i < entries.size(); ++i) {
    if (auto st = redactor.add_entry(entries[i]); !st) {
      return std::unexpected(st.error().with_context("vault entry " + std::to_string(i)));
    }
  }
  // Name parts in registration order (placeholder number), whatever order the store used.
  std::vector<const VaultEntry*> people;
  for (const VaultEntry& e : redactor.entries_) {
    if (e.kind == kPersonKind) people.push_back(&e);
  }
  std::sort(people.begin(), people.end(), [](const VaultEntry* a, const VaultEntry* b) {
    return split_placeholder(a->placeholder)->second < split_placeholder(b->placeholder)->second;
  });
  for (const VaultEntry* person : people) redactor.add_name_parts(*person);
  return redactor;
}

Status Redactor::add_entry(VaultEntry entry) {
  if (!entry.case_id.empty() && entry.case_id != case_id_) {
    return make_error(ErrorCode::InvalidArgument,
                      "entry belongs to case '" + entry.case_id + "', not '" + case_id_ + "'");
  }
  auto kind = parse_sensitive_kind(entry.kind);
  if (!kind) return std::unexpected(kind.error());
  const auto parsed = split_placeholder(entry.placeholder);
  if (!parsed || parsed->first != entry.kind) {
    return make_error(ErrorCode::InvalidArgument,
                      "placeholder '" + entry.placeholder + "' does not match kind " + entry.kind);
  }
  EC_RETURN_IF_ERROR(check_raw(entry.raw_value));
  if (const VaultEntry* known = find(entry.raw_value); known != nullptr) {
    return make_error(
        ErrorCode::InvalidArgument,
        "a value is mapped to both " + known->placeholder + " and " + entry.placeholder);
  }
  const bool placeholder_used =
      std::any_of(entries_.begin(), entries_.end(),
                  [&](const VaultEntry& e) { return e.placeholder == entry.placeholder; });
  if (placeholder_used) {
    return make_error(ErrorCode::InvalidArgument,
                      "placeholder " + entry.placeholder + " stands for two values");
  }
  entry.case_id = case_id_;
  entries_.push_back(std::move(entry));
  matcher_.reset();
  return ok_status();
}

const VaultEntry* Redactor::find(std::string_view raw) const {
  for (const VaultEntry& e : entries_) {
    const bool same = e.kind == kPersonKind ? e.raw_value == raw : iequals(e.raw_value, raw);
    if (same) return &e;
  }
  return nullptr;
}

std::optional<std::string> Redactor::placeholder_for(std::string_view raw) const {
  if (const VaultEntry* e = find(raw)) return e->placeholder;
  for (const Alias& a : aliases_) {
    if (a.raw == raw) return a.placeholder;
  }
  return std::nullopt;
}

std::string Redactor::next_placeholder(SensitiveKind kind) {
  const std::string_view name = sensitive_kind_name(kind);
  int max_n = 0;
  for (const VaultEntry& e : entries_) {
    if (e.kind != name) continue;
    if (auto p = split_placeholder(e.placeholder)) max_n = std::max(max_n, p->second);
  }
  return "<" + std::string(name) + "_" + std::to_string(max_n + 1) + ">";
}

Result<std::string> Redactor::register_value(SensitiveKind kind, std::string_view raw) {
  EC_RETURN_IF_ERROR(check_raw(raw));
  if (auto known = placeholder_for(raw)) return *known;
  VaultEntry entry;
  entry.kind = std::string(sensitive_kind_name(kind));
  entry.placeholder = next_placeholder(kind);
  entry.raw_value = std::string(raw);
  EC_RETURN_IF_ERROR(add_entry(entry));
  return entry.placeholder;
}

Result<std::string> Redactor::register_person(std::string_view full_name) {
  const std::string_view name = trim(full_name);
  auto placeholder = register_value(SensitiveKind::Person, name);
  if (!placeholder) return placeholder;
  if (const VaultEntry* person = find(name); person != nullptr && person->kind == kPersonKind) {
    add_name_parts(*person);
  }
  return placeholder;
}

void Redactor::add_name_parts(const VaultEntry& person) {
  for (const std::string& part : name_parts(person.raw_value)) {
    if (placeholder_for(part)) continue;  // another value or person's part keeps its mapping
    aliases_.push_back({part, person.placeholder});
    matcher_.reset();
  }
}

namespace {

// Whether `raw` occurs at `pos`: names of people case-sensitively on word boundaries, other
// values case-insensitively anywhere.
bool matches_at(std::string_view text, std::size_t pos, std::string_view raw, bool person) {
  if (pos + raw.size() > text.size()) return false;
  const std::string_view candidate = text.substr(pos, raw.size());
  if (!person) return iequals(candidate, raw);
  if (candidate != raw) return false;
  const bool left_ok = pos == 0 || !is_word_byte(text[pos - 1]);
  const bool right_ok = pos + raw.size() == text.size() || !is_word_byte(text[pos + raw.size()]);
  return left_ok && right_ok;
}

}  // namespace

const MultiMatcher& Redactor::matcher() const {
  if (!matcher_) {
    std::vector<std::string_view> patterns;
    patterns.reserve(entries_.size() + aliases_.size());
    for (const VaultEntry& e : entries_) patterns.push_back(e.raw_value);
    for (const Alias& a : aliases_) patterns.push_back(a.raw);
    matcher_ = std::make_unique<MultiMatcher>(patterns);
  }
  return *matcher_;
}

std::vector<Redactor::Match> Redactor::longest_matches(std::string_view text) const {
  std::vector<Match> best(text.size());
  std::vector<std::size_t> best_id(text.size(), 0);
  matcher().for_each_match(text, [&](std::size_t pos, std::size_t id) {
    const bool alias = id >= entries_.size();
    const std::string& raw = alias ? aliases_[id - entries_.size()].raw : entries_[id].raw_value;
    const bool person = alias || entries_[id].kind == kPersonKind;
    // The matcher ignores case; people's names must match exactly, on word boundaries.
    if (person && !matches_at(text, pos, raw, true)) return;
    Match& m = best[pos];
    if (raw.size() < m.length || (raw.size() == m.length && id > best_id[pos])) return;
    m = {raw.size(), alias ? &aliases_[id - entries_.size()].placeholder
                           : &entries_[id].placeholder};
    best_id[pos] = id;
  });
  return best;
}

std::string Redactor::redact(std::string_view text) {
  for (const SensitiveMatch& m : find_sensitive_values(text)) {
    // Values the patterns find are always well-formed; a too-short one is simply not registered.
    (void)register_value(m.kind, text.substr(m.begin, m.end - m.begin));
  }
  const std::vector<Match> matches = longest_matches(text);
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    std::size_t len = 0;
    if (placeholder_at(text, i, &len)) {
      out.append(text.substr(i, len));
      i += len;
    } else if (const Match& m = matches[i]; m.placeholder != nullptr) {
      out += *m.placeholder;
      i += m.length;
    } else {
      out += text[i++];
    }
  }
  return out;
}

std::string Redactor::reveal(std::string_view text, const std::set<std::string>& revealed) const {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    std::size_t len = 0;
    if (placeholder_at(text, i, &len)) {
      const std::string placeholder(text.substr(i, len));
      const auto entry = std::find_if(entries_.begin(), entries_.end(), [&](const VaultEntry& e) {
        return e.placeholder == placeholder;
      });
      const bool show = revealed.contains(placeholder) && entry != entries_.end();
      out += show ? entry->raw_value : placeholder;
      i += len;
    } else {
      out += text[i++];
    }
  }
  return out;
}

Status Redactor::mark_revealed(std::string_view placeholder, const std::string& by,
                               const std::string& reason, Timestamp at) {
  bool found = false;
  for (VaultEntry& e : entries_) {
    if (e.placeholder != placeholder) continue;
    e.revealed = true;
    e.revealed_by = by;
    e.reveal_reason = reason;
    e.revealed_at = at;
    found = true;
  }
  if (!found) {
    return make_error(ErrorCode::NotFound, "no vault entry for " + std::string(placeholder));
  }
  return ok_status();
}

}  // namespace ec::copilot
