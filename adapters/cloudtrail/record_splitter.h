// Splits one CloudTrail file's text into its records without interpreting them: the delivered
// shape {"Records":[{...},...]} (located with simdjson) or JSON Lines (one record per line).
// Each record comes back as a view of its raw JSON bytes inside the caller's padded buffer, so
// it can be hashed and parsed in place. A broken element is delivered with an error instead of
// stopping the file where that is possible. Not thread-safe (one splitter per thread: it owns a
// simdjson parser); the views point into the text passed in.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "plugin/core/result.h"

namespace ec::adapters::cloudtrail {

enum class FileShape { RecordsObject, JsonLines };

struct RawRecord {
  std::string_view json;     // the record's bytes (trimmed); readable padding follows them
  std::size_t capacity = 0;  // bytes readable from json.data(): size plus at least the padding
  std::int64_t line = 0;     // JSON Lines: 1-based line number; else 0
  std::int64_t index = -1;   // {"Records"}: 0-based array index; else -1
  std::string error;         // non-empty: the element is not a JSON object (or is broken)
};

// "cloudtrail/a.json:Records[3]" or "cloudtrail/a.jsonl:12".
std::string record_location(std::string_view display, const RawRecord& record);
// The same written into `out`, reusing its capacity.
void record_location_into(std::string_view display, const RawRecord& record, std::string& out);

// The shape of a file: RecordsObject when it starts with {"Records": (white space allowed).
FileShape detect_shape(std::string_view text);

// Cuts a damaged {"Records":[...]} text after its last complete record and closes it ("]}");
// returns "" when no complete record precedes the damage. For truncated gzip files.
std::string close_after_last_record(std::string_view text);

using RawRecordFn = std::function<void(const RawRecord& record)>;

class RecordSplitter {
 public:
  RecordSplitter();
  ~RecordSplitter();
  RecordSplitter(const RecordSplitter&) = delete;
  RecordSplitter& operator=(const RecordSplitter&) = delete;

  // `text` must be followed by at least kJsonPadding readable bytes. Calls `on_record` once per
  // record or broken element, in file order. InvalidArgument when a {"Records"} file's structure
  // breaks: the message names the element where reading stopped (records before it were
  // delivered). JSON Lines never fails as a whole: each bad line is one broken record.
  [[nodiscard]] Status split(std::string_view text, FileShape shape, const RawRecordFn& on_record);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace ec::adapters::cloudtrail
