// CloudFrontSource: CloudFront standard access logs read from delivered files (a file or a
// folder of files, plain or gzip) or, live, from the log bucket over the S3 API, kind
// "cloudfront". Each file's "#Fields:" header sets the
// column order. collect() returns every request in the window as storage.object_access evidence
// with no principal: CDN requests (edge cache hits never reach the bucket) name no user, so
// correlation reports reads after deprovisioning as "cannot rule out". Malformed lines are
// counted with "file:line". Not thread-safe; the caller owns the instance.
#pragma once

#include <filesystem>
#include <string>

#include "plugin/core/evidence_source.h"

#include "adapters/common/log_inputs.h"

namespace ec::adapters::cloudfront {

struct CloudFrontOptions {
  std::filesystem::path path;  // resolved file or folder
  std::string base_dir;        // for display paths in origins ("cloudfront/E2X.2025-03-11.log:3")
  std::string label;           // config key of the block ("sources.attachments[2]")
  common::LogInputsPtr inputs;  // live mode: objects from the log bucket; null: `path`
};

class CloudFrontSource final : public EvidenceSource {
 public:
  explicit CloudFrontSource(CloudFrontOptions options) : options_(std::move(options)) {}

  // EvidenceSource
  std::string_view kind() const override;
  // names_subject is always false. InvalidArgument naming "<label>.path" when the path no longer
  // exists; a truncated gzip file marks the report incomplete and keeps the lines before it.
  Result<SourceReport> collect(const Subject& subject, const TimeWindow& window) override;

 private:
  const CloudFrontOptions options_;
};

}  // namespace ec::adapters::cloudfront
