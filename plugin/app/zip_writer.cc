#include "plugin/app/zip_writer.h"

#include <zlib.h>

#include <limits>

namespace ec::app {
namespace {

constexpr std::uint16_t kVersion = 20;       // 2.0: deflate
constexpr std::uint16_t kDosDate = (0 << 9) | (1 << 5) | 1;  // 1980-01-01
constexpr std::uint16_t kDosTime = 0;

void put16(std::string& out, std::uint16_t v) {
  out.push_back(static_cast<char>(v & 0xFF));
  out.push_back(static_cast<char>(v >> 8));
}

void put32(std::string& out, std::uint32_t v) {
  for (int i = 0; i < 4; ++i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
}

Result<std::string> raw_deflate(std::string_view bytes) {
  z_stream z{};
  if (deflateInit2(&z, Z_BEST_COMPRESSION, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
    return make_error(ErrorCode::Internal, "zlib deflateInit2 failed");
  }
  std::string out(deflateBound(&z, static_cast<uLong>(bytes.size())), '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
  z.avail_in = static_cast<uInt>(bytes.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  const int rc = deflate(&z, Z_FINISH);
  const auto written = z.total_out;
  deflateEnd(&z);
  if (rc != Z_STREAM_END) return make_error(ErrorCode::Internal, "zlib deflate failed");
  out.resize(written);
  return out;
}

}  // namespace

Status ZipWriter::add(std::string_view name, std::string_view bytes, ZipMethod method) {
  if (name.empty() || name.front() == '/' || name.find("..") != std::string_view::npos ||
      name.find('\\') != std::string_view::npos || name.size() > 0xFFFF) {
    return make_error(ErrorCode::InvalidArgument, "zip entry name '" + std::string(name) +
                                                      "' must be a relative path without ..");
  }
  for (const Entry& e : entries_) {
    if (e.name == name) {
      return make_error(ErrorCode::InvalidArgument, "zip entry " + e.name + " added twice");
    }
  }
  if (bytes.size() >= std::numeric_limits<std::uint32_t>::max() ||
      body_.size() + bytes.size() >= std::numeric_limits<std::uint32_t>::max() / 2) {
    return make_error(ErrorCode::InvalidArgument, "zip entry " + std::string(name) +
                                                      " too large (no ZIP64)");
  }
  Entry e;
  e.name = std::string(name);
  e.crc = static_cast<std::uint32_t>(
      crc32(0L, reinterpret_cast<const Bytef*>(bytes.data()), static_cast<uInt>(bytes.size())));
  e.size = static_cast<std::uint32_t>(bytes.size());
  std::string data;
  if (method == ZipMethod::Deflated) {
    auto deflated = raw_deflate(bytes);
    if (!deflated) return std::unexpected(deflated.error());
    data = std::move(*deflated);
    e.method = 8;
  } else {
    data = std::string(bytes);
    e.method = 0;
  }
  e.compressed_size = static_cast<std::uint32_t>(data.size());
  e.offset = static_cast<std::uint32_t>(body_.size());
  put32(body_, 0x04034b50);
  put16(body_, kVersion);
  put16(body_, 0x0800);  // flags: UTF-8 names
  put16(body_, e.method);
  put16(body_, kDosTime);
  put16(body_, kDosDate);
  put32(body_, e.crc);
  put32(body_, e.compressed_size);
  put32(body_, e.size);
  put16(body_, static_cast<std::uint16_t>(e.name.size()));
  put16(body_, 0);  // extra field length
  body_ += e.name;
  body_ += data;
  entries_.push_back(std::move(e));
  return {};
}

std::string ZipWriter::finish() const {
  std::string out = body_;
  const auto directory_offset = static_cast<std::uint32_t>(out.size());
  for (const Entry& e : entries_) {
    put32(out, 0x02014b50);
    put16(out, (3 << 8) | kVersion);  // made by: Unix
    put16(out, kVersion);
    put16(out, 0x0800);
    put16(out, e.method);
    put16(out, kDosTime);
    put16(out, kDosDate);
    put32(out, e.crc);
    put32(out, e.compressed_size);
    put32(out, e.size);
    put16(out, static_cast<std::uint16_t>(e.name.size()));
    put16(out, 0);  // extra
    put16(out, 0);  // comment
    put16(out, 0);  // disk number
    put16(out, 0);  // internal attributes
    put32(out, 0100644u << 16);  // external attributes: regular file, rw-r--r--
    put32(out, e.offset);
    out += e.name;
  }
  const auto directory_size = static_cast<std::uint32_t>(out.size() - directory_offset);
  put32(out, 0x06054b50);
  put16(out, 0);
  put16(out, 0);
  put16(out, static_cast<std::uint16_t>(entries_.size()));
  put16(out, static_cast<std::uint16_t>(entries_.size()));
  put32(out, directory_size);
  put32(out, directory_offset);
  put16(out, 0);  // comment length
  return out;
}

}  // namespace ec::app
