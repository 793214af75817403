#include "tools/bench/province_plan.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "records/resident_id.h"
#include "tools/bench/province_archive.h"
#include "tools/demo/demo_people.h"

namespace xk::province {

namespace {

const std::array<ClassType, 4> kClassTypes = {{
    // 148 学时 required (60 practical); this syllabus is usually exceeded, 160 taught.
    {"special_operation", "特种作业人员", "", "低压电工作业", 50, 30, "160", "电工基础与安全技术", "低压电工实操"},
    {"safety_manager", "安全生产管理人员", "危险化学品", "", 24, 0, "48", "危险化学品安全管理", ""},
    {"principal", "主要负责人", "工贸", "", 16, 0, "32", "安全生产法律法规", ""},
    {"new_employee", "新上岗从业人员", "烟花爆竹", "", 28, 8, "72", "岗前安全培训", "岗位实操"},
}};

}  // namespace

Layout LayoutFor(double scale) {
  if (!(scale > 0 && scale <= 2)) {
    throw std::runtime_error(fmt::format("scale {} is outside (0, 2]", scale));
  }
  Layout layout;
  layout.training = std::max(1, static_cast<int>(std::lround(kTrainingInstitutions * scale)));
  layout.exam = std::max(1, static_cast<int>(std::lround(kExamCentres * scale)));
  layout.classes = std::max(layout.training, static_cast<int>(std::lround(kClasses * scale)));
  return layout;
}

// Seven in ten institutions export UTF-8 with English headers; one GB18030 with Chinese headers,
// dates and CRLF (Excel on a Chinese PC); one UTF-8 with BOM and Chinese headers.
Style TrainingStyle(int institution) {
  switch (institution % 10) {
    case 3:
      return {{ExportEncoding::kGb18030, true, true}, 1};
    case 7:
      return {{ExportEncoding::kUtf8Bom, true, false}, 2};
    default:
      return {{ExportEncoding::kUtf8, false, false}, 0};
  }
}

Style CentreStyle(int centre) {
  switch (centre % 5) {
    case 2:
      return {{ExportEncoding::kGb18030, true, true}, 1};
    case 4:
      return {{ExportEncoding::kUtf8Bom, true, false}, 2};
    default:
      return {{ExportEncoding::kUtf8, false, false}, 0};
  }
}

std::string DayText(Date date, int style) {
  int year = 0, month = 0, day = 0;
  YmdFromDate(date, &year, &month, &day);
  if (style == 1) return fmt::format("{}年{}月{}日", year, month, day);
  if (style == 2) return fmt::format("{}/{}/{}", year, month, day);
  return fmt::format("{:04d}-{:02d}-{:02d}", year, month, day);
}

std::string Hm(int minutes) { return fmt::format("{:02d}:{:02d}", minutes / 60, minutes % 60); }

std::string Hms(int seconds) {
  return fmt::format("{:02d}:{:02d}:{:02d}", seconds / 3600, seconds / 60 % 60, seconds % 60);
}

Date AddDays(Date date, int days) { return Date{date.days + days}; }

std::string Word(bool chinese, const char* english, const char* chinese_word) {
  return chinese ? chinese_word : english;
}

std::string TrainingCode(int institution) { return fmt::format("PX{:03d}", institution + 1); }
std::string CentreCode(int centre) { return fmt::format("KS{:02d}", centre + 1); }

// Teachers and exam staff are few: DemoResidentId numbers, teachers first, then staff.
std::string TeacherId(int institution, int teacher) {
  return DemoResidentId(1 + institution * kTeachersPerInstitution + teacher);
}
std::string StaffId(const Layout& layout, int centre, int member) {
  return DemoResidentId(1 + layout.training * kTeachersPerInstitution + centre * kStaffPerCentre + member);
}

int64_t TraineeIndex(int64_t class_number, int trainee) { return class_number * kTraineesPerClass + trainee; }

ClassPlan PlanClass(int64_t number, const Layout& layout) {
  ClassPlan plan;
  plan.number = number;
  plan.institution = static_cast<int>(number % layout.training);
  plan.local = static_cast<int>(number / layout.training);
  plan.type = &kClassTypes[static_cast<size_t>((plan.institution + plan.local) % 4)];
  plan.class_id = fmt::format("C2022-{:02d}", plan.local + 1);
  // A new class every ten days from the first Monday of 2022.
  plan.start = AddDays(DateFromYmd(2022, 1, 3), 10 * plan.local);
  const int sessions = plan.type->theory_sessions + plan.type->practical_sessions;
  plan.teaching_days = (sessions + kSessionsPerDay - 1) / kSessionsPerDay;
  plan.end = AddDays(plan.start, plan.teaching_days);
  plan.compressed = number % 97 == 13;
  plan.mock = number % 113 == 7;
  plan.absentee = number % 131 == 5;
  plan.same_second = number % 151 == 17;
  plan.exam_early = number % 499 == 100;
  plan.bad_date = number % 997 == 1;
  return plan;
}

}  // namespace xk::province

namespace xk {

std::string ProvinceResidentId(int64_t index) {
  constexpr int64_t kBirthDays = 10950;  // 1970-01-01 .. 1999-12-24
  const char* area =
      province::kCounties[static_cast<size_t>(index % static_cast<int64_t>(province::kCounties.size()))].first;
  const int64_t rest = index / static_cast<int64_t>(province::kCounties.size());
  int year = 0, month = 0, day = 0;
  YmdFromDate(Date{static_cast<int32_t>(rest % kBirthDays)}, &year, &month, &day);
  const int sequence = static_cast<int>(rest / kBirthDays % 1000);
  std::string body = fmt::format("{}{:04d}{:02d}{:02d}{:03d}", area, year, month, day, sequence);
  return body + ResidentIdCheckCharacter(body);
}

}  // namespace xk
