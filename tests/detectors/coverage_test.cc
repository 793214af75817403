// The coverage rules on hand-built media facts: boundaries of the minimum gap, rollover, a hole
// inside a file, a missing camera, an unreadable file, clock disagreement.
#include "detectors/coverage.h"

#include <gtest/gtest.h>

namespace xk {
namespace {

class CoverageRules : public ::testing::Test {
 protected:
  CoverageRules() : syllabus_(Syllabus::BuiltIn()) {
    ExamSession s;
    s.institution = "KS01";
    s.session_id = "S1";
    s.room = "A";
    s.date = DateFromYmd(2022, 4, 15);
    s.start = ToInstant(s.date, 9 * 3600, policy_.zone);
    s.end = s.start + 600;
    model_.exam_sessions.push_back(s);
    model_.cameras.push_back(Camera{"KS01", "A", "1", "前方", {}});
  }

  // A readable file starting `offset` seconds after the session start, covering [0, length).
  RecordingFacts& AddFile(double offset, double length, std::vector<MediaInterval> covered = {}) {
    RecordingFacts r;
    r.institution = "KS01";
    r.room = "A";
    r.camera = "1";
    r.path = "exams/KS01/video/A/1/20220415/f" + std::to_string(recordings_.size()) + ".mp4";
    r.name_start = model_.exam_sessions[0].start + static_cast<Instant>(offset);
    r.start = *r.name_start;
    r.probe.duration = length;
    r.probe.covered = covered.empty() ? std::vector<MediaInterval>{{0, length}} : covered;
    recordings_.push_back(r);
    return recordings_.back();
  }

  std::vector<Finding> Run(const std::string& rule) {
    DetectorInput input{model_, policy_, syllabus_, recordings_};
    std::vector<Finding> out;
    for (auto& f : DetectCoverageRules(input)) {
      if (f.rule == rule) out.push_back(f);
    }
    return out;
  }

  ArchiveModel model_;
  AuditPolicy policy_;
  Syllabus syllabus_;
  std::vector<RecordingFacts> recordings_;
};

TEST_F(CoverageRules, SubSecondRolloverIsNotAGap) {
  AddFile(0, 299.5);
  AddFile(300, 299.5);
  EXPECT_TRUE(Run("EXM-VIDEO-GAP").empty());
  EXPECT_TRUE(Run("EXM-VIDEO-MISSING").empty());
}

TEST_F(CoverageRules, FourSecondsIsNotAGapAtTheFiveSecondMinimumButFiveIs) {
  AddFile(0, 296);
  AddFile(300, 300);  // 4 s between them
  EXPECT_TRUE(Run("EXM-VIDEO-GAP").empty());
  recordings_[1].name_start = recordings_[1].start = recordings_[1].start + 1;  // now 5 s
  recordings_[1].probe.duration = 299;
  recordings_[1].probe.covered = {{0, 299}};
  auto gaps = Run("EXM-VIDEO-GAP");
  ASSERT_EQ(gaps.size(), 1u);
  EXPECT_EQ(*gaps[0].measured, 5.0);
  EXPECT_EQ(*gaps[0].start, model_.exam_sessions[0].start + 296);
}

TEST_F(CoverageRules, HoleInsideAFileIsAGapWithItsTimes) {
  AddFile(0, 600, {{0, 100}, {140, 600}});
  auto gaps = Run("EXM-VIDEO-GAP");
  ASSERT_EQ(gaps.size(), 1u);
  EXPECT_EQ(*gaps[0].end - *gaps[0].start, 40);
  EXPECT_NE(gaps[0].summary_zh.find("时间戳跳跃"), std::string::npos);
}

TEST_F(CoverageRules, MissingCameraAndUnreadableFile) {
  EXPECT_EQ(Run("EXM-VIDEO-MISSING").size(), 1u);
  RecordingFacts& bad = AddFile(0, 0);
  bad.probe.unreadable = UnreadableKind::kTruncatedMp4;
  bad.probe.reason = "moov atom not found";
  bad.probe.covered.clear();
  AddFile(300, 300);
  EXPECT_TRUE(Run("EXM-VIDEO-MISSING").empty());
  auto unreadable = Run("EXM-VIDEO-UNREADABLE");
  ASSERT_EQ(unreadable.size(), 1u);
  EXPECT_NE(unreadable[0].summary_zh.find("moov"), std::string::npos);
  auto gaps = Run("EXM-VIDEO-GAP");
  ASSERT_EQ(gaps.size(), 1u);
  EXPECT_EQ(*gaps[0].measured, 300.0);  // the unreadable file's time counts as not covered
}

// Without cameras.csv the cameras that left recordings in the room are held to the session; a
// room with neither a listed camera nor a recording is one finding without a camera.
TEST_F(CoverageRules, RoomsCamerasComeFromTheRecordingsWhenCamerasCsvDoesNotListThem) {
  model_.cameras.clear();
  EXPECT_EQ(Run("EXM-VIDEO-MISSING").size(), 1u);
  auto none = Run("EXM-VIDEO-MISSING");
  ASSERT_EQ(none.size(), 1u);
  EXPECT_FALSE(none[0].camera);
  EXPECT_NE(none[0].summary_zh.find("既没有登记摄像机"), std::string::npos) << none[0].summary_zh;

  AddFile(0, 290);  // camera 1 stops 10 s early
  EXPECT_TRUE(Run("EXM-VIDEO-MISSING").empty());
  auto gaps = Run("EXM-VIDEO-GAP");
  ASSERT_EQ(gaps.size(), 1u) << "camera 1 is held to the whole session";
  EXPECT_EQ(*gaps[0].camera, "1");

  // cameras.csv lists room A: then only its list counts (camera 2 must record, 1 is extra).
  model_.cameras.push_back(Camera{"KS01", "A", "2", "后方", {}});
  auto missing = Run("EXM-VIDEO-MISSING");
  ASSERT_EQ(missing.size(), 1u);
  EXPECT_EQ(*missing[0].camera, "2");
}

TEST_F(CoverageRules, CreationTimeTwoHoursOffTheNameIsAClockFinding) {
  RecordingFacts& r = AddFile(0, 600);
  r.probe.creation_time = *r.name_start + 7200;
  auto clock = Run("EXM-VIDEO-CLOCK");
  ASSERT_EQ(clock.size(), 1u);
  EXPECT_EQ(*clock[0].measured, 7200.0);
  r.probe.creation_time = *r.name_start + 30;  // within the 60 s tolerance
  EXPECT_TRUE(Run("EXM-VIDEO-CLOCK").empty());
}

}  // namespace
}  // namespace xk
