#include "plugin/core/draft.h"

#include <algorithm>
#include <cctype>
#include <sstream>
#include <utility>

#include "plugin/core/enum_names.h"
#include "plugin/core/hash.h"

namespace ec {
namespace {

constexpr enum_names::Table<DraftKind, 3> kKinds{{
    {DraftKind::CustomerUpdate, "customer_update"},
    {DraftKind::Handoff, "handoff"},
    {DraftKind::HoldingStatement, "holding_statement"},
}};
constexpr enum_names::Table<Section, 9> kSections{{
    {Section::Confirmed, "confirmed"},
    {Section::BeingVerified, "being_verified"},
    {Section::NextSteps, "next_steps"},
    {Section::Facts, "facts"},
    {Section::Hypotheses, "hypotheses"},
    {Section::Questions, "questions"},
    {Section::Actions, "actions"},
    {Section::Timeline, "timeline"},
    {Section::Body, "body"},
}};
constexpr enum_names::Table<Section, 9> kSectionTitles{{
    {Section::Confirmed, "What we have confirmed"},
    {Section::BeingVerified, "What we are still verifying"},
    {Section::NextSteps, "Who owns each next step"},
    {Section::Facts, "Reproduced facts"},
    {Section::Hypotheses, "Hypotheses (not verified)"},
    {Section::Questions, "Open questions and owners"},
    {Section::Actions, "Requested next actions"},
    {Section::Timeline, "Timeline"},
    {Section::Body, ""},
}};
constexpr enum_names::Table<Authorship, 3> kAuthorship{{
    {Authorship::Agent, "agent"},
    {Authorship::Human, "human"},
    {Authorship::HumanEdited, "human_edited"},
}};

std::string trim(std::string_view text) {
  const auto begin = text.find_first_not_of(" \t\r\n");
  if (begin == std::string_view::npos) return {};
  const auto end = text.find_last_not_of(" \t\r\n");
  return std::string(text.substr(begin, end - begin + 1));
}

// Recognizes a rendered section heading ("## What we have confirmed") and returns its section.
std::optional<Section> heading_section(std::string_view line) {
  if (line.rfind("## ", 0) != 0) return std::nullopt;
  const std::string title = trim(line.substr(3));
  for (const auto& [section, known] : kSectionTitles) {
    if (!known.empty() && known == title) return section;
  }
  return std::nullopt;
}

std::string strip_bullet(const std::string& line) {
  if (line.rfind("- ", 0) == 0) return trim(line.substr(2));
  return line;
}

// A trailing citation "[F1, F3]" on an edited line names the claims the sentence states; it is
// removed from the text and returned.
std::vector<std::string> take_citations(std::string& text) {
  if (text.empty() || text.back() != ']') return {};
  const auto open = text.rfind('[');
  if (open == std::string::npos) return {};
  std::vector<std::string> ids;
  std::string current;
  for (std::size_t i = open + 1; i + 1 < text.size(); ++i) {
    const char ch = text[i];
    if (ch == ',' || ch == ' ') {
      if (!current.empty()) ids.push_back(std::exchange(current, {}));
    } else if (std::isalnum(static_cast<unsigned char>(ch)) != 0) {
      current += ch;
    } else {
      return {};  // not a citation list
    }
  }
  if (!current.empty()) ids.push_back(current);
  if (ids.empty() || !std::all_of(ids.begin(), ids.end(), [](const std::string& id) {
        return id.size() >= 2 && id[0] == 'F';
      })) {
    return {};
  }
  text = trim(text.substr(0, open));
  return ids;
}

}  // namespace

std::string_view draft_kind_name(DraftKind kind) { return enum_names::name_of(kKinds, kind); }
Result<DraftKind> parse_draft_kind(std::string_view name) {
  return enum_names::parse(kKinds, name, "draft kind");
}
std::string_view section_name(Section section) { return enum_names::name_of(kSections, section); }
std::string_view section_title(Section section) {
  return enum_names::name_of(kSectionTitles, section);
}
Result<Section> parse_section(std::string_view name) {
  return enum_names::parse(kSections, name, "section");
}
std::string_view authorship_name(Authorship authorship) {
  return enum_names::name_of(kAuthorship, authorship);
}
Result<Authorship> parse_authorship(std::string_view name) {
  return enum_names::parse(kAuthorship, name, "authorship");
}

std::string render_draft_text(const DraftVersion& version) {
  std::ostringstream out;
  std::optional<Section> current;
  for (const Statement& statement : version.statements) {
    if (!current || *current != statement.section) {
      if (current) out << "\n";
      current = statement.section;
      const auto title = section_title(statement.section);
      if (!title.empty()) out << "## " << title << "\n";
    }
    if (statement.section == Section::Body) {
      out << statement.text << "\n";
    } else {
      out << "- " << statement.text << "\n";
    }
  }
  return out.str();
}

void seal(DraftVersion& version) { version.content_hash = sha256_hex(render_draft_text(version)); }

DraftVersion make_edited_version(const DraftVersion& previous, const std::string& edited_text,
                                 const std::string& editor, Timestamp now) {
  DraftVersion next;
  next.case_id = previous.case_id;
  next.draft_id = previous.draft_id;
  next.kind = previous.kind;
  next.version = previous.version + 1;
  next.created_by = editor;
  next.created_at = now;

  Section section = previous.statements.empty() ? Section::Body : previous.statements[0].section;
  std::istringstream lines(edited_text);
  std::string raw;
  while (std::getline(lines, raw)) {
    const std::string line = trim(raw);
    if (line.empty()) continue;
    if (const auto heading = heading_section(line)) {
      section = *heading;
      continue;
    }
    Statement statement;
    statement.section = section;
    statement.text = strip_bullet(line);
    statement.author = Authorship::Human;
    statement.findings = take_citations(statement.text);
    // An unchanged statement keeps its author and evidence; a changed one in the same place
    // is a human edit of the agent's text.
    for (const Statement& old : previous.statements) {
      if (old.section == section && old.text == statement.text) {
        statement = old;
        break;
      }
    }
    next.statements.push_back(std::move(statement));
  }
  // Statements whose text changed but whose position matches an old one count as edits.
  for (std::size_t i = 0; i < next.statements.size() && i < previous.statements.size(); ++i) {
    Statement& statement = next.statements[i];
    const Statement& old = previous.statements[i];
    if (statement.author == Authorship::Human && old.section == statement.section &&
        old.text != statement.text) {
      statement.author = Authorship::HumanEdited;
      // An edit keeps the claims of the sentence it replaces, plus any the editor cited.
      std::vector<std::string> cited = std::move(statement.findings);
      statement.findings = old.findings;
      for (std::string& id : cited) {
        if (std::find(statement.findings.begin(), statement.findings.end(), id) ==
            statement.findings.end()) {
          statement.findings.push_back(std::move(id));
        }
      }
      statement.evidence = old.evidence;
    }
  }
  seal(next);
  return next;
}

}  // namespace ec
