// Fuzz target: Markdown knowledge-base articles (adapters/markdown_kb), the input as one .md file
// read by KnowledgeBase::load, split_markdown() on the same text, and search().
// Properties: load() of an existing file gives one article whose sections are split_markdown()'s
// and whose title is the first heading (else the file name); the sections are exactly the ATX
// headings (1 to 6 '#' then a space or the line's end) outside ``` fences, in order, each with
// its level and CommonMark's heading text (opening marks, a closing run of '#' after a space and
// the spaces around removed), a preamble only first; search() returns at most max_results hits,
// best first, each a section of the article with a positive score and an excerpt of at most 240
// bytes taken from the start of the section's text with white space collapsed, valid UTF-8 when
// the article is; collect() reports one record read and no evidence.

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

#include "adapters/markdown_kb/knowledge_base.h"
#include "adapters/markdown_kb/markdown_kb_source.h"
#include "adapters/markdown_kb/markdown_sections.h"
#include "tests/fuzz/adapter_checks.h"
#include "tests/fuzz/fuzz_support.h"

namespace kb = ec::adapters::markdown_kb;

namespace {

bool is_space_or_tab(char c) { return c == ' ' || c == '\t'; }

std::string_view trim_spaces(std::string_view s) {
  while (!s.empty() && is_space_or_tab(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space_or_tab(s.back())) s.remove_suffix(1);
  return s;
}

struct Heading {
  int level = 0;
  std::string text;
};

// The ATX heading a line is (level 0: none), by the header's rule for the opening sequence and
// CommonMark's for the text (section 4.2: an optional closing sequence of '#' is removed only
// when a space or tab precedes it, or it is all the content).
Heading heading_of(std::string_view line) {
  std::size_t level = 0;
  while (level < line.size() && line[level] == '#') ++level;
  if (level == 0 || level > 6 || (level < line.size() && line[level] != ' ')) return {};
  std::string_view content = trim_spaces(line.substr(level));
  std::size_t run = 0;
  while (run < content.size() && content[content.size() - 1 - run] == '#') ++run;
  if (run == content.size()) {
    content = {};
  } else if (run > 0 && is_space_or_tab(content[content.size() - 1 - run])) {
    content = trim_spaces(content.substr(0, content.size() - run));
  }
  return {static_cast<int>(level), std::string(content)};
}

// The section text's white space collapsed to single spaces, leading and trailing ones removed.
std::string collapsed(std::string_view text) {
  std::string out;
  for (const char c : text) {
    const bool space = c == ' ' || (c >= '\t' && c <= '\r');
    if (space && (out.empty() || out.back() == ' ')) continue;
    out.push_back(space ? ' ' : c);
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

void check_sections(std::string_view text, const std::vector<kb::MarkdownSection>& sections) {
  std::vector<Heading> expected;
  bool in_fence = false;
  for (const std::string_view line : ec::fuzz::plain_lines(text)) {
    if (line.starts_with("```")) in_fence = !in_fence;
    if (in_fence) continue;
    if (Heading h = heading_of(line); h.level > 0) expected.push_back(std::move(h));
  }
  const bool preamble = !sections.empty() && sections.front().level == 0;
  FUZZ_CHECK(sections.size() == expected.size() + (preamble ? 1 : 0));
  for (std::size_t i = 0; i < sections.size(); ++i) {
    const auto& s = sections[i];
    FUZZ_CHECK(!s.text.ends_with('\n') && !s.text.ends_with(' ') && !s.text.starts_with('\n'));
    if (i == 0 && preamble) {
      FUZZ_CHECK(s.heading.empty());
      continue;
    }
    const Heading& h = expected[i - (preamble ? 1 : 0)];
    FUZZ_CHECK(s.level == h.level);
    FUZZ_CHECK(s.heading == h.text);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto sections = kb::split_markdown(text);
  check_sections(text, sections);

  const auto file = ec::fuzz::write_input(text, "article.md");
  auto loaded = kb::KnowledgeBase::load(file, ec::fuzz::input_folder().string());
  FUZZ_CHECK(loaded.has_value());
  FUZZ_CHECK(loaded->articles().size() == 1);
  const kb::KbArticle& article = loaded->articles()[0];
  FUZZ_CHECK(article.path == "article.md");
  FUZZ_CHECK(article.sections.size() == sections.size());
  const kb::MarkdownSection* first_heading = nullptr;
  for (std::size_t i = 0; i < sections.size(); ++i) {
    FUZZ_CHECK(article.sections[i].heading == sections[i].heading);
    FUZZ_CHECK(article.sections[i].text == sections[i].text);
    if (first_heading == nullptr && sections[i].level > 0) first_heading = &sections[i];
  }
  FUZZ_CHECK(article.title == (first_heading != nullptr ? first_heading->heading : "article"));

  const bool utf8 = ec::fuzz::valid_utf8(text);
  // Queries: words of the input itself, and a fixed one.
  for (const std::string_view query : {text.substr(0, 64), std::string_view("presigned url c")}) {
    const std::size_t max_results = 3;
    const auto hits = loaded->search(query, max_results);
    FUZZ_CHECK(hits.size() <= max_results);
    if (kb::tokenize(query).empty()) FUZZ_CHECK(hits.empty());
    for (std::size_t i = 0; i < hits.size(); ++i) {
      const kb::KbHit& hit = hits[i];
      FUZZ_CHECK(hit.score > 0);
      if (i > 0) FUZZ_CHECK(hits[i - 1].score >= hit.score);
      FUZZ_CHECK(hit.path == article.path);
      FUZZ_CHECK(hit.excerpt.size() <= 240);
      if (utf8) FUZZ_CHECK(ec::fuzz::valid_utf8(hit.excerpt));
      // Some section of that heading (several may share it) whose text the excerpt starts,
      // whole or cut near 240 bytes (a space or an incomplete character dropped at the cut).
      bool found = false;
      for (const auto& s : article.sections) {
        if (s.heading != hit.heading) continue;
        const std::string whole = collapsed(s.text);
        found = found || (whole.starts_with(hit.excerpt) &&
                          (hit.excerpt.size() == whole.size() || hit.excerpt.size() >= 236));
      }
      FUZZ_CHECK(found);
    }
  }

  kb::MarkdownKbSource source(std::move(*loaded), "sources.kb");
  const auto report = source.collect(ec::Subject{}, ec::TimeWindow{});
  FUZZ_CHECK(report.has_value() && report->records_read == 1 && report->evidence.empty());
  return 0;
}
