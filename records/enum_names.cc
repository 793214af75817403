#include "records/enum_names.h"

namespace xk {

namespace {
template <typename E>
const EnumSpelling<E>& Find(const std::vector<EnumSpelling<E>>& spellings, E value) {
  for (const auto& s : spellings) {
    if (s.value == value) return s;
  }
  return spellings.front();
}
}  // namespace

const std::vector<EnumSpelling<InstitutionKind>>& InstitutionKindSpellings() {
  static const std::vector<EnumSpelling<InstitutionKind>> kSpellings = {
      {InstitutionKind::kTraining, {"training", "培训机构", "培训"}},
      {InstitutionKind::kExam, {"exam", "考试点", "考试机构", "考点", "考试"}}};
  return kSpellings;
}

const std::vector<EnumSpelling<Category>>& CategorySpellings() {
  static const std::vector<EnumSpelling<Category>> kSpellings = {
      {Category::kPrincipal, {"principal", "主要负责人"}},
      {Category::kSafetyManager, {"safety_manager", "安全生产管理人员", "安全管理人员"}},
      {Category::kSpecialOperation, {"special_operation", "特种作业人员", "特种作业"}},
      {Category::kNewEmployee, {"new_employee", "新上岗从业人员", "新上岗人员", "从业人员"}}};
  return kSpellings;
}

const std::vector<EnumSpelling<Cycle>>& CycleSpellings() {
  static const std::vector<EnumSpelling<Cycle>> kSpellings = {
      {Cycle::kInitial, {"initial", "初训", "初次培训"}},
      {Cycle::kRefresher, {"refresher", "复训", "再培训", "每年再培训"}},
      {Cycle::kReview, {"review", "复审", "复审培训"}}};
  return kSpellings;
}

const std::vector<EnumSpelling<SessionMode>>& SessionModeSpellings() {
  static const std::vector<EnumSpelling<SessionMode>> kSpellings = {
      {SessionMode::kTheory, {"theory", "理论", "理论授课"}},
      {SessionMode::kPractical, {"practical", "实操", "实操实训", "实训"}},
      {SessionMode::kOnline, {"online", "线上", "网络", "网络授课"}},
      {SessionMode::kMockExam, {"mock_exam", "模拟考试", "模拟"}},
      {SessionMode::kExam, {"exam", "考试", "结业考试"}}};
  return kSpellings;
}

const std::vector<EnumSpelling<SignInMethod>>& SignInMethodSpellings() {
  static const std::vector<EnumSpelling<SignInMethod>> kSpellings = {
      {SignInMethod::kFace, {"face", "人脸", "人脸识别"}},
      {SignInMethod::kFingerprint, {"fingerprint", "指纹"}},
      {SignInMethod::kIdCard, {"id_card", "身份证", "刷身份证"}},
      {SignInMethod::kManual, {"manual", "手签", "手工签到", "签字"}}};
  return kSpellings;
}

const std::vector<EnumSpelling<ExamMode>>& ExamModeSpellings() {
  static const std::vector<EnumSpelling<ExamMode>> kSpellings = {
      {ExamMode::kTheory, {"theory", "理论", "理论考试"}}, {ExamMode::kPractical, {"practical", "实操", "实操考试"}}};
  return kSpellings;
}

const std::vector<EnumSpelling<StaffRole>>& StaffRoleSpellings() {
  static const std::vector<EnumSpelling<StaffRole>> kSpellings = {
      {StaffRole::kProctor, {"proctor", "监考", "监考人员", "监考员"}},
      {StaffRole::kExaminer, {"examiner", "考评员", "考评"}}};
  return kSpellings;
}

const std::vector<EnumSpelling<CertificateKind>>& CertificateKindSpellings() {
  static const std::vector<EnumSpelling<CertificateKind>> kSpellings = {
      {CertificateKind::kSpecialOperation, {"special_operation", "特种作业操作证", "特种作业", "操作证"}},
      {CertificateKind::kSafetyQualification,
       {"safety_qualification", "安全生产知识和管理能力考核合格证", "考核合格证", "安全合格证"}}};
  return kSpellings;
}

const std::vector<EnumSpelling<CertificateStatus>>& CertificateStatusSpellings() {
  static const std::vector<EnumSpelling<CertificateStatus>> kSpellings = {
      {CertificateStatus::kValid, {"valid", "有效", "正常"}},
      {CertificateStatus::kRevoked, {"revoked", "撤销", "已撤销", "吊销", "注销"}},
      {CertificateStatus::kLapsed, {"lapsed", "失效", "已失效", "过期"}}};
  return kSpellings;
}

const char* Token(Category value) { return Find(CategorySpellings(), value).words[0].c_str(); }
const char* ChineseName(Category value) { return Find(CategorySpellings(), value).words[1].c_str(); }
const char* Token(Cycle value) { return Find(CycleSpellings(), value).words[0].c_str(); }
const char* ChineseName(Cycle value) { return Find(CycleSpellings(), value).words[1].c_str(); }
const char* Token(SessionMode value) { return Find(SessionModeSpellings(), value).words[0].c_str(); }
const char* ChineseName(SessionMode value) { return Find(SessionModeSpellings(), value).words[1].c_str(); }
const char* Token(ExamMode value) { return Find(ExamModeSpellings(), value).words[0].c_str(); }
const char* ChineseName(ExamMode value) { return Find(ExamModeSpellings(), value).words[1].c_str(); }
const char* ChineseName(CertificateKind value) { return Find(CertificateKindSpellings(), value).words[1].c_str(); }
const char* ChineseName(CertificateStatus value) { return Find(CertificateStatusSpellings(), value).words[1].c_str(); }

}  // namespace xk
