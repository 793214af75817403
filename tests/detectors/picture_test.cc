// EXM-VIDEO-BLACK, EXM-VIDEO-FROZEN and EXM-VIDEO-REPLAY on CCTV recordings generated at test
// time (probed and sampled as the audit does), plus the rules' edge cases on hand-made samples.
#include "detectors/picture.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>

#include "src/audit/picture_hook.h"
#include "src/media/probe.h"
#include "tests/media/media_temp_dir.h"
#include "tools/demo/cctv_video.h"

namespace xk {
namespace {

// Exam centre KS01, room A with cameras 1 and 2 required.
struct PictureWorld {
  ArchiveModel model;
  AuditPolicy policy;
  Syllabus syllabus;
  std::vector<RecordingFacts> recordings;
  MediaTempDir dir;

  PictureWorld() {
    model.institutions.push_back(Institution{"KS01", "市安全生产考试中心", InstitutionKind::kExam, "", {}});
    for (const char* camera : {"1", "2"}) {
      model.cameras.push_back(Camera{"KS01", "A", camera, "", SourceRef{"exams/KS01/cameras.csv", 2}});
    }
    recordings.reserve(16);  // findings point into it
  }

  Instant At(int day, int hour, int minute, int second = 0) const {
    return ToInstant(DateFromYmd(2022, 4, day), hour * 3600 + minute * 60 + second, policy.zone);
  }

  void Hold(const std::string& id, int day, int start_hour, int end_hour) {
    ExamSession s;
    s.institution = "KS01";
    s.session_id = id;
    s.date = DateFromYmd(2022, 4, day);
    s.start = At(day, start_hour, 0);
    s.end = At(day, end_hour, 0);
    s.room = "A";
    s.source = SourceRef{"exams/KS01/sessions.csv", 2};
    model.exam_sessions.push_back(s);
  }

  static std::string ArchivePath(const std::string& camera, Instant start, const TimeZone& zone) {
    const std::string local = FormatLocal(start, zone);  // "2022-04-15 09:00:00"
    std::string date = local.substr(0, 10), time = local.substr(11);
    date.erase(std::remove(date.begin(), date.end(), '-'), date.end());
    time.erase(std::remove(time.begin(), time.end(), ':'), time.end());
    return "exams/KS01/video/A/" + camera + "/" + date + "/" + time + ".mp4";
  }

  // A recording of camera `camera` starting at `start`, probed and analysed.
  const RecordingFacts& Record(const std::string& camera, Instant start, CctvScript script, bool thorough = false) {
    script.osd_start = start;
    script.zone = policy.zone;
    script.camera_name = "A-" + camera;
    const std::string file = dir.File(camera + "_" + std::to_string(start) + ".mp4");
    EXPECT_EQ(WriteCctvVideo(file, script), "");
    return Add(camera, start, file, thorough);
  }

  // A byte-for-byte copy of `from` filed as a recording of `camera` starting at `start`.
  const RecordingFacts& Copy(const RecordingFacts& from, const std::string& camera, Instant start) {
    const std::string file = dir.File("copy_" + camera + "_" + std::to_string(start) + ".mp4");
    std::filesystem::copy_file(disk_.at(from.path), file);
    return Add(camera, start, file, false);
  }

  const RecordingFacts& Add(const std::string& camera, Instant start, const std::string& file, bool thorough) {
    RecordingFacts r;
    r.institution = "KS01";
    r.room = "A";
    r.camera = camera;
    r.path = ArchivePath(camera, start, policy.zone);
    r.name_start = start;
    r.name_start_origin = "name";
    r.start = start;
    r.probe = ProbeRecording(file);
    EXPECT_EQ(r.probe.unreadable, UnreadableKind::kNone) << r.probe.reason;
    PictureAnalyser(policy, thorough)(file, &r.probe);
    EXPECT_TRUE(r.probe.analysed);
    disk_[r.path] = file;
    recordings.push_back(std::move(r));
    return recordings.back();
  }

  std::vector<Finding> Run(const std::string& rule = "") const {
    auto all = DetectPictureRules(DetectorInput{model, policy, syllabus, recordings});
    std::vector<Finding> out;
    std::copy_if(all.begin(), all.end(), std::back_inserter(out),
                 [&](const Finding& f) { return rule.empty() || f.rule == rule; });
    return out;
  }

