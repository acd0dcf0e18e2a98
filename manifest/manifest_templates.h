// The platform app manifest templates (manifest/<platform>/*.json), embedded at build time.
// Each contains {{base_url}} where the service's public URL goes. Thread-safe (static data).
#pragma once

#include <string_view>

namespace ec::manifest {

// The template stored at `path` relative to manifest/ ("slack/manifest.json"); empty if none.
std::string_view template_for(std::string_view path);

// The bytes of a file copied verbatim into an app package ("zendesk/assets/logo.png"); empty if
// none.
std::string_view asset_for(std::string_view path);

}  // namespace ec::manifest
