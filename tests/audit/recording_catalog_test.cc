// The catalog stage on a real archive folder and a real SQLite store: a recording is opened (and
// hashed) once, an unchanged one is taken from the store, a --thorough run analyses again what
// a keyframe run catalogued (then keeps it), and so does a run that measures otherwise (other
// picture thresholds, another sampling version).
#include "src/audit/recording_catalog.h"

#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>

#include "records/hashing.h"
#include "records/store/audit_store.h"
#include "src/media/frame_sampler.h"
#include "tests/media/media_samples.h"
#include "tests/media/media_temp_dir.h"

namespace xk {
namespace {

namespace fs = std::filesystem;

class RecordingCatalogTest : public ::testing::Test {
 protected:
  void SetUp() override {
    fs::path camera = fs::path(dir_.path()) / "archive/exams/KC01/video/room1/cam1/20220415";
    fs::create_directories(camera);
    fs::copy_file(SamplePath("short.mp4"), camera / "090000.mp4");
    fs::copy_file(SamplePath("short.mp4"), camera / "090020.mp4");
    Institution centre;
    centre.code = "KC01";
    centre.kind = InstitutionKind::kExam;
    model_.institutions.push_back(centre);
  }

  // One catalog pass with the real picture analysis, counting the files it analysed.
  std::vector<RecordingFacts> Catalog(bool thorough, int* analysed, int* remeasured = nullptr,
                                      double black_pixel_threshold = 0.10) {
    store::AuditStore store(dir_.File("xunkao.db"));
    int64_t run = store.BeginRun("2026-11-28T02:00:00+08:00", "archive", "{}");
    CatalogOptions options;
    options.analysis.pictures = true;
    options.analysis.thorough = thorough;
    options.analysis.hash = true;
    options.analysis.black_pixel_threshold = black_pixel_threshold;
    CatalogStats stats;
    std::vector<LoadIssue> issues;
    auto recordings = CatalogRecordings(fs::path(dir_.path()) / "archive", model_, config_, store.db(), run, options,
                                        nullptr, &stats, &issues);
    EXPECT_TRUE(issues.empty());
    *analysed = static_cast<int>(stats.files_analysed);
    if (remeasured != nullptr) *remeasured = static_cast<int>(stats.files_remeasured);
    return recordings;
  }

  MediaTempDir dir_;
  ArchiveModel model_;
  AuditConfig config_;
};

TEST_F(RecordingCatalogTest, UnchangedFilesAreTakenFromTheStore) {
  int analysed = 0;
  auto first = Catalog(false, &analysed);
  ASSERT_EQ(first.size(), 2u);
  EXPECT_EQ(analysed, 2);
  EXPECT_TRUE(first[0].probe.analysed);
  EXPECT_FALSE(first[0].probe.thorough);
  EXPECT_FALSE(first[0].probe.samples.empty());
  EXPECT_EQ(first[0].probe.sha256, Sha256File(SamplePath("short.mp4")).value());

  auto second = Catalog(false, &analysed);
  EXPECT_EQ(analysed, 0);
  ASSERT_EQ(second.size(), 2u);
  EXPECT_EQ(second[0].probe.samples.size(), first[0].probe.samples.size());
  EXPECT_EQ(second[1].start, first[1].start);
  EXPECT_EQ(second[1].probe.sha256, first[1].probe.sha256) << "the hash is kept in the store";
}

TEST_F(RecordingCatalogTest, ThoroughRunAnalysesKeyframeCatalogAgainOnce) {
  int analysed = 0;
  auto keyframes = Catalog(false, &analysed);
  ASSERT_EQ(analysed, 2);

  auto thorough = Catalog(true, &analysed);
  EXPECT_EQ(analysed, 2) << "a keyframe analysis does not answer a --thorough run";
  ASSERT_EQ(thorough.size(), 2u);
  EXPECT_TRUE(thorough[0].probe.thorough);
  EXPECT_GT(thorough[0].probe.samples.size(), keyframes[0].probe.samples.size());

  Catalog(true, &analysed);
  EXPECT_EQ(analysed, 0) << "an unchanged file analysed thoroughly is not decoded again";
  Catalog(false, &analysed);
  EXPECT_EQ(analysed, 0) << "a thorough analysis also answers a keyframe run";
}

TEST_F(RecordingCatalogTest, AnalysesMeasuredOtherwiseAreMadeAgain) {
  int analysed = 0, remeasured = 0;
  auto first = Catalog(false, &analysed, &remeasured);
  ASSERT_EQ(analysed, 2);
  EXPECT_EQ(remeasured, 0);
  EXPECT_EQ(first[0].probe.measured_with, "picture sampling " + std::to_string(kPictureSamplingVersion) +
                                              "; black_pixel_threshold 0.1; frozen_noise_db -60");

  // black_pixel_threshold changed in audit.toml: the samples' black ratios were counted by the old one.
  auto other = Catalog(false, &analysed, &remeasured, 0.2);
  EXPECT_EQ(analysed, 2);
  EXPECT_EQ(remeasured, 2);
  EXPECT_NE(other[0].probe.measured_with, first[0].probe.measured_with);
  Catalog(false, &analysed, &remeasured, 0.2);
  EXPECT_EQ(analysed, 0) << "then kept";

  {  // Rows stored by an xunkao before schema 9 (or another sampling version) say nothing or otherwise.
    store::AuditStore store(dir_.File("xunkao.db"));
    store.db().Execute("UPDATE media_files SET measured_with = '' WHERE path LIKE '%090000.mp4'");
  }
  Catalog(false, &analysed, &remeasured, 0.2);
  EXPECT_EQ(analysed, 1);
  EXPECT_EQ(remeasured, 1);
}

TEST_F(RecordingCatalogTest, ChangedFileIsAnalysedAgain) {
  int analysed = 0;
  Catalog(false, &analysed);
  fs::path file = fs::path(dir_.path()) / "archive/exams/KC01/video/room1/cam1/20220415/090020.mp4";
  fs::copy_file(SamplePath("clean.mp4"), file, fs::copy_options::overwrite_existing);
  auto again = Catalog(false, &analysed);
  EXPECT_EQ(analysed, 1);
  ASSERT_EQ(again.size(), 2u);
  EXPECT_NEAR(again[1].probe.duration, 60, 1);
  EXPECT_EQ(again[1].probe.sha256, Sha256File(file.string()).value());
}

}  // namespace
}  // namespace xk
