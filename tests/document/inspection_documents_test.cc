// The documents as pure functions of a DocumentData: which findings a rectification order lists and
// how its deadline reads when the handovers disagree; the recheck opinion with several re-checks.
#include "src/document/inspection_documents.h"

#include <gtest/gtest.h>

#include <string>

namespace xk {
namespace {

// The text of a layout, a line a paragraph, the cells of a table a line each.
std::string TextOf(const DocumentLayout& layout) {
  std::string text;
  for (const LayoutBlock& block : layout.blocks) {
    if (!block.is_table) {
      for (const LayoutRun& run : block.paragraph.runs) text += run.text;
      text += '\n';
    } else {
      for (const auto& row : block.table.rows) {
        for (const auto& cell : row) text += cell + '\n';
      }
    }
  }
  return text;
}

DocumentFinding Open(const std::string& id, const std::string& rule) {
  DocumentFinding finding;
  finding.id = id;
  finding.finding.rule = rule;
  finding.finding.institution = "PX01";
  finding.finding.summary_zh = "事实 " + id;
  finding.finding.basis = "依据 " + id;
  return finding;
}

DocumentHandover Handover(const std::string& doc_no, Date deadline) {
  return DocumentHandover{doc_no, "市安全培训中心", deadline, "2022-11-01T09:00:00+08:00"};
}

DocumentData Unit() {
  DocumentData data;
  data.unit.code = "PX01";
  data.unit.name = "市安全培训中心";
  return data;
}

TEST(DocumentOrder, DifferentDeadlinesShowUnderEachProblem) {
  DocumentData data = Unit();
  data.open_findings = {Open("a1", "TRN-HOURS-SHORT"), Open("b2", "TRN-PROXY-SIGNIN"), Open("c3", "TRN-SPAN-SHORT")};
  data.open_findings[0].handover = Handover("责改〔2022〕15号", DateFromYmd(2022, 11, 30));
  data.open_findings[1].handover = Handover("责改〔2022〕16号", DateFromYmd(2022, 12, 15));
  const std::string text = TextOf(BuildDocument(DocumentKind::kRectificationOrder, data));
  EXPECT_NE(text.find("责改〔2022〕15号、责改〔2022〕16号\n"), std::string::npos) << text;
  EXPECT_NE(text.find("交办：交办对象 市安全培训中心；文号 责改〔2022〕15号；整改期限 2022年11月30日"),
            std::string::npos);
  EXPECT_NE(text.find("整改期限 2022年12月15日"), std::string::npos);
  EXPECT_NE(text.find("现责令你单位对上述问题分别于各项所列整改期限前整改完毕"), std::string::npos);
  EXPECT_EQ(text.find("TRN-SPAN-SHORT"), std::string::npos) << "not handed over, not listed";
  EXPECT_EQ(OrderedFindings(data).size(), 2u);
}

TEST(DocumentOrder, OneSharedDeadlineIsWrittenOnTheLine) {
  DocumentData data = Unit();
  data.open_findings = {Open("a1", "TRN-HOURS-SHORT"), Open("b2", "TRN-PROXY-SIGNIN")};
  data.open_findings[0].handover = Handover("责改〔2022〕15号", DateFromYmd(2022, 11, 30));
  data.open_findings[1].handover = Handover("责改〔2022〕15号", DateFromYmd(2022, 11, 30));
  const std::string text = TextOf(BuildDocument(DocumentKind::kRectificationOrder, data));
  EXPECT_NE(text.find("现责令你单位于2022年11月30日前整改完毕"), std::string::npos) << text;
  EXPECT_EQ(text.find("整改期限 2022年11月30日"), std::string::npos) << "not repeated under each problem";
  EXPECT_NE(text.find("\n责改〔2022〕15号\n"), std::string::npos);
}

TEST(DocumentOpinion, EveryRecheckWithTheRectificationBeforeIt) {
  DocumentData data = Unit();
  DocumentFinding finding = Open("a1", "TRN-HOURS-SHORT");
  DocumentRecheck failed;
  failed.date = DateFromYmd(2022, 12, 3);
  failed.passed = false;
  failed.inspectors = {DocumentInspector{"赵强", "JZ-0033", "", ""}};
  failed.rectified_on = DateFromYmd(2022, 11, 20);
  failed.rectification_note = "第一次整改";
  DocumentRecheck passed = failed;
  passed.date = DateFromYmd(2022, 12, 20);
  passed.passed = true;
  passed.inspectors.push_back(DocumentInspector{"", "", "", "1101**********0099"});
  passed.rectified_on = DateFromYmd(2022, 12, 10);
  passed.rectification_note = "第二次整改";
  finding.rechecks = {failed, passed};
  data.rechecked_findings = {finding};
  const std::string text = TextOf(BuildDocument(DocumentKind::kRecheckOpinion, data));
  const size_t first = text.find("整改情况：第一次整改（报告整改日期 2022年11月20日）");
  const size_t second = text.find("整改情况：第二次整改（报告整改日期 2022年12月10日）");
  ASSERT_NE(first, std::string::npos) << text;
  ASSERT_NE(second, std::string::npos) << text;
  EXPECT_LT(first, text.find("复查结论：不合格"));
  EXPECT_LT(text.find("复查结论：不合格"), second);
  EXPECT_LT(second, text.find("复查结论：合格"));
  // Each inspector signs once, the unknown one by masked ID.
  EXPECT_EQ(text.find("复查人员：赵强　执法证号：JZ-0033"), text.rfind("复查人员：赵强　执法证号：JZ-0033"));
  EXPECT_NE(text.find("复查人员：____________（身份证号 1101**********0099）"), std::string::npos);
}

}  // namespace
}  // namespace xk
