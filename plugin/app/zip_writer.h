// A minimal ZIP archive writer (PKWARE APPNOTE 6.3: local file headers, central directory, end
// of central directory; no ZIP64, no encryption) for app packages such as the Zendesk app zip.
// Entries are deflated with zlib (method 8) or stored (method 0); times are fixed at
// 1980-01-01 00:00 so the same inputs give the same bytes. Not thread-safe; one per archive.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "plugin/core/result.h"

namespace ec::app {

enum class ZipMethod { Stored, Deflated };

class ZipWriter {
 public:
  // InvalidArgument for an empty, absolute or ".."-containing name, a duplicate name, or an
  // entry of 4 GiB or more; Internal when zlib fails.
  [[nodiscard]] Status add(std::string_view name, std::string_view bytes, ZipMethod method);
  // The whole archive.
  [[nodiscard]] std::string finish() const;

 private:
  struct Entry {
    std::string name;
    std::uint32_t crc = 0;
    std::uint32_t size = 0;
    std::uint32_t compressed_size = 0;
    std::uint16_t method = 0;
    std::uint32_t offset = 0;
  };
  std::vector<Entry> entries_;
  std::string body_;  // local headers and data, in order
};

}  // namespace ec::app
