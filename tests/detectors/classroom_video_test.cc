// The classroom recording rules (TRN-VIDEO-*) on hand-built media facts: which sessions must be
// filmed (offline, in a room, on or after classroom_video_from), the basis cited, the exam rules'
// checks reused with the classroom's codes, and the empty-room judgment on measured motion.
#include <gtest/gtest.h>

#include <algorithm>

#include "detectors/coverage.h"
#include "detectors/empty_room.h"
#include "detectors/picture.h"
#include "detectors/registry.h"

namespace xk {
namespace {

class ClassroomVideoRules : public ::testing::Test {
 protected:
  ClassroomVideoRules() : syllabus_(Syllabus::BuiltIn()) {
    model_.institutions.push_back(Institution{"PX07", "培训机构", InstitutionKind::kTraining, "", {}});
    model_.cameras.push_back(Camera{"PX07", "101", "1", "前墙", {}});
    recordings_.reserve(16);
  }

  TrainingSession& Timetable(const std::string& id, Date date, SessionMode mode = SessionMode::kTheory,
                             const std::string& room = "101") {
    TrainingSession s;
    s.institution = "PX07";
    s.class_id = "C1";
    s.session_id = id;
    s.date = date;
    s.start = ToInstant(date, 9 * 3600, policy_.zone);
    s.end = s.start + 600;
    s.mode = mode;
    s.room = room;
    s.source = SourceRef{"training/PX07/sessions.csv", static_cast<int>(model_.sessions.size()) + 2};
    model_.sessions.push_back(s);
    return model_.sessions.back();
  }

  void SignIn(const TrainingSession& s) {
    model_.attendance.push_back(Attendance{
        "PX07", s.class_id, s.session_id, "110101199001011234", s.start, std::nullopt, SignInMethod::kFace, {}});
  }

  // A readable, analysed recording of the whole session with a sample every 2 s of `motion`.
  RecordingFacts& Film(const TrainingSession& s, float motion, float black_ratio = 0) {
    RecordingFacts r;
    r.institution = "PX07";
    r.room = s.room;
    r.camera = "1";
    r.path = "training/PX07/video/101/1/" + FormatDate(s.date) + "/090000.mp4";
    r.name_start = s.start;
    r.start = s.start;
    r.probe.duration = static_cast<double>(s.end - s.start);
    r.probe.covered = {{0, r.probe.duration}};
    r.probe.analysed = true;
    for (double t = 0; t < r.probe.duration; t += 2) {
      PictureSample sample;
      sample.t = t;
      sample.mean_luma = 120;
      sample.black_ratio = black_ratio;
      sample.diff_from_prev = t == 0 ? 0 : 0.02f;  // sensor noise: not frozen
      sample.fingerprint = static_cast<uint64_t>(t) * 0x9E3779B97F4A7C15ULL;
      sample.motion = t == 0 ? -1 : motion;
      r.probe.samples.push_back(sample);
    }
    recordings_.push_back(r);
    return recordings_.back();
  }

  std::vector<Finding> Run(const std::string& rule) {
    DetectorInput input{model_, policy_, syllabus_, recordings_};
    std::vector<Finding> out;
    for (auto& f : RunAllDetectors(input)) {
      if (f.rule == rule) out.push_back(f);
    }
    return out;
  }

  ArchiveModel model_;
  AuditPolicy policy_;
  Syllabus syllabus_;
  std::vector<RecordingFacts> recordings_;
};

TEST_F(ClassroomVideoRules, UnfilmedOfflineSessionFromJuly2024IsMissingAndCitesAq8011) {
  Timetable("K1", DateFromYmd(2024, 7, 1));
  auto found = Run("TRN-VIDEO-MISSING");
  ASSERT_EQ(found.size(), 1u);
  const Finding& f = found[0];
  EXPECT_EQ(f.institution, "PX07");
  EXPECT_EQ(f.severity, Severity::kHigh);
  EXPECT_EQ(f.class_id, "C1");
  EXPECT_EQ(f.session_id, "K1");
  EXPECT_EQ(f.room, "101");
  EXPECT_EQ(f.camera, "1");
  EXPECT_NE(f.basis.find("AQ 8011-2023"), std::string::npos) << f.basis;
  EXPECT_NE(f.summary_zh.find("教室 101 摄像机 1 在班级 C1 课次 K1"), std::string::npos) << f.summary_zh;
  EXPECT_NE(f.summary_zh.find("未进行线下培训全过程录像"), std::string::npos) << f.summary_zh;
  EXPECT_TRUE(Run("EXM-VIDEO-MISSING").empty());
}

TEST_F(ClassroomVideoRules, SessionsBeforeTheStandardOrOnlineAreNotJudged) {
  Timetable("K0", DateFromYmd(2024, 6, 30));
  Timetable("K2", DateFromYmd(2024, 9, 2), SessionMode::kOnline);
  Timetable("K3", DateFromYmd(2024, 9, 2), SessionMode::kMockExam);
  EXPECT_TRUE(Run("TRN-VIDEO-MISSING").empty());
}

TEST_F(ClassroomVideoRules, LeavingTheRoomOutDoesNotHideASession) {
  // Filmed in room 101 with its camera: clean. The same session with no room in the timetable
  // cannot be matched to any camera: unfilmed, and the finding says why.
  Film(Timetable("K1", DateFromYmd(2024, 9, 2)), 0.01f);
  SignIn(model_.sessions.back());
  Timetable("K4", DateFromYmd(2024, 9, 3), SessionMode::kTheory, "");
  auto found = Run("TRN-VIDEO-MISSING");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].session_id, "K4");
  EXPECT_FALSE(found[0].room.has_value());
  EXPECT_FALSE(found[0].camera.has_value());
  EXPECT_NE(found[0].summary_zh.find("课表未写教室，无法对应任何摄像机和录像"), std::string::npos)
      << found[0].summary_zh;
}

