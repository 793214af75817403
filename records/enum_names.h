// The accepted spellings of every enumeration in the archive (English token, then Chinese words)
// and their display names.
#pragma once

#include <vector>

#include "records/csv/values.h"
#include "records/model.h"

namespace xk {

const std::vector<EnumSpelling<InstitutionKind>>& InstitutionKindSpellings();
const std::vector<EnumSpelling<Category>>& CategorySpellings();
const std::vector<EnumSpelling<Cycle>>& CycleSpellings();
const std::vector<EnumSpelling<SessionMode>>& SessionModeSpellings();
const std::vector<EnumSpelling<SignInMethod>>& SignInMethodSpellings();
const std::vector<EnumSpelling<ExamMode>>& ExamModeSpellings();
const std::vector<EnumSpelling<StaffRole>>& StaffRoleSpellings();
const std::vector<EnumSpelling<CertificateKind>>& CertificateKindSpellings();
const std::vector<EnumSpelling<CertificateStatus>>& CertificateStatusSpellings();

// English token ("safety_manager") and Chinese name ("安全生产管理人员").
const char* Token(Category value);
const char* ChineseName(Category value);
const char* Token(Cycle value);
const char* ChineseName(Cycle value);
const char* Token(SessionMode value);
const char* ChineseName(SessionMode value);
const char* Token(ExamMode value);
const char* ChineseName(ExamMode value);
const char* ChineseName(CertificateKind value);
const char* ChineseName(CertificateStatus value);

}  // namespace xk
