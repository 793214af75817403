// The exam centres of the province archive (see the header): the schedule of every class's
// sessions, each trainee's fate at them, and the writer of one centre's folder.
#include "tools/bench/province_exams.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "tools/demo/csv_table_writer.h"
#include "tools/demo/demo_people.h"

namespace xk::province {

namespace {

class ExamCalendar {
 public:
  // The first free (room, half-day) on or after `earliest`.
  ExamSlot Book(Date earliest) {
    Date date = earliest;
    while (used_[date.days] >= 2 * kExamRooms) date = AddDays(date, 1);
    const int slot = used_[date.days]++;
    return ExamSlot{date, slot % kExamRooms, slot < kExamRooms ? 9 * 60 : 14 * 60};
  }

 private:
  std::map<int32_t, int> used_;  // day -> slots booked
};

// Where in the order of its class a trainee stands: 0..23, a permutation that differs per class,
// so the same trainee numbers do not always fail.
int ExamOrder(const ClassPlan& plan, int trainee) {
  return static_cast<int>((trainee * 7 + plan.number) % kCandidatesPerClass);  // 7 is prime to 24
}

constexpr int kDoubleSitterOrder = 10;  // passes everything

// EXM-DOUBLE-SITTING: a trainee of one class in 401 also sits its theory exam at the next centre
// on the same day, in a session booked for him alone there (when that day has a free room).
void AddDoubleSittings(const Layout& layout, std::vector<ExamCalendar>* calendars, ExamSchedule* schedule) {
  schedule->visitors.resize(static_cast<size_t>(layout.exam));
  if (layout.exam < 2) return;
  for (int64_t n = 37; n < layout.classes; n += 401) {
    const ClassPlan plan = PlanClass(n, layout);
    if (AllPassInstitution(plan.institution)) continue;
    int trainee = 0;
    while (ExamOrder(plan, trainee) != kDoubleSitterOrder) ++trainee;
    if (FateOf(plan, trainee).substitute) continue;
    const ClassExams& own = schedule->classes[static_cast<size_t>(n)];
    const int other = (own.centre + 1) % layout.exam;
    const ExamSlot slot = (*calendars)[static_cast<size_t>(other)].Book(own.theory.date);
    if (slot.date.days != own.theory.date.days) continue;  // that centre was full that day
    schedule->visitors[static_cast<size_t>(other)].push_back(DoubleSitting{n, trainee, slot});
  }
}

// ---------------------------------------------------------------- writing a centre

const std::vector<ExportColumn> kPlanColumns = {
    {"session_id", "场次"}, {"date", "日期"},     {"start", "开始时间"}, {"end", "结束时间"},
    {"room", "考场"},       {"mode", "考试方式"}, {"subject", "科目"},   {"planned_candidates", "计划人数"}};
const std::vector<ExportColumn> kExamSessionColumns = {
    {"session_id", "场次"}, {"date", "日期"},         {"start", "开始时间"},   {"end", "结束时间"},
    {"room", "考场"},       {"proctors", "监考人员"}, {"examiners", "考评员"}, {"mode", "考试方式"}};
const std::vector<ExportColumn> kCandidateColumns = {{"session_id", "场次"},   {"candidate_id", "身份证号"},
                                                     {"name", "姓名"},         {"training_institution", "培训机构编码"},
                                                     {"class_id", "班级编号"}, {"score", "成绩"},
                                                     {"result", "结果"},       {"category", "培训类别"},
                                                     {"job_type", "作业类别"}, {"attempt", "考试次数"},
                                                     {"started", "开考时间"},  {"submitted", "交卷时间"}};
const std::vector<ExportColumn> kStaffColumns = {
    {"staff_id", "身份证号"}, {"name", "姓名"}, {"role", "角色"}, {"employer", "所属单位"}};
const std::vector<ExportColumn> kCameraColumns = {{"room", "考场"}, {"camera", "摄像机"}, {"position", "位置"}};

struct CentreTables {
  explicit CentreTables(const ExportStyle& style)
      : plan(kPlanColumns, style),
        sessions(kExamSessionColumns, style),
        candidates(kCandidateColumns, style),
        staff(kStaffColumns, style),
        cameras(kCameraColumns, style) {}
  CsvTableWriter plan, sessions, candidates, staff, cameras;
};

std::string RoomName(int room, bool zh) {
  return zh ? fmt::format("第{}考场", room + 1) : fmt::format("Room {}", room + 1);
}

// Two proctors (theory) or two examiners (practical) of the room; one class in 89 got only one.
std::string ExamStaffList(const Layout& layout, int centre, int room, bool practical, bool short_staffed) {
  const int first = (practical ? 2 * kExamRooms : 0) + 2 * room;
  std::string list = StaffId(layout, centre, first);
  if (!short_staffed) list += ";" + StaffId(layout, centre, first + 1);
  return list;
}

// One candidate row to be written.
struct Sitter {
  const ClassPlan* plan = nullptr;  // the class the candidate trained in
  const CandidateFate* fate = nullptr;
  int attempt = 1;
  bool passed = false;
  bool first_theory = false;  // the class's own first theory sitting: where the injections show
};

// What a session is, beside its slot and its candidates.
struct SessionKind {
  bool practical = false;
  bool resit = false;
  int late_minutes = 0;  // held this much after the plan said (EXM-PLAN-DEVIATION)
  bool short_staffed = false;
};

class CentreWriter {
 public:
  CentreWriter(int centre, const Layout& layout)
      : centre_(centre),
        layout_(layout),
        style_(CentreStyle(centre)),
        zh_(style_.file.chinese_header),
        tables_(style_.file) {}

