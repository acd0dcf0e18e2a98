#include "adapters/common/log_inputs.h"

#include "adapters/common/config.h"
#include "adapters/common/file_list.h"

namespace ec::adapters::common {

Result<std::unique_ptr<LineReader>> open_lines(const LogInput& input) {
  return input.bytes ? LineReader::open_bytes(*input.bytes) : LineReader::open(input.file);
}

Status LocalLogFiles::for_each(const Subject& /*subject*/, const TimeWindow& /*window*/,
                               ReportBuilder& /*report*/, const LogInputVisitor& visit) {
  auto files = list_source_files(path_);
  if (!files) return std::unexpected(files.error());
  for (const auto& file : *files) {
    visit(LogInput{display_path(file, base_dir_), file, std::nullopt});
  }
  return ok_status();
}

}  // namespace ec::adapters::common
