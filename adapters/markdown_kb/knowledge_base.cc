#include "adapters/markdown_kb/knowledge_base.h"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <sstream>

#include "adapters/common/config.h"
#include "adapters/common/file_list.h"
#include "plugin/core/utf8_text.h"

namespace ec::adapters::markdown_kb {
namespace {

constexpr std::size_t kExcerptChars = 240;

double count_terms(const std::vector<std::string>& words, const std::vector<std::string>& terms) {
  double n = 0;
  for (const auto& w : words) {
    if (std::find(terms.begin(), terms.end(), w) != terms.end()) n += 1;
  }
  return n;
}

std::string excerpt_of(std::string_view text) {
  std::string out;
  for (const char c : text) {
    const bool space = std::isspace(static_cast<unsigned char>(c)) != 0;
    if (space && (out.empty() || out.back() == ' ')) continue;
    out.push_back(space ? ' ' : c);
    if (out.size() > kExcerptChars) break;  // one byte past: utf8_prefix sees a split character
  }
  out.resize(utf8_prefix(out, kExcerptChars).size());
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

Result<KbArticle> read_article(const std::filesystem::path& file, std::string_view base_dir) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return make_error(ErrorCode::InvalidArgument, "cannot read " + file.string());
  std::ostringstream text;
  text << in.rdbuf();
  KbArticle article{common::display_path(file, base_dir), file.stem().string(),
                    split_markdown(text.str())};
  for (const auto& s : article.sections) {
    if (s.level > 0) {
      article.title = s.heading;
      break;
    }
  }
  return article;
}

}  // namespace

std::vector<std::string> tokenize(std::string_view text) {
  std::vector<std::string> words;
  std::string word;
  for (std::size_t i = 0; i <= text.size(); ++i) {
    const char c = i < text.size() ? text[i] : ' ';
    if (std::isalnum(static_cast<unsigned char>(c)) != 0) {
      word.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
      continue;
    }
    if (word.size() >= 2) words.push_back(word);
    word.clear();
  }
  return words;
}

Result<KnowledgeBase> KnowledgeBase::load(const std::filesystem::path& folder,
                                          std::string_view base_dir) {
  auto files = common::list_source_files(folder);
  if (!files) return make_error(ErrorCode::InvalidArgument, files.error().message);
  KnowledgeBase kb;
  for (const auto& file : *files) {
    if (file.extension() != ".md") continue;
    auto article = read_article(file, base_dir);
    if (!article) return std::unexpected(article.error());
    kb.articles_.push_back(std::move(*article));
  }
  return kb;
}

std::vector<KbHit> KnowledgeBase::search(std::string_view query, std::size_t max_results) const {
  const auto terms = tokenize(query);
  std::vector<KbHit> hits;
  if (terms.empty()) return hits;
  for (const auto& article : articles_) {
    for (const auto& section : article.sections) {
      const double score = 3 * count_terms(tokenize(section.heading), terms) +
                           count_terms(tokenize(section.text), terms);
      if (score > 0) {
        hits.push_back({article.path, section.heading, excerpt_of(section.text), score});
      }
    }
  }
  std::stable_sort(hits.begin(), hits.end(),
                   [](const KbHit& a, const KbHit& b) { return a.score > b.score; });
  if (hits.size() > max_results) hits.resize(max_results);
  return hits;
}

}  // namespace ec::adapters::markdown_kb
