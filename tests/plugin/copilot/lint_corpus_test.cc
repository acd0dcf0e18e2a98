// The tone and responsibility linter measured on a labelled corpus (tests/data/lint_corpus.tsv):
// precision and recall are printed and must both reach 0.9 (issue #4).
#include <gtest/gtest.h>

#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "plugin/copilot/tone_linter.h"
#include "tests/fakes/temp_dir.h"

namespace ec::copilot {
namespace {

struct Labelled {
  bool should_flag = false;
  std::string sentence;
};

std::vector<Labelled> load_corpus() {
  std::ifstream in(ec::testing::source_dir() / "tests" / "data" / "lint_corpus.tsv");
  std::vector<Labelled> corpus;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    const auto tab = line.find('\t');
    if (tab == std::string::npos) continue;
    corpus.push_back({line.substr(0, tab) == "flag", line.substr(tab + 1)});
  }
  return corpus;
}

TEST(LintCorpus, PrecisionAndRecallReachNinetyPercent) {
  const auto corpus = load_corpus();
  ASSERT_GE(corpus.size(), 60u);
  int true_positive = 0, false_positive = 0, false_negative = 0, true_negative = 0;
  for (const Labelled& item : corpus) {
    const bool flagged = !lint(item.sentence, LintContext{}).empty();
    if (flagged && item.should_flag) ++true_positive;
    if (flagged && !item.should_flag) {
      ++false_positive;
      std::cout << "  false positive: " << item.sentence << "\n";
    }
    if (!flagged && item.should_flag) {
      ++false_negative;
      std::cout << "  missed: " << item.sentence << "\n";
    }
    if (!flagged && !item.should_flag) ++true_negative;
  }
  const double precision =
      true_positive + false_positive == 0
          ? 0.0
          : static_cast<double>(true_positive) / (true_positive + false_positive);
  const double recall = true_positive + false_negative == 0
                            ? 0.0
                            : static_cast<double>(true_positive) / (true_positive + false_negative);
  std::cout << "lint corpus (" << lint_rule_set_version() << "): " << corpus.size()
            << " sentences, precision " << precision << ", recall " << recall << " (TP "
            << true_positive << ", FP " << false_positive << ", FN " << false_negative << ", TN "
            << true_negative << ")\n";
  RecordProperty("precision", std::to_string(precision));
  RecordProperty("recall", std::to_string(recall));
  EXPECT_GE(precision, 0.9);
  EXPECT_GE(recall, 0.9);
}

}  // namespace
}  // namespace ec::copilot
