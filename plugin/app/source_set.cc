#include "plugin/app/source_set.h"

#include "adapters/registry.h"
#include "plugin/net/httplib_client.h"

namespace ec::app {
namespace {

// Flattens "sources": an object of blocks, each an object or an array of objects.
std::vector<std::pair<std::string, nlohmann::json>> source_blocks(const nlohmann::json& sources) {
  std::vector<std::pair<std::string, nlohmann::json>> blocks;
  for (const auto& [key, value] : sources.items()) {
    if (value.is_array()) {
      for (std::size_t i = 0; i < value.size(); ++i) {
        blocks.emplace_back("sources." + key + "[" + std::to_string(i) + "]", value[i]);
      }
    } else {
      blocks.emplace_back("sources." + key, value);
    }
  }
  return blocks;
}

// The outbound HTTP client: system CA bundle, or "http": {"ca_file": ...} (config-relative).
Result<std::unique_ptr<HttpClient>> make_http_client(const Config& config) {
  net::HttplibClientOptions options;
  const auto http = config.raw.find("http");
  if (http != config.raw.end() && http->is_object()) {
    const auto ca = http->find("ca_file");
    if (ca != http->end() && !ca->is_string()) {
      return make_error(ErrorCode::InvalidArgument, "http.ca_file: expected a string path");
    }
    if (ca != http->end()) {
      std::filesystem::path path = ca->get<std::string>();
      if (path.is_relative()) path = config.base_dir / path;
      options.ca_file = path.lexically_normal().string();
    }
  }
  auto client = net::HttplibClient::create(std::move(options));
  if (!client) return std::unexpected(client.error().with_context("http.ca_file"));
  return std::unique_ptr<HttpClient>(std::move(*client));
}

}  // namespace

Result<std::unique_ptr<SourceSet>> SourceSet::build(const Config& config, const Clock& clock) {
  SourceRegistry registry;
  adapters::register_builtin_sources(registry);
  auto set = std::make_unique<SourceSet>();
  const std::string where = config.file.empty() ? "config" : config.file.string();
  auto http = make_http_client(config);
  if (!http) return std::unexpected(http.error().with_context(where));
  set->http_ = std::move(*http);
  for (auto& [label, block] : source_blocks(config.sources)) {
    SourceContext context;
    context.base_dir = config.base_dir.string();
    context.clock = &clock;
    context.secret = secret_from_environment;
    context.label = label;
    context.http = set->http_.get();
    auto built = registry.build(block, context);
    if (!built) return std::unexpected(built.error().with_context(where));
    if (built->identity != nullptr && set->identity_ == nullptr) set->identity_ = built->identity;
    if (built->tickets != nullptr && set->tickets_ == nullptr) set->tickets_ = built->tickets;
    set->sources_.push_back(ConfiguredSource{label, std::move(*built)});
  }
  if (set->identity_ == nullptr) {
    return make_error(ErrorCode::InvalidArgument,
                      where + ": sources.identity: no identity source is configured (e.g. okta)");
  }
  return set;
}

}  // namespace ec::app