  void AddSession(const ClassPlan& plan, const ExamSlot& slot, const SessionKind& kind,
                  const std::vector<Sitter>& sitters) {
    const std::string id = fmt::format("E{:04d}", ++sessions_);
    const std::string date = DayText(slot.date, style_.date_style);
    const std::string room = RoomName(slot.room, zh_);
    const std::string mode = kind.practical ? Word(zh_, "practical", "实操") : Word(zh_, "theory", "理论");
    const ClassType& type = *plan.type;
    std::string subject = kind.practical ? std::string(type.job_type[0] ? type.job_type : type.category_zh) + "实际操作"
                                         : std::string(type.category_zh) + "安全生产知识";
    if (kind.resit) subject += "（补考）";
    tables_.plan.AddRow({id, date, Hm(slot.start_minute), Hm(slot.start_minute + 120), room, mode, subject,
                         std::to_string(sitters.size())});
    const int held = slot.start_minute + kind.late_minutes;
    const std::string staff = ExamStaffList(layout_, centre_, slot.room, kind.practical, kind.short_staffed);
    tables_.sessions.AddRow(
        {id, date, Hm(held), Hm(held + 120), room, kind.practical ? "" : staff, kind.practical ? staff : "", mode});
    for (size_t k = 0; k < sitters.size(); ++k)
      AddCandidate(id, slot.date, held, kind, sitters[k], static_cast<int>(k));
    candidates_ += static_cast<int64_t>(sitters.size());
  }

  void Finish(const std::filesystem::path& root, ProvinceCounts* counts) {
    for (int member = 0; member < kStaffPerCentre; ++member) {
      const bool examiner = member >= 2 * kExamRooms;
      tables_.staff.AddRow({StaffId(layout_, centre_, member), DemoName(4000 + centre_ * kStaffPerCentre + member),
                            examiner ? Word(zh_, "examiner", "考评员") : Word(zh_, "proctor", "监考"),
                            "衡阳市应急管理局考试中心"});
    }
    const std::filesystem::path dir = root / "exams" / CentreCode(centre_);
    tables_.plan.Write(dir / "plan.csv");
    tables_.sessions.Write(dir / "sessions.csv");
    tables_.candidates.Write(dir / "candidates.csv");
    tables_.staff.Write(dir / "staff.csv");
    tables_.cameras.Write(dir / "cameras.csv");  // no camera: a records-only archive
    counts->exam_sessions += sessions_;
    counts->candidates += candidates_;
  }

