// The shared half of GET /metrics, read from the store at scrape time (several replicas share one
// database, so process memory would count each replica's share only): cases by state and on
// security hold, outbox depth and failed delivery attempts per target, security escalations
// forced and acknowledged, and the mission measures of plugin/core/measures.h (compute_measures,
// the one computation) aggregated over cases. Everything comes from one read transaction.
// compute_measures() is costly (word-level edit distances), so each case's result is kept per
// process under a fingerprint of its trace (the ids, hashes and times of its draft versions,
// approvals and outbox rows, which the store never changes once written); a case is measured
// again only when its trace grew. Thread-safe when the Store is: scrapes run one at a time.
#pragma once

#include <map>
#include <mutex>
#include <string>
#include <utility>

#include "plugin/core/measures.h"

#include "plugin/core/result.h"
#include "plugin/core/store.h"

namespace ec::app {

class StoreMetrics {
 public:
  explicit StoreMetrics(Store& store) : store_(store) {}
  StoreMetrics(const StoreMetrics&) = delete;
  StoreMetrics& operator=(const StoreMetrics&) = delete;

  // The store's metric families as exposition text. Errors are the store's (Unavailable when
  // the database cannot be read, DataLoss when a row cannot be decoded).
  [[nodiscard]] Result<std::string> render();

  // How many times compute_measures() ran (for tests of the cache).
  std::size_t measured_cases() const;

 private:
  // The measures of one case, computed at most once per fingerprint.
  const CaseMeasures& measures_of(const CaseTrace& trace);

  Store& store_;
  mutable std::mutex mutex_;  // one render at a time; guards cache_ and measured_
  std::map<std::string, std::pair<std::string, CaseMeasures>> cache_;  // case id -> (print, m)
  std::size_t measured_ = 0;
};

}  // namespace ec::app
