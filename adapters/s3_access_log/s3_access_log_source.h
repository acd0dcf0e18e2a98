// S3AccessLogSource: attachment-bucket server access logs read from delivered files (a file or
// a folder of files, plain or gzip), kind "s3_access_log". collect() returns every access in the
// window (storage logs name the signer, not the person), merges duplicate deliveries of the same
// request id (S3 delivery is best-effort), and reports coverage and malformed lines with
// "file:line". Not thread-safe; the caller owns the instance.
#pragma once

#include <filesystem>
#include <string>

#include "plugin/core/evidence_source.h"

namespace ec::adapters::s3_access_log {

struct S3AccessLogOptions {
  std::filesystem::path path;  // resolved file or folder
  std::string base_dir;        // for display paths in origins ("s3/support-attachments-....log:6")
  std::string label;           // config key of the block ("sources.attachments[0]")
};

class S3AccessLogSource final : public EvidenceSource {
 public:
  explicit S3AccessLogSource(S3AccessLogOptions options) : options_(std::move(options)) {}

  // EvidenceSource
  std::string_view kind() const override;
  // names_subject is set only when the requester is the subject. A merged duplicate keeps the
  // first line and counts the others in attributes.duplicates and one report diagnostic.
  // InvalidArgument when the path no longer exists; a truncated gzip file marks the report
  // incomplete and keeps the lines before the damage.
  Result<SourceReport> collect(const Subject& subject, const TimeWindow& window) override;

 private:
  const S3AccessLogOptions options_;
};

}  // namespace ec::adapters::s3_access_log
