#include "adapters/product_access_log/product_access_log_source.h"

#include "adapters/common/config.h"
#include "adapters/common/file_list.h"
#include "adapters/common/json_records.h"
#include "adapters/common/report_builder.h"
#include "adapters/product_access_log/console_event.h"
#include "plugin/core/hash.h"

namespace ec::adapters::product_access_log {
namespace {

// Finishes a kept row: content hash of its raw bytes, attributes and summary.
class CompleteRow final : public EvidenceCompleter {
 public:
  CompleteRow(const nlohmann::json& row, std::string_view raw) : row_(row), raw_(raw) {}
  void complete(Evidence& e) const override {
    ec::sha256_hex_into(raw_, e.content_hash);
    complete_row_evidence(row_, e);
  }

 private:
  const nlohmann::json& row_;
  std::string_view raw_;
};

}  // namespace

std::string_view ProductAccessLogSource::kind() const { return kSourceKind; }

Result<SourceReport> ProductAccessLogSource::stream(const Subject& subject,
                                                    const TimeWindow& window, EvidenceSink& sink) {
  const std::string key = common::config_key(options_.label, "path");
  auto files = common::list_source_files(options_.path);
  if (!files) return make_error(ErrorCode::InvalidArgument, key + ": " + files.error().message);
  common::ReportBuilder report(kSourceKind, options_.label);
  // One Evidence reused from row to row: only the rows the sink keeps get attributes, a summary
  // and a content hash (most rows are other users' presigns, which it only digests).
  Evidence scratch;
  for (const auto& file : *files) {
    const std::string display = common::display_path(file, options_.base_dir);
    const Status read =
        common::read_json_records(file, display, report, [&](const common::JsonRecord& record) {
          const Status converted = row_fields_into(record.value, options_.bucket, scratch);
          if (!converted) return report.skip(record.location, converted.error().message);
          report.saw_time(scratch.time);
          if (!window.contains(scratch.time)) return;
          scratch.names_subject = row_names_subject(record.value, subject);
          scratch.origin = record.location;
          sink.accept(scratch, CompleteRow(record.value, record.raw));
        });
    if (!read && read.error().code != ErrorCode::DataLoss) {
      return std::unexpected(read.error().with_context(key));
    }
    if (!read) {
      report.mark_incomplete();
      report.note(display, read.error().message);
    }
  }
  return report.finish();
}

}  // namespace ec::adapters::product_access_log
