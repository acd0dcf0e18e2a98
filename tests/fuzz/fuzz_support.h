// Helpers shared by fuzz targets: a strict well-formed UTF-8 test (for "UTF-8 in, UTF-8 out"
// properties) and the fuzz input written to a file, for sources that read only paths. The file
// lives in a folder of this process's own (ec::testing::TempDir), removed at exit.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>

#include "tests/fakes/temp_dir.h"

namespace ec::fuzz {

// Well-formed UTF-8: shortest forms, no surrogates, at most U+10FFFF.
inline bool valid_utf8(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    std::size_t n = 0;
    std::uint32_t cp = 0;
    if (c < 0x80) {
      ++i;
      continue;
    } else if ((c & 0xE0) == 0xC0) {
      n = 1;
      cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      n = 2;
      cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      n = 3;
      cp = c & 0x07;
    } else {
      return false;
    }
    for (std::size_t k = 1; k <= n; ++k) {
      if (i + k >= s.size()) return false;
      const auto cc = static_cast<unsigned char>(s[i + k]);
      if ((cc & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (cc & 0x3F);
    }
    static constexpr std::uint32_t kMin[] = {0, 0x80, 0x800, 0x10000};
    if (cp < kMin[n] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    i += n + 1;
  }
  return true;
}

// This process's folder for input files, made on first use and removed at exit.
inline const std::filesystem::path& input_folder() {
  static const testing::TempDir dir;
  return dir.path();
}

// Writes `bytes` to input_folder()/name, replacing what was there, and returns the path.
inline std::filesystem::path write_input(std::string_view bytes, const std::string& name) {
  const std::filesystem::path file = input_folder() / name;
  std::ofstream out(file, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  return file;
}

}  // namespace ec::fuzz
