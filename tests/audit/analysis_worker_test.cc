// The isolated analysis: a worker process gives exactly the facts the same analysis gives in
// this process, and a worker that fails costs only the file it failed on.
#include "src/audit/analysis_worker.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>

#include "records/input_limits.h"
#include "src/audit/probe_wire.h"
#include "src/audit/recording_analysis.h"
#include "tests/media/media_samples.h"

namespace xk {
namespace {

AnalysisSpec PictureSpec() {
  AnalysisSpec spec;
  spec.pictures = true;
  spec.hash = true;
  return spec;
}

TEST(ProbeWire, AProbeTravelsExactly) {
  const std::string path = SamplePath("hole.mp4");
  const MediaProbe probe = AnalyseRecording(path, "exams/KC01/video/A/A-1/20220415/090000.mp4", PictureSpec());
  ASSERT_TRUE(probe.analysed);
  ASSERT_FALSE(probe.samples.empty());
  const std::optional<MediaProbe> back = ProbeFromWire(ProbeToWire(probe));
  ASSERT_TRUE(back);
  EXPECT_EQ(ProbeToWire(*back), ProbeToWire(probe));
  EXPECT_EQ(back->covered.size(), probe.covered.size());
  EXPECT_EQ(back->duration, probe.duration) << "doubles round-trip bit for bit";
  EXPECT_EQ(back->samples.back().fingerprint, probe.samples.back().fingerprint);
  EXPECT_EQ(back->measured_with, MeasuredWith(PictureSpec()));
  EXPECT_FALSE(ProbeFromWire("{\"unreadable\": 99}"));
  EXPECT_FALSE(ProbeFromWire("not json"));
}

TEST(ProbeWire, SpecAndRequestsTravelWithAnyBytes) {
  AnalysisSpec spec = PictureSpec();
  spec.thorough = true;
  spec.limits.worker_memory_mib = 300;
  const std::optional<AnalysisSpec> back = SpecFromWire(SpecToWire(spec));
  ASSERT_TRUE(back);
  EXPECT_TRUE(back->thorough);
  EXPECT_EQ(back->limits.worker_memory_mib, 300);
  std::string absolute, shown;
  ASSERT_TRUE(RequestFromWire(RequestToWire("/a/\xB7\xA2\n b", "显示"), &absolute, &shown));
  EXPECT_EQ(absolute, "/a/\xB7\xA2\n b");
  EXPECT_EQ(shown, "显示");
}

TEST(AnalysisWorker, GivesWhatTheSameAnalysisGivesInProcess) {
  const AnalysisSpec spec = PictureSpec();
  AnalysisWorker worker(XUNKAO_BINARY, spec);
  for (const char* sample : {"clean.mp4", "hole.ps", "clip.ts"}) {
    const std::string path = SamplePath(sample);
    const auto size = static_cast<int64_t>(std::filesystem::file_size(path));
    EXPECT_EQ(ProbeToWire(worker.Analyse(path, sample, size)), ProbeToWire(AnalyseRecording(path, sample, spec)))
        << sample;
  }
}

TEST(AnalysisWorker, ACrashCostsOnlyThatFile) {
  const std::string path = SamplePath("short.mp4");
  const auto size = static_cast<int64_t>(std::filesystem::file_size(path));
  ::setenv("XUNKAO_TEST_WORKER_FAULT", "crash:boom", 1);  // read by the worker: it crashes on "boom"
  AnalysisWorker worker(XUNKAO_BINARY, PictureSpec());
  const MediaProbe crashed = worker.Analyse(path, "boom.mp4", size);
  const MediaProbe next = worker.Analyse(path, "next.mp4", size);  // a fresh worker
  ::unsetenv("XUNKAO_TEST_WORKER_FAULT");
  EXPECT_EQ(crashed.unreadable, UnreadableKind::kCorrupt);
  EXPECT_NE(crashed.reason.find("分析进程崩溃"), std::string::npos) << crashed.reason;
  EXPECT_NE(crashed.reason.find("boom.mp4"), std::string::npos) << "the reason names the file";
  EXPECT_EQ(next.unreadable, UnreadableKind::kNone) << next.reason;
  EXPECT_TRUE(next.analysed);
}

TEST(InputLimits, SetByNameWithinRangeAndUnknownNamesGetTheNearest) {
  InputLimits limits;
  EXPECT_EQ(SetInputLimit(&limits, "table_max_bytes", 1 << 20), "");
  EXPECT_EQ(limits.table_max_bytes, 1 << 20);
  EXPECT_NE(SetInputLimit(&limits, "table_max_bytes", -1).find("超出允许范围"), std::string::npos);
  EXPECT_NE(SetInputLimit(&limits, "table_max_bytes", 1e308).find("超出允许范围"), std::string::npos);
  EXPECT_EQ(limits.table_max_bytes, 1 << 20) << "a refused value changes nothing";
  EXPECT_NE(SetInputLimit(&limits, "tabel_max_bytes", 5).find("table_max_bytes"), std::string::npos);
  EXPECT_EQ(DescribeInputLimits(limits).size(), 17u);
}

}  // namespace
}  // namespace xk
