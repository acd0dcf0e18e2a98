// The one mapping from error codes to HTTP statuses for the service's own pages and APIs:
// InvalidArgument 400, Unauthenticated 401, PermissionDenied 403, NotFound 404,
// FailedPrecondition and AlreadyExists 409, Unavailable 503, DeadlineExceeded 504, else 500
// (whose body must not carry internals). Pure; thread-safe.
#pragma once

#include "plugin/core/result.h"

namespace ec::platforms {

int http_status_for(ErrorCode code);

}  // namespace ec::platforms
