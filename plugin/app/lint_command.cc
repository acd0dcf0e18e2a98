// `lint`: the tone and responsibility linter on a message read from stdin.
#include <nlohmann/json.hpp>

#include <iostream>
#include <iterator>

#include "plugin/app/commands.h"
#include "plugin/copilot/tone_linter.h"

namespace ec::app {

int run_lint(const std::string& format, std::istream& in, std::ostream& out, std::ostream& err) {
  const std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  if (text.size() > 1'000'000) {
    err << "lint: input is larger than 1 MB; lint one message at a time\n";
    return 2;
  }
  copilot::LintContext context;  // conservative: access unresolved, security not decided
  context.access_unresolved = true;
  context.security_decided = false;
  const auto findings = copilot::lint(text, context);
  if (format == "json") {
    nlohmann::json list = nlohmann::json::array();
    for (const auto& f : findings) {
      list.push_back({{"rule", f.rule_id},
                      {"span", {f.begin, f.end}},
                      {"excerpt", f.excerpt},
                      {"reason", f.reason}});
    }
    out << nlohmann::json{{"rule_set", copilot::lint_rule_set_version()}, {"findings", list}}
               .dump(2, ' ', false, nlohmann::json::error_handler_t::replace)
        << "\n";
  } else {
    for (const auto& f : findings) {
      out << f.rule_id << " [" << f.begin << "," << f.end << ") \"" << f.excerpt << "\": "
          << f.reason << "\n";
    }
    if (findings.empty()) out << "no findings\n";
  }
  return findings.empty() ? 0 : 1;
}

}  // namespace ec::app
