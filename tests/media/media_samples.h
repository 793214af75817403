// Recordings the media tests share, generated with the CCTV generator on first use into one
// temporary directory per test run (removed at exit). Each name maps to a fixed script, so a
// test names the recording it needs and states what that recording holds.
#pragma once

#include <string>

#include "records/civil_time.h"
#include "tools/demo/cctv_video.h"

namespace xk {

// 2022-04-15 09:00:00 +08:00, the instant the sample recordings start.
constexpr Instant kSampleStart = 1649984400;

// The script behind a sample name (see media_samples.cc for the list). Unknown names fail
// the test and give the default script.
CctvScript SampleScript(const std::string& name);

// The path of sample `name`, generated on first use. On failure, fails the current test
// and returns the path anyway (which then does not exist).
std::string SamplePath(const std::string& name);

// A fresh path in the samples' directory for a file a test writes itself.
std::string ScratchPath(const std::string& name);

// The bytes of a file (empty when it cannot be read).
std::string ReadFileBytes(const std::string& path);

}  // namespace xk
