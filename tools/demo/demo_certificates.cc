#include "tools/demo/demo_certificates.h"

#include <ctime>
#include <tuple>

#include "records/civil_time.h"
#include "records/resident_id.h"
#include "tools/demo/csv_table_writer.h"
#include "tools/demo/demo_people.h"

namespace xk {

namespace {

using Match = std::vector<std::pair<std::string, std::string>>;

DemoDate AddYearsTo(DemoDate date, int years) {
  DemoDate out{date.year + years, date.month, date.day};
  if (out.month == 2 && out.day == 29 && !IsValidYmd(out.year, 2, 29)) out.day = 28;
  return out;
}

DemoDate Later(DemoDate a, DemoDate b) {
  return std::tie(a.year, a.month, a.day) < std::tie(b.year, b.month, b.day) ? b : a;
}

}  // namespace

DemoDate DemoToday() {
  DemoDate today{};
  YmdFromDate(LocalDate(static_cast<Instant>(std::time(nullptr)), TimeZone{}), &today.year, &today.month, &today.day);
  return today;
}

void WriteDemoCertificates(const std::filesystem::path& dir, const DemoCertificateInputs& in, DemoDate today,
                           DemoKey* key) {
  const std::string bureau = "bureau";
  auto expect = [&](const std::string& rule, const std::string& holder, const std::string& note) {
    key->expected.push_back(ExpectedFinding{rule, bureau, {{"trainee_id", holder}}, note});
  };
  auto clean = [&](const std::string& holder, const std::string& note) {
    key->clean.push_back(CleanSubject{bureau, {{"trainee_id", holder}}, note});
  };
  auto person = [&] { return DemoResidentId((*in.next_person)++); };
  // UTF-8 with BOM, Chinese headers, ISO dates: as exported from the provincial certificate system.
  CsvTableWriter register_table(CertificateRegisterColumns(), {ExportEncoding::kUtf8Bom, true, false});
  int names = 800;
  auto iso = [](DemoDate d) { return DateText(d, 0); };
  const DemoDate issued{2022, 5, 10};    // after the exams of 2022-04-15
  const DemoDate old_issue{2021, 9, 1};  // before the first exam and class the archive holds
  auto special = [&](const std::string& holder, const std::string& job, DemoDate issue, const std::string& review,
                     const std::string& extended, const std::string& status = "有效") {
    register_table.AddRow({"T" + holder, holder, DemoName(names++), "特种作业操作证", "特种作业人员", job, iso(issue),
                           iso(AddYearsTo(issue, 6)), review, extended, status});
  };
  auto qualification = [&](const std::string& number, const std::string& holder, const std::string& category,
                           DemoDate issue, const std::string& status = "有效") {
    register_table.AddRow({number, holder, DemoName(names++), "安全生产知识和管理能力考核合格证", category, "",
                           iso(issue), iso(AddYearsTo(issue, 3)), "", "", status});
  };
  const std::string electrician = "低压电工作业";
  const auto& c05 = in.px01_c05_trainees;

  // Special operations (the electricians of C05).
  special(c05[0], electrician, issued, iso(in.backed_review), "否");
  clean(c05[0], "reviewed " + iso(in.backed_review) + " after PX01's 8-学时 review class C08: backed, not due");
  special(c05[1], electrician, issued, "", "否");
  expect("CRT-REVIEW-OVERDUE", c05[1], "issued 2022-05-10, never reviewed: due 2025-05-10");
  const DemoDate extended_issue = Later(issued, AddYearsTo(today, -4));
  special(c05[2], electrician, extended_issue, "", "是");
  clean(c05[2], "issued " + iso(extended_issue) + " with the review extended to every 6 years: not due");
  const DemoDate unbacked_review = AddDays(today, -60);
  special(c05[3], electrician, issued, iso(unbacked_review), "否");
  expect("CRT-REVIEW-UNBACKED", c05[3], "reviewed " + iso(unbacked_review) + " with no review class in the records");
  const DemoDate untrained_issue = Later(issued, AddYearsTo(today, -1));
  special(in.untrained_candidate, electrician, untrained_issue, "", "否");
  expect("CRT-NO-TRAINING", in.untrained_candidate, "passed both exams of a class that does not exist");

  // Safety qualifications of the principals and safety managers.
  qualification("湘安管2022050101", in.px01_c01_trainees[1], "安全生产管理人员", issued);
  clean(in.px01_c01_trainees[1], "trained (C01), passed S1, one certificate");
  qualification("湘安管2022050102", in.px01_c01_trainees[2], "安全生产管理人员", issued);
  clean(in.px01_c01_trainees[2], "trained (C01), passed S1, one certificate");
  qualification("湘安管2022050103", in.px02_k02_trainees[0], "安全生产管理人员", issued);
  expect("CRT-NO-EXAM", in.px02_k02_trainees[0], "completed K02 but never sat an exam");
  qualification("湘安主2022050104", in.px03_p01_trainees[1], "主要负责人", issued);
  qualification("湘安主2022082001", in.px03_p01_trainees[1], "主要负责人", {2022, 8, 20});
  expect("CRT-DUPLICATE", in.px03_p01_trainees[1], "two valid principal's certificates");
  qualification("湘安主2019060301", in.px03_p01_trainees[2], "主要负责人", {2019, 6, 3}, "撤销");
  qualification("湘安主2022050105", in.px03_p01_trainees[2], "主要负责人", issued);
  clean(in.px03_p01_trainees[2], "a valid certificate beside a revoked one of 2019: no duplicate");

  // Before the records: not held against exams or classes, but the holder's data still count.
  const std::string earlier = person();
  qualification("湘安管2021110101", earlier, "安全生产管理人员", {2021, 11, 1});
  clean(earlier, "issued before the first exam of the records: its exam may predate them");
  std::string bad_id = person();
  bad_id.back() = bad_id.back() == '1' ? '2' : '1';  // a wrong check character
  qualification("湘安主2021090101", bad_id, "主要负责人", old_issue);
  expect("CRT-HOLDER-DATA", bad_id, "the holder's ID fails its check character");
  const std::string first17 = "43040420050301" + std::to_string(321 + (*in.next_person)++ % 600);
  const std::string minor = first17 + ResidentIdCheckCharacter(first17);
  qualification("湘安管2021090102", minor, "安全生产管理人员", old_issue);
  expect("CRT-HOLDER-DATA", minor, "born 2005-03-01: 16 at issue");
  const std::string welder = person(), other = person();
  register_table.AddRow({"T" + other, welder, DemoName(names++), "特种作业操作证", "特种作业人员", "焊接与热切割作业",
                         iso(old_issue), iso(AddYearsTo(old_issue, 6)), "", "否", "失效"});
  expect("CRT-HOLDER-DATA", welder, "certificate number is T + another person's ID");
  register_table.Write(dir / "bureau" / "certificates.csv");
}

std::vector<ExportColumn> CertificateRegisterColumns() {
  return {{"cert_no", "证书编号"},
          {"holder_id", "身份证号"},
          {"name", "姓名"},
          {"kind", "证书类型"},
          {"category", "培训类别"},
          {"job_type", "作业类别"},
          {"issue_date", "发证日期"},
          {"valid_until", "有效期至"},
          {"last_review", "最近复审日期"},
          {"review_extended", "延期复审"},
          {"status", "状态"}};
}

}  // namespace xk
