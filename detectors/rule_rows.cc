// Rows of the exam-result and certificate rules (see rule_rows.h). Dates are the texts' own
// effective dates; a [copy] article of domain.md is cited as the copy gives it.
#include "detectors/rule_rows.h"

#include <fmt/format.h>

namespace xk {

namespace {

const char* kOrder30Exam =
    "《特种作业人员安全技术培训考核管理规定》（原国家安全监管总局令第30号，经修正）第十三条：考核分为安全技术理论考试和"
    "实际操作考试，考试不及格的允许补考1次，经补考仍不及格的重新参加相应的安全技术培训";
const char* kExam104Resit =
    "《安全生产资格考试与证书管理暂行办法》（安监总培训〔2013〕104号）：考试不合格的允许补考1次";
const char* kOrder30Review =
    "《特种作业人员安全技术培训考核管理规定》（原国家安全监管总局令第30号，经修正）第二十一条：特种作业操作证每3年复审1"
    "次；"
    "连续从事本工种10年以上、严格遵守法规的，经原考核发证机关同意，复审时间可延长至每6年1次；第二十六条：未按期复审的，"
    "特种作业操作证失效";

}  // namespace

void AppendExamResultAndCertificateRows(std::vector<RuleRow>* rules) {
  std::vector<RuleRow> rows = {
      {RuleId::kExmResitExcess,
       "EXM-RESIT-EXCESS",
       "exam_results",
       Severity::kHigh,
       "补考超过1次且其间未重新培训",
       "more than one resit without new training",
       {InForceFrom(kOrder30Date, kOrder30Exam), AlwaysInForce(kExam104Resit)},
       {},
       [](const AuditPolicy&, bool zh) {
         return ZhOrEn(zh, "允许补考1次（第3次起须重新培训）", "one resit (retraining before a third sitting)");
       },
       false},
      {RuleId::kExmPracticalBeforeTheory,
       "EXM-PRACTICAL-BEFORE-THEORY",
       "exam_results",
       Severity::kHigh,
       "理论考试合格前参加实操考试",
       "a practical exam before the theory exam was passed",
       {AlwaysInForce(
           "《安全生产资格考试与证书管理暂行办法》（安监总培训〔2013〕104号）：安全生产知识考试合格后方可参加实际操"
           "作考试")},
       {},
       NoThreshold,
       false},
      {RuleId::kExmSubmitFast,
       "EXM-SUBMIT-FAST",
       "exam_results",
       Severity::kMedium,
       "计算机考试用时过短却合格",
       "a computer exam handed in implausibly fast with a pass",
       {AlwaysInForce(
            "《安全生产资格考试与证书管理暂行办法》（安监总培训〔2013〕104号）：安全生产知识考试采用计算机考试，考试"
            "时间120分"
            "钟，满分100分，80分合格；“用时过短”的阈值为可配置的政策默认值：不足20分钟时每道试题（约100题）平均不到1"
            "2秒读题作答，"
            "不是正常作答所能达到的，提示代考、泄题或系统数据造假，须调取考试录像核实"),
        InForceFrom(kPlan2022Date, "衡应急〔2022〕27号附件5：纵容或参与考生作弊")},
       {"fast_submit_minutes", "pass_mark"},
       [](const AuditPolicy& p, bool zh) {
         return fmt::format("{} {} {}（120 {}）", zh ? "用时少于" : "under", p.fast_submit_minutes, zh ? "分钟" : "min",
                            zh ? "分钟考试" : "min exam");
       },
       false},
      {RuleId::kExmPassRate,
       "EXM-PASS-RATE",
       "exam_results",
       Severity::kMedium,
       "培训机构学员合格率显著高于全市同科目（包过班信号，需核实）",
       "an institution's pass rate far above the rest of the city for the subject (a signal to check)",
       {AlwaysInForce(
            "《安全生产资格考试与证书管理暂行办法》（安监总培训〔2013〕104号）：考试合格标准80分；统计信号：Fisher "
            "精确检验（单侧），p 值与最小人数为可配置的政策默认值，仅提示核查，不单独作为违法认定依据"),
        InForceFrom(kPlan2022Date, "衡应急〔2022〕27号附件5：举办“包过班”，纵容或参与考生作弊")},
       {"pass_rate_p_value", "pass_rate_min_group"},
       [](const AuditPolicy& p, bool zh) {
         return fmt::format("p < {}，{} ≥ {}", p.pass_rate_p_value, zh ? "人数" : "candidates", p.pass_rate_min_group);
       },
       false},
      {RuleId::kExmDoubleSitting,
       "EXM-DOUBLE-SITTING",
       "exam_results",
       Severity::kHigh,
       "同一考生同日在两个考点参加同一科目考试",
       "a candidate sitting the same exam at two centres on one day",
       {AlwaysInForce(kExam104Citation), InForceFrom(kPlan2022Date, kPlanDataCitation)},
       {},
       NoThreshold,
       false},
      {RuleId::kCrtNoExam,
       "CRT-NO-EXAM",
       "certificates",
       Severity::kHigh,
       "发证前无相应的考试合格记录（特种作业须理论和实操均合格）",
       "a certificate with no passed exam of its kind before its issue date",
       {InForceFrom(kOrder30Date, kOrder30Exam),
        InForceFrom(kOrder44Date,
                    "《安全生产培训管理办法》（原国家安全监管总局令第44号，经修正）：考试合格的方可发放安全合格证"),
        AlwaysInForce("《安全生产资格考试与证书管理暂行办法》（安监总培训〔2013〕104号）：考试合格后颁发证书"),
        InForceFrom(kPlan2022Date, "衡应急〔2022〕27号附件5：买卖证书")},
       {},
       NoThreshold,
       false},
      {RuleId::kCrtNoTraining,
       "CRT-NO-TRAINING",
       "certificates",
       Severity::kHigh,
       "考试前无该类别已结业的培训记录",
       "no completed class of the category before the exam",
       {InForceFrom(
            kOrder30Date,
            "《特种作业人员安全技术培训考核管理规定》（原国家安全监管总局令第30号，经修正）：特种作业人员须经专门"
            "的安全技术培训并考核合格"),
        InForceFrom(kOrder44Date,
                    "《安全生产培训管理办法》（原国家安全监管总局令第44号，经修正）：经培训并考试合格方可取证"),
        InForceFrom(kPlan2022Date, "衡应急〔2022〕27号附件5：举办“包过班”，买卖证书")},
       {},
       NoThreshold,
       false},
      {RuleId::kCrtHolderData,
       "CRT-HOLDER-DATA",
       "certificates",
       Severity::kMedium,
       "持证人身份证号无效、特种作业证号不是“T+身份证号”或发证时未满18周岁",
       "holder's ID invalid, certificate number not T + the ID, or holder under 18 at issue",
       {AlwaysInForce("GB 11643-1999《公民身份号码》"),
        InForceFrom(kOrder30Date,
                    "《特种作业人员安全技术培训考核管理规定》（原国家安全监管总局令第30号，经修正）第四条：年满18周岁；"
                    "第十九条：特种作业操作证全国统一式样，证号为“T”加公民身份号码")},
       {"min_holder_age"},
       [](const AuditPolicy& p, bool zh) { return fmt::format("{} {}", p.min_holder_age, zh ? "周岁" : "years"); },
       false},
      {RuleId::kCrtDuplicate,
       "CRT-DUPLICATE",
       "certificates",
       Severity::kMedium,
       "同一人同一作业类别有两张有效证书",
       "two valid certificates for the same person and job",
       {InForceFrom(
            kOrder30Date,
            "《特种作业人员安全技术培训考核管理规定》（原国家安全监管总局令第30号，经修正）第十九条：证号为“T”加"
            "公民身份号码，同一人同一作业类别只有一张有效证书"),
        InForceFrom(kOrder44Date,
                    "《安全生产培训管理办法》（原国家安全监管总局令第44号，经修正）：安全合格证的发放与管理")},
       {},
       NoThreshold,
       false},
      {RuleId::kCrtReviewOverdue,
       "CRT-REVIEW-OVERDUE",
       "certificates",
       Severity::kMedium,
       "特种作业操作证超过复审期限未复审",
       "a special-operations certificate past its review (复审) date without a review",
       {InForceFrom(kOrder30Date, kOrder30Review)},
       {"review_years", "review_years_extended"},
       [](const AuditPolicy& p, bool zh) {
         return fmt::format("{} {}（{} {}）", p.review_years, zh ? "年" : "years", zh ? "延期复审" : "extended",
                            p.review_years_extended);
       },
       false},
      {RuleId::kCrtReviewUnbacked,
       "CRT-REVIEW-UNBACKED",
       "certificates",
       Severity::kMedium,
       "复审无相应的复审培训记录（不少于8学时）",
       "a review not backed by a review-cycle class of at least 8 学时 in the records",
       {InForceFrom(
           kOrder30Date,
           "《特种作业人员安全技术培训考核管理规定》（原国家安全监管总局令第30号，经修正）第二十三条：复审前参加"
           "不少于8个学时的安全培训")},
       {"review_min_hours"},
       [](const AuditPolicy& p, bool zh) { return fmt::format("{} {}", p.review_min_hours, zh ? "学时" : "hours"); },
       false},
  };
  rules->insert(rules->end(), rows.begin(), rows.end());
}

}  // namespace xk
