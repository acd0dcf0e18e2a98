// Writers for the synthetic logs: S3 server access log files (27-field lines, one file per hour
// as S3 delivers them), CloudTrail S3 data-event files ({"Records":[...]} of N records each) and
// the Support Console's JSON Lines log. Each buffers in memory (bounded) and writes with fwrite;
// errors are sticky and reported by close(). Not thread-safe; one writer per output.
#pragma once

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <string>

#include "plugin/core/result.h"

#include "bench/event_model.h"

namespace ec::bench {

// Appends one access log line (with '\n') for `e`.
void append_access_log_line(std::string& out, const Event& e);
// Appends one CloudTrail record (no trailing separator) for `e`.
void append_cloudtrail_record(std::string& out, const Event& e);
// Appends one console presign row (with '\n').
void append_console_presign(std::string& out, const PresignedUrl& url, const Agent& agent,
                            std::string_view session_id, std::int64_t session_created,
                            std::uint64_t seq);

// A buffered file that reports the first error.
class OutputFile {
 public:
  OutputFile() = default;
  ~OutputFile();
  OutputFile(const OutputFile&) = delete;
  OutputFile& operator=(const OutputFile&) = delete;
  Status open(const std::filesystem::path& path);
  std::string& buffer() { return buffer_; }
  void flush_if_full();  // writes the buffer out once it holds more than 1 MiB
  Status close();
  bool is_open() const { return file_ != nullptr; }
  std::uint64_t bytes() const { return bytes_; }

 private:
  std::FILE* file_ = nullptr;
  std::string buffer_;
  std::filesystem::path path_;
  std::uint64_t bytes_ = 0;
  bool failed_ = false;
};

class S3LogWriter {
 public:
  explicit S3LogWriter(std::filesystem::path dir) : dir_(std::move(dir)) {}
  Status write(const Event& e);
  Status close();
  std::uint64_t lines() const { return lines_; }
  std::uint64_t files() const { return files_; }
  std::uint64_t bytes() const { return bytes_; }  // of the files closed so far

 private:
  std::filesystem::path dir_;
  OutputFile file_;
  std::int64_t hour_ = -1;
  std::uint64_t lines_ = 0;
  std::uint64_t files_ = 0;
  std::uint64_t bytes_ = 0;
};

class CloudTrailWriter {
 public:
  CloudTrailWriter(std::filesystem::path dir, std::uint64_t records_per_file)
      : dir_(std::move(dir)), per_file_(records_per_file) {}
  Status write(const Event& e);
  Status close();
  std::uint64_t records() const { return records_; }
  std::uint64_t files() const { return files_; }
  std::uint64_t bytes() const { return bytes_; }  // of the files closed so far

 private:
  std::filesystem::path dir_;
  std::uint64_t per_file_;
  OutputFile file_;
  std::uint64_t in_file_ = 0;
  std::uint64_t records_ = 0;
  std::uint64_t files_ = 0;
  std::uint64_t bytes_ = 0;
};

}  // namespace ec::bench
