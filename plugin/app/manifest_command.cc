// `manifest`: a platform's app manifest with the service's base URL filled in.
#include <nlohmann/json.hpp>

#include <iostream>

#include "manifest/manifest_templates.h"
#include "plugin/app/commands.h"

namespace ec::app {
namespace {

std::string replace_all(std::string text, std::string_view from, std::string_view to) {
  for (std::size_t pos = text.find(from); pos != std::string::npos;
       pos = text.find(from, pos + to.size())) {
    text.replace(pos, from.size(), to);
  }
  return text;
}

}  // namespace

int run_manifest(const std::string& platform, const std::string& base_url, std::ostream& out,
                 std::ostream& err) {
  if (base_url.rfind("https://", 0) != 0 || base_url.size() <= 8 ||
      base_url.find_first_of(" \"\\<>") != std::string::npos) {
    err << "manifest: --base-url: expected an https:// URL without spaces or quotes, got '"
        << base_url << "'\n";
    return 2;
  }
  std::string trimmed = base_url;
  while (!trimmed.empty() && trimmed.back() == '/') trimmed.pop_back();
  const std::string path = platform == "slack"        ? "slack/manifest.json"
                           : platform == "mattermost" ? "mattermost/slash_command.json"
                                                      : "zendesk/manifest.json";
  const std::string filled = replace_all(std::string(manifest::template_for(path)),
                                         "{{base_url}}", trimmed);
  const auto json = nlohmann::json::parse(filled, nullptr, false);
  if (json.is_discarded()) {
    err << "manifest: internal error: the " << platform << " template is not valid JSON\n";
    return 3;
  }
  out << json.dump(2) << "\n";
  return 0;
}

}  // namespace ec::app
