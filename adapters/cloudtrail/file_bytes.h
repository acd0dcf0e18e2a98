// Reads one whole CloudTrail file (or fetched object) into memory, plain or gzip (detected by the
// magic bytes, not the extension; concatenated gzip members are one stream), followed by
// kJsonPadding zero bytes so simdjson can parse any record inside it in place. A truncated or
// corrupt gzip stream keeps the bytes decoded before the damage and says so in `status`. The buffer
// is reused from one file to the next, so a folder of files touches fresh memory only for the
// largest one. Thread-safe for distinct FileBytes; the caller owns the buffer.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>

#include "plugin/core/result.h"

#include "adapters/common/log_inputs.h"

namespace ec::adapters::cloudtrail {

// Bytes of readable padding after the text (simdjson::SIMDJSON_PADDING; checked in the .cc).
inline constexpr std::size_t kJsonPadding = 64;
// A decoded file larger than this is refused (CloudTrail delivers files of a few MB).
inline constexpr std::size_t kMaxFileBytes = std::size_t{1} << 30;

struct FileBytes {
  std::string buffer;    // text followed by at least kJsonPadding zero bytes
  std::size_t size = 0;  // length of the text
  bool gzip = false;
  Status status;  // OK, or DataLoss ("truncated gzip stream", "corrupt gzip data")

  std::string_view text() const { return {buffer.data(), size}; }
};

// Replaces `out`'s content with the file's, keeping its buffer's capacity. InvalidArgument when
// the file cannot be opened or read, or decodes to more than kMaxFileBytes (`out` is then empty).
[[nodiscard]] Status read_file_bytes(const std::filesystem::path& path, FileBytes& out);
// The same for a log input: its file, or its bytes fetched from S3 (named by input.display).
[[nodiscard]] Status read_input_bytes(const common::LogInput& input, FileBytes& out);

}  // namespace ec::adapters::cloudtrail
