#include "plugin/platforms/common/http_status.h"

namespace ec::platforms {

int http_status_for(ErrorCode code) {
  switch (code) {
    case ErrorCode::InvalidArgument: return 400;
    case ErrorCode::Unauthenticated: return 401;
    case ErrorCode::PermissionDenied: return 403;
    case ErrorCode::NotFound: return 404;
    case ErrorCode::FailedPrecondition:
    case ErrorCode::AlreadyExists: return 409;
    case ErrorCode::Unavailable: return 503;
    case ErrorCode::DeadlineExceeded: return 504;
    default: return 500;
  }
}

}  // namespace ec::platforms
