// The approval card, platform-neutral: what a draft card shows (state, the labelled parts with
// who wrote each statement, linter findings with the sentences they point at, approval and
// delivery) and which actions it offers. Slack renders it as Block Kit, Mattermost as message
// attachments, the Zendesk sidebar as HTML. Action references name the exact case, draft,
// version and content hash, but every rule is re-checked in core when the action arrives.
// Pure functions; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "plugin/core/approval.h"
#include "plugin/core/case.h"
#include "plugin/core/draft.h"
#include "plugin/core/result.h"

namespace ec {

enum class CardActionKind { Approve, RequestChanges, Edit, Reveal, AcknowledgeSecurity };
std::string_view card_action_name(CardActionKind kind);

// What a button names. Encoded as "ec1|<action>|<case>|<draft>|<version>|<hash>".
struct CardActionRef {
  CardActionKind kind = CardActionKind::Approve;
  std::string case_id;
  std::string draft_id;
  int version = 0;
  std::string content_hash;
};
std::string encode_action_ref(const CardActionRef& ref);
// InvalidArgument naming the field when the value is not one we issued.
[[nodiscard]] Result<CardActionRef> parse_action_ref(std::string_view value);

struct CardConfirm {
  std::string title;
  std::string text;
  std::string confirm;
  std::string deny;
};

struct CardAction {
  CardActionKind kind = CardActionKind::Approve;
  std::string label;
  CardActionRef ref;
  std::optional<CardConfirm> confirm;
  bool primary = false;
};

struct CardLintNote {
  std::string rule_id;
  std::string sentence;   // the sentence the finding points at
  std::string reason;
  bool blocking = false;
};

struct CardStatement {
  std::string text;
  Authorship author = Authorship::Agent;
  std::vector<std::string> evidence;
};

struct CardSection {
  std::string title;       // "What we have confirmed", ...
  std::vector<CardStatement> statements;
};

struct DraftCard {
  std::string case_id;
  std::string ticket;
  std::string draft_id;
  DraftKind kind = DraftKind::CustomerUpdate;
  int version = 0;
  std::string content_hash;
  std::string state_label;            // "UNAPPROVED", "CHANGES REQUESTED", "APPROVED", "SENT"
  std::string title;                  // "Customer update D1 v3 for ESC-1042"
  std::string recipient;              // where Approve & send delivers
  std::vector<CardSection> sections;
  std::vector<CardLintNote> lint;
  // Why Approve will be refused as things stand (grounding check and linter errors, one line per
  // problem naming the sentence); empty when nothing blocks it.
  std::vector<std::string> blocking_issues;
  std::optional<std::string> hold;    // why approving is held (security), when it is
  std::optional<Approval> approval;   // of this exact version and content
  // "Request changes" recorded on this exact version: it can no longer be approved (no Approve
  // or Request changes button; Edit makes the next version, which starts without it).
  std::optional<ChangeRequest> changes_requested;
  std::string delivered_to;           // set once the outbox delivered it
  std::vector<CardAction> actions;    // empty once approved
};

struct DraftCardInput {
  const Case* c = nullptr;
  const DraftVersion* version = nullptr;
  const std::vector<Approval>* approvals = nullptr;  // of the case; may be null
  const std::vector<ChangeRequest>* change_requests = nullptr;  // of the case; may be null
  std::vector<CardLintNote> lint;
  std::vector<std::string> blocking_issues;
  std::string recipient;
  std::string delivered_to;
};

// Builds the card. Approve (with a confirm dialog naming the recipient), Request changes, Edit
// and Reveal are offered until the exact version is approved; once changes were requested on
// it, only Edit and Reveal.
DraftCard build_draft_card(const DraftCardInput& input);

// Splits `text` into sentences (". ", "! ", "? " or a line break end one) and returns the one
// containing byte offset `at`, trimmed. For pointing a linter finding at its sentence.
std::string sentence_at(std::string_view text, std::size_t at);

}  // namespace ec
