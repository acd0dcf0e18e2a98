// ProductAccessLogSource: the Support Console's own access log (JSON Lines or a JSON array, plain
// or gzip; a file or a folder of files), kind "product_access_log". stream() offers every row in
// the window, one at a time, with names_subject set on the subject's rows; rows of other users
// stay in because presign rows are what ties storage accesses back to people (the analysis keeps
// other users' presigns only as digests). collect() is stream() into a CollectingSink.
// Not thread-safe; the caller owns the instance.
#pragma once

#include <filesystem>
#include <string>

#include "plugin/core/evidence_source.h"

namespace ec::adapters::product_access_log {

struct ProductAccessLogOptions {
  std::filesystem::path path;                  // resolved file or folder
  std::string bucket = "support-attachments";  // bucket presigned keys live in
  std::string base_dir;                        // for display paths in origins
  std::string label;                           // config key of the block
};

class ProductAccessLogSource final : public StreamingEvidenceSource {
 public:
  explicit ProductAccessLogSource(ProductAccessLogOptions options) : options_(std::move(options)) {}

  // EvidenceSource
  std::string_view kind() const override;
  // InvalidArgument when the path no longer exists or a file is not JSON Lines / a JSON array.
  Result<SourceReport> stream(const Subject& subject, const TimeWindow& window,
                              EvidenceSink& sink) override;

 private:
  const ProductAccessLogOptions options_;
};

}  // namespace ec::adapters::product_access_log
