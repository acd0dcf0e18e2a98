// LineReader: streams a log file line by line, plain or gzip (detected by the magic bytes, not
// the extension; concatenated gzip members are read as one stream), keeping the line number for
// "file:line" locations. Memory stays bounded by the longest line. It reads a local file or bytes
// already in memory (an S3 object fetched by a live source), the same way.
// Not thread-safe; one reader per file. The reader owns its file handle.
#pragma once

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "plugin/core/result.h"

struct z_stream_s;

namespace ec::adapters::common {

class LineReader {
 public:
  // InvalidArgument when the file cannot be opened.
  [[nodiscard]] static Result<std::unique_ptr<LineReader>> open(const std::filesystem::path& path);
  // Reads `bytes` (plain or gzip), which must outlive the reader. Internal when the C library
  // cannot open a memory stream.
  [[nodiscard]] static Result<std::unique_ptr<LineReader>> open_bytes(std::string_view bytes);
  ~LineReader();
  LineReader(const LineReader&) = delete;
  LineReader& operator=(const LineReader&) = delete;

  // Sets `line` to the next line without its "\n" or "\r\n"; it stays valid until the next call.
  // Returns false at the end of the input or on a read error; then check status().
  bool next(std::string_view& line);

  // 1-based number of the line last returned.
  std::int64_t line_number() const { return line_number_; }
  bool is_gzip() const { return gzip_ != nullptr; }
  // OK, or DataLoss ("truncated gzip stream", "corrupt gzip data") / InvalidArgument (I/O error).
  const Status& status() const { return status_; }

 private:
  explicit LineReader(std::FILE* file);
  [[nodiscard]] static Result<std::unique_ptr<LineReader>> start(std::FILE* file);
  bool fill();  // appends decoded bytes to buffer_; false at end of input or error
  bool fill_plain();
  bool fill_gzip();
  bool read_input();  // refills input_; false at end of file or error
  void fail(ErrorCode code, std::string message);

  std::FILE* file_;
  std::unique_ptr<z_stream_s> gzip_;
  bool gzip_member_open_ = false;
  std::vector<unsigned char> input_;
  std::string buffer_;
  std::size_t start_ = 0;
  std::int64_t line_number_ = 0;
  bool at_end_ = false;
  Status status_;
};

}  // namespace ec::adapters::common
