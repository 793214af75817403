#include "tools/demo/classroom_scenes.h"

#include <algorithm>
#include <cmath>

#include "detectors/coverage.h"
#include "detectors/empty_room.h"
#include "detectors/picture.h"
#include "src/audit/picture_hook.h"
#include "src/media/probe.h"

namespace xk {

const char* ClassroomSceneName(ClassroomScene scene) {
  switch (scene) {
    case ClassroomScene::kEmptyRoom:
      return "empty room";
    case ClassroomScene::kQuietClass:
      return "quiet class";
    case ClassroomScene::kBusyClass:
      return "busy class";
    case ClassroomScene::kDarkRoom:
      return "dark room";
    case ClassroomScene::kFrozen:
      return "frozen picture";
  }
  return "";
}

const std::vector<ClassroomScene>& AllClassroomScenes() {
  static const std::vector<ClassroomScene> kScenes = {ClassroomScene::kEmptyRoom, ClassroomScene::kQuietClass,
                                                      ClassroomScene::kBusyClass, ClassroomScene::kDarkRoom,
                                                      ClassroomScene::kFrozen};
  return kScenes;
}

CctvScript ClassroomScript(ClassroomScene scene, uint32_t seed, double seconds, int fps, double noise_sigma) {
  CctvScript script;
  script.duration_s = seconds;
  script.fps = fps;
  script.gop = 2 * fps;
  script.bitrate = 200000;
  script.seed = seed;
  script.noise_sigma = noise_sigma;
  script.camera_name = "101-1";
  script.static_scene = scene != ClassroomScene::kBusyClass;  // nobody walking about
  switch (scene) {
    case ClassroomScene::kEmptyRoom:
      break;
    case ClassroomScene::kQuietClass:
      script.seated = 8 + static_cast<int>(seed % 8);
      script.fidget = 1.0;
      break;
    case ClassroomScene::kBusyClass:
      script.seated = 12;
      script.fidget = 4.0;
      break;
    case ClassroomScene::kDarkRoom:
      script.seated = 10;
      script.lights_off = true;
      break;
    case ClassroomScene::kFrozen:
      script.seated = 10;
      script.frozen = {{2, seconds}};
      break;
  }
  return script;
}

std::string ExpectedClassroomRule(ClassroomScene scene) {
  switch (scene) {
    case ClassroomScene::kEmptyRoom:
      return "TRN-VIDEO-EMPTY-ROOM";
    case ClassroomScene::kDarkRoom:
      return "TRN-VIDEO-BLACK";
    case ClassroomScene::kFrozen:
      return "TRN-VIDEO-FROZEN";
    default:
      return "";
  }
}

ClassroomJudgment JudgeClassroomRecording(const std::string& file, CctvScript script, const AuditPolicy& policy) {
  ClassroomJudgment judgment;
  const Date day = DateFromYmd(2024, 9, 2);
  const Instant start = ToInstant(day, 9 * 3600, policy.zone);
  const auto seconds = static_cast<Instant>(std::floor(script.duration_s));
  script.osd_start = start;
  script.zone = policy.zone;
  judgment.error = WriteCctvVideo(file, script);
  if (!judgment.error.empty()) return judgment;

  ArchiveModel model;
  model.institutions.push_back(Institution{"PX90", "培训机构", InstitutionKind::kTraining, "", {}});
  model.cameras.push_back(Camera{"PX90", "101", "1", "前墙", SourceRef{"training/PX90/cameras.csv", 2}});
  TrainingSession session;
  session.institution = "PX90";
  session.class_id = "C1";
  session.session_id = "K1";
  session.date = day;
  session.start = start;
  session.end = start + seconds;
  session.room = "101";
  session.source = SourceRef{"training/PX90/sessions.csv", 2};
  model.sessions.push_back(session);
  for (const char* id : {"110101199001011234", "110101199202023456"}) {
    model.attendance.push_back(Attendance{"PX90", "C1", "K1", id, start, std::nullopt, SignInMethod::kFace,
                                          SourceRef{"training/PX90/attendance.csv", 2}});
  }
  RecordingFacts r;
  r.institution = "PX90";
  r.room = "101";
  r.camera = "1";
  r.path = "training/PX90/video/101/1/20240902/090000.mp4";
  r.name_start = start;
  r.name_start_origin = "name";
  r.start = start;
  r.probe = ProbeRecording(file, policy.limits);
  if (r.probe.unreadable == UnreadableKind::kNone) PictureAnalyser(policy, false)(file, &r.probe);
  if (r.probe.unreadable != UnreadableKind::kNone) judgment.error = r.probe.reason;
  const std::vector<RecordingFacts> recordings = {r};

  judgment.samples = static_cast<int>(r.probe.samples.size());
  int measured = 0, still = 0;
  for (const PictureSample& s : r.probe.samples) {
    if (s.motion < 0) continue;
    ++measured;
    judgment.mean_motion += s.motion;
    still += s.motion < policy.empty_room_motion_ratio;
  }
  if (measured > 0) {
    judgment.mean_motion /= measured;
    judgment.still_share = static_cast<double>(still) / measured;
  }

  const Syllabus syllabus;
  const DetectorInput input{model, policy, syllabus, recordings};
  for (const auto& detect : {DetectCoverageRules, DetectPictureRules, DetectEmptyRooms}) {
    for (const Finding& f : detect(input)) {
      judgment.rules.push_back(f.rule);
      judgment.summaries_zh.push_back(f.summary_zh);
    }
  }
  std::sort(judgment.rules.begin(), judgment.rules.end());
  return judgment;
}

}  // namespace xk
