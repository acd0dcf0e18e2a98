#include "plugin/app/source_set.h"

#include <cstdlib>

#include "adapters/registry.h"

namespace ec::app {
namespace {

std::optional<std::string> secret_from_environment(std::string_view name) {
  const std::string key(name);
  const char* value = std::getenv(key.c_str());
  if (value == nullptr || *value == '\0') return std::nullopt;
  return std::string(value);
}

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

}  // namespace

Result<std::unique_ptr<SourceSet>> SourceSet::build(const Config& config, const Clock& clock) {
  SourceRegistry registry;
  adapters::register_builtin_sources(registry);
  auto set = std::make_unique<SourceSet>();
  const std::string where = config.file.empty() ? "config" : config.file.string();
  for (auto& [label, block] : source_blocks(config.sources)) {
    SourceContext context;
    context.base_dir = config.base_dir.string();
    context.clock = &clock;
    context.secret = secret_from_environment;
    context.label = label;
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
