// One tab-separated CloudFront standard log line, split into columns and read by field name
// through the file's LogFields. '-' reads as empty. The record holds views into the line and
// points at the LogFields it was parsed with: both must outlive it.
// Plain value; thread-safe to copy.
#pragma once

#include <string_view>
#include <vector>

#include "plugin/core/result.h"

#include "adapters/cloudfront/log_fields.h"

namespace ec::adapters::cloudfront {

class LogRecord {
 public:
  // InvalidArgument when the line has fewer columns than the #Fields header lists (a cut line);
  // extra trailing columns are ignored.
  [[nodiscard]] static Result<LogRecord> parse(std::string_view line, const LogFields& fields);

  // The column's text, or "" when it is '-' or the header does not list the field.
  std::string_view get(Field field) const;

 private:
  const LogFields* fields_ = nullptr;
  std::vector<std::string_view> columns_;
};

}  // namespace ec::adapters::cloudfront
