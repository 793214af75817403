// The rows of the exam-result (EXM-RESIT-EXCESS ... EXM-DOUBLE-SITTING) and certificate (CRT-*)
// rules, kept apart from rule_table.cc so that neither file grows past a reader's patience.
// rule_table.cc appends them after the rows it holds, in the order of RuleId.
#pragma once

#include <string>
#include <vector>

#include "detectors/rule_table.h"

namespace xk {

// What the row files share. The dates the texts they cite took effect (domain.md: standards by
// date; the orders' own 施行 dates):
inline const Date kOrder3Date = DateFromYmd(2006, 3, 1);  // 《生产经营单位安全培训规定》（令第3号）
inline const Date kOrder30Date = DateFromYmd(2010, 7, 1);  // 《特种作业人员安全技术培训考核管理规定》（令第30号）
inline const Date kOrder44Date = DateFromYmd(2012, 3, 1);   // 《安全生产培训管理办法》（令第44号）
inline const Date kLaw2021Date = DateFromYmd(2021, 9, 1);   // 《安全生产法》2021年修正
inline const Date kPlan2022Date = DateFromYmd(2022, 1, 1);  // 衡应急〔2022〕27号: the city's 2022 plan
inline const Date kAq2023Date = DateFromYmd(2024, 7, 1);    // AQ 8011-2023 (mandatory); AQ/T 8011-2016 before

inline constexpr const char* kExam104Citation = "《安全生产资格考试与证书管理暂行办法》（安监总培训〔2013〕104号）";
inline constexpr const char* kPlanDataCitation = "衡应急〔2022〕27号附件5：考试数据采集格式不规范、信息不准确";

// A row's legal texts by when they were in force.
inline LegalText InForceFrom(Date from, const char* citation) { return LegalText{from, std::nullopt, citation}; }
inline LegalText InForceUntil(Date until, const char* citation) { return LegalText{std::nullopt, until, citation}; }
inline LegalText InForceBetween(Date from, Date until, const char* citation) {
  return LegalText{from, until, citation};
}
inline LegalText AlwaysInForce(const char* citation) { return LegalText{std::nullopt, std::nullopt, citation}; }

// The two languages of a threshold's text; the threshold text of a rule without a threshold.
inline std::string ZhOrEn(bool chinese, const char* zh, const char* en) { return chinese ? zh : en; }
inline std::string NoThreshold(const AuditPolicy&, bool) { return ""; }

void AppendExamResultAndCertificateRows(std::vector<RuleRow>* rules);
// TRN-VIDEO-*: the classroom recording rules (classroom_rule_rows.cc).
void AppendClassroomVideoRows(std::vector<RuleRow>* rules);

}  // namespace xk
