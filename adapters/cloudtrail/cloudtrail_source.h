// CloudTrailSource: S3 data events from CloudTrail files, kind "cloudtrail". `path` names one
// file or a folder of files (or, live, the trail's objects are fetched from its bucket), each plain
// or gzip, each either the delivered {"Records":[...]} shape or JSON Lines. stream() offers every
// S3 data event in the window as storage.object_access evidence (the signer, not the person, is
// what CloudTrail names), one record at a time, skips other events, merges duplicate deliveries of
// one eventID among the records its sink keeps, and reports coverage (over S3 data events) and
// malformed records with "file:Records[i]" or "file:line"; collect() is stream() into a
// CollectingSink. One file is held in memory at a time (CloudTrail delivers files of at most a few
// MB). Not thread-safe; the caller owns the instance.
#pragma once

#include <filesystem>
#include <string>

#include "plugin/core/evidence_source.h"

#include "adapters/cloudtrail/user_identity.h"
#include "adapters/common/log_inputs.h"

namespace ec::adapters::cloudtrail {

struct CloudTrailOptions {
  std::filesystem::path path;  // resolved file or folder
  std::string base_dir;        // for display paths in origins ("cloudtrail/....json:Records[3]")
  std::string label;           // config key of the block ("sources.attachments[1]")
  IamUserMap iam_users;        // IAM user name (lower case) -> subject login, email or id
  common::LogInputsPtr inputs;  // live mode: objects from the trail's bucket; null: `path`
};

class CloudTrailSource final : public StreamingEvidenceSource {
 public:
  explicit CloudTrailSource(CloudTrailOptions options);
  ~CloudTrailSource() override;

  // EvidenceSource
  std::string_view kind() const override;
  // InvalidArgument naming "<label>.path" when the path no longer exists. A file that cannot be
  // opened, a truncated gzip file, a {"Records"} file whose structure breaks or (live) a listing
  // or object that cannot be read marks the report incomplete; what was read is kept.
  Result<SourceReport> stream(const Subject& subject, const TimeWindow& window,
                              EvidenceSink& sink) override;

 private:
  const CloudTrailOptions options_;
};

}  // namespace ec::adapters::cloudtrail
