#include "adapters/markdown_kb/config.h"

#include "adapters/common/config.h"
#include "adapters/markdown_kb/markdown_kb_source.h"

namespace ec::adapters::markdown_kb {

Result<BuiltSource> create_markdown_kb_source(const nlohmann::json& config,
                                              const SourceContext& context) {
  EC_RETURN_IF_ERROR(common::require_object(config, context.label));
  auto path = common::require_existing_path(config, "path", context.label, context.base_dir);
  if (!path) return std::unexpected(path.error());
  auto kb = KnowledgeBase::load(*path, context.base_dir);
  if (!kb)
    return std::unexpected(kb.error().with_context(common::config_key(context.label, "path")));
  BuiltSource built;
  built.evidence = std::make_unique<MarkdownKbSource>(std::move(*kb), context.label);
  return built;
}

Status register_markdown_kb(SourceRegistry& registry) {
  return registry.add(kKind, create_markdown_kb_source);
}

}  // namespace ec::adapters::markdown_kb
