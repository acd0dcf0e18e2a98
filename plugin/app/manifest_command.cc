// `manifest`: a platform's app manifest with the service's base URL filled in; for Zendesk,
// `--zip FILE` also writes the app package (manifest.json, translations/en.json, assets/logo.png,
// assets/logo-small.png) that Zendesk's app upload accepts.
#include <nlohmann/json.hpp>

#include <fstream>
#include <iostream>

#include "manifest/manifest_templates.h"
#include "plugin/app/commands.h"
#include "plugin/app/zip_writer.h"

namespace ec::app {
namespace {

// The Zendesk app's files besides manifest.json, at their paths inside the zip.
constexpr std::pair<const char*, const char*> kZendeskAppFiles[] = {
    {"translations/en.json", "zendesk/translations/en.json"},
    {"assets/logo.png", "zendesk/assets/logo.png"},
    {"assets/logo-small.png", "zendesk/assets/logo-small.png"},
};

std::string replace_all(std::string text, std::string_view from, std::string_view to) {
  for (std::size_t pos = text.find(from); pos != std::string::npos;
       pos = text.find(from, pos + to.size())) {
    text.replace(pos, from.size(), to);
  }
  return text;
}

int write_zendesk_zip(const std::string& manifest, const std::string& path, std::ostream& err) {
  ZipWriter zip;
  Status added = zip.add("manifest.json", manifest, ZipMethod::Deflated);
  for (const auto& [name, source] : kZendeskAppFiles) {
    if (!added) break;
    const std::string_view bytes = manifest::asset_for(source);
    if (bytes.empty()) {
      err << "manifest: internal error: " << source << " is not embedded\n";
      return 3;
    }
    const bool png = std::string_view(name).ends_with(".png");
    added = zip.add(name, bytes, png ? ZipMethod::Stored : ZipMethod::Deflated);
  }
  if (!added) {
    err << "manifest: " << added.error().message << "\n";
    return 3;
  }
  const std::string archive = zip.finish();
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(archive.data(), static_cast<std::streamsize>(archive.size()));
  out.close();
  if (!out) {
    err << "manifest: --zip: cannot write " << path << "\n";
    return 2;
  }
  return 0;
}

}  // namespace

int run_manifest(const std::string& platform, const std::string& base_url, std::ostream& out,
                 std::ostream& err, const std::string& zip_path) {
  if (base_url.rfind("https://", 0) != 0 || base_url.size() <= 8 ||
      base_url.find_first_of(" \"\\<>{}") != std::string::npos) {
    err << "manifest: --base-url: expected an https:// URL without spaces or quotes, got '"
        << base_url << "'\n";
    return 2;
  }
  if (!zip_path.empty() && platform != "zendesk") {
    err << "manifest: --zip: only the zendesk app is packaged as a zip\n";
    return 2;
  }
  std::string trimmed = base_url;
  while (!trimmed.empty() && trimmed.back() == '/') trimmed.pop_back();
  const std::string host = trimmed.substr(8, trimmed.find_first_of("/:?#", 8) - 8);
  const std::string path = platform == "slack"        ? "slack/manifest.json"
                           : platform == "mattermost" ? "mattermost/slash_command.json"
                                                      : "zendesk/manifest.json";
  const std::string filled = replace_all(
      replace_all(std::string(manifest::template_for(path)), "{{base_url}}", trimmed), "{{host}}",
      host);
  const auto json = nlohmann::json::parse(filled, nullptr, false);
  if (json.is_discarded()) {
    err << "manifest: internal error: the " << platform << " template is not valid JSON\n";
    return 3;
  }
  const std::string text = json.dump(2) + "\n";
  out << text;
  if (!zip_path.empty()) return write_zendesk_zip(text, zip_path, err);
  return 0;
}

}  // namespace ec::app
