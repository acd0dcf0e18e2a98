#include "adapters/common/file_list.h"

#include <algorithm>
#include <system_error>

namespace ec::adapters::common {

Result<std::vector<std::filesystem::path>> list_source_files(const std::filesystem::path& path) {
  std::error_code ec;
  const auto status = std::filesystem::status(path, ec);
  if (ec || !std::filesystem::exists(status)) {
    return make_error(ErrorCode::NotFound, "no such file or folder " + path.string());
  }
  if (std::filesystem::is_regular_file(status)) return std::vector<std::filesystem::path>{path};
  if (!std::filesystem::is_directory(status)) {
    return make_error(ErrorCode::InvalidArgument,
                      path.string() + " is neither a regular file nor a folder");
  }
  std::vector<std::filesystem::path> files;
  for (std::filesystem::directory_iterator it(path, ec), end; !ec && it != end; it.increment(ec)) {
    const auto name = it->path().filename().string();
    if (name.empty() || name.front() == '.') continue;
    std::error_code type_ec;
    if (it->is_regular_file(type_ec)) files.push_back(it->path());
  }
  if (ec) return make_error(ErrorCode::InvalidArgument, "cannot list " + path.string());
  std::sort(files.begin(), files.end());
  return files;
}

}  // namespace ec::adapters::common
