// The one main() of every fuzz target (tests/fuzz/README.md). A target defines only
// LLVMFuzzerTestOneInput, libFuzzer's entry point, so the same file also builds with libFuzzer or
// AFL++'s driver where the toolchain allows. This driver has three modes:
//   fuzz_<target> PATH...              replay every file (folders recursively), once each
//   fuzz_<target> --runs N [--seed S] [--max-len L] PATH...
//                                      replay, then N inputs mutated from them (deterministic
//                                      for a seed: byte flips, inserts, deletes, repeats,
//                                      splices and the target's dictionary tokens)
//   fuzz_<target> [-]                  one input from stdin (AFL++'s fork-server mode)
// A target reports a bug by crashing (a failed check calls abort()); so does an exception that
// escapes it, since parsers return errors as values. On a crash the input that caused it is
// written to ./crash-fuzz_<target> before the process dies; replay it with
// `fuzz_<target> crash-fuzz_<target>`.
#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <random>
#include <string>
#include <string_view>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace {

// What the crash handler writes: set before every run (no allocation in the handler).
const char* g_current_data = nullptr;
std::size_t g_current_size = 0;
char g_crash_path[512] = "fuzz-crash";

void save_current_input() {
  const int fd = ::open(g_crash_path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (fd < 0) return;
  std::size_t written = 0;
  while (written < g_current_size) {
    const ssize_t n = ::write(fd, g_current_data + written, g_current_size - written);
    if (n <= 0) break;
    written += static_cast<std::size_t>(n);
  }
  ::close(fd);
  static const char note[] = "fuzz: the crashing input was written to ";
  (void)!::write(STDERR_FILENO, note, sizeof note - 1);
  (void)!::write(STDERR_FILENO, g_crash_path, std::strlen(g_crash_path));
  (void)!::write(STDERR_FILENO, "\n", 1);
}

void on_fatal_signal(int sig) {
  save_current_input();
  ::signal(sig, SIG_DFL);
  ::raise(sig);
}

// AddressSanitizer and UBSan end the process with _exit, not a signal: they call this first.
extern "C" void __sanitizer_set_death_callback(void (*)(void)) __attribute__((weak));

void install_crash_handlers(std::string_view target) {
  std::snprintf(g_crash_path, sizeof g_crash_path, "crash-%.*s",
                static_cast<int>(std::min<std::size_t>(target.size(), 400)), target.data());
  for (int sig : {SIGABRT, SIGSEGV, SIGBUS, SIGFPE, SIGILL}) ::signal(sig, on_fatal_signal);
  if (__sanitizer_set_death_callback != nullptr) __sanitizer_set_death_callback(save_current_input);
}

void run_one(const std::string& input) {
  g_current_data = input.data();
  g_current_size = input.size();
  LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t*>(input.data()), input.size());
}

bool read_file(const std::filesystem::path& path, std::string& out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  out.assign(std::istreambuf_iterator<char>(in), {});
  return true;
}

// AFL/libFuzzer dictionary lines: name="token" or "token", with \\, \" and \xNN escapes.
std::vector<std::string> read_dictionary(const std::filesystem::path& path) {
  std::vector<std::string> tokens;
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    const auto open = line.find('"');
    const auto close = line.rfind('"');
    if (line.empty() || line[0] == '#' || open == std::string::npos || close <= open) continue;
    std::string token;
    for (std::size_t i = open + 1; i < close; ++i) {
      if (line[i] == '\\' && i + 1 < close) {
        if (line[i + 1] == 'x' && i + 3 < close) {
          token.push_back(static_cast<char>(std::stoi(line.substr(i + 2, 2), nullptr, 16)));
          i += 3;
        } else {
          token.push_back(line[++i]);
        }
      } else {
        token.push_back(line[i]);
      }
    }
    if (!token.empty()) tokens.push_back(std::move(token));
  }
  return tokens;
}

class Mutator {
 public:
  Mutator(std::uint64_t seed, std::size_t max_len, std::vector<std::string> dictionary)
      : rng_(seed), max_len_(max_len), dictionary_(std::move(dictionary)) {}

  std::string mutate(const std::vector<std::string>& corpus) {
    std::string s = corpus.empty() ? std::string() : corpus[pick(corpus.size())];
    const int rounds = 1 + static_cast<int>(pick(8));
    for (int i = 0; i < rounds; ++i) mutate_once(s, corpus);
    if (s.size() > max_len_) s.resize(max_len_);
    return s;
  }

 private:
  std::size_t pick(std::size_t n) { return n == 0 ? 0 : rng_() % n; }

