#include "adapters/cloudtrail/file_bytes.h"

#include <cstdio>
#include <memory>
#include <optional>
#include <system_error>
#include <vector>

#include <simdjson.h>
#include <zlib.h>

namespace ec::adapters::cloudtrail {
namespace {

static_assert(kJsonPadding >= simdjson::SIMDJSON_PADDING);

constexpr std::size_t kChunk = 256 * 1024;

struct FileCloser {
  void operator()(std::FILE* file) const { std::fclose(file); }
};
using FilePtr = std::unique_ptr<std::FILE, FileCloser>;

struct Inflater {
  z_stream zs{};
  bool ready = false;
  ~Inflater() {
    if (ready) inflateEnd(&zs);
  }
};

Status too_large(const std::string& name) {
  return make_error(ErrorCode::InvalidArgument,
                    name + ": larger than " + std::to_string(kMaxFileBytes) + " bytes");
}

Status read_error(const std::string& name) {
  return make_error(ErrorCode::InvalidArgument, "read error in " + name);
}

// Makes room for `more` bytes after out.size (plus padding), growing the buffer geometrically.
// Returns a pointer to the free space.
char* room_for(FileBytes& out, std::size_t more) {
  const std::size_t needed = out.size + more + kJsonPadding;
  if (out.buffer.size() < needed) out.buffer.resize(std::max(needed, out.buffer.size() * 2));
  return out.buffer.data() + out.size;
}

// `expected`: the size when known (the first read then takes it all).
Status read_plain(std::FILE* file, const std::string& path, std::optional<std::size_t> expected,
                  FileBytes& out) {
  std::size_t want = expected ? *expected + 1 : kChunk;  // +1 detects EOF
  for (;;) {
    if (out.size + want > kMaxFileBytes + 1) return too_large(path);
    const std::size_t n = std::fread(room_for(out, want), 1, want, file);
    out.size += n;
    if (n < want) break;
    want = kChunk;
  }
  if (out.size > kMaxFileBytes) return too_large(path);
  return std::ferror(file) != 0 ? read_error(path) : ok_status();
}

// Inflates every gzip member; on damage, keeps what was decoded and sets out.status.
Status read_gzip(std::FILE* file, const std::string& path, FileBytes& out) {
  Inflater inf;
  if (inflateInit2(&inf.zs, 15 + 16) != Z_OK) {
    return make_error(ErrorCode::Internal, "zlib inflateInit2 failed");
  }
  inf.ready = true;
  std::vector<unsigned char> input(kChunk);
  bool member_open = true;
  for (;;) {
    if (inf.zs.avail_in == 0) {
      const std::size_t n = std::fread(input.data(), 1, input.size(), file);
      if (n == 0) {
        if (std::ferror(file) != 0) return read_error(path);
        if (member_open) out.status = make_error(ErrorCode::DataLoss, "truncated gzip stream");
        return ok_status();
      }
      inf.zs.next_in = input.data();
      inf.zs.avail_in = static_cast<uInt>(n);
    }
    if (!member_open) {  // another member follows the one that ended
      inflateReset(&inf.zs);
      member_open = true;
    }
    inf.zs.next_out = reinterpret_cast<Bytef*>(room_for(out, kChunk));
    inf.zs.avail_out = static_cast<uInt>(kChunk);
    const int rc = inflate(&inf.zs, Z_NO_FLUSH);
    out.size += kChunk - inf.zs.avail_out;
    if (out.size > kMaxFileBytes) return too_large(path);
    if (rc == Z_STREAM_END) member_open = false;
    if (rc != Z_OK && rc != Z_STREAM_END && rc != Z_BUF_ERROR) {
      out.status = make_error(ErrorCode::DataLoss, "corrupt gzip data");
      return ok_status();
    }
  }
}

// Reads `file` (named `name` in errors) into `out`.
Status read_stream(std::FILE* file, const std::string& name, std::optional<std::size_t> size,
                   FileBytes& out) {
  unsigned char magic[2] = {0, 0};
  const std::size_t got = std::fread(magic, 1, 2, file);
  out.gzip = got == 2 && magic[0] == 0x1f && magic[1] == 0x8b;
  std::rewind(file);
  Status read = out.gzip ? read_gzip(file, name, out) : read_plain(file, name, size, out);
  if (!read) {
    out.size = 0;
    return read;
  }
  std::fill_n(room_for(out, 0), kJsonPadding, '\0');
  return ok_status();
}

void reset(FileBytes& out) {
  out.size = 0;
  out.gzip = false;
  out.status = ok_status();
}

}  // namespace

Status read_file_bytes(const std::filesystem::path& path, FileBytes& out) {
  reset(out);
  FilePtr file(std::fopen(path.c_str(), "rb"));
  if (!file) return make_error(ErrorCode::InvalidArgument, "cannot open " + path.string());
  std::error_code ec;
  const auto size = std::filesystem::file_size(path, ec);
  return read_stream(file.get(), path.string(),
                     ec ? std::nullopt : std::optional<std::size_t>(size), out);
}

Status read_input_bytes(const common::LogInput& input, FileBytes& out) {
  if (!input.bytes) return read_file_bytes(input.file, out);
  reset(out);
  const std::string_view bytes = *input.bytes;
  if (bytes.empty()) {
    std::fill_n(room_for(out, 0), kJsonPadding, '\0');
    return ok_status();
  }
  FilePtr file(fmemopen(const_cast<char*>(bytes.data()), bytes.size(), "rb"));
  if (!file) return make_error(ErrorCode::Internal, "cannot open a memory stream");
  return read_stream(file.get(), input.display, bytes.size(), out);
}

}  // namespace ec::adapters::cloudtrail
