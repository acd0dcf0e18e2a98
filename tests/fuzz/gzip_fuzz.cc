// Fuzz target: the two readers of delivered log files, plain or gzip (magic bytes decide;
// concatenated members are one stream): common::LineReader (S3 access logs, CloudFront, JSON
// records) and cloudtrail's whole-file FileBytes. Fed the raw input, and the input gzipped here
// with zlib as two members split at an input-chosen byte. Properties: the gzipped input reads
// back as the input (FileBytes: the same bytes followed by zero padding; LineReader: the same
// lines, "\n" or "\r\n" cut, numbered from 1) with OK status; on raw input the status is OK or
// DataLoss with a message, and when both readers read it cleanly they agree on the lines; the
// gzipped input cut short gives a prefix of it and DataLoss, unless the cut ends a member.
#include <zlib.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "adapters/cloudtrail/file_bytes.h"
#include "adapters/common/line_reader.h"
#include "adapters/common/log_inputs.h"
#include "tests/fuzz/adapter_checks.h"

namespace common = ec::adapters::common;
namespace ct = ec::adapters::cloudtrail;

namespace {

// One gzip member holding `text`.
std::string gzip_member(std::string_view text) {
  z_stream zs{};
  FUZZ_CHECK(deflateInit2(&zs, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8,
                          Z_DEFAULT_STRATEGY) == Z_OK);
  std::string out(deflateBound(&zs, static_cast<uLong>(text.size())) + 32, '\0');
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(text.data()));
  zs.avail_in = static_cast<uInt>(text.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  FUZZ_CHECK(deflate(&zs, Z_FINISH) == Z_STREAM_END);
  out.resize(zs.total_out);
  deflateEnd(&zs);
  return out;
}

struct Read {
  std::vector<std::string> lines;
  bool ok = false;
};

Read read_lines(std::string_view bytes) {
  Read out;
  auto reader = common::LineReader::open_bytes(bytes);
  FUZZ_CHECK(reader.has_value());
  FUZZ_CHECK((*reader)->is_gzip() == ec::fuzz::is_gzip(bytes));
  std::string_view line;
  while ((*reader)->next(line)) {
    out.lines.emplace_back(line);
    FUZZ_CHECK((*reader)->line_number() == static_cast<std::int64_t>(out.lines.size()));
  }
  const auto& status = (*reader)->status();
  out.ok = status.has_value();
  if (!status) {
    FUZZ_CHECK(status.error().code == ec::ErrorCode::DataLoss);
    ec::fuzz::check_error(status.error());
  }
  return out;
}

std::vector<std::string> expected_lines(std::string_view text) {
  std::vector<std::string> out;
  for (const std::string_view line : ec::fuzz::plain_lines(text)) out.emplace_back(line);
  return out;
}

void check_file_bytes(const ct::FileBytes& bytes) {
  FUZZ_CHECK(bytes.buffer.size() >= bytes.size + ct::kJsonPadding);
  for (std::size_t i = 0; i < ct::kJsonPadding; ++i) FUZZ_CHECK(bytes.buffer[bytes.size + i] == 0);
  if (!bytes.status) {
    FUZZ_CHECK(bytes.status.error().code == ec::ErrorCode::DataLoss);
    ec::fuzz::check_error(bytes.status.error());
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);

  // Raw: whatever it is, both readers agree when both read it cleanly.
  const Read raw = read_lines(input);
  ct::FileBytes whole;
  FUZZ_CHECK(ct::read_input_bytes(common::LogInput{"raw", {}, input}, whole).has_value());
  check_file_bytes(whole);
  FUZZ_CHECK(whole.gzip == ec::fuzz::is_gzip(input));
  if (!whole.gzip) FUZZ_CHECK(whole.text() == input && raw.ok);
  if (raw.ok && whole.status) FUZZ_CHECK(raw.lines == expected_lines(whole.text()));

  // Gzipped here, as two members: the input comes back.
  const std::size_t split = size == 0 ? 0 : data[0] % (size + 1);
  const std::string first = gzip_member(input.substr(0, split));
  const std::string gz = first + gzip_member(input.substr(split));
  const Read unzipped = read_lines(gz);
  FUZZ_CHECK(unzipped.ok);
  FUZZ_CHECK(unzipped.lines == expected_lines(input));
  ct::FileBytes inflated;
  FUZZ_CHECK(ct::read_input_bytes(common::LogInput{"gz", {}, gz}, inflated).has_value());
  check_file_bytes(inflated);
  FUZZ_CHECK(inflated.gzip && inflated.status.has_value() && inflated.text() == input);

  // Cut short: a prefix of the input comes back, and DataLoss unless the cut ends a member.
  const std::string cut = gz.substr(0, gz.size() * 3 / 4);
  ct::FileBytes truncated;
  FUZZ_CHECK(ct::read_input_bytes(common::LogInput{"cut", {}, cut}, truncated).has_value());
  check_file_bytes(truncated);
  FUZZ_CHECK(input.starts_with(truncated.text()));
  FUZZ_CHECK(truncated.status.has_value() == (cut.size() == first.size()));
  const Read cut_lines = read_lines(cut);
  FUZZ_CHECK(cut_lines.ok == (cut.size() == first.size()));
  return 0;
}
