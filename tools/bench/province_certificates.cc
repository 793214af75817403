// The certificate register of the province archive (see the header), written class by class
// from the exam schedule and each trainee's fate (province_exams.h).
#include "tools/bench/province_certificates.h"

#include <fmt/format.h>

#include <string>

#include "records/civil_time.h"
#include "tools/demo/csv_table_writer.h"
#include "tools/demo/demo_certificates.h"
#include "tools/demo/demo_people.h"

namespace xk::province {

namespace {

constexpr char kSpecial[] = "特种作业操作证";
constexpr char kQualification[] = "安全生产知识和管理能力考核合格证";
constexpr char kValid[] = "有效";
constexpr char kLapsed[] = "失效";
constexpr char kRevoked[] = "撤销";
constexpr int64_t kEarlierHolders = 120'000'000;  // ProvinceResidentId indexes of the 2016-2021 holders

Date AddYears(Date date, int years) {
  int y = 0, m = 0, d = 0;
  YmdFromDate(date, &y, &m, &d);
  if (m == 2 && d == 29 && !IsValidYmd(y + years, 2, 29)) d = 28;
  return DateFromYmd(y + years, m, d);
}

int YearOf(Date date) {
  int y = 0, m = 0, d = 0;
  YmdFromDate(date, &y, &m, &d);
  return y;
}

// The same ID with a wrong check character: an ID nobody has.
std::string WrongCheck(const std::string& id) { return id.substr(0, 17) + (id.back() == '0' ? "1" : "0"); }

class Register {
 public:
  Register() : table_(CertificateRegisterColumns(), {ExportEncoding::kGb18030, true, true}) {}

  void Special(const std::string& number, const std::string& holder, const std::string& name, const char* job,
               Date issue, std::optional<Date> review, bool extended, const char* status) {
    Add({number, holder, name, kSpecial, "特种作业人员", job, Iso(issue), Iso(AddYears(issue, 6)),
         review ? Iso(*review) : "", extended ? "是" : "否", status});
  }

  void Qualification(const std::string& number, const std::string& holder, const std::string& name,
                     const char* category_zh, Date issue, const char* status) {
    Add({number, holder, name, kQualification, category_zh, "", Iso(issue), Iso(AddYears(issue, 3)), "", "", status});
  }

  void Write(const std::filesystem::path& path, ProvinceCounts* counts) const {
    table_.Write(path);
    counts->certificates += rows_;
  }

 private:
  static std::string Iso(Date date) { return DayText(date, 0); }
  void Add(std::vector<std::string> row) {
    table_.AddRow(std::move(row));
    ++rows_;
  }

  CsvTableWriter table_;
  int64_t rows_ = 0;
};

// "湘安主2022" + seven digits: principals; "湘安管…": safety managers.
std::string QualificationNumber(bool principal, int year, int64_t serial) {
  return fmt::format("湘安{}{}{:07d}", principal ? "主" : "管", year, serial);
}

// The certificates of the trainees of one class who passed (and the injected ones).
void ClassCertificates(const ClassPlan& plan, const ClassExams& exams, Register* out) {
  const ClassType& type = *plan.type;
  const bool special = type.job_type[0] != '\0';
  const bool principal = std::string(type.category_en) == "principal";
  if (!special && !principal && std::string(type.category_en) != "safety_manager") return;  // new employees
  for (int t = 0; t < kCandidatesPerClass; ++t) {
    const CandidateFate fate = FateOf(plan, t);
    if (fate.mangled) continue;  // the exam record cannot name the holder
    std::optional<Date> passed = LastPass(plan, exams, fate);
    // CRT-NO-EXAM: issued to a trainee who failed the theory exam twice.
    if (!passed && fate.double_failer && plan.number % 173 == 40) passed = exams.theory_resit->date;
    if (!passed) continue;
    const Date issue = AddDays(*passed, 20 + static_cast<int>(fate.number % 10));
    const int64_t n = fate.number;
    if (special) {
      const std::string number = "T" + (n % 1999 == 50 ? WrongCheck(fate.id) : fate.id);
      if (n % 50 == 13) {
        out->Special(number, fate.id, fate.name, type.job_type, issue, std::nullopt, false, kRevoked);
      } else if (n % 20 == 7) {
        out->Special(number, fate.id, fate.name, type.job_type, issue, std::nullopt, false, kLapsed);
      } else if (n % 97 == 1) {  // never reviewed, no extension: overdue three years after issue
        out->Special(number, fate.id, fate.name, type.job_type, issue, std::nullopt, false, kValid);
      } else if (n % 89 == 2) {  // reviewed on time, but no review class in the records
        out->Special(number, fate.id, fate.name, type.job_type, issue, AddYears(issue, 3), false, kValid);
      } else {
        out->Special(number, fate.id, fate.name, type.job_type, issue, std::nullopt, true, kValid);
      }
      continue;
    }
    out->Qualification(QualificationNumber(principal, YearOf(issue), n), fate.id, fate.name, type.category_zh, issue,
                       n % 50 == 13 ? kRevoked : kValid);
    if (plan.number % 211 == 5 && t == 12) {  // CRT-DUPLICATE: an earlier certificate still valid
      out->Qualification(QualificationNumber(principal, 2021, n), fate.id, fate.name, type.category_zh,
                         DateFromYmd(2021, 6, 1), kValid);
    }
  }
}

// Two or three certificates issued before the archive's records, to people outside them.
void EarlierCertificates(const ClassPlan& plan, Register* out) {
  const int count = plan.number % 4 == 0 ? 2 : 3;
  for (int i = 0; i < count; ++i) {
    const int64_t k = plan.number * 3 + i;
    std::string holder = ProvinceResidentId(kEarlierHolders + k);
    if (k % 1013 == 3) holder = WrongCheck(holder);  // CRT-HOLDER-DATA
    const std::string name = DemoName(static_cast<int>((k * 7) % 100000));
    if (k % 3 == 0) {
      const char* job = (k / 3) % 2 == 0 ? "低压电工作业" : "焊接与热切割作业";
      if ((k / 6) % 2 == 0) {  // reviewed once, before the records began; valid until the next review
        const Date issue = AddDays(DateFromYmd(2016, 1, 4), static_cast<int>(k * 7 % 1000));
        out->Special("T" + holder, holder, name, job, issue, AddYears(issue, 3), false, kValid);
      } else {
        const Date issue = AddDays(DateFromYmd(2019, 1, 7), static_cast<int>(k * 7 % 1000));
        const char* status = k % 5 == 1 ? kLapsed : k % 11 == 2 ? kRevoked : kValid;
        out->Special("T" + holder, holder, name, job, issue, std::nullopt, true, status);
      }
      continue;
    }
    const bool principal = k % 3 == 1;
    const Date issue = AddDays(DateFromYmd(2019, 1, 7), static_cast<int>(k * 11 % 1000));
    out->Qualification(QualificationNumber(principal, YearOf(issue), 9'000'000 + k), holder, name,
                       principal ? "主要负责人" : "安全生产管理人员", issue, k % 4 == 1 ? kLapsed : kValid);
  }
}

}  // namespace

void WriteCertificateRegister(const std::filesystem::path& root, const Layout& layout, const ExamSchedule& schedule,
                              ProvinceCounts* counts) {
  Register register_table;
  for (int64_t n = 0; n < layout.classes; ++n) {
    const ClassPlan plan = PlanClass(n, layout);
    ClassCertificates(plan, schedule.classes[static_cast<size_t>(n)], &register_table);
    EarlierCertificates(plan, &register_table);
  }
  register_table.Write(root / "bureau" / "certificates.csv", counts);
}

}  // namespace xk::province
