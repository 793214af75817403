// Generated classroom recordings for the empty-room rule (TRN-VIDEO-EMPTY-ROOM) and the judgment
// of one such recording by the real pipeline: the five scenes an officer must tell apart (an
// empty room, a quiet class of seated people, a busy class, a dark room, a frozen picture), the
// script that draws each (tools/demo/cctv_video.h), and the rules the audit finds in a
// recording of a timetabled, signed-in classroom session that it films. Used by the demo, the
// tests and tools/bench/empty_room_bench.
#pragma once

#include <string>
#include <vector>

#include "records/policy.h"
#include "tools/demo/cctv_video.h"

namespace xk {

enum class ClassroomScene { kEmptyRoom, kQuietClass, kBusyClass, kDarkRoom, kFrozen };
const char* ClassroomSceneName(ClassroomScene scene);  // "empty room", ...
const std::vector<ClassroomScene>& AllClassroomScenes();

// The script of `scene`: `seconds` long, 320x180 at `fps`, a keyframe every 2 s, sensor noise
// `noise_sigma`, people placed and moving by `seed`. A frozen scene freezes after its first 2 s.
CctvScript ClassroomScript(ClassroomScene scene, uint32_t seed, double seconds, int fps = 5, double noise_sigma = 3.0);

// The rule the audit must find for `scene` ("" for a class, which must give no finding).
std::string ExpectedClassroomRule(ClassroomScene scene);

struct ClassroomJudgment {
  std::vector<std::string> rules;  // codes of the findings, sorted
  std::vector<std::string> summaries_zh;
  int samples = 0;         // sampled pictures in the recording
  double mean_motion = 0;  // mean of the measured motion share over the samples measured
  double still_share = 0;  // share of measured samples under empty_room_motion_ratio
  std::string error;       // the video could not be written or read
};

// Writes `script` to `file` (as training institution PX90's camera 101-1 recording of a theory
// session K1 of class C1 on 2024-09-02 from 09:00, lasting the script's duration, with two
// sign-ins), probes and analyses it as the audit does, and runs the coverage, picture and
// empty-room rules on it.
ClassroomJudgment JudgeClassroomRecording(const std::string& file, CctvScript script, const AuditPolicy& policy);

}  // namespace xk
