// The one explicit list of built-in evidence-source kinds (okta, entra_id, zendesk,
// s3_access_log, product_access_log, markdown_dir, cloudtrail, cloudfront). Explicit calls, not
// static-init registration, so the linker cannot silently drop an adapter from a static library.
// Not thread-safe: call once at start-up, before the registry is shared.
#pragma once

#include "plugin/core/evidence_source.h"

namespace ec::adapters {

// Adds every built-in kind. A kind already in `registry` is a programming error: the process
// aborts with a message on stderr (like Envoy's double registration). Per-adapter register_*()
// functions return AlreadyExists instead, for callers that assemble their own list.
void register_builtin_sources(SourceRegistry& registry);

}  // namespace ec::adapters
