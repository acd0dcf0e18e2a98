// Fuzz target: everything the Slack app renders from content it does not control (ticket
// subjects, draft text, linter findings, rule descriptions, names), which Slack would refuse
// whole with invalid_blocks if one limit broke. The input is cut on byte 0x01 into the fields of
// a draft card, a security announcement and a text reply. Properties: every message and modal
// passes check_block_kit_limits() and serializes; the edit modal gives back the exact draft
// text when submitted unchanged (any valid UTF-8 text that fits; a longer one is refused).
#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "plugin/core/hash.h"
#include "plugin/platforms/slack/block_kit.h"
#include "plugin/platforms/slack/block_kit_limits.h"
#include "tests/fuzz/fuzz_check.h"
#include "tests/fuzz/fuzz_support.h"

namespace sk = ec::platforms::slack;
using nlohmann::json;

namespace {

// Hands out the input's 0x01-separated pieces in order, then empty strings.
class Fields {
 public:
  explicit Fields(std::string_view input) : rest_(input) {}
  std::string next() {
    if (done_) return {};
    const auto cut = rest_.find('\x01');
    std::string piece(rest_.substr(0, cut));
    if (cut == std::string_view::npos) {
      done_ = true;
    } else {
      rest_.remove_prefix(cut + 1);
    }
    return piece;
  }
  std::size_t count(std::size_t max) { return next().size() % (max + 1); }
  // Case, draft and ticket ids and content hashes are ours or checked tokens of at most 64
  // characters (chat_command.cc, the sidebar route): a button value built from them fits.
  std::string id() { return next().substr(0, 64); }

 private:
  std::string_view rest_;
  bool done_ = false;
};

void check(const json& rendered, sk::BlockSurface surface) {
  const auto limits = sk::check_block_kit_limits(rendered, surface);
  if (!limits) std::fprintf(stderr, "limit broken: %s\n", limits.error().message.c_str());
  FUZZ_CHECK(limits.has_value());
  (void)ec::canonical_json(rendered);
}

ec::DraftCard card_from(Fields& f) {
  ec::DraftCard card;
  card.case_id = f.id();
  card.ticket = f.id();
  card.draft_id = f.id();
  card.version = static_cast<int>(f.count(1000));
  card.content_hash = f.id();
  card.state_label = f.next();
  card.title = f.next();
  card.recipient = f.next();
  for (std::size_t s = f.count(8); s > 0; --s) {
    ec::CardSection section;
    section.title = f.next();
    for (std::size_t n = f.count(12); n > 0; --n) {
      ec::CardStatement statement;
      statement.text = f.next();
      statement.author = static_cast<ec::Authorship>(f.count(2));
      for (std::size_t e = f.count(5); e > 0; --e) statement.evidence.push_back(f.next());
      section.statements.push_back(std::move(statement));
    }
    card.sections.push_back(std::move(section));
  }
  for (std::size_t n = f.count(12); n > 0; --n) {
    card.lint.push_back({f.next(), f.next(), f.next(), f.count(1) == 1});
  }
  for (std::size_t n = f.count(6); n > 0; --n) card.blocking_issues.push_back(f.next());
  if (f.count(1) == 1) card.hold = f.next();
  card.delivered_to = f.next();
  for (std::size_t n = f.count(6); n > 0; --n) {
    ec::CardAction action;
    action.kind = static_cast<ec::CardActionKind>(f.count(4));
    action.label = f.next();
    action.ref = {action.kind, card.case_id, card.draft_id, card.version, card.content_hash};
    if (f.count(1) == 1) action.confirm = ec::CardConfirm{f.next(), f.next(), f.next(), f.next()};
    action.primary = f.count(1) == 1;
    card.actions.push_back(std::move(action));
  }
  return card;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  Fields f(std::string_view(reinterpret_cast<const char*>(data), size));
  const ec::DraftCard card = card_from(f);
  const std::string hint = f.next();
  const std::string draft_text = f.next();
  const std::string metadata = f.next();

  check(sk::render_card_message(card, hint), sk::BlockSurface::Message);
  const auto edit = sk::render_edit_modal(card, draft_text, metadata);
  if (!edit) {
    FUZZ_CHECK(sk::char_count(draft_text) > 99 * 3000);  // only what no modal holds is refused
  } else {
    check(*edit, sk::BlockSurface::Modal);
    // Submitting the edit modal unchanged gives the draft text back.
    std::map<std::string, std::string> values;
    for (const json& block : (*edit)["blocks"]) {
      if (block.value("type", "") != "input") continue;
      values[block["block_id"].get<std::string>() + "." +
             block["element"]["action_id"].get<std::string>()] =
          block["element"].value("initial_value", "");
    }
    if (ec::fuzz::valid_utf8(draft_text)) FUZZ_CHECK(sk::edited_text_from(values) == draft_text);
  }
  check(sk::render_reveal_modal(card, metadata), sk::BlockSurface::Modal);
  check(sk::render_request_changes_modal(card, metadata), sk::BlockSurface::Modal);

  ec::SecurityAnnouncement announcement;
  announcement.case_id = card.case_id;
  announcement.ticket_ref = card.ticket;
  announcement.rule_set_version = f.next();
  for (std::size_t n = f.count(12); n > 0; --n) {
    ec::RuleMatch match;
    match.rule_id = f.next();
    match.description = f.next();
    match.reason = f.next();
    for (std::size_t e = f.count(6); e > 0; --e) match.evidence.push_back(f.next());
    announcement.rules.push_back(std::move(match));
  }
  for (std::size_t e = f.count(8); e > 0; --e) announcement.evidence_ids.push_back(f.next());
  check(sk::render_security_message(announcement), sk::BlockSurface::Message);

  check(sk::render_text_message(f.next(), "ephemeral"), sk::BlockSurface::Message);
  return 0;
}
