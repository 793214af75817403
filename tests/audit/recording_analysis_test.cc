// The analysis of one recording in this process: what it can be made to allocate.
#include "src/audit/recording_analysis.h"

#include <gtest/gtest.h>
#include <sys/resource.h>

#include <filesystem>

namespace xk {
namespace {

long PeakRssMib() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss / 1024;
}

// Found by the probe fuzzer: 956 bytes of fragmented MP4 whose `trun` claims 83 M samples. libav
// asked for 2 GiB in one block to index them; capped, opening it fails and the file is unreadable.
TEST(AnalyseRecording, AnIndexClaimingMillionsOfSamplesIsUnreadableNotGigabytes) {
  const std::filesystem::path file =
      std::filesystem::path(XUNKAO_SOURCE_DIR) / "tools/fuzz/crashes/probe_fuzz-trun-index-2gib";
  AnalysisSpec spec;
  spec.pictures = true;
  const long before = PeakRssMib();
  const MediaProbe probe = AnalyseRecording(file.string(), "exams/KS01/video/A/A-1/20220415/090000.mp4", spec);
  EXPECT_NE(probe.unreadable, UnreadableKind::kNone);
  EXPECT_NE(probe.reason.find("exams/KS01/video/A/A-1/20220415/090000.mp4"), std::string::npos) << probe.reason;
  EXPECT_LT(PeakRssMib() - before, 512) << "peak memory grew by more than 512 MiB";
}

}  // namespace
}  // namespace xk
