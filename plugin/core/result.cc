#include "plugin/core/result.h"

namespace ec {

std::string_view error_code_name(ErrorCode code) {
  switch (code) {
    case ErrorCode::InvalidArgument: return "InvalidArgument";
    case ErrorCode::NotFound: return "NotFound";
    case ErrorCode::AlreadyExists: return "AlreadyExists";
    case ErrorCode::PermissionDenied: return "PermissionDenied";
    case ErrorCode::Unauthenticated: return "Unauthenticated";
    case ErrorCode::FailedPrecondition: return "FailedPrecondition";
    case ErrorCode::Unavailable: return "Unavailable";
    case ErrorCode::DeadlineExceeded: return "DeadlineExceeded";
    case ErrorCode::DataLoss: return "DataLoss";
    case ErrorCode::Internal: return "Internal";
  }
  return "Internal";
}

Error Error::with_context(std::string_view context) const {
  return Error{code, std::string(context) + ": " + message};
}

std::string Error::to_string() const {
  return std::string(error_code_name(code)) + ": " + message;
}

}  // namespace ec
