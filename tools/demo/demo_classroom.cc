#include "tools/demo/demo_classroom.h"

#include <fmt/format.h>

#include <fstream>
#include <stdexcept>

#include "records/civil_time.h"
#include "tools/demo/classroom_scenes.h"
#include "tools/demo/csv_table_writer.h"
#include "tools/demo/demo_builder.h"

namespace xk {

namespace {

namespace fs = std::filesystem;
using Match = std::vector<std::pair<std::string, std::string>>;

constexpr DemoDate kFilmedDay{2024, 9, 2};
constexpr DemoDate kBeforeStandard{2024, 6, 24};
constexpr int kFilmedMinutes = 3;  // short offline sessions keep the demo's video small
constexpr int kClassroomFps = 5;
constexpr int kClassroomWidth = 320;
constexpr int kClassroomHeight = 180;

// What the camera of one filmed session recorded.
enum class Take { kQuiet, kBusy, kNothing, kFirst100Seconds, kZeroBytes, kLightsOff, kFrozen, kCopyOfBusy, kEmpty };

struct FilmedSessionPlan {
  const char* id;
  const char* room;
  Take take;
  const char* rule;  // expected finding ("" = clean)
  const char* note;
};

// Every 20 minutes from 14:00 (sign-ins of one never overlap the next).
const FilmedSessionPlan kPlans[] = {
    {"K03", "101", Take::kQuiet, "", "a quiet class: seated trainees, small movements"},
    {"K04", "101", Take::kBusy, "", "a busy class"},
    {"K05", "102", Take::kNothing, "TRN-VIDEO-MISSING", "classroom 102's camera never recorded"},
    {"K06", "101", Take::kFirst100Seconds, "TRN-VIDEO-GAP", "the recording stops after 100 s of 180"},
    {"K07", "101", Take::kZeroBytes, "TRN-VIDEO-UNREADABLE", "a zero-byte recording"},
    {"K08", "101", Take::kLightsOff, "TRN-VIDEO-BLACK", "lights off: a black picture"},
    {"K09", "101", Take::kFrozen, "TRN-VIDEO-FROZEN", "the picture freezes after 10 s"},
    {"K10", "101", Take::kCopyOfBusy, "TRN-VIDEO-REPLAY", "a byte copy of K04's recording"},
    {"K11", "101", Take::kEmpty, "TRN-VIDEO-EMPTY-ROOM", "signed in, but nobody in the room"},
};

std::string RecordingPath(const std::string& room, DemoDate date, int start_minute) {
  return fmt::format("video/{}/1/{:04d}{:02d}{:02d}/{:02d}{:02d}00.mp4", room, date.year, date.month, date.day,
                     start_minute / 60, start_minute % 60);
}

void WriteTake(const fs::path& file, uint32_t seed, Take take, int start_minute) {
  fs::create_directories(file.parent_path());
  if (take == Take::kZeroBytes) {
    std::ofstream(file, std::ios::binary | std::ios::trunc);
    return;
  }
  const ClassroomScene scene = take == Take::kBusy        ? ClassroomScene::kBusyClass
                               : take == Take::kLightsOff ? ClassroomScene::kDarkRoom
                               : take == Take::kEmpty     ? ClassroomScene::kEmptyRoom
                                                          : ClassroomScene::kQuietClass;
  const double seconds = take == Take::kFirst100Seconds ? 100 : kFilmedMinutes * 60;
  // Always the picture the empty-room measure was measured on (README: 320x180 at 5 fps), whatever
  // --resolution and --fps make of the exam rooms' recordings: below it the measure is unproven
  // (at 160x90 and 2 fps the demo's empty room was missed).
  CctvScript script = ClassroomScript(scene, seed + static_cast<uint32_t>(start_minute), seconds, kClassroomFps);
  script.width = kClassroomWidth;
  script.height = kClassroomHeight;
  if (take == Take::kFrozen) script.frozen = {{10, seconds}};
  TimeZone zone;
  script.zone = zone;
  script.osd_start = ToInstant(DateFromYmd(kFilmedDay.year, kFilmedDay.month, kFilmedDay.day), start_minute * 60, zone);
  script.creation_time = script.osd_start;
  const std::string error = WriteCctvVideo(file.string(), script);
  if (!error.empty()) throw std::runtime_error(error);
}

}  // namespace

void WriteDemoClassrooms(const fs::path& dir, const DemoScale& scale, uint32_t seed, const std::string& teacher_id,
                         const std::function<void(const std::string& class_id, int count)>& add_trainees,
                         TrainingFolder* folder, DemoKey* key) {
  const std::string code = folder->code;
  const fs::path base = dir / "training" / code;
  auto expect = [&](const std::string& rule, Match match, const std::string& note) {
    key->expected.push_back(ExpectedFinding{rule, code, std::move(match), note});
  };
  auto clean = [&](Match match, const std::string& note) {
    key->clean.push_back(CleanSubject{code, std::move(match), note});
  };

  // Safety managers' refresher (12 学时): 12 online 学时 of 30 minutes, plus the filmed sessions.
  auto add_class = [&](const std::string& id, DemoDate first) {
    folder->classes.push_back(
        {id, "safety_manager", "工贸", "", "refresher", DateText(first, 0), DateText(AddDays(first, 1), 0), "12"});
    for (int day = 0; day < 2; ++day) {
      folder->sessions.push_back(DemoSession{id,
                                             fmt::format("K{:02d}", day + 1),
                                             AddDays(first, day),
                                             {"08:30", "11:30", "online", "安全生产法律法规（线上）", "6"},
                                             teacher_id});
    }
  };
  add_class("H01", kFilmedDay);
  int minute = 14 * 60;
  for (const FilmedSessionPlan& plan : kPlans) {
    folder->sessions.push_back(
        DemoSession{"H01",
                    plan.id,
                    kFilmedDay,
                    {ClockText(minute), ClockText(minute + kFilmedMinutes), "theory", "事故案例分析", ""},
                    teacher_id,
                    plan.room});
    minute += 20;
  }
  add_trainees("H01", 6);
  add_class("H02", kBeforeStandard);
  folder->sessions.push_back(
      DemoSession{"H02", "K03", kBeforeStandard, {"14:00", "14:45", "theory", "事故案例分析", ""}, teacher_id, "101"});
  add_trainees("H02", 4);
  SignInAll(folder, "H01");
  SignInAll(folder, "H02");
  clean({{"class_id", "H02"}}, "an offline session of June 2024, before AQ 8011-2023 required filming: no video");

  CsvTableWriter cameras({{"room", "教室"}, {"camera", "摄像机"}, {"position", "位置"}}, folder->style);
  cameras.AddRow({"101", "1", "讲台上方"});
  cameras.AddRow({"102", "1", "后墙"});
  cameras.Write(base / "cameras.csv");

  minute = 14 * 60;
  std::string busy_file;
  for (const FilmedSessionPlan& plan : kPlans) {
    const std::string relative = RecordingPath(plan.room, kFilmedDay, minute);
    const Match session{{"class_id", "H01"}, {"session_id", plan.id}};
    if (!scale.video) {
      Match match = session;
      match.push_back({"room", plan.room});
      match.push_back({"camera", "1"});
      expect("TRN-VIDEO-MISSING", match, "--no-video: the classroom camera's recording is not written");
    } else if (plan.take == Take::kCopyOfBusy) {
      fs::create_directories((base / relative).parent_path());
      fs::copy_file(base / busy_file, base / relative, fs::copy_options::overwrite_existing);
    } else if (plan.take != Take::kNothing) {
      WriteTake(base / relative, seed, plan.take, minute);
    }
    if (plan.take == Take::kBusy) busy_file = relative;
    if (scale.video) {
      const std::string rule = plan.rule;
      if (rule.empty()) clean(session, plan.note);
      if (plan.take == Take::kZeroBytes) {
        expect(rule, {{"file", "training/" + code + "/" + relative}}, plan.note);
        expect("TRN-VIDEO-GAP", session, "the unreadable recording's time is not covered");
      } else if (!rule.empty()) {
        expect(rule, session, plan.note);
      }
    }
    minute += 20;
  }
}

}  // namespace xk
