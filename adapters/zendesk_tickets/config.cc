#include "adapters/zendesk_tickets/config.h"

#include "adapters/common/config.h"
#include "adapters/common/live_endpoint.h"
#include "adapters/common/text.h"
#include "adapters/zendesk_tickets/zendesk_live_source.h"
#include "adapters/zendesk_tickets/zendesk_ticket_source.h"
#include "plugin/core/hash.h"

namespace ec::adapters::zendesk_tickets {
namespace {

Result<BuiltSource> create_live(const nlohmann::json& config, const SourceContext& context,
                                const ZendeskLiveOptions& live) {
  EC_RETURN_IF_ERROR(common::require_one_mode(config, context.label, {"export"}));
  auto email = common::optional_string(config, "email", context.label, "");
  if (!email) return std::unexpected(email.error());
  if (!email->empty() && email->find('@') == std::string::npos) {
    return make_error(ErrorCode::InvalidArgument,
                      common::config_key(context.label, "email") +
                          ": expected the email address of the agent the API token acts as");
  }
  ZendeskLiveSettings settings;
  if (const auto it = config.find("ticket"); it != config.end()) {
    settings.ticket = it->is_number_unsigned() ? std::to_string(it->get<std::uint64_t>())
                      : it->is_string()        ? it->get<std::string>()
                                               : std::string();
    if (settings.ticket.empty()) {
      return make_error(ErrorCode::InvalidArgument, common::config_key(context.label, "ticket") +
                                                        ": expected a ticket number");
    }
  }
  auto endpoint = common::read_live_endpoint(config, context, "the Zendesk account",
                                             "https://acme.zendesk.com");
  if (!endpoint) return std::unexpected(endpoint.error());
  // API tokens: Basic base64("{email}/token:{token}"); OAuth access tokens: Bearer.
  const std::string authorization =
      email->empty() ? "Bearer " + endpoint->token
                     : ec::basic_authorization(*email + "/token", endpoint->token);
  common::ApiClient api(*context.http, common::clock_of(context),
                        common::sleeper_or_default(live.sleep), endpoint->origin, authorization,
                        "", live.retry);
  settings.base_url = endpoint->origin;
  settings.token_env = endpoint->token_env;
  settings.label = context.label;
  auto source = std::make_unique<ZendeskLiveSource>(std::move(settings), std::move(api));
  BuiltSource built;
  built.tickets = source.get();
  built.evidence = std::move(source);
  return built;
}

}  // namespace

Result<BuiltSource> create_zendesk_source(const nlohmann::json& config,
                                          const SourceContext& context,
                                          const ZendeskLiveOptions& live) {
  EC_RETURN_IF_ERROR(common::require_object(config, context.label));
  if (common::is_live_config(config)) return create_live(config, context, live);
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

Result<BuiltSource> create_zendesk_source(const nlohmann::json& config,
                                          const SourceContext& context) {
  return create_zendesk_source(config, context, ZendeskLiveOptions{});
}

Status register_zendesk(SourceRegistry& registry) {
  return registry.add(kKind, [](const nlohmann::json& config, const SourceContext& context) {
    return create_zendesk_source(config, context);
  });
}

}  // namespace ec::adapters::zendesk_tickets
