#include "adapters/zendesk_tickets/config.h"

#include "adapters/common/config.h"
#include "adapters/zendesk_tickets/zendesk_ticket_source.h"

namespace ec::adapters::zendesk_tickets {

Result<BuiltSource> create_zendesk_source(const nlohmann::json& config,
                                          const SourceContext& context) {
  EC_RETURN_IF_ERROR(common::require_object(config, context.label));
  auto file = common::require_existing_path(config, "export", context.label, context.base_dir);
  if (!file) return std::unexpected(file.error());
  auto source = ZendeskTicketSource::load(*file, common::display_path(*file, context.base_dir),
                                          context.label);
  if (!source) return std::unexpected(source.error());
  BuiltSource built;
  built.tickets = source->get();
  built.evidence = std::move(*source);
  return built;
}

Status register_zendesk(SourceRegistry& registry) {
  return registry.add(kKind, create_zendesk_source);
}

}  // namespace ec::adapters::zendesk_tickets
