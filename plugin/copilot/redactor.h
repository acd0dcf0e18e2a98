// Minimization for one case: replaces sensitive values (emails, IPs, attachment names, invoice
// numbers, account ids, tokens, signed URLs, names of people) with stable placeholders such as
// "<EMAIL_1>" before text enters the copilot's context, a draft or an LLM prompt.
// The mapping is the case's vault: load it with from_vault(), export it with entries(); the same
// raw value always gets the same placeholder. Not thread-safe (redact() learns new values); use
// one instance per case and turn. The Redactor owns its entries; entries() returns a reference.
#pragma once

#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "plugin/copilot/multi_matcher.h"
#include "plugin/copilot/sensitive_patterns.h"
#include "plugin/core/result.h"
#include "plugin/core/time.h"
#include "plugin/core/vault.h"

namespace ec::copilot {

class Redactor {
 public:
  explicit Redactor(std::string case_id);
  Redactor(Redactor&&) noexcept;
  Redactor& operator=(Redactor&&) noexcept;
  Redactor(const Redactor& other);
  Redactor& operator=(const Redactor& other);
  ~Redactor();

  // InvalidArgument when an entry belongs to another case, has an unknown kind, a placeholder
  // that does not match its kind, an unusable raw value, or a raw value mapped twice.
  [[nodiscard]] static Result<Redactor> from_vault(std::string case_id,
                                                   const std::vector<VaultEntry>& entries);

  const std::string& case_id() const { return case_id_; }
  // The vault entries, in registration order, for the store: one per placeholder. Name parts of
  // a person are not entries; they are derived again from PERSON entries on load.
  const std::vector<VaultEntry>& entries() const { return entries_; }

  // Registers `raw` and returns its placeholder (the existing one when the value is known).
  // InvalidArgument when raw is shorter than 3 bytes or contains '<', '>' or a line break.
  [[nodiscard]] Result<std::string> register_value(SensitiveKind kind, std::string_view raw);
  // Registers a person's full name as PERSON, and each capitalized part of 3+ bytes ("Dario",
  // "Quill") as an alias of the same placeholder, so a first name alone is redacted too (a part
  // another person registered first keeps that person's placeholder). Matched case-sensitively
  // on word boundaries, so "Will" the name does not hit "we will". Same errors as
  // register_value().
  [[nodiscard]] Result<std::string> register_person(std::string_view full_name);

  // Detects and registers sensitive values in `text`, then replaces every registered value
  // (longest first; names of people case-sensitively on word boundaries, everything else
  // case-insensitively). Existing placeholders are left alone, so redact() is idempotent.
  std::string redact(std::string_view text);

  // Replaces only the placeholders in `revealed` by their raw values.
  std::string reveal(std::string_view text, const std::set<std::string>& revealed) const;

  std::optional<std::string> placeholder_for(std::string_view raw) const;

  // Records that the lead revealed a placeholder. NotFound for an unknown placeholder.
  [[nodiscard]] Status mark_revealed(std::string_view placeholder, const std::string& by,
                                     const std::string& reason, Timestamp at);

 private:
  const VaultEntry* find(std::string_view raw) const;
  struct Match {
    std::size_t length = 0;
    const std::string* placeholder = nullptr;  // null: nothing registered matches here
  };
  // For every position of `text`, the longest registered value that occurs there (ties: the
  // first registered), in one pass of the matcher.
  std::vector<Match> longest_matches(std::string_view text) const;
  // The matcher over entries_ then aliases_, built when first needed after a change.
  const MultiMatcher& matcher() const;
  std::string next_placeholder(SensitiveKind kind);
  Status add_entry(VaultEntry entry);
  void add_name_parts(const VaultEntry& person);

  struct Alias {
    std::string raw;
    std::string placeholder;
  };

  std::string case_id_;
  std::vector<VaultEntry> entries_;
  std::vector<Alias> aliases_;  // name parts of PERSON entries; never exported
  mutable std::unique_ptr<MultiMatcher> matcher_;  // null after entries_ or aliases_ change
};

}  // namespace ec::copilot
