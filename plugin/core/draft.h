// Drafts: customer updates and handoff packets as numbered versions of statements, each marked
// as agent-drafted or human-written, with the evidence behind it. A version is immutable once
// stored; any edit makes a new version. Plain values; functions are pure.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "plugin/core/result.h"
#include "plugin/core/time.h"

namespace ec {

enum class DraftKind { CustomerUpdate, Handoff, HoldingStatement };
std::string_view draft_kind_name(DraftKind kind);
Result<DraftKind> parse_draft_kind(std::string_view name);

// The three labelled parts of a customer update; handoffs use their own sections.
enum class Section { Confirmed, BeingVerified, NextSteps, Facts, Hypotheses, Questions, Actions,
                     Timeline, Body };
std::string_view section_name(Section section);
std::string_view section_title(Section section);  // "What we have confirmed", ...
Result<Section> parse_section(std::string_view name);

enum class Authorship { Agent, Human, HumanEdited };
std::string_view authorship_name(Authorship authorship);
Result<Authorship> parse_authorship(std::string_view name);

struct Statement {
  Section section = Section::Body;
  std::string text;                     // with placeholders, never raw sensitive values
  Authorship author = Authorship::Agent;
  std::vector<std::string> evidence;    // evidence ids
  std::vector<std::string> findings;    // finding ids (claims) it states
};

struct DraftVersion {
  std::string case_id;
  std::string draft_id;                 // "D1": one per draft, shared by its versions
  DraftKind kind = DraftKind::CustomerUpdate;
  int version = 1;
  std::vector<Statement> statements;
  std::string created_by;               // "copilot" or a platform user id
  Timestamp created_at{};
  std::string content_hash;             // sha256 of render_draft_text(); set by seal()
};

// The exact text a human reads and approves: section titles and statements, in order.
std::string render_draft_text(const DraftVersion& version);

// Computes and stores content_hash from the statements. Call before storing a version.
void seal(DraftVersion& version);

// Builds version N+1 from `previous` with `edited_text` replacing the statements: statements
// whose text is unchanged keep their authorship and evidence; changed or new ones are marked
// human-edited / human-written by `editor`. The result is sealed and unapproved.
DraftVersion make_edited_version(const DraftVersion& previous, const std::string& edited_text,
                                 const std::string& editor, Timestamp now);

}  // namespace ec