  std::map<std::string, std::string> disk_;  // archive path -> generated file
};

CctvScript Clip(double seconds, uint32_t seed) {
  CctvScript script;
  script.duration_s = seconds;
  script.gop = 20;  // a keyframe every 2 s, as many cameras write
  script.seed = seed;
  return script;
}

std::string Rules(const std::vector<Finding>& findings) {
  std::string out;
  for (const auto& f : findings) out += f.rule + " " + f.subject + "\n";
  return out;
}

TEST(PictureRulesTest, CoveredLensIsBlack) {
  PictureWorld w;
  w.Hold("S1", 15, 9, 10);
  CctvScript script = Clip(50, 1);
  script.black = {{15, 35}};
  const RecordingFacts& r = w.Record("1", w.At(15, 9, 0), script);
  auto findings = w.Run();
  ASSERT_EQ(findings.size(), 1u) << Rules(findings);
  const Finding& f = findings[0];
  EXPECT_EQ(f.rule, "EXM-VIDEO-BLACK");
  EXPECT_EQ(f.severity, Severity::kHigh);
  EXPECT_EQ(f.session_id, "S1");
  EXPECT_EQ(f.room, "A");
  EXPECT_EQ(f.camera, "1");
  EXPECT_EQ(f.file, r.path);
  EXPECT_NEAR(static_cast<double>(*f.start - w.At(15, 9, 0, 15)), 0, 2);
  EXPECT_NEAR(static_cast<double>(*f.end - w.At(15, 9, 0, 35)), 0, 2);
  EXPECT_NEAR(*f.measured, 20, 2);
  EXPECT_EQ(f.subject, "black|" + r.path + "|16|session:S1");  // first keyframe inside: 16 s
  EXPECT_NE(f.summary_zh.find("全黑"), std::string::npos) << f.summary_zh;
  EXPECT_NE(f.summary_en.find("black picture"), std::string::npos) << f.summary_en;
  EXPECT_NE(f.basis.find("第十七条"), std::string::npos);
  ASSERT_EQ(f.evidence.size(), 1u);
  EXPECT_EQ(f.evidence[0].path, r.path);

  // The session timeline gets the same stretch.
  DetectorInput input{w.model, w.policy, w.syllabus, w.recordings};
  auto coverages = ComputeCoverage(input);
  MarkPictures(input, &coverages);
  const auto camera1 = std::find_if(coverages.begin(), coverages.end(), [](const auto& c) { return c.camera == "1"; });
  ASSERT_NE(camera1, coverages.end());
  ASSERT_EQ(camera1->picture_marks.size(), 1u);
  EXPECT_EQ(camera1->picture_marks[0].kind, PictureMarkKind::kBlack);
  EXPECT_EQ(camera1->picture_marks[0].start, *f.start);
}

TEST(PictureRulesTest, DarkButVisibleRoomIsNotBlack) {
  PictureWorld w;
  w.Hold("S1", 15, 9, 10);
  CctvScript script = Clip(30, 2);
  script.dark_room = true;
  w.Record("1", w.At(15, 9, 0), script);
  EXPECT_TRUE(w.Run().empty()) << Rules(w.Run());
}

TEST(PictureRulesTest, FrozenStillIsFound) {
  PictureWorld w;
  w.Hold("S1", 15, 9, 10);
  CctvScript script = Clip(50, 3);
  script.frozen = {{20, 40}};
  const RecordingFacts& r = w.Record("1", w.At(15, 9, 0), script);
  auto findings = w.Run();
  ASSERT_EQ(findings.size(), 1u) << Rules(findings);
  const Finding& f = findings[0];
  EXPECT_EQ(f.rule, "EXM-VIDEO-FROZEN");
  EXPECT_EQ(f.file, r.path);
  EXPECT_NEAR(static_cast<double>(*f.start - w.At(15, 9, 0, 20)), 0, 2);
  EXPECT_NEAR(static_cast<double>(*f.end - w.At(15, 9, 0, 40)), 0, 2);
  EXPECT_NE(f.summary_zh.find("冻结"), std::string::npos) << f.summary_zh;
}

TEST(PictureRulesTest, StaticRoomWithSensorNoiseIsNotFrozen) {
  PictureWorld w;
  w.Hold("S1", 15, 9, 10);
  CctvScript script = Clip(30, 4);
  script.static_scene = true;
  w.Record("1", w.At(15, 9, 0), script);
  w.Record("2", w.At(15, 9, 0), script, /*thorough=*/true);
  EXPECT_TRUE(w.Run().empty()) << Rules(w.Run());
}

TEST(PictureRulesTest, CopiedSegmentIsAReplayButTwoStaticDaysAreNot) {
  PictureWorld w;
  w.Hold("S1", 15, 9, 10);
  // Camera 1: yesterday's footage filed again as today's.
  const RecordingFacts& yesterday = w.Record("1", w.At(14, 9, 0), Clip(45, 21));
  const RecordingFacts& today = w.Copy(yesterday, "1", w.At(15, 9, 0));
  // Camera 2: the same empty room on both days (only noise and the clock change).
  CctvScript still = Clip(45, 31);
  still.static_scene = true;
  w.Record("2", w.At(14, 9, 0), still);
  still.seed = 32;
  w.Record("2", w.At(15, 9, 0), still);

  auto findings = w.Run();
  ASSERT_EQ(findings.size(), 1u) << Rules(findings);
  const Finding& f = findings[0];
  EXPECT_EQ(f.rule, "EXM-VIDEO-REPLAY");
  EXPECT_EQ(f.camera, "1");
  EXPECT_EQ(f.file, today.path);
  EXPECT_EQ(*f.start, w.At(15, 9, 0));
  EXPECT_NEAR(*f.measured, 45, 1);
  ASSERT_EQ(f.evidence.size(), 2u);
  EXPECT_EQ(f.evidence[1].path, yesterday.path);
  EXPECT_NE(f.summary_zh.find(yesterday.path), std::string::npos) << f.summary_zh;
  EXPECT_NE(f.summary_zh.find("同一摄像机"), std::string::npos) << f.summary_zh;
  EXPECT_NE(f.summary_en.find(today.path), std::string::npos) << f.summary_en;
  EXPECT_NE(f.summary_en.find("2022-04-14T09:00:00+08:00"), std::string::npos) << f.summary_en;
}

TEST(PictureRulesTest, FreezeOverASegmentBoundaryIsOneFinding) {
  PictureWorld w;
  w.Hold("S1", 15, 9, 10);
  // The same static room, frozen for the last 12 s of one segment and the first 12 s of the next.
  CctvScript first = Clip(30, 41);
  first.static_scene = true;
  first.frozen = {{18, 30}};
  CctvScript second = first;
  second.frozen = {{0, 12}};
  const RecordingFacts& a = w.Record("1", w.At(15, 9, 0), first);
  const RecordingFacts& b = w.Record("1", w.At(15, 9, 0, 30), second);
  auto findings = w.Run();
  ASSERT_EQ(findings.size(), 1u) << Rules(findings);
  const Finding& f = findings[0];
  EXPECT_EQ(f.rule, "EXM-VIDEO-FROZEN");
  EXPECT_EQ(f.file, a.path);
  EXPECT_NEAR(static_cast<double>(*f.start - w.At(15, 9, 0, 18)), 0, 2);
  EXPECT_NEAR(static_cast<double>(*f.end - w.At(15, 9, 0, 42)), 0, 2);
  ASSERT_EQ(f.evidence.size(), 2u);
  EXPECT_EQ(f.evidence[1].path, b.path);
  EXPECT_NE(f.summary_zh.find("跨 2 个录像文件"), std::string::npos) << f.summary_zh;
}

// ---- On hand-made samples: the rules' arithmetic.

std::vector<PictureSample> Samples(int count, double spacing, float diff, float black = 0) {
  std::vector<PictureSample> samples(static_cast<size_t>(count));
  for (int i = 0; i < count; ++i) {
    samples[static_cast<size_t>(i)].t = i * spacing;
    samples[static_cast<size_t>(i)].diff_from_prev = i == 0 ? 0 : diff;
    samples[static_cast<size_t>(i)].black_ratio = black;
    samples[static_cast<size_t>(i)].fingerprint = 0x0123456789abcdefULL;
  }
  return samples;
}

TEST(PictureIntervalsTest, FreezeIsJudgedAgainstTheReferenceNotThePreviousPicture) {
  AuditPolicy policy;
  // Each picture within -60 dB (0.001) of the one before, but drifting away from the first.
  EXPECT_TRUE(FrozenIntervals(Samples(30, 1.0, 0.0006f), 30, policy).empty());
  // Exact repeats: frozen from the first picture to the end of the file, closed there.
  auto frozen = FrozenIntervals(Samples(30, 1.0, 0.0f), 31, policy);
  ASSERT_EQ(frozen.size(), 1u);
  EXPECT_DOUBLE_EQ(frozen[0].start, 0);
  EXPECT_DOUBLE_EQ(frozen[0].end, 31);
  // 9 s from the reference to the first changed picture is not enough; the 11 s after are.
  auto samples = Samples(20, 1.0, 0.0f);
  samples[9].diff_from_prev = 0.01f;
  frozen = FrozenIntervals(samples, 20, policy);
  ASSERT_EQ(frozen.size(), 1u);
  EXPECT_DOUBLE_EQ(frozen[0].start, 9);
  EXPECT_DOUBLE_EQ(frozen[0].end, 20);
}

TEST(PictureIntervalsTest, AMeasuredDistanceToTheReferenceDoesNotPileUp) {
  // A stuck picture under a running OSD clock: each sample differs from the one before by 0.0006
  // (the steps add up past -60 dB within two), but from the reference by 0.0007 only, as the
  // sampler measured it.
  AuditPolicy policy;
  auto samples = Samples(30, 1.0, 0.0006f);
  for (size_t i = 1; i < samples.size(); ++i) samples[i].diff_from_reference = 0.0007f;
  auto frozen = FrozenIntervals(samples, 30, policy);
  ASSERT_EQ(frozen.size(), 1u);
  EXPECT_DOUBLE_EQ(frozen[0].start, 0);
  EXPECT_DOUBLE_EQ(frozen[0].end, 30);
}

TEST(PictureIntervalsTest, APictureThatSettlesSlowlyIsFrozenFromWhereItSettled) {
  // Live to 10 s; then an encoder refines a stuck picture: 0.0004 a second from 10 to 13 s, which
  // passes the threshold from the reference at 10 s at 13 s (the sampler's new reference); 0.0002
  // a second after. Frozen from 11 s: the samples at 11 and 12 s lie within 0.001 of 13 s.
  AuditPolicy policy;
  auto samples = Samples(30, 1.0, 0.01f);
  for (size_t i = 1; i <= 10; ++i) samples[i].diff_from_reference = 0.01f;
  for (size_t i = 11; i <= 13; ++i) {
    samples[i].diff_from_prev = 0.0004f;
    samples[i].diff_from_reference = 0.0004f * static_cast<float>(i - 10);
  }
  for (size_t i = 14; i < samples.size(); ++i) {
    samples[i].diff_from_prev = 0.0002f;
    samples[i].diff_from_reference = 0.0004f;
  }
  auto frozen = FrozenIntervals(samples, 30, policy);
  ASSERT_EQ(frozen.size(), 1u);
  EXPECT_DOUBLE_EQ(frozen[0].start, 11);
  EXPECT_DOUBLE_EQ(frozen[0].end, 30);
}

TEST(PictureIntervalsTest, BlackNeedsTheMinimumAndClosesAtTheEnd) {
  AuditPolicy policy;
  auto samples = Samples(20, 1.0, 0.01f);
  for (int i = 3; i < 7; ++i) samples[static_cast<size_t>(i)].black_ratio = 0.99f;     // 4 s: too short
  for (int i = 14; i < 20; ++i) samples[static_cast<size_t>(i)].black_ratio = 0.985f;  // to the end
  samples[10].black_ratio = 0.97f;                                                     // under pic_th 0.98: not black
  auto black = BlackIntervals(samples, 20.5, policy);
  ASSERT_EQ(black.size(), 1u);
  EXPECT_DOUBLE_EQ(black[0].start, 14);
  EXPECT_DOUBLE_EQ(black[0].end, 20.5);
}

TEST(PictureIntervalsTest, FreezeAcrossFilesNeedsTheRolloverToBeShort) {
  PictureWorld w;
  w.Hold("S1", 15, 9, 10);
  auto add = [&](Instant start, std::vector<PictureSample> samples) {
    RecordingFacts r;
    r.institution = "KS01";
    r.room = "A";
    r.camera = "1";
    r.path = PictureWorld::ArchivePath("1", start, w.policy.zone);
    r.name_start = start;
    r.start = start;
    r.probe.duration = samples.back().t + 1;
    r.probe.covered = {MediaInterval{0, r.probe.duration}};
    r.probe.samples = std::move(samples);
    r.probe.analysed = true;
    w.recordings.push_back(std::move(r));
  };
  // 8 s frozen at the end of one file and 8 s at the start of the next: 16 s when joined.
  auto tail = Samples(20, 1.0, 0.01f);
  for (int i = 12; i < 20; ++i) tail[static_cast<size_t>(i)].diff_from_prev = 0;
  auto head = Samples(20, 1.0, 0.0f);
  for (int i = 8; i < 20; ++i) head[static_cast<size_t>(i)].diff_from_prev = 0.01f;
  add(w.At(15, 9, 0), tail);
  add(w.At(15, 9, 0, 22), head);  // 2 s rollover gap: under gap_min_seconds (5 s)
  auto findings = w.Run("EXM-VIDEO-FROZEN");
  ASSERT_EQ(findings.size(), 1u) << Rules(findings);
  EXPECT_EQ(*findings[0].start, w.At(15, 9, 0, 11));
  EXPECT_EQ(*findings[0].end, w.At(15, 9, 0, 30));
  // With 10 s between the files they are separate footage: neither part reaches 10 s.
  w.recordings.pop_back();
  add(w.At(15, 9, 0, 30), head);
  EXPECT_TRUE(w.Run("EXM-VIDEO-FROZEN").empty()) << Rules(w.Run());
}

}  // namespace
}  // namespace xk
