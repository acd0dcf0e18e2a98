// EvidenceSink: where a streamed collection (EvidenceSource::stream) puts its records, one at a
// time, so a caller that needs only some of them (the analysis pipeline) never holds the rest.
// CollectingSink keeps every record: collect() is stream() into one. Sinks are not thread-safe;
// a source calls its sink from the caller's thread.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "plugin/core/evidence.h"

namespace ec {

// Fills in the parts of a record that only a kept record needs (content_hash, summary,
// attributes), so that a sink that only counts a record never pays for them.
class EvidenceCompleter {
 public:
  virtual ~EvidenceCompleter() = default;
  virtual void complete(Evidence& evidence) const = 0;
};

// For records that are complete already.
class AlreadyComplete final : public EvidenceCompleter {
 public:
  void complete(Evidence&) const override {}
};

// Sets content_hash to the SHA-256 of the record's raw bytes.
class HashRawBytes final : public EvidenceCompleter {
 public:
  explicit HashRawBytes(std::string_view raw) : raw_(raw) {}
  void complete(Evidence& evidence) const override;

 private:
  std::string_view raw_;
};

class EvidenceSink {
 public:
  // Names a record the sink kept, for merge_duplicate(); kNotKept when it only counted it.
  using Handle = std::uint64_t;
  static constexpr Handle kNotKept = 0;

  virtual ~EvidenceSink() = default;

  // Offers one record. Every field correlation reads is set; the rest (content_hash, summary,
  // attributes) may be left to `completer`, which a sink calls once on each record it keeps,
  // before keeping it. The sink may move from `evidence`; the caller may reuse the object
  // afterwards. Returns the record's handle when it was kept, kNotKept otherwise.
  virtual Handle accept(Evidence& evidence, const EvidenceCompleter& completer) = 0;

  // Another delivery of the kept record `kept` (same request or event id) was read and merged
  // into it. A source only reports duplicates of records the sink kept.
  virtual void merge_duplicate(Handle kept) = 0;

  // A pre-check that lets a storage source skip building most records: true when a
  // storage.object_access record at `time` with `action` by `principal` would only be counted
  // (neither kept nor listed), whatever its other fields. The source then calls
  // count_routine_read() for it instead of accept(). The default keeps every record offered.
  virtual bool routine_storage_read(Timestamp /*time*/, std::string_view /*action*/,
                                    std::string_view /*principal*/) {
    return false;
  }
  // Counts a storage read routine_storage_read() answered true for, as accept() would have.
  virtual void count_routine_read(std::string_view /*source*/, Timestamp /*time*/) {}
};

// Records a merged duplicate on the evidence itself: attributes.duplicates counts them.
void count_duplicate(Evidence& evidence);

// Keeps every record, in the order offered: what collect() returns.
class CollectingSink final : public EvidenceSink {
 public:
  Handle accept(Evidence& evidence, const EvidenceCompleter& completer) override;
  void merge_duplicate(Handle kept) override;
  // The records; the sink is empty afterwards.
  std::vector<Evidence> take() { return std::move(evidence_); }

 private:
  std::vector<Evidence> evidence_;
};

}  // namespace ec
