// S3AccessLogSource: attachment-bucket server access logs read from delivered files (a file or
// a folder of files, plain or gzip) or, in live mode, from the log bucket over the S3 API
// (adapters/aws), kind "s3_access_log". stream() offers every access in the
// window (storage logs name the signer, not the person) one line at a time, merges duplicate
// deliveries of the same request id among the records its sink keeps (S3 delivery is
// best-effort), and reports coverage and malformed lines with "file:line"; collect() is stream()
// into a CollectingSink. Not thread-safe; the caller owns the instance.
#pragma once

#include <filesystem>
#include <string>

#include "plugin/core/evidence_source.h"

#include "adapters/common/log_inputs.h"

namespace ec::adapters::s3_access_log {

struct S3AccessLogOptions {
  std::filesystem::path path;  // resolved file or folder
  std::string base_dir;        // for display paths in origins ("s3/support-attachments-....log:6")
  std::string label;           // config key of the block ("sources.attachments[0]")
  common::LogInputsPtr inputs;  // live mode: objects from the log bucket; null: files at `path`
};

class S3AccessLogSource final : public StreamingEvidenceSource {
 public:
  explicit S3AccessLogSource(S3AccessLogOptions options) : options_(std::move(options)) {}

  // EvidenceSource
  std::string_view kind() const override;
  // names_subject is set only when the requester is the subject. A duplicate of a kept record
  // is merged into it (sink.merge_duplicate) and counted in one report diagnostic; memory for
  // this grows with the records kept, not with the lines read. InvalidArgument when the path no
  // longer exists; a truncated gzip file, or (live) a listing or object that cannot be read,
  // marks the report incomplete and keeps what was read.
  Result<SourceReport> stream(const Subject& subject, const TimeWindow& window,
                              EvidenceSink& sink) override;

 private:
  const S3AccessLogOptions options_;
};

}  // namespace ec::adapters::s3_access_log
