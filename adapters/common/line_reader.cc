#include "adapters/common/line_reader.h"

#include <cstdio>

#include <zlib.h>

namespace ec::adapters::common {
namespace {

constexpr std::size_t kChunk = 64 * 1024;

}  // namespace

Result<std::unique_ptr<LineReader>> LineReader::open(const std::filesystem::path& path) {
  std::FILE* file = std::fopen(path.c_str(), "rb");
  if (file == nullptr) {
    return make_error(ErrorCode::InvalidArgument, "cannot open " + path.string());
  }
  return start(file);
}

Result<std::unique_ptr<LineReader>> LineReader::open_bytes(std::string_view bytes) {
  // fmemopen() refuses a zero size on some C libraries: an empty input is an empty temp file.
  std::FILE* file = bytes.empty() ? std::tmpfile()
                                  : fmemopen(const_cast<char*>(bytes.data()), bytes.size(), "rb");
  if (file == nullptr) return make_error(ErrorCode::Internal, "cannot open a memory stream");
  return start(file);
}

Result<std::unique_ptr<LineReader>> LineReader::start(std::FILE* file) {
  std::unique_ptr<LineReader> reader(new LineReader(file));
  unsigned char magic[2] = {0, 0};
  const std::size_t got = std::fread(magic, 1, 2, file);
  reader->input_.assign(magic, magic + got);
  if (got == 2 && magic[0] == 0x1f && magic[1] == 0x8b) {
    reader->gzip_ = std::make_unique<z_stream_s>();
    if (inflateInit2(reader->gzip_.get(), 15 + 16) != Z_OK) {
      reader->gzip_.reset();
      return make_error(ErrorCode::Internal, "zlib inflateInit2 failed");
    }
    reader->gzip_->next_in = reader->input_.data();
    reader->gzip_->avail_in = static_cast<uInt>(got);
    reader->gzip_member_open_ = true;
  } else {
    reader->buffer_.assign(reinterpret_cast<const char*>(magic), got);
    reader->input_.clear();
  }
  return reader;
}

LineReader::LineReader(std::FILE* file) : file_(file) {}

LineReader::~LineReader() {
  if (gzip_) inflateEnd(gzip_.get());
  std::fclose(file_);
}

void LineReader::fail(ErrorCode code, std::string message) {
  status_ = make_error(code, std::move(message));
  at_end_ = true;
}

bool LineReader::read_input() {
  input_.resize(kChunk);
  const std::size_t n = std::fread(input_.data(), 1, kChunk, file_);
  input_.resize(n);
  if (n == 0 && std::ferror(file_) != 0) fail(ErrorCode::InvalidArgument, "read error");
  return n > 0;
}

bool LineReader::fill_plain() {
  // Read straight into the line buffer: no staging copy through input_. (Not
  // resize_and_overwrite: libstdc++ 12 returns a wrong size from it when the string grows.)
  const std::size_t old_size = buffer_.size();
  buffer_.resize(old_size + kChunk);
  const std::size_t n = std::fread(buffer_.data() + old_size, 1, kChunk, file_);
  buffer_.resize(old_size + n);
  if (n == 0 && std::ferror(file_) != 0) fail(ErrorCode::InvalidArgument, "read error");
  return n > 0;
}

bool LineReader::fill_gzip() {
  z_stream_s& zs = *gzip_;
  char out[kChunk];
  for (;;) {
    if (zs.avail_in == 0) {
      if (!read_input()) {
        if (status_ && gzip_member_open_) fail(ErrorCode::DataLoss, "truncated gzip stream");
        return false;
      }
      zs.next_in = input_.data();
      zs.avail_in = static_cast<uInt>(input_.size());
    }
    if (!gzip_member_open_) {  // another member follows the one that ended
      inflateReset(&zs);
      gzip_member_open_ = true;
    }
    zs.next_out = reinterpret_cast<Bytef*>(out);
    zs.avail_out = static_cast<uInt>(kChunk);
    const int rc = inflate(&zs, Z_NO_FLUSH);
    const std::size_t produced = kChunk - zs.avail_out;
    if (rc == Z_STREAM_END) gzip_member_open_ = false;
    if (rc != Z_OK && rc != Z_STREAM_END && rc != Z_BUF_ERROR) {
      fail(ErrorCode::DataLoss, "corrupt gzip data");
      return false;
    }
    if (produced > 0) {
      buffer_.append(out, produced);
      return true;
    }
  }
}

bool LineReader::fill() {
  if (at_end_) return false;
  const bool more = gzip_ ? fill_gzip() : fill_plain();
  if (!more) at_end_ = true;
  return more;
}

bool LineReader::next(std::string_view& line) {
  // Lines are handed out as views into buffer_ from start_; the consumed prefix is dropped only
  // when more input is needed, so each byte is moved at most once per refill (not once per line).
  std::size_t searched = start_;
  std::size_t newline = std::string::npos;
  while ((newline = buffer_.find('\n', searched)) == std::string::npos) {
    if (start_ > 0) {
      buffer_.erase(0, start_);
      start_ = 0;
    }
    searched = buffer_.size();
    if (!fill()) break;
  }
  if (newline == std::string::npos && buffer_.empty()) return false;
  if (!status_ && newline == std::string::npos) return false;  // drop a partial line after an error
  const std::size_t end = newline == std::string::npos ? buffer_.size() : newline;
  std::size_t length = end - start_;
  if (length > 0 && buffer_[start_ + length - 1] == '\r') --length;
  line = std::string_view(buffer_.data() + start_, length);
  start_ = newline == std::string::npos ? buffer_.size() : newline + 1;
  ++line_number_;
  return true;
}

}  // namespace ec::adapters::common
