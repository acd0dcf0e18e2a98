#include "adapters/cloudtrail/cloudtrail_record.h"

#include <cmath>
#include <string>

#include <simdjson.h>

#include "adapters/common/text.h"

namespace ec::adapters::cloudtrail {
namespace {

namespace od = simdjson::ondemand;
using simdjson::error_code;

// The first problem found while reading one record: the simdjson error and the field.
struct ReadError {
  error_code code = simdjson::SUCCESS;
  std::string_view field;
};

bool is_null(od::value& value) {
  od::json_type type{};
  return !value.type().get(type) && type == od::json_type::null;
}

// A string, or "" for null. Any other type is an error.
error_code read_string(od::value& value, std::string_view& out) {
  if (is_null(value)) return simdjson::SUCCESS;
  return value.get_string().get(out);
}

error_code read_bool(od::value& value, std::optional<bool>& out) {
  if (is_null(value)) return simdjson::SUCCESS;
  bool flag = false;
  if (auto error = value.get_bool().get(flag)) return error;
  out = flag;
  return simdjson::SUCCESS;
}

// An integer written as a number (482113 or 482113.0) or as a string ("604800").
error_code read_int(od::value& value, std::optional<std::int64_t>& out) {
  od::json_type type{};
  if (auto error = value.type().get(type)) return error;
  if (type == od::json_type::null) return simdjson::SUCCESS;
  if (type == od::json_type::string) {
    std::string_view text;
    if (auto error = value.get_string().get(text)) return error;
    out = common::parse_int(text);
    return out ? simdjson::SUCCESS : simdjson::INCORRECT_TYPE;
  }
  od::number_type number_type{};
  if (auto error = value.get_number_type().get(number_type)) return error;
  if (number_type == od::number_type::floating_point_number) {
    double real = 0;
    if (auto error = value.get_double().get(real)) return error;
    if (!std::isfinite(real) || std::fabs(real) > 9.0e15) return simdjson::NUMBER_OUT_OF_RANGE;
    out = static_cast<std::int64_t>(real);
    return simdjson::SUCCESS;
  }
  std::int64_t whole = 0;
  if (auto error = value.get_int64().get(whole)) return error;
  out = whole;
  return simdjson::SUCCESS;
}

// Calls `on_field(key, value)` for each field of an object; null counts as an empty object.
template <class Fn>
error_code for_each_field(od::value& value, Fn&& on_field) {
  if (is_null(value)) return simdjson::SUCCESS;
  od::object object;
  if (auto error = value.get_object().get(object)) return error;
  for (auto result : object) {
    od::field field;
    if (auto error = std::move(result).get(field)) return error;
    if (auto error = on_field(field.key(), field.value())) return error;
  }
  return simdjson::SUCCESS;
}

// Reads `value` into `out` with `reader`, remembering `name` when it fails.
template <class Reader, class Out>
error_code read_as(Reader reader, od::value& value, Out& out, std::string_view name,
                   ReadError& failed) {
  const error_code error = reader(value, out);
  if (error && failed.field.empty()) failed.field = name;
  return error;
}

error_code read_identity(od::value& value, UserIdentity& id, ReadError& failed) {
  return for_each_field(value, [&](od::raw_json_string key, od::value& v) -> error_code {
    if (key == "type") return read_as(read_string, v, id.type, "userIdentity.type", failed);
    if (key == "arn") return read_as(read_string, v, id.arn, "userIdentity.arn", failed);
    if (key == "principalId") {
      return read_as(read_string, v, id.principal_id, "userIdentity.principalId", failed);
    }
    if (key == "accountId") {
      return read_as(read_string, v, id.account_id, "userIdentity.accountId", failed);
    }
    if (key == "accessKeyId") {
      return read_as(read_string, v, id.access_key_id, "userIdentity.accessKeyId", failed);
    }
    if (key == "userName") {
      return read_as(read_string, v, id.user_name, "userIdentity.userName", failed);
    }
    if (key == "invokedBy") {
      return read_as(read_string, v, id.invoked_by, "userIdentity.invokedBy", failed);
    }
    return simdjson::SUCCESS;
  });
}

error_code read_request_parameters(od::value& value, CloudTrailRecord& r, ReadError& failed) {
  return for_each_field(value, [&](od::raw_json_string key, od::value& v) -> error_code {
    if (key == "bucketName") {
      return read_as(read_string, v, r.bucket, "requestParameters.bucketName", failed);
    }
    if (key == "key") return read_as(read_string, v, r.key, "requestParameters.key", failed);
    if (key == "X-Amz-Date") {
      return read_as(read_string, v, r.amz_date, "requestParameters.X-Amz-Date", failed);
    }
    if (key == "X-Amz-Expires") {
      return read_as(read_int, v, r.amz_expires, "requestParameters.X-Amz-Expires", failed);
    }
    return simdjson::SUCCESS;
  });
}

error_code read_additional_data(od::value& value, CloudTrailRecord& r, ReadError& failed) {
  return for_each_field(value, [&](od::raw_json_string key, od::value& v) -> error_code {
    if (key == "AuthenticationMethod") {
      return read_as(read_string, v, r.auth_method, "additionalEventData.AuthenticationMethod",
                     failed);
    }
    if (key == "bytesTransferredOut") {
      return read_as(read_int, v, r.bytes_out, "additionalEventData.bytesTransferredOut", failed);
    }
    return simdjson::SUCCESS;
  });
}

// The string-valued top-level fields we keep.
struct StringField {
  std::string_view name;
  std::string_view CloudTrailRecord::*member;
};
constexpr StringField kStringFields[] = {
    {"eventTime", &CloudTrailRecord::event_time},
    {"eventSource", &CloudTrailRecord::event_source},
    {"eventName", &CloudTrailRecord::event_name},
    {"eventCategory", &CloudTrailRecord::event_category},
    {"eventID", &CloudTrailRecord::event_id},
    {"errorCode", &CloudTrailRecord::error_code},
    {"errorMessage", &CloudTrailRecord::error_message},
    {"requestID", &CloudTrailRecord::request_id},
    {"sourceIPAddress", &CloudTrailRecord::source_ip},
    {"userAgent", &CloudTrailRecord::user_agent},
};

// The entry for `key`, or nullptr. Compares the first byte before the whole key (hot path).
const StringField* top_level_string(od::raw_json_string key) {
  const char first = *key.raw();
  for (const StringField& field : kStringFields) {
    if (field.name.front() == first && key == field.name) return &field;
  }
  return nullptr;
}

error_code read_top_level(od::raw_json_string key, od::value& value, CloudTrailRecord& r,
                          ReadError& failed) {
  if (const StringField* field = top_level_string(key)) {
    return read_as(read_string, value, r.*(field->member), field->name, failed);
  }
  if (key == "userIdentity") return read_identity(value, r.identity, failed);
  if (key == "requestParameters") return read_request_parameters(value, r, failed);
  if (key == "additionalEventData") return read_additional_data(value, r, failed);
  if (key == "managementEvent") {
    return read_as(read_bool, value, r.management_event, "managementEvent", failed);
  }
  return simdjson::SUCCESS;
}

}  // namespace

struct RecordParser::Impl {
  od::parser parser;
};

RecordParser::RecordParser() : impl_(std::make_unique<Impl>()) {}
RecordParser::~RecordParser() = default;

Result<CloudTrailRecord> RecordParser::parse(std::string_view json, std::size_t capacity) {
  CloudTrailRecord record;
  ReadError failed;
  od::document doc;
  od::object root;
  error_code error = impl_->parser.iterate(json.data(), json.size(), capacity).get(doc);
  if (!error) error = doc.get_object().get(root);
  if (!error) {
    for (auto result : root) {
      od::field field;
      if ((error = std::move(result).get(field))) break;
      if ((error = read_top_level(field.key(), field.value(), record, failed))) break;
    }
  }
  const char* trailing = nullptr;
  if (!error && doc.current_location().get(trailing) == simdjson::SUCCESS) {
    error = simdjson::TRAILING_CONTENT;
  }
  if (!error) return record;
  std::string message =
      "malformed CloudTrail record: " + std::string(simdjson::error_message(error));
  if (!failed.field.empty()) message += " (" + std::string(failed.field) + ")";
  return make_error(ErrorCode::InvalidArgument, std::move(message));
}

}  // namespace ec::adapters::cloudtrail
