#include "detectors/coverage.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <set>
#include <tuple>

#include "detectors/media_analysis.h"
#include "detectors/rule_table.h"

namespace xk {

namespace {

using CameraKey = std::tuple<std::string, std::string, std::string>;  // institution, room, camera

bool Placeable(const RecordingFacts& r) { return r.name_start.has_value() || r.probe.creation_time.has_value(); }

// The day a recording was made, when anything says so.
std::optional<Date> RecordingDay(const RecordingFacts& r, const TimeZone& zone) {
  if (!Placeable(r)) return std::nullopt;
  return LocalDate(r.start, zone);
}

Instant ExpectedEnd(const RecordingFacts& r, const RecordingFacts* next) {
  if (r.claimed_end) return *r.claimed_end;
  if (r.probe.duration > 0) return r.start + static_cast<Instant>(std::ceil(r.probe.duration));
  if (next) return next->start;
  return r.start;
}

std::vector<TimeInterval> Merge(std::vector<TimeInterval> intervals) {
  std::sort(intervals.begin(), intervals.end(),
            [](const TimeInterval& a, const TimeInterval& b) { return a.start < b.start; });
  std::vector<TimeInterval> out;
  for (const auto& i : intervals) {
    if (i.end <= i.start) continue;
    if (!out.empty() && i.start <= out.back().end) {
      out.back().end = std::max(out.back().end, i.end);
    } else {
      out.push_back(i);
    }
  }
  return out;
}

std::string Hms(Instant t, const TimeZone& zone) { return FormatLocalTime(t, zone); }

// A finding about one file, and what kind of problem it is (files with the same kind on the
// same camera and day are one finding when there are many).
struct FileFinding {
  Finding finding;
  std::string kind;     // e.g. "empty", "clock"
  std::string kind_zh;  // e.g. "无法读取（空文件（0 字节））"
  const char* place_zh = "考场";
};

// Up to this many files of one kind on one camera and day are reported one by one; more are
// one finding listing them, so thousands of empty files in a folder cannot bury the findings
// that matter (each file's state stays in the media catalog, table media_files).
constexpr size_t kFilesReportedOneByOne = 5;
constexpr size_t kFilesListedInEvidence = 50;

void AddPerCameraDay(std::vector<FileFinding> file_findings, const TimeZone& zone, std::vector<Finding>* findings) {
  using GroupKey = std::tuple<std::string, std::string, std::string, std::string, std::string, std::string>;
  std::map<GroupKey, std::vector<FileFinding*>> groups;
  for (auto& item : file_findings) {
    const Finding& f = item.finding;
    const std::string day = f.start ? FormatDate(LocalDate(*f.start, zone)) : "未知日期";
    groups[{f.rule, item.kind, f.institution, f.room.value_or(""), f.camera.value_or(""), day}].push_back(&item);
  }
  for (auto& [key, items] : groups) {
    if (items.size() <= kFilesReportedOneByOne) {
      for (FileFinding* item : items) findings->push_back(std::move(item->finding));
      continue;
    }
    const auto& [rule, kind, institution, room, camera, day] = key;
    const Finding& first = items.front()->finding;
    const char* place = items.front()->place_zh;
    Finding f;
    f.rule = rule;
    f.severity = first.severity;
    f.institution = institution;
    f.subject = fmt::format("camera-day:{}|{}|{}|{}", room, camera, day, kind);
    f.room = first.room;
    f.camera = first.camera;
    f.basis = first.basis;
    f.measured = static_cast<double>(items.size());
    f.unit = "个文件";
    std::string listed;
    for (size_t i = 0; i < items.size(); ++i) {
      const Finding& each = items[i]->finding;
      if (each.start && (!f.start || *each.start < *f.start)) f.start = each.start;
      if (each.end && (!f.end || *each.end > *f.end)) f.end = each.end;
      if (i < kFilesListedInEvidence) {
        for (const Evidence& evidence : each.evidence) f.evidence.push_back(evidence);
      }
      if (i < 10 && each.file) listed += (listed.empty() ? "" : "、") + *each.file;
    }
    f.file = first.file;
    f.summary_zh =
        fmt::format("{} {} 摄像机 {} 在 {} 有 {} 个录像文件{}：{}{}。例如：{}", place, room, camera, day, items.size(),
                    items.front()->kind_zh, listed, items.size() > 10 ? " 等" : "", first.summary_zh);
    f.summary_en = fmt::format("room {} camera {} on {}: {} recordings with the same problem ({}), e.g. {}", room,
                               camera, day, items.size(), kind, first.summary_en);
    findings->push_back(std::move(f));
  }
}

// Why the gap is there, as far as the files tell.
std::string GapCause(const CameraCoverage& c, const TimeInterval& gap, bool* inside_file) {
  *inside_file = false;
  for (const auto* r : c.recordings) {
    if (r->probe.unreadable != UnreadableKind::kNone && Placeable(*r) && r->start < gap.end &&
        r->start >= gap.start - 1) {
      return fmt::format("该时段的录像文件 {} 无法读取（{}）", r->path, r->probe.reason);
    }
  }
  for (const auto* r : c.recordings) {
    if (r->probe.unreadable != UnreadableKind::kNone || !Placeable(*r)) continue;
    Instant file_end = r->start + static_cast<Instant>(std::ceil(r->probe.duration));
    if (r->start < gap.start && file_end > gap.end) {
      *inside_file = true;
      return fmt::format("录像文件 {} 内部时间戳跳跃（摄像机离线或录像机停止录像）", r->path);
    }
  }
  return "该时段没有任何录像文件（未录像，或录像文件已被删除）";
}

}  // namespace

std::vector<TimeInterval> AbsoluteCoverage(const RecordingFacts& r) {
  std::vector<TimeInterval> out;
  if (r.probe.unreadable != UnreadableKind::kNone || !Placeable(r)) return out;
  for (const auto& i : r.probe.covered) {
    out.push_back(TimeInterval{r.start + static_cast<Instant>(std::floor(i.start)),
                               r.start + static_cast<Instant>(std::ceil(i.end))});
  }
  return out;
}

std::vector<CameraCoverage> ComputeCoverage(const DetectorInput& input) {
  const AuditPolicy& policy = input.policy;
  std::map<CameraKey, std::vector<const RecordingFacts*>> by_camera;
  for (const auto& r : input.recordings) by_camera[{r.institution, r.room, r.camera}].push_back(&r);
  for (auto& [key, list] : by_camera) {
    std::sort(list.begin(), list.end(), [](const RecordingFacts* a, const RecordingFacts* b) {
      return std::tie(a->start, a->path) < std::tie(b->start, b->path);
    });
  }
  // The cameras each room must have: those cameras.csv lists; for a room it does not list (or a
  // centre without cameras.csv) those that left recordings there; a room with neither gets one
  // coverage without a camera, so that its sessions are reported as not recorded at all.
  std::map<std::pair<std::string, std::string>, std::vector<std::string>> listed_by_room, recorded_by_room;
  for (const auto& camera : input.model.cameras) {
    listed_by_room[{camera.institution, camera.room}].push_back(camera.camera);
  }
  for (const auto& [key, list] : by_camera) {
    recorded_by_room[{std::get<0>(key), std::get<1>(key)}].push_back(std::get<2>(key));
  }
  auto cameras_of = [&](const FilmedSession& session) -> std::vector<std::string> {
    if (auto listed = listed_by_room.find({session.institution, session.room}); listed != listed_by_room.end()) {
      return listed->second;
    }
    if (auto recorded = recorded_by_room.find({session.institution, session.room});
        recorded != recorded_by_room.end()) {
      return recorded->second;
    }
    return {""};
  };

  std::vector<CameraCoverage> out;
  const auto padding = static_cast<Instant>(policy.session_padding_seconds);
  const auto min_gap = policy.gap_min_seconds;
  for (const FilmedSession& session : FilmedSessions(input)) {
    for (const std::string& camera : cameras_of(session)) {
      CameraCoverage c;
      c.session = session;
      c.camera = camera;
      c.window_start = session.start - padding;
      c.window_end = session.end + padding;
      auto files = by_camera.find({session.institution, session.room, camera});
      std::vector<TimeInterval> covered;
      if (files != by_camera.end()) {
        const auto& list = files->second;
        for (size_t i = 0; i < list.size(); ++i) {
          const RecordingFacts* r = list[i];
          if (!Placeable(*r)) continue;
          const RecordingFacts* next = i + 1 < list.size() ? list[i + 1] : nullptr;
          Instant end = ExpectedEnd(*r, next);
          if (end < c.window_start || r->start > c.window_end) continue;
          c.recordings.push_back(r);
          if (r->probe.unreadable != UnreadableKind::kNone) {
            c.unreadable.push_back(
                TimeInterval{std::max(r->start, c.window_start), std::min(std::max(end, r->start + 1), c.window_end)});
          }
          for (const auto& interval : AbsoluteCoverage(*r)) {
            TimeInterval clipped{std::max(interval.start, c.window_start), std::min(interval.end, c.window_end)};
            if (clipped.end > clipped.start) covered.push_back(clipped);
          }
        }
      }
      c.covered = Merge(std::move(covered));
      Instant cursor = c.window_start;
      for (const auto& interval : c.covered) {
        if (static_cast<double>(interval.start - cursor) >= min_gap) c.gaps.push_back({cursor, interval.start});
        cursor = std::max(cursor, interval.end);
      }
      if (static_cast<double>(c.window_end - cursor) >= min_gap) c.gaps.push_back({cursor, c.window_end});
      out.push_back(std::move(c));
    }
  }
  return out;
}

Finding CameraFinding(RuleId rule, const CameraCoverage& coverage, std::string subject) {
  const FilmedSession& s = coverage.session;
  Finding f = NewFinding(rule, s.institution, std::move(subject), s.date);
  f.session_id = s.session_id;
  if (s.classroom()) f.class_id = s.class_id;
  f.room = s.room;
  f.camera = coverage.camera;
  f.rows.push_back(s.source);
  return f;
}

std::vector<Finding> DetectCoverageRules(const DetectorInput& input) {
  const AuditPolicy& policy = input.policy;
  const TimeZone& zone = policy.zone;
  std::vector<Finding> findings;

  std::optional<MediaAnalysis> local;
  for (const CameraCoverage& c : MediaOf(input, &local).coverage) {
    const FilmedSession& s = c.session;
    const VideoRuleSet& rules = *s.rules;
    const char* place = rules.place_zh;
    auto base = [&](RuleId rule, std::string subject) {
      Finding f = CameraFinding(rule, c, std::move(subject));
      f.unit = "s";
      return f;
    };
    bool any_file = !c.recordings.empty();
    if (!any_file) {
      Finding f = base(rules.missing, fmt::format("session:{}|room:{}|camera:{}", s.SubjectKey(), s.room, c.camera));
      f.start = s.start;
      f.end = s.end;
      f.measured = 0;
      f.required = static_cast<double>(s.end - s.start);
      if (s.room.empty()) {  // the timetable names no classroom: no camera can be matched to it
        f.camera.reset();
        f.room.reset();
        f.summary_zh = fmt::format("{}（{} {}–{}）课表未写{}，无法对应任何摄像机和录像：不能证明进行了{}", s.LabelZh(),
                                   FormatDate(s.date), Hms(s.start, zone), Hms(s.end, zone), place, rules.filming_zh);
        f.summary_en =
            fmt::format("{} ({} {}-{}) names no {} in the timetable: no camera or recording can be matched",
                        s.LabelEn(), FormatDate(s.date), Hms(s.start, zone), Hms(s.end, zone), rules.place_en);
      } else if (c.camera.empty()) {  // the room has no camera listed and left no recording
        f.camera.reset();
        f.summary_zh = fmt::format("{} {} 在{}（{} {}–{}）既没有登记摄像机（cameras.csv），也没有任何录像：未进行{}",
                                   place, s.room, s.LabelZh(), FormatDate(s.date), Hms(s.start, zone), Hms(s.end, zone),
                                   rules.filming_zh);
        f.summary_en =
            fmt::format("{} {} has no camera listed in cameras.csv and no recording at all for {} ({} {}-{})",
                        rules.place_en, s.room, s.LabelEn(), FormatDate(s.date), Hms(s.start, zone), Hms(s.end, zone));
      } else {
        f.summary_zh =
            fmt::format("{} {} 摄像机 {} 在{}（{} {}–{}）没有任何录像：未进行{}", place, s.room, c.camera, s.LabelZh(),
                        FormatDate(s.date), Hms(s.start, zone), Hms(s.end, zone), rules.filming_zh);
        f.summary_en = fmt::format("{} {} camera {} has no recording at all for {} ({} {}-{})", rules.place_en, s.room,
                                   c.camera, s.LabelEn(), FormatDate(s.date), Hms(s.start, zone), Hms(s.end, zone));
      }
      findings.push_back(std::move(f));
      continue;
    }
    for (const TimeInterval& gap : c.gaps) {
      Finding f = base(rules.gap, fmt::format("session:{}|room:{}|camera:{}|gap:{}", s.SubjectKey(), s.room, c.camera,
                                              FormatInstant(gap.start, zone)));
      f.start = gap.start;
      f.end = gap.end;
      f.measured = static_cast<double>(gap.end - gap.start);
      f.required = 0;
      bool inside_file = false;
      std::string cause = GapCause(c, gap, &inside_file);
      f.summary_zh = fmt::format("{} {} 摄像机 {} {} 录像中断 {} 秒（{} {}–{}）：{}", place, s.room, c.camera,
                                 s.LabelZh(), gap.end - gap.start, FormatDate(LocalDate(gap.start, zone)),
                                 Hms(gap.start, zone), Hms(gap.end, zone), cause);
      f.summary_en = fmt::format("{} {} camera {} {}: {} s without video ({} {}-{})", rules.place_en, s.room, c.camera,
                                 s.LabelEn(), gap.end - gap.start, FormatDate(LocalDate(gap.start, zone)),
                                 Hms(gap.start, zone), Hms(gap.end, zone));
      for (const auto* r : c.recordings) {
        Instant file_end = r->start + static_cast<Instant>(std::ceil(r->probe.duration));
        if (r->start <= gap.end + 1 && file_end >= gap.start - 1) {
          f.evidence.push_back(Evidence{r->path, "", "与中断相邻的录像 (recording next to the gap)"});
          if (!f.file) f.file = r->path;
        }
      }
      findings.push_back(std::move(f));
    }
  }

  // Per file: unreadable recordings and clock disagreements; per camera: overlapping files.
  std::vector<FileFinding> file_findings;
  std::map<CameraKey, std::vector<const RecordingFacts*>> by_camera;
  std::set<std::string> training_institutions;
  for (const Institution& i : input.model.institutions) {
    if (i.kind == InstitutionKind::kTraining) training_institutions.insert(i.code);
  }
  const Date classroom_first_day = ClassroomVideoFrom(policy);
  for (const auto& r : input.recordings) {
    // A classroom recording is judged only when the filming was required on its day; its clock
    // is not judged (there is no classroom clock rule).
    const bool classroom = training_institutions.count(r.institution) > 0;
    const VideoRuleSet& rules = classroom ? ClassroomVideoRules() : ExamVideoRules();
    if (classroom) {
      const std::optional<Date> day = RecordingDay(r, zone);
      if (!day || *day < classroom_first_day || !AppliesOn(rules.unreadable, *day)) continue;
    }
    auto file_finding = [&](RuleId rule) {
      Finding f = NewFinding(rule, r.institution, "file:" + r.path, RecordingDay(r, zone));
      f.room = r.room;
      f.camera = r.camera;
      f.file = r.path;
      f.evidence.push_back(Evidence{r.path, "", "录像文件 (recording)"});
      return f;
    };
    if (r.probe.unreadable != UnreadableKind::kNone) {
      Finding f = file_finding(rules.unreadable);
      if (r.name_start) f.start = *r.name_start;
      if (r.claimed_end) f.end = *r.claimed_end;
      std::string kind_zh;
      switch (r.probe.unreadable) {
        case UnreadableKind::kEmpty:
          kind_zh = "空文件（0 字节）";
          break;
        case UnreadableKind::kNotVideo:
          kind_zh = "不是视频文件";
          break;
        case UnreadableKind::kTruncatedMp4:
          kind_zh = "MP4 录像被截断（有 ftyp/mdat 而无 moov，常见于录像时断电）";
          break;
        case UnreadableKind::kMissing:
          kind_zh = "索引列出的文件不存在";
          break;
        default:
          kind_zh = "文件损坏，无法解码";
          break;
      }
      f.summary_zh =
          fmt::format("录像文件 {} 无法读取：{}。原因：{}；其应覆盖的时段计为未录像", r.path, kind_zh, r.probe.reason);
      f.summary_en = fmt::format("recording {} cannot be read ({}): {}; the time it should cover counts as not covered",
                                 r.path, UnreadableKindName(r.probe.unreadable), r.probe.reason);
      file_findings.push_back(FileFinding{std::move(f), UnreadableKindName(r.probe.unreadable),
                                          "无法读取（" + kind_zh + "）", rules.place_zh});
      continue;
    }
    if (r.probe.truncated_frames > 0) {
      // Readable up to where it was cut: its time counts up to there (the gap rule reports the
      // rest); the cut itself is reported here.
      Finding f = file_finding(rules.unreadable);
      f.subject += "|truncated";
      if (Placeable(r)) f.start = r.start;
      if (r.claimed_end) f.end = *r.claimed_end;
      f.measured = r.probe.duration;
      f.unit = "s";
      f.summary_zh = fmt::format(
          "录像文件 {} 被截断：索引列出的最后 {} 帧不在文件中（录像或复制中途断电），只有前 {:.1f} "
          "秒可用；其后应覆盖的时段计为未录像。{}",
          r.path, r.probe.truncated_frames, r.probe.duration, r.probe.reason);
      f.summary_en = fmt::format(
          "recording {} is cut off: the last {} frames its index lists are not in the file; only its first {:.1f} s "
          "can be used",
          r.path, r.probe.truncated_frames, r.probe.duration);
      file_findings.push_back(FileFinding{std::move(f), "truncated", "被截断", rules.place_zh});
    }
    if (classroom) continue;
    if (!Placeable(r)) {
      Finding f = file_finding(RuleId::kExmVideoClock);
      f.summary_zh = fmt::format("录像文件 {} 的文件名和内嵌信息都没有开始时间，无法确定其录制时段", r.path);
      f.summary_en = fmt::format("recording {} has no start time in its name or metadata", r.path);
      file_findings.push_back(FileFinding{std::move(f), "unplaced", "无法确定录制时段"});
      continue;
    }
    if (r.name_start && r.probe.creation_time &&
        std::abs(static_cast<double>(*r.name_start - *r.probe.creation_time)) > policy.clock_tolerance_seconds) {
      Finding f = file_finding(RuleId::kExmVideoClock);
      f.subject += "|clock";
      double diff = static_cast<double>(*r.probe.creation_time - *r.name_start);
      f.measured = std::abs(diff);
      f.required = policy.clock_tolerance_seconds;
      f.unit = "s";
      f.start = *r.name_start;
      f.summary_zh =
          fmt::format("录像文件 {} 的{}时间为 {}，内嵌 creation_time 为 {}，相差 {:.0f} 秒（容差 {:.0f} 秒）", r.path,
                      r.name_start_origin == "index" ? "索引" : "文件名", FormatLocal(*r.name_start, zone),
                      FormatLocal(*r.probe.creation_time, zone), std::abs(diff), policy.clock_tolerance_seconds);
      f.summary_en =
          fmt::format("recording {}: name time {} and embedded creation_time {} differ by {:.0f} s", r.path,
                      FormatInstant(*r.name_start, zone), FormatInstant(*r.probe.creation_time, zone), std::abs(diff));
      file_findings.push_back(FileFinding{std::move(f), "clock", "文件名时间与内嵌时间不符"});
    }
    by_camera[{r.institution, r.room, r.camera}].push_back(&r);
  }
  for (auto& [key, list] : by_camera) {
    std::sort(list.begin(), list.end(), [](const RecordingFacts* a, const RecordingFacts* b) {
      return std::tie(a->start, a->path) < std::tie(b->start, b->path);
    });
    for (size_t i = 1; i < list.size(); ++i) {
      const RecordingFacts* prev = list[i - 1];
      const RecordingFacts* cur = list[i];
      Instant prev_end = prev->start + static_cast<Instant>(std::floor(prev->probe.duration));
      if (cur->start + 1 < prev_end) {
        Finding f = NewFinding(RuleId::kExmVideoClock, cur->institution, "overlap:" + prev->path + "|" + cur->path,
                               LocalDate(cur->start, zone));
        f.room = cur->room;
        f.camera = cur->camera;
        f.file = cur->path;
        f.start = cur->start;
        f.end = prev_end;
        f.measured = static_cast<double>(prev_end - cur->start);
        f.unit = "s";
        f.summary_zh = fmt::format("同一摄像机的录像 {} 与 {} 时间重叠 {} 秒（{} 起）", prev->path, cur->path,
                                   prev_end - cur->start, FormatLocal(cur->start, zone));
        f.summary_en = fmt::format("recordings {} and {} of one camera overlap by {} s", prev->path, cur->path,
                                   prev_end - cur->start);
        f.evidence.push_back(Evidence{prev->path, "", "录像文件 (recording)"});
        f.evidence.push_back(Evidence{cur->path, "", "录像文件 (recording)"});
        file_findings.push_back(FileFinding{std::move(f), "overlap", "与同一摄像机的其他录像时间重叠"});
      }
    }
  }
  AddPerCameraDay(std::move(file_findings), zone, &findings);
  return findings;
}

}  // namespace xk
