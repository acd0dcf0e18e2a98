// KnowledgeBase: the Markdown articles of a knowledge-base folder, split into sections, with a
// simple term-scoring search for the copilot ("presigned url expiry" -> the sections that talk
// about it). Knowledge is context for the lead, not evidence. Immutable after load(); const
// methods are thread-safe.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "adapters/markdown_kb/markdown_sections.h"
#include "plugin/core/result.h"

namespace ec::adapters::markdown_kb {

struct KbArticle {
  std::string path;   // display path, e.g. "kb/presigned-attachment-urls.md"
  std::string title;  // first heading, else the file name
  std::vector<MarkdownSection> sections;
};

struct KbHit {
  std::string path;
  std::string heading;  // the section's heading ("" for a preamble)
  std::string excerpt;  // the start of the section text, white space collapsed, ≤ 240 chars
  double score = 0;
};

class KnowledgeBase {
 public:
  // Reads every *.md file of `folder` (or the one file it names), sorted by name. `base_dir`
  // shortens display paths. InvalidArgument when the folder cannot be listed or a file read.
  [[nodiscard]] static Result<KnowledgeBase> load(const std::filesystem::path& folder,
                                                  std::string_view base_dir);

  // Sections that contain any query term (case-insensitive, words of 2+ letters or digits),
  // best first: each occurrence scores 1, in the heading 3. Ties keep article order.
  std::vector<KbHit> search(std::string_view query, std::size_t max_results = 5) const;

  const std::vector<KbArticle>& articles() const { return articles_; }

 private:
  std::vector<KbArticle> articles_;
};

// Lower-case words of 2+ letters or digits, for queries and scoring.
std::vector<std::string> tokenize(std::string_view text);

}  // namespace ec::adapters::markdown_kb