TEST_F(ClassroomVideoRules, FootageOfAnotherDayFiledAgainIsAReplay) {
  // K1 and K2 hold the same pictures (a day's footage filed again the next day); K3, filmed the
  // day after in the same way, holds pictures of its own.
  const RecordingFacts& first = Film(Timetable("K1", DateFromYmd(2024, 9, 2)), 0.01f);
  const RecordingFacts& again = Film(Timetable("K2", DateFromYmd(2024, 9, 3)), 0.01f);
  RecordingFacts& own = Film(Timetable("K3", DateFromYmd(2024, 9, 4)), 0.01f);
  for (PictureSample& sample : own.probe.samples) sample.fingerprint = ~sample.fingerprint * 0xD6E8FEB86659FD93ULL;
  auto found = Run("TRN-VIDEO-REPLAY");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].session_id, "K2");
  EXPECT_EQ(found[0].class_id, "C1");
  EXPECT_EQ(found[0].file, again.path);
  EXPECT_NE(found[0].summary_zh.find(first.path), std::string::npos) << found[0].summary_zh;
  EXPECT_NE(found[0].basis.find("AQ 8011-2023"), std::string::npos) << found[0].basis;
  EXPECT_TRUE(Run("EXM-VIDEO-REPLAY").empty());
}

TEST_F(ClassroomVideoRules, TheFirstDayIsAThreshold) {
  Timetable("K1", DateFromYmd(2024, 9, 2));
  ASSERT_FALSE(SetThreshold(&policy_, "classroom_video_from", 20250101).has_value());
  EXPECT_TRUE(Run("TRN-VIDEO-MISSING").empty());
  // Before AQ 8011-2023 no text requires the filming: the day cannot be set earlier.
  EXPECT_TRUE(SetThreshold(&policy_, "classroom_video_from", 20240101).has_value());
}

TEST_F(ClassroomVideoRules, GapAndUnreadableUseTheClassroomCodes) {
  const TrainingSession& s = Timetable("K1", DateFromYmd(2024, 9, 2));
  RecordingFacts& r = Film(s, 0.01f);
  r.probe.duration = 300;
  r.probe.covered = {{0, 300}};
  RecordingFacts broken;
  broken.institution = "PX07";
  broken.room = "101";
  broken.camera = "1";
  broken.path = "training/PX07/video/101/1/20240902/090500.mp4";
  broken.name_start = s.start + 300;
  broken.start = *broken.name_start;
  broken.probe.unreadable = UnreadableKind::kEmpty;
  broken.probe.reason = "0 字节";
  recordings_.push_back(broken);
  auto gaps = Run("TRN-VIDEO-GAP");
  ASSERT_EQ(gaps.size(), 1u);
  EXPECT_EQ(gaps[0].measured, 300);
  EXPECT_NE(gaps[0].summary_zh.find("无法读取"), std::string::npos) << gaps[0].summary_zh;
  auto unreadable = Run("TRN-VIDEO-UNREADABLE");
  ASSERT_EQ(unreadable.size(), 1u);
  EXPECT_EQ(unreadable[0].file, broken.path);
  EXPECT_TRUE(Run("EXM-VIDEO-GAP").empty());
  EXPECT_TRUE(Run("EXM-VIDEO-UNREADABLE").empty());
}

