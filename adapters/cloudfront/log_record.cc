#include "adapters/cloudfront/log_record.h"

#include <string>

namespace ec::adapters::cloudfront {

Result<LogRecord> LogRecord::parse(std::string_view line, const LogFields& fields) {
  LogRecord out;
  out.fields_ = &fields;
  out.columns_.reserve(fields.width());
  std::size_t pos = 0;
  for (;;) {
    const std::size_t tab = line.find('\t', pos);
    out.columns_.push_back(line.substr(pos, tab == std::string_view::npos ? tab : tab - pos));
    if (tab == std::string_view::npos) break;
    pos = tab + 1;
  }
  if (out.columns_.size() < fields.width()) {
    return make_error(ErrorCode::InvalidArgument, "expected " + std::to_string(fields.width()) +
                                                      " tab-separated fields (per #Fields), got " +
                                                      std::to_string(out.columns_.size()));
  }
  return out;
}

std::string_view LogRecord::get(Field field) const {
  const std::size_t column = fields_->column(field);
  if (column == kAbsent || column >= columns_.size()) return {};
  const std::string_view value = columns_[column];
  return value == "-" ? std::string_view{} : value;
}

}  // namespace ec::adapters::cloudfront
