#include "adapters/product_access_log/product_access_log_source.h"

#include "adapters/common/config.h"
#include "adapters/common/file_list.h"
#include "adapters/common/json_records.h"
#include "adapters/common/report_builder.h"
#include "adapters/product_access_log/console_event.h"

namespace ec::adapters::product_access_log {

std::string_view ProductAccessLogSource::kind() const { return kSourceKind; }

Result<SourceReport> ProductAccessLogSource::stream(const Subject& subject,
                                                    const TimeWindow& window, EvidenceSink& sink) {
  const std::string key = common::config_key(options_.label, "path");
  auto files = common::list_source_files(options_.path);
  if (!files) return make_error(ErrorCode::InvalidArgument, key + ": " + files.error().message);
  common::ReportBuilder report(kSourceKind, options_.label);
  for (const auto& file : *files) {
    const std::string display = common::display_path(file, options_.base_dir);
    const Status read =
        common::read_json_records(file, display, report, [&](const common::JsonRecord& record) {
          // The content hash is left to the sink: only kept rows are hashed.
          if (auto e = accept_row(record.value, options_.bucket, record.location, "", subject,
                                  window, report)) {
            sink.accept(*e, HashRawBytes(record.raw));
          }
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
