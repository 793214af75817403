// The demo archive is costly to write (its CCTV recordings are really encoded) and ctest runs every
// test in a process of its own. So the archive of one scale and seed is written once per build of
// the test binary, under a file lock, into a cache folder; each test gets a copy of its own whose files are hard links
// to the cached ones: a test may add, remove or replace files, never change one in place.
#pragma once

#include <cstdint>
#include <filesystem>

#include "tools/demo/demo_archive.h"

namespace xk::e2e {

// Copies the demo archive of `scale` and `seed` to `destination` (which must not exist yet) and
// returns its key. The first caller of a build writes the cached archive; later ones wait for it.
DemoKey CopyDemoArchive(const std::filesystem::path& destination, const DemoScale& scale, uint32_t seed);

}  // namespace xk::e2e
