// Lists the files a source's "path" names: the file itself, or every regular file directly in a
// folder (hidden files skipped), sorted by name so reads and evidence order are deterministic.
// Pure function over the file system; thread-safe.
#pragma once

#include <filesystem>
#include <vector>

#include "plugin/core/result.h"

namespace ec::adapters::common {

// NotFound when `path` does not exist; InvalidArgument when it is neither a regular file nor a
// folder, or the folder cannot be listed.
[[nodiscard]] Result<std::vector<std::filesystem::path>> list_source_files(
    const std::filesystem::path& path);

}  // namespace ec::adapters::common
