// MarkdownKbSource: a folder of Markdown knowledge-base articles, kind "markdown_dir". It is an
// EvidenceSource only so it can be configured like the others: collect() returns no evidence
// (knowledge is not evidence) and reports records_read = number of articles. The copilot
// reaches the articles through knowledge() (dynamic_cast the built EvidenceSource to this type).
// The folder is read once, at load(). Not thread-safe; the caller owns the instance.
#pragma once

#include <filesystem>
#include <string>

#include "adapters/markdown_kb/knowledge_base.h"
#include "plugin/core/evidence_source.h"

namespace ec::adapters::markdown_kb {

class MarkdownKbSource final : public EvidenceSource {
 public:
  MarkdownKbSource(KnowledgeBase knowledge, std::string label)
      : knowledge_(std::move(knowledge)), label_(std::move(label)) {}

  // EvidenceSource
  std::string_view kind() const override;
  Result<SourceReport> collect(const Subject& subject, const TimeWindow& window) override;

  const KnowledgeBase& knowledge() const { return knowledge_; }

 private:
  KnowledgeBase knowledge_;
  std::string label_;
};

}  // namespace ec::adapters::markdown_kb
