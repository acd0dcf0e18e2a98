#include <gtest/gtest.h>

#include "adapters/markdown_kb/config.h"
#include "adapters/markdown_kb/markdown_kb_source.h"
#include "tests/adapters/adapter_test_util.h"

namespace ec::adapters::markdown_kb {
namespace {

using ec::adapters::testing::context_for;
using ec::adapters::testing::contractor;
using ec::adapters::testing::scenario_sources;
using ec::testing::scenario_dir;

TEST(MarkdownSections, SplitsAtHeadingsButNotInsideFences) {
  const auto sections = split_markdown(
      "intro line\n# Title\nbody\n\n## Part two ##\n```\n# not a heading\n```\n#hashtag\n");
  ASSERT_EQ(sections.size(), 3u);
  EXPECT_EQ(sections[0].heading, "");
  EXPECT_EQ(sections[0].text, "intro line");
  EXPECT_EQ(sections[1].heading, "Title");
  EXPECT_EQ(sections[1].level, 1);
  EXPECT_EQ(sections[2].heading, "Part two");
  EXPECT_EQ(sections[2].level, 2);
  EXPECT_NE(sections[2].text.find("# not a heading"), std::string::npos);
  EXPECT_NE(sections[2].text.find("#hashtag"), std::string::npos);
}

// CommonMark 4.2: a closing run of '#' is removed only after a space or tab (or when it is the
// whole text); a '#' that ends a word is part of the heading.
TEST(MarkdownSections, HeadingKeepsATrailingHashThatIsNotAClosingSequence) {
  const auto sections =
      split_markdown("## C#\n# foo#\n# foo # bar ##\n### ###\n## #tag ##  \n## \t spaced \t##\n");
  ASSERT_EQ(sections.size(), 6u);
  EXPECT_EQ(sections[0].heading, "C#");
  EXPECT_EQ(sections[0].level, 2);
  EXPECT_EQ(sections[1].heading, "foo#");
  EXPECT_EQ(sections[2].heading, "foo # bar");
  EXPECT_EQ(sections[3].heading, "");
  EXPECT_EQ(sections[3].level, 3);
  EXPECT_EQ(sections[4].heading, "#tag");
  EXPECT_EQ(sections[5].heading, "spaced");
}

TEST(MarkdownKbSource, LoadsScenarioArticlesAndReportsNoEvidence) {
  auto built = create_markdown_kb_source(scenario_sources()["knowledge"],
                                         context_for(scenario_dir(), "sources.knowledge"));
  ASSERT_TRUE(built.has_value()) << built.error().to_string();
  auto report = built->evidence->collect(contractor(), TimeWindow{});
  ASSERT_TRUE(report.has_value());
  EXPECT_EQ(report->source, "markdown_dir");
  EXPECT_EQ(report->records_read, 3);
  EXPECT_TRUE(report->evidence.empty());
  const auto* kb = dynamic_cast<const MarkdownKbSource*>(built->evidence.get());
  ASSERT_NE(kb, nullptr);
  EXPECT_EQ(kb->knowledge().articles()[0].path, "kb/deprovisioning-sessions-and-tokens.md");
  EXPECT_EQ(kb->knowledge().articles()[0].title, "What IdP deprovisioning does and does not end");
}

TEST(KnowledgeBase, SearchRanksTheSectionsThatTalkAboutIt) {
  auto kb = KnowledgeBase::load(scenario_dir() / "kb", scenario_dir().string());
  ASSERT_TRUE(kb.has_value());
  const auto hits = kb->search("presigned URL lifetime", 3);
  ASSERT_FALSE(hits.empty());
  EXPECT_EQ(hits[0].path, "kb/presigned-attachment-urls.md");
  EXPECT_EQ(hits[0].heading, "Lifetime");
  EXPECT_LE(hits[0].excerpt.size(), 240u);
  EXPECT_TRUE(kb->search("zebra").empty());
  EXPECT_TRUE(kb->search("").empty());
}

// The excerpt is cut at 240 bytes, but never inside a UTF-8 character: 238 ASCII bytes then
// "\u20ac" (3 bytes) would end at byte 240 with 2 of the euro sign's 3 bytes.
TEST(KnowledgeBase, ExcerptCutDoesNotSplitAUtf8Character) {
  ec::testing::TempDir dir;
  const std::string body = std::string(238, 'x') + "\xE2\x82\xAC tail";
  ec::testing::write_file(dir / "a.md", "# Money\n" + body + "\n");
  auto kb = KnowledgeBase::load(dir.path(), dir.path().string());
  ASSERT_TRUE(kb.has_value());
  const auto hits = kb->search("money");
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits[0].excerpt, std::string(238, 'x'));
}

TEST(MarkdownKbConfig, MissingFolderIsInvalidArgument) {
  auto built = create_markdown_kb_source({{"path", "no_such_kb/"}},
                                         context_for(scenario_dir(), "sources.knowledge"));
  ASSERT_FALSE(built.has_value());
  EXPECT_EQ(built.error().message.rfind("sources.knowledge.path", 0), 0u);
}

}  // namespace
}  // namespace ec::adapters::markdown_kb
