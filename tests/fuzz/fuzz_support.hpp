// Shared by the fuzz targets: a property check that aborts (libFuzzer records the input).
#pragma once

#include <cstdio>
#include <cstdlib>

#define FUZZ_CHECK(cond)                                                                   \
    do {                                                                                   \
        if (!(cond)) {                                                                     \
            std::fprintf(stderr, "%s:%d: property violated: %s\n", __FILE__, __LINE__,    \
                         #cond);                                                           \
            std::abort();                                                                  \
        }                                                                                  \
    } while (0)
