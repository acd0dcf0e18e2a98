// FUZZ_CHECK: a property a fuzz target asserts about what a parser returned, in every build type
// (assert() vanishes under NDEBUG). On failure it prints the condition and aborts, which the
// driver (fuzz_driver.cc) turns into a saved crash input.
#pragma once

#include <cstdio>
#include <cstdlib>

#define FUZZ_CHECK(condition)                                                          \
  do {                                                                                 \
    if (!(condition)) {                                                                \
      std::fprintf(stderr, "%s:%d: FUZZ_CHECK failed: %s\n", __FILE__, __LINE__,      \
                   #condition);                                                        \
      std::abort();                                                                    \
    }                                                                                  \
  } while (false)
