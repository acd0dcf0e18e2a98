// Fuzz target: S3 ListObjectsV2 response bodies (adapters/aws/s3_listing.h), which the AWS log
// sources' live mode reads from the bucket. Properties: a value or an InvalidArgument with a
// message, never an exception; a truncated listing has a continuation token; every object has
// a key, a size >= 0 and a LastModified RFC 3339 can write; a listing from valid UTF-8 decodes
// to valid UTF-8 (character references name XML characters only); the listing written back as
// XML (entities escaped) parses to the same listing.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "adapters/aws/s3_listing.h"
#include "tests/fuzz/adapter_checks.h"
#include "tests/fuzz/fuzz_support.h"

namespace aws = ec::adapters::aws;

namespace {

std::string escape(std::string_view text) {
  std::string out;
  for (const char c : text) {
    if (c == '&') {
      out += "&amp;";
    } else if (c == '<') {
      out += "&lt;";
    } else if (c == '>') {
      out += "&gt;";
    } else {
      out.push_back(c);
    }
  }
  return out;
}

std::string to_xml(const aws::S3Listing& listing) {
  std::string xml = "<?xml version=\"1.0\"?>\n<ListBucketResult><IsTruncated>";
  xml += listing.truncated ? "true" : "false";
  xml += "</IsTruncated>";
  for (const auto& object : listing.objects) {
    xml += "<Contents><Key>" + escape(object.key) + "</Key><Size>" +
           std::to_string(object.size) + "</Size>";
    if (object.last_modified) {
      xml += "<LastModified>" + ec::format_rfc3339(*object.last_modified) + "</LastModified>";
    }
    xml += "</Contents>";
  }
  if (!listing.next_continuation_token.empty()) {
    xml += "<NextContinuationToken>" + escape(listing.next_continuation_token) +
           "</NextContinuationToken>";
  }
  return xml + "</ListBucketResult>";
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view xml(reinterpret_cast<const char*>(data), size);
  const auto listing = aws::parse_list_objects_v2(xml);
  if (!listing) {
    FUZZ_CHECK(listing.error().code == ec::ErrorCode::InvalidArgument);
    ec::fuzz::check_error(listing.error());
    return 0;
  }
  FUZZ_CHECK(!listing->truncated || !listing->next_continuation_token.empty());
  const bool utf8 = ec::fuzz::valid_utf8(xml);
  for (const auto& object : listing->objects) {
    FUZZ_CHECK(!object.key.empty());
    FUZZ_CHECK(object.size >= 0);
    ec::fuzz::check_time(object.last_modified);
    if (utf8) FUZZ_CHECK(ec::fuzz::valid_utf8(object.key));
  }
  if (utf8) FUZZ_CHECK(ec::fuzz::valid_utf8(listing->next_continuation_token));
  const auto back = aws::parse_list_objects_v2(to_xml(*listing));
  FUZZ_CHECK(back.has_value());
  FUZZ_CHECK(back->truncated == listing->truncated);
  FUZZ_CHECK(back->next_continuation_token == listing->next_continuation_token);
  FUZZ_CHECK(back->objects.size() == listing->objects.size());
  for (std::size_t i = 0; i < back->objects.size(); ++i) {
    FUZZ_CHECK(back->objects[i].key == listing->objects[i].key);
    FUZZ_CHECK(back->objects[i].size == listing->objects[i].size);
    FUZZ_CHECK(back->objects[i].last_modified == listing->objects[i].last_modified);
  }
  return 0;
}
