// EvidenceRetention: the sink the analysis streams every source into, so that memory follows
// what the analysis needs, not the size of the logs. It keeps every record correlate() can use:
// the non-storage records (identity, product, ticket) except presigns minted for other users,
// and each storage data read (a download or preview) from the clock-skew tolerance before
// deprovisioning on that may concern the subject (see may_concern_subject). The other records
// are routine: of them it keeps only their times (RecordCoverage, for the gap report), a count,
// and for other users' presigns a digest for the join (ForeignPresigns; a presign whose URL
// expired before deprovisioning is not needed even there). So that a small case still lists
// every record it read, routine records are also held while there are at most
// `max_listed_routine` of them; past that they are released and only counted, deterministically
// for the same inputs. Once they are, a storage source can ask routine_storage_read() about a
// raw read and only count it (count_routine_read()) without building the record. Presign
// records must be offered before the storage reads made with them
// (the pipeline streams storage sources last); a read whose presign comes later is kept as
// unattributable, never lost. A presign that names neither the subject nor one of the subject's
// sessions seen earlier in the stream counts as another user's. Not thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <set>
#include <string>
#include <vector>

#include "plugin/core/correlation.h"
#include "plugin/core/evidence_sink.h"
#include "plugin/core/presign_index.h"
#include "plugin/core/record_coverage.h"

namespace ec {

inline constexpr std::size_t kMaxListedRoutine = 1000;

struct RetainedEvidence {
  std::vector<Evidence> evidence;  // kept records, ids not yet assigned
  StreamSummary summary;           // coverage of every record offered; other users' presigns
  std::int64_t offered = 0;
  std::int64_t routine_not_listed = 0;  // routine records counted but not in `evidence`
};

class EvidenceRetention final : public EvidenceSink {
 public:
  EvidenceRetention(const Subject& subject, const CorrelationOptions& options,
                    std::size_t max_listed_routine = kMaxListedRoutine);

  Handle accept(Evidence& evidence, const EvidenceCompleter& completer) override;
  void merge_duplicate(Handle kept) override;
  // True once routine records are no longer listed and the read is routine by its time, action
  // or principal alone (storage_read_is_routine).
  bool routine_storage_read(Timestamp time, std::string_view action,
                            std::string_view principal) override;
  void count_routine_read(std::string_view source, Timestamp time) override;

  std::int64_t offered() const { return offered_; }
  // The kept records and the coverage; the retention is spent afterwards.
  RetainedEvidence finish();

 private:
  bool needed(const Evidence& e);

  const Subject& subject_;
  const CorrelationOptions& options_;
  std::size_t max_listed_routine_;
  std::deque<Evidence> needed_;    // a deque: presign_index_ points into it
  std::vector<Evidence> routine_;  // while listed (at most max_listed_routine_)
  bool routine_released_ = false;
  std::int64_t routine_count_ = 0;
  std::int64_t offered_ = 0;
  PresignIndex presign_index_;  // the subject's presigns (kept records)
  StreamSummary summary_;
  std::set<std::string, std::less<>> subject_sessions_;
};

}  // namespace ec
