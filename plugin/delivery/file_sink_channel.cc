#include "plugin/delivery/file_sink_channel.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <exception>
#include <nlohmann/json.hpp>
#include <string>
#include <system_error>
#include <utility>

#include "plugin/core/time.h"

namespace ec::delivery {
namespace {

constexpr std::size_t kMaxKeyLength = 200;

bool is_safe_key(std::string_view key) {
  if (key.empty() || key.size() > kMaxKeyLength || key.front() == '.') return false;
  for (const char c : key) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '.' || c == '_' || c == '-';
    if (!ok) return false;
  }
  return true;
}

std::unexpected<Error> unavailable(const std::string& what, const std::filesystem::path& path,
                                   int err) {
  return make_error(
      ErrorCode::Unavailable,
      what + " " + path.string() + ": " + std::error_code(err, std::generic_category()).message());
}

// Closes the descriptor at scope exit.
class Fd {
 public:
  explicit Fd(int fd) : fd_(fd) {}
  ~Fd() {
    if (fd_ >= 0) ::close(fd_);
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  [[nodiscard]] int get() const { return fd_; }
  // Closes now and reports close()'s errno (0 on success); some filesystems report write errors
  // only here.
  int close_now() {
    const int rc = ::close(fd_);
    fd_ = -1;
    return rc == 0 ? 0 : errno;
  }

 private:
  int fd_;
};

// Returns 0 or the errno of the failing write.
int write_all(int fd, std::string_view data) {
  while (!data.empty()) {
    const ssize_t n = ::write(fd, data.data(), data.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return errno;
    }
    data.remove_prefix(static_cast<std::size_t>(n));
  }
  return 0;
}

Status fsync_dir(const std::filesystem::path& dir) {
  Fd fd(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (fd.get() < 0) return unavailable("cannot open directory", dir, errno);
  if (::fsync(fd.get()) != 0) return unavailable("cannot sync directory", dir, errno);
  return ok_status();
}

// Writes `content` to `temp` (new file), syncs it, and renames it to `target`.
Status write_atomically(const std::filesystem::path& temp, const std::filesystem::path& target,
                        const std::string& content) {
  Fd fd(::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644));
  if (fd.get() < 0) return unavailable("cannot create", temp, errno);
  int err = write_all(fd.get(), content);
  if (err == 0 && ::fsync(fd.get()) != 0) err = errno;
  if (err == 0) err = fd.close_now();
  if (err == 0 && ::rename(temp.c_str(), target.c_str()) != 0) err = errno;
  if (err != 0) {
    ::unlink(temp.c_str());
    return unavailable("cannot write", target, err);
  }
  return ok_status();
}

// What the sink stores: the payload plus the metadata a reader needs. Deterministic in the
// message, so two writers of one key produce the same bytes.
std::string render(const OutboxMessage& message) {
  const nlohmann::json document = {
      {"idempotency_key", message.idempotency_key},
      {"outbox_id", message.id},
      {"case_id", message.case_id},
      {"channel", message.channel},
      {"recipient", message.recipient},
      {"created_at", format_rfc3339(message.created_at)},
      {"payload", message.payload},
  };
  return document.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

}  // namespace

FileSinkChannel::FileSinkChannel(std::filesystem::path dir) : dir_(std::move(dir)) {}

std::filesystem::path FileSinkChannel::path_for(std::string_view idempotency_key) const {
  return dir_ / (std::string(idempotency_key) + ".json");
}

Result<DeliveryReceipt> FileSinkChannel::deliver(const OutboxMessage& message) {
  if (!is_safe_key(message.idempotency_key)) {
    return make_error(ErrorCode::InvalidArgument,
                      "file sink: idempotency key is not a safe file name");
  }
  try {
    const auto target = path_for(message.idempotency_key);
    std::error_code ec;
    const auto status = std::filesystem::symlink_status(target, ec);
    if (std::filesystem::exists(status)) {
      if (!std::filesystem::is_regular_file(status)) {
        return make_error(ErrorCode::FailedPrecondition,
                          "file sink: " + target.string() + " exists and is not a regular file");
      }
      return DeliveryReceipt{target.string()};  // already delivered: exactly once at the sink
    }
    std::filesystem::create_directories(dir_, ec);
    if (ec) return unavailable("cannot create directory", dir_, ec.value());

    const auto temp = dir_ / ("." + message.idempotency_key + ".tmp." + std::to_string(::getpid()) +
                              "." + std::to_string(temp_counter_.fetch_add(1)));
    EC_RETURN_IF_ERROR(write_atomically(temp, target, render(message)));
    EC_RETURN_IF_ERROR(fsync_dir(dir_));
    return DeliveryReceipt{target.string()};
  } catch (const std::exception& e) {
    return make_error(ErrorCode::Internal, std::string("file sink: ") + e.what());
  }
}

}  // namespace ec::delivery
