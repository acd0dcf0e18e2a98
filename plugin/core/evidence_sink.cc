#include "plugin/core/evidence_sink.h"

#include <utility>

#include "plugin/core/hash.h"

namespace ec {

void HashRawBytes::complete(Evidence& evidence) const {
  sha256_hex_into(raw_, evidence.content_hash);
}

void count_duplicate(Evidence& evidence) {
  evidence.attributes["duplicates"] = evidence.attributes.value("duplicates", 0) + 1;
}

EvidenceSink::Handle CollectingSink::accept(Evidence& evidence,
                                            const EvidenceCompleter& completer) {
  completer.complete(evidence);
  evidence_.push_back(std::move(evidence));
  return evidence_.size();
}

void CollectingSink::merge_duplicate(Handle kept) {
  if (kept == kNotKept || kept > evidence_.size()) return;
  count_duplicate(evidence_[kept - 1]);
}

}  // namespace ec