  void mutate_once(std::string& s, const std::vector<std::string>& corpus) {
    static const char kInteresting[] = {'\0', '\xff', '\x7f', '\x80', '%', '&', '=', '+', '"',
                                        '\\', '{', '}', '[', ']', ':', ',', '.', '|', '<', '>',
                                        '\n', '\r', '\t', ' ', '0', '9', '-', 'e'};
    switch (pick(9)) {
      case 0:  // flip a bit
        if (!s.empty()) s[pick(s.size())] ^= static_cast<char>(1u << pick(8));
        break;
      case 1:  // overwrite a byte with an interesting one
        if (!s.empty()) s[pick(s.size())] = kInteresting[pick(sizeof kInteresting)];
        break;
      case 2:  // insert random bytes
        s.insert(pick(s.size() + 1), 1 + pick(4), static_cast<char>(pick(256)));
        break;
      case 3:  // delete a range
        if (!s.empty()) {
          const std::size_t at = pick(s.size());
          s.erase(at, 1 + pick(std::min<std::size_t>(s.size() - at, 32)));
        }
        break;
      case 4:  // repeat a range (long fields, deep nesting)
        if (!s.empty() && s.size() < max_len_) {
          const std::size_t at = pick(s.size());
          const std::string piece = s.substr(at, 1 + pick(16));
          const std::size_t times = 1 + pick(64);
          std::string repeated;
          for (std::size_t i = 0; i < times; ++i) repeated += piece;
          s.insert(at, repeated);
        }
        break;
      case 5:  // splice in a piece of another input
        if (!corpus.empty()) {
          const std::string& other = corpus[pick(corpus.size())];
          if (!other.empty()) {
            const std::size_t from = pick(other.size());
            s.insert(pick(s.size() + 1), other.substr(from, 1 + pick(other.size() - from)));
          }
        }
        break;
      case 6:  // a dictionary token
      case 7:
        if (!dictionary_.empty()) {
          const std::string& token = dictionary_[pick(dictionary_.size())];
          if (!s.empty() && pick(2) == 0) {
            const std::size_t at = pick(s.size());
            s.replace(at, std::min(token.size(), s.size() - at), token);
          } else {
            s.insert(pick(s.size() + 1), token);
          }
        }
        break;
      default:  // cut
        if (!s.empty()) s.resize(pick(s.size()));
        break;
    }
  }

  std::mt19937_64 rng_;
  std::size_t max_len_;
  std::vector<std::string> dictionary_;
};

int usage(const char* argv0) {
  std::cerr << "usage: " << argv0
            << " [--runs N] [--seed S] [--max-len BYTES] [--dict FILE] [PATH...|-]\n";
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  const std::string target = std::filesystem::path(argv[0]).filename().string();
  install_crash_handlers(target);
  std::uint64_t runs = 0, seed = 1;
  std::size_t max_len = 64 * 1024;
  std::vector<std::filesystem::path> paths;
  std::filesystem::path dictionary;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) {
        std::cerr << target << ": " << arg << " needs a value\n";
        std::exit(2);
      }
      return argv[++i];
    };
    try {
      if (arg == "--runs") {
        runs = std::stoull(value());
      } else if (arg == "--seed") {
        seed = std::stoull(value());
      } else if (arg == "--max-len") {
        max_len = std::stoull(value());
      } else if (arg == "--dict") {
        dictionary = value();
      } else if (arg == "-h" || arg == "--help") {
        return usage(argv[0]);
      } else if (arg.starts_with("--")) {
        std::cerr << target << ": unknown option " << arg << "\n";
        return usage(argv[0]);
      } else {
        paths.emplace_back(arg);
      }
    } catch (const std::exception&) {
      std::cerr << target << ": " << arg << " needs a number\n";
      return 2;
    }
  }
  if (paths.empty() || (paths.size() == 1 && paths[0] == "-")) {
    std::string input((std::istreambuf_iterator<char>(std::cin)), {});
    run_one(input);
    return 0;
  }

  std::vector<std::string> corpus;
  for (const auto& path : paths) {
    std::error_code ec;
    std::vector<std::filesystem::path> files;
    if (std::filesystem::is_directory(path, ec)) {
      for (const auto& entry : std::filesystem::recursive_directory_iterator(path, ec)) {
        if (entry.is_regular_file()) files.push_back(entry.path());
      }
      std::sort(files.begin(), files.end());  // the same order, so the same mutations, anywhere
    } else {
      files.push_back(path);
    }
    for (const auto& file : files) {
      std::string input;
      if (!read_file(file, input)) {
        std::cerr << target << ": cannot read " << file.string() << "\n";
        return 2;
      }
      run_one(input);
      corpus.push_back(std::move(input));
    }
  }
  if (runs > 0) {
    Mutator mutator(seed, max_len, dictionary.empty() ? std::vector<std::string>()
                                                      : read_dictionary(dictionary));
    for (std::uint64_t i = 0; i < runs; ++i) run_one(mutator.mutate(corpus));
  }
  std::cerr << target << ": " << corpus.size() << " corpus inputs and " << runs
            << " mutated inputs (seed " << seed << ") ran without a finding\n";
  return 0;
}