TEST_F(ClassroomVideoRules, UnreadableClassroomRecordingBeforeTheStandardIsNotJudged) {
  RecordingFacts broken;
  broken.institution = "PX07";
  broken.room = "101";
  broken.camera = "1";
  broken.path = "training/PX07/video/101/1/20240520/090000.mp4";
  broken.name_start = ToInstant(DateFromYmd(2024, 5, 20), 9 * 3600, policy_.zone);
  broken.start = *broken.name_start;
  broken.probe.unreadable = UnreadableKind::kNotVideo;
  recordings_.push_back(broken);
  EXPECT_TRUE(Run("TRN-VIDEO-UNREADABLE").empty());
}

TEST_F(ClassroomVideoRules, StillRoomWithSignInsIsEmpty) {
  const TrainingSession& s = Timetable("K1", DateFromYmd(2024, 9, 2));
  SignIn(s);
  Film(s, 0.0004f);  // under 0.2 %: the tens digit of the clock, noise
  auto found = Run("TRN-VIDEO-EMPTY-ROOM");
  ASSERT_EQ(found.size(), 1u);
  const Finding& f = found[0];
  EXPECT_EQ(f.severity, Severity::kHigh);
  EXPECT_EQ(f.measured, 100);
  EXPECT_EQ(f.required, 80);
  EXPECT_EQ(f.unit, "%");
  EXPECT_NE(f.basis.find("AQ 8011-2023"), std::string::npos);
  EXPECT_NE(f.summary_zh.find("有 1 条签到记录"), std::string::npos) << f.summary_zh;
  EXPECT_NE(f.summary_zh.find("教室内无人"), std::string::npos) << f.summary_zh;
  ASSERT_EQ(f.evidence.size(), 1u);
}

TEST_F(ClassroomVideoRules, QuietClassIsNotEmpty) {
  const TrainingSession& s = Timetable("K1", DateFromYmd(2024, 9, 2));
  SignIn(s);
  RecordingFacts& r = Film(s, 0.004f);
  // Still now and then (70 % of the samples move): not "most of the session".
  for (size_t i = 1; i < r.probe.samples.size(); i += 3) r.probe.samples[i].motion = 0.0f;
  EXPECT_TRUE(Run("TRN-VIDEO-EMPTY-ROOM").empty());
}

TEST_F(ClassroomVideoRules, EmptyRoomNeedsSignInsAndThresholdsDecide) {
  const TrainingSession& s = Timetable("K1", DateFromYmd(2024, 9, 2));
  Film(s, 0.001f);
  EXPECT_TRUE(Run("TRN-VIDEO-EMPTY-ROOM").empty());  // nobody signed in: not claimed as held
  SignIn(s);
  EXPECT_EQ(Run("TRN-VIDEO-EMPTY-ROOM").size(), 1u);
  ASSERT_FALSE(SetThreshold(&policy_, "empty_room_motion_ratio", 0.0005).has_value());
  EXPECT_TRUE(Run("TRN-VIDEO-EMPTY-ROOM").empty());
}

TEST_F(ClassroomVideoRules, BlackRoomIsBlackNotEmpty) {
  const TrainingSession& s = Timetable("K1", DateFromYmd(2024, 9, 2));
  SignIn(s);
  Film(s, 0.0f, 1.0f);
  EXPECT_TRUE(Run("TRN-VIDEO-EMPTY-ROOM").empty());
  auto black = Run("TRN-VIDEO-BLACK");
  ASSERT_EQ(black.size(), 1u);
  EXPECT_EQ(black[0].severity, Severity::kMedium);
  EXPECT_NE(black[0].summary_zh.find("教室 101 摄像机 1 班级 C1 课次 K1"), std::string::npos) << black[0].summary_zh;
}

TEST_F(ClassroomVideoRules, FrozenPictureIsFrozenNotEmpty) {
  const TrainingSession& s = Timetable("K1", DateFromYmd(2024, 9, 2));
  SignIn(s);
  RecordingFacts& r = Film(s, 0.0f);
  for (auto& sample : r.probe.samples) {
    sample.diff_from_prev = 0;
    sample.fingerprint = 42;
  }
  EXPECT_TRUE(Run("TRN-VIDEO-EMPTY-ROOM").empty());
  EXPECT_EQ(Run("TRN-VIDEO-FROZEN").size(), 1u);
}

TEST_F(ClassroomVideoRules, OldAnalysesWithoutMotionAreNotJudged) {
  const TrainingSession& s = Timetable("K1", DateFromYmd(2024, 9, 2));
  SignIn(s);
  RecordingFacts& r = Film(s, 0.0f);
  for (auto& sample : r.probe.samples) sample.motion = -1;
  EXPECT_TRUE(Run("TRN-VIDEO-EMPTY-ROOM").empty());
}

}  // namespace
}  // namespace xk
