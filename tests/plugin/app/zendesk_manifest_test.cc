// `manifest zendesk --base-url [--zip FILE]`: the manifest has the fields Zendesk requires for a
// signed-URL ticket sidebar app, and the zip holds exactly the app's files, readable by an
// independent reader (our central-directory walk plus zlib, and python3's zipfile and
// `unzip -t` where installed).
#include <gtest/gtest.h>
#include <zlib.h>

#include <cstdlib>
#include <fstream>
#include <map>
#include <sstream>

#include <nlohmann/json.hpp>

#include "plugin/app/commands.h"
#include "plugin/app/zip_writer.h"
#include "tests/fakes/temp_dir.h"

namespace ec::app {
namespace {

using nlohmann::json;

constexpr char kBase[] = "https://copilot.example.com";

std::uint32_t u32(const std::string& s, std::size_t at) {
  std::uint32_t v = 0;
  for (int i = 3; i >= 0; --i) v = (v << 8) | static_cast<unsigned char>(s[at + static_cast<std::size_t>(i)]);
  return v;
}
std::uint16_t u16(const std::string& s, std::size_t at) {
  return static_cast<std::uint16_t>(static_cast<unsigned char>(s[at]) |
                                    (static_cast<unsigned char>(s[at + 1]) << 8));
}

// Reads every entry through the central directory; checks each CRC.
std::map<std::string, std::string> read_zip(const std::string& zip) {
  std::map<std::string, std::string> out;
  const std::size_t eocd = zip.rfind(std::string("PK\x05\x06", 4));
  EXPECT_NE(eocd, std::string::npos);
  if (eocd == std::string::npos) return out;
  const std::uint16_t count = u16(zip, eocd + 10);
  std::size_t at = u32(zip, eocd + 16);
  for (int i = 0; i < count; ++i) {
    EXPECT_EQ(u32(zip, at), 0x02014b50u);
    const std::uint16_t method = u16(zip, at + 10);
    const std::uint32_t crc = u32(zip, at + 16);
    const std::uint32_t csize = u32(zip, at + 20);
    const std::uint32_t size = u32(zip, at + 24);
    const std::uint16_t name_len = u16(zip, at + 28);
    const std::uint16_t extra_len = u16(zip, at + 30);
    const std::uint16_t comment_len = u16(zip, at + 32);
    const std::uint32_t local = u32(zip, at + 42);
    const std::string name = zip.substr(at + 46, name_len);
    const std::size_t data = local + 30 + u16(zip, local + 26) + u16(zip, local + 28);
    std::string bytes;
    if (method == 0) {
      bytes = zip.substr(data, csize);
    } else {
      EXPECT_EQ(method, 8);
      bytes.resize(size);
      z_stream z{};
      inflateInit2(&z, -MAX_WBITS);
      z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(zip.data() + data));
      z.avail_in = csize;
      z.next_out = reinterpret_cast<Bytef*>(bytes.data());
      z.avail_out = size;
      EXPECT_EQ(inflate(&z, Z_FINISH), Z_STREAM_END) << name;
      inflateEnd(&z);
    }
    EXPECT_EQ(crc32(0L, reinterpret_cast<const Bytef*>(bytes.data()), static_cast<uInt>(bytes.size())),
              crc) << name;
    out[name] = bytes;
    at += 46 + name_len + extra_len + comment_len;
  }
  return out;
}

json zendesk_manifest(std::string* zip = nullptr, const std::string& zip_path = {}) {
  std::ostringstream out, err;
  EXPECT_EQ(run_manifest("zendesk", std::string(kBase) + "/", out, err, zip_path), 0) << err.str();
  if (zip != nullptr) {
    std::ifstream in(zip_path, std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    *zip = bytes.str();
  }
  return json::parse(out.str());
}

TEST(ZendeskManifest, HasTheSignedUrlSidebarFields) {
  const json m = zendesk_manifest();
  EXPECT_EQ(m["frameworkVersion"], "2.0");
  EXPECT_TRUE(m["signedUrls"].get<bool>());
  EXPECT_EQ(m["defaultLocale"], "en");
  for (const char* key : {"name", "email", "url"}) {
    EXPECT_TRUE(m["author"][key].is_string() && !m["author"][key].get<std::string>().empty()) << key;
  }
  EXPECT_EQ(m["location"]["support"]["ticket_sidebar"]["url"],
            std::string(kBase) + "/zendesk/sidebar?ticket_id={{ticket.id}}");
  EXPECT_EQ(m["domainWhitelist"], json::array({"copilot.example.com"}));
  ASSERT_TRUE(m["parameters"].is_array());
  for (const json& p : m["parameters"]) {
    EXPECT_TRUE(p.contains("name") && p.contains("type")) << p.dump();
  }
}

TEST(ZendeskManifest, ZipHoldsExactlyTheAppFiles) {
  testing::TempDir dir;
  const std::string path = (dir / "app.zip").string();
  std::string zip;
  const json m = zendesk_manifest(&zip, path);
  const auto files = read_zip(zip);
  std::vector<std::string> names;
  for (const auto& [name, bytes] : files) names.push_back(name);
  EXPECT_EQ(names, (std::vector<std::string>{"assets/logo-small.png", "assets/logo.png",
                                             "manifest.json", "translations/en.json"}));
  EXPECT_EQ(json::parse(files.at("manifest.json")), m);
  const json en = json::parse(files.at("translations/en.json"));
  for (const char* key : {"name", "short_description", "long_description",
                          "installation_instructions"}) {
    EXPECT_TRUE(en["app"][key].is_string()) << key;
  }
  // Each parameter has a label in the translations.
  for (const json& p : m["parameters"]) {
    EXPECT_TRUE(en["app"]["parameters"][p["name"].get<std::string>()]["label"].is_string());
  }
  // PNG signature and IHDR size: 320x320 and 128x128.
  for (const auto& [name, side] : {std::pair{"assets/logo.png", 320u}, {"assets/logo-small.png", 128u}}) {
    const std::string& png = files.at(name);
    ASSERT_GT(png.size(), 24u);
    EXPECT_EQ(png.substr(0, 8), std::string("\x89PNG\r\n\x1a\n", 8)) << name;
    const auto be32 = [&](std::size_t at) {
      return (static_cast<unsigned>(static_cast<unsigned char>(png[at])) << 24) |
             (static_cast<unsigned>(static_cast<unsigned char>(png[at + 1])) << 16) |
             (static_cast<unsigned>(static_cast<unsigned char>(png[at + 2])) << 8) |
             static_cast<unsigned>(static_cast<unsigned char>(png[at + 3]));
    };
    EXPECT_EQ(be32(16), side) << name;
    EXPECT_EQ(be32(20), side) << name;
    EXPECT_EQ(png[25], 6) << name << ": RGBA (PNG-24 with transparency)";
  }
  // Independent readers, where installed.
  if (std::system("command -v unzip >/dev/null 2>&1") == 0) {
    EXPECT_EQ(std::system(("unzip -tq " + path + " >/dev/null").c_str()), 0);
  }
  if (std::system("command -v python3 >/dev/null 2>&1") == 0) {
    const std::string py =
        "python3 -c \"import sys,zipfile; z=zipfile.ZipFile(sys.argv[1]); "
        "assert z.testzip() is None; assert sorted(z.namelist())==['assets/logo-small.png',"
        "'assets/logo.png','manifest.json','translations/en.json']\" " + path;
    EXPECT_EQ(std::system(py.c_str()), 0);
  }
}

TEST(ZendeskManifest, ZipIsOnlyForZendeskAndNeedsAWritablePath) {
  std::ostringstream out, err;
  EXPECT_EQ(run_manifest("slack", kBase, out, err, "/tmp/x.zip"), 2);
  EXPECT_NE(err.str().find("--zip"), std::string::npos);
  std::ostringstream out2, err2;
  EXPECT_EQ(run_manifest("zendesk", kBase, out2, err2, "/nonexistent-dir/app.zip"), 2);
  EXPECT_NE(err2.str().find("cannot write"), std::string::npos);
}

TEST(ZipWriter, RefusesUnsafeAndDuplicateNames) {
  ZipWriter zip;
  EXPECT_TRUE(zip.add("a.txt", "x", ZipMethod::Stored).has_value());
  EXPECT_EQ(zip.add("a.txt", "y", ZipMethod::Stored).error().code, ErrorCode::InvalidArgument);
  EXPECT_EQ(zip.add("../evil", "y", ZipMethod::Stored).error().code, ErrorCode::InvalidArgument);
  EXPECT_EQ(zip.add("/abs", "y", ZipMethod::Stored).error().code, ErrorCode::InvalidArgument);
  EXPECT_EQ(zip.add("", "y", ZipMethod::Stored).error().code, ErrorCode::InvalidArgument);
  EXPECT_TRUE(zip.add("empty.txt", "", ZipMethod::Deflated).has_value());
  const auto files = read_zip(zip.finish());
  EXPECT_EQ(files.size(), 2u);
  EXPECT_EQ(files.at("a.txt"), "x");
  EXPECT_EQ(files.at("empty.txt"), "");
}

}  // namespace
}  // namespace ec::app
