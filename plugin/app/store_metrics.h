// The shared half of GET /metrics, read from the store at scrape time (several replicas share one
// database, so process memory would count each replica's share only): cases by state and on
// security hold, outbox depth and failed delivery attempts per target, security escalations
// forced and acknowledged, and the mission measures of plugin/core/measures.h (compute_measures,
// the one computation) aggregated over cases. Everything comes from one read transaction.
// Thread-safe when the Store is.
#pragma once

#include <string>

#include "plugin/core/result.h"
#include "plugin/core/store.h"

namespace ec::app {

// The store's metric families as exposition text. Errors are the store's (Unavailable when the
// database cannot be read, DataLoss when a row cannot be decoded).
[[nodiscard]] Result<std::string> render_store_metrics(Store& store);

}  // namespace ec::app