 private:
  void AddCandidate(const std::string& session_id, Date date, int held, const SessionKind& kind, const Sitter& s,
                    int row) {
    const CandidateFate& fate = *s.fate;
    const ClassType& type = *s.plan->type;
    std::string id = fate.id;
    if (s.first_theory && fate.mangled) id = fmt::format("{}.{}E+17", id.substr(0, 1), id.substr(1, 5));
    bool passed = s.passed;
    std::string score = std::to_string(passed ? 80 + (fate.number * 37 + s.attempt * 11) % 21
                                              : 50 + (fate.number * 13 + s.attempt) % 29);
    if (s.first_theory && fate.wrong_result) score = "75";  // recorded as passed below the pass mark
    std::string started, submitted;
    if (!kind.practical) {  // computer exams record when each candidate began and handed in
      const int begin = held * 60 + 60 + 11 * row;
      const int minutes =
          s.first_theory && fate.fast ? 12 : 35 + static_cast<int>((fate.number * 17 + s.attempt * 5) % 70);
      const std::string day = DayText(date, style_.date_style);
      started = day + " " + Hms(begin);
      submitted = day + " " + Hms(begin + 60 * minutes);
    }
    tables_.candidates.AddRow({session_id, id, fate.name, TrainingCode(s.plan->institution), s.plan->class_id, score,
                               passed ? Word(zh_, "pass", "合格") : Word(zh_, "fail", "不合格"),
                               zh_ ? type.category_zh : type.category_en, type.job_type, std::to_string(s.attempt),
                               started, submitted});
  }

