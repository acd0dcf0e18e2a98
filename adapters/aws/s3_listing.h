// Reads the XML body of an S3 ListObjectsV2 response (ListBucketResult): each Contents' Key,
// Size and LastModified, IsTruncated and NextContinuationToken. A small, strict reader for this
// one response shape: elements, attributes (ignored), the XML declaration, comments, CDATA and
// the five predefined entities plus numeric character references; anything else (a DOCTYPE,
// an unknown entity, unbalanced tags) is refused. Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "plugin/core/result.h"
#include "plugin/core/time.h"

namespace ec::adapters::aws {

struct S3Object {
  std::string key;  // decoded
  std::int64_t size = 0;
  std::optional<Timestamp> last_modified;
};

struct S3Listing {
  std::vector<S3Object> objects;
  bool truncated = false;
  std::string next_continuation_token;  // set when truncated
};

// InvalidArgument naming the problem ("not well-formed XML: ... at byte 120", "expected a
// ListBucketResult document", "Contents[3]: Size is not a number", "IsTruncated is true but
// there is no NextContinuationToken").
[[nodiscard]] Result<S3Listing> parse_list_objects_v2(std::string_view xml);

}  // namespace ec::adapters::aws