  int centre_;
  const Layout& layout_;
  Style style_;
  bool zh_;
  CentreTables tables_;
  int sessions_ = 0;
  int64_t candidates_ = 0;
};

}  // namespace

bool HasPractical(const ClassPlan& plan) { return plan.type->practical_sessions > 0; }

bool AllPassInstitution(int institution) { return institution % 60 == 5; }

CandidateFate FateOf(const ClassPlan& plan, int trainee) {
  CandidateFate f;
  f.number = plan.number * kCandidatesPerClass + trainee;
  const int64_t person = TraineeIndex(plan.number, trainee);
  f.id = ProvinceResidentId(person);
  f.name = DemoName(static_cast<int>(person % 100000));
  if (f.number % 2003 == 11) {  // someone who never trained in the class
    f.substitute = true;
    f.id = ProvinceResidentId(100'000'000 + f.number);
    f.name = DemoName(static_cast<int>(f.number % 7919));
  }
  const bool practical = HasPractical(plan);
  const int order = ExamOrder(plan, trainee);
  if (AllPassInstitution(plan.institution)) {
    f.theory_first = true;
    f.practical_main = f.practical_first = practical;
  } else {
    f.theory_first = order >= 3;
    f.theory_resit = order < 3;
    f.double_failer = order == 0;
    f.third_theory = order == 0 && plan.number % 157 == 20;
    f.practical_early = practical && order == 1 && plan.number % 163 == 30;
    f.practical_main = practical && (order >= 3 || f.practical_early);
    f.practical_first = f.practical_main && order != 3 && order != 4;
    f.practical_resit = practical && order >= 1 && order <= 4 && !f.practical_early;
  }
  f.fast = f.theory_first && f.number % 641 == 100;
  f.wrong_result = f.theory_first && f.number % 1499 == 8;
  f.mangled = f.number % 1009 == 4 && !practical && !f.substitute;
  return f;
}

std::optional<Date> LastPass(const ClassPlan& plan, const ClassExams& exams, const CandidateFate& fate) {
  std::optional<Date> theory;
  if (fate.theory_first) theory = exams.theory.date;
  if (fate.theory_resit && !fate.double_failer) theory = exams.theory_resit->date;
  if (!theory || !HasPractical(plan)) return theory;
  std::optional<Date> practical;
  if (fate.practical_first) practical = exams.practical->date;
  if (fate.practical_resit) practical = exams.practical_resit->date;
  if (!practical) return std::nullopt;
  return std::max(*theory, *practical);
}

ExamSchedule ScheduleExams(const Layout& layout) {
  ExamSchedule schedule;
  schedule.classes.resize(static_cast<size_t>(layout.classes));
  std::vector<ExamCalendar> calendars(static_cast<size_t>(layout.exam));
  for (int centre = 0; centre < layout.exam; ++centre) {
    ExamCalendar& calendar = calendars[static_cast<size_t>(centre)];
    for (int64_t n = centre; n < layout.classes; n += layout.exam) {
      const ClassPlan plan = PlanClass(n, layout);
      ClassExams& e = schedule.classes[static_cast<size_t>(n)];
      e.centre = centre;
      // An exam before the class ended: the day before its final exam.
      e.theory =
          calendar.Book(plan.exam_early ? AddDays(plan.end, -1) : AddDays(plan.end, 3 + static_cast<int>(n % 5)));
      if (HasPractical(plan)) e.practical = calendar.Book(AddDays(e.theory.date, 2));
      if (AllPassInstitution(plan.institution)) continue;
      e.theory_resit = calendar.Book(AddDays(e.theory.date, 14));
      if (e.practical) {
        e.practical_resit = calendar.Book(AddDays(std::max(e.practical->date, e.theory_resit->date), 2));
      }
      if (n % 157 == 20) e.third_theory = calendar.Book(AddDays(e.theory_resit->date, 14));
    }
  }
  AddDoubleSittings(layout, &calendars, &schedule);
  return schedule;
}

void WriteExamCentre(const std::filesystem::path& root, int centre, const Layout& layout, const ExamSchedule& schedule,
                     ProvinceCounts* counts) {
  CentreWriter writer(centre, layout);
  for (int64_t n = centre; n < layout.classes; n += layout.exam) {
    const ClassPlan plan = PlanClass(n, layout);
    const ClassExams& e = schedule.classes[static_cast<size_t>(n)];
    std::vector<CandidateFate> fates;
    for (int t = 0; t < kCandidatesPerClass; ++t) fates.push_back(FateOf(plan, t));
    auto sitters = [&](auto sits, auto passes, auto attempt, bool first_theory) {
      std::vector<Sitter> out;
      for (const auto& f : fates) {
        if (sits(f)) out.push_back(Sitter{&plan, &f, attempt(f), passes(f), first_theory});
      }
      return out;
    };
    auto yes = [](const CandidateFate&) { return true; };
    auto one = [](const CandidateFate&) { return 1; };
    std::vector<Sitter> theory = sitters(
        yes, [](const CandidateFate& f) { return f.theory_first; }, one, true);
    writer.AddSession(plan, e.theory, {false, false, n % 211 == 9 ? 40 : 0, n % 89 == 3}, theory);
    if (e.practical) {
      writer.AddSession(plan, *e.practical, {true, false, 0, false},
                        sitters([](const CandidateFate& f) { return f.practical_main; },
                                [](const CandidateFate& f) { return f.practical_first; }, one, false));
    }
    if (e.theory_resit) {
      writer.AddSession(plan, *e.theory_resit, {false, true, 0, false},
                        sitters([](const CandidateFate& f) { return f.theory_resit; },
                                [](const CandidateFate& f) { return !f.double_failer; },
                                [](const CandidateFate&) { return 2; }, false));
    }
    if (e.practical_resit) {
      writer.AddSession(plan, *e.practical_resit, {true, true, 0, false},
                        sitters([](const CandidateFate& f) { return f.practical_resit; }, yes,
                                [](const CandidateFate& f) { return f.practical_main ? 2 : 1; }, false));
    }
    if (e.third_theory) {
      writer.AddSession(
          plan, *e.third_theory, {false, true, 0, false},
          sitters([](const CandidateFate& f) { return f.third_theory; }, [](const CandidateFate&) { return false; },
                  [](const CandidateFate&) { return 3; }, false));
    }
  }
  for (const DoubleSitting& visitor : schedule.visitors[static_cast<size_t>(centre)]) {
    const ClassPlan plan = PlanClass(visitor.class_number, layout);
    const CandidateFate fate = FateOf(plan, visitor.trainee);
    writer.AddSession(plan, visitor.slot, {false, false, 0, false}, {Sitter{&plan, &fate, 1, true, false}});
  }
  writer.Finish(root, counts);
}

}  // namespace xk::province
