// `xunkao document` end to end on real files (tests/document/document_world.h): the three documents
// of a unit as .docx (unzipped with libzip, every XML part parsed with expat) and .html, filled
// from institutions.csv (GB18030), the draws, the open findings and the case events as they stand;
// hostile archive values escaped; a missing input exits 2 writing nothing.
#include <gtest/gtest.h>

#include <filesystem>

#include "tests/document/document_world.h"
#include "tests/e2e/e2e_util.h"

namespace xk {
namespace {

namespace fs = std::filesystem;
using doctest::Options;
using doctest::RunDocument;

struct Written {
  std::string document_xml;  // word/document.xml
  std::string text;          // its text, paragraphs a line each
  std::string html;
};

// Runs the command for `kind` of `code` and reads both files; every XML part must be well-formed.
Written Write(const doctest::World& world, const std::string& kind, const std::string& code,
              DocumentOptions options = {}) {
  if (options.kind.empty()) options = Options(world, kind, code);
  const doctest::Outcome outcome = RunDocument(options);
  Written written;
  EXPECT_EQ(outcome.exit_code, 0) << outcome.err;
  const fs::path docx = fs::path(options.out) / (code + "-" + kind + ".docx");
  const fs::path html = fs::path(options.out) / (code + "-" + kind + ".html");
  EXPECT_NE(outcome.out.find(fs::absolute(docx).string()), std::string::npos) << outcome.out;
  EXPECT_NE(outcome.out.find(fs::absolute(html).string()), std::string::npos) << outcome.out;
  const auto entries = doctest::ReadZip(docx);
  EXPECT_TRUE(entries.has_value()) << docx << " is not a zip";
  if (!entries) return written;
  for (const char* part :
       {"[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/styles.xml", "word/_rels/document.xml.rels"}) {
    EXPECT_EQ(entries->count(part), 1u) << "no " << part;
  }
  for (const auto& [name, content] : *entries) {
    const doctest::ParsedXml parsed = doctest::ParseXml(content);
    EXPECT_TRUE(parsed.well_formed) << name << ": " << parsed.error;
  }
  written.document_xml = entries->count("word/document.xml") ? entries->at("word/document.xml") : "";
  written.text = doctest::ParseXml(written.document_xml).text;
  written.html = doctest::ReadText(html);
  return written;
}

bool Has(const std::string& haystack, const std::string& needle) { return haystack.find(needle) != std::string::npos; }

TEST(DocumentCommand, InspectionRecordHoldsTheUnitTheInspectorsAndEveryOpenFinding) {
  const doctest::World world = doctest::MakeWorld("record");
  const Written record = Write(world, "inspection-record", "PX01");
  const std::string& text = record.text;
  EXPECT_TRUE(Has(text, "现场检查记录"));
  EXPECT_TRUE(Has(text, "被检查单位：市安全培训中心（机构编码 PX01）")) << text;
  EXPECT_TRUE(Has(text, "地址：长春市朝阳区人民大街100号"));
  EXPECT_TRUE(Has(text, "法定代表人（负责人）：张建国"));
  EXPECT_TRUE(Has(text, "联系电话：0431-88886666"));
  EXPECT_TRUE(Has(text, "检查时间：______年___月___日___时___分至"));
  // The latest draw with PX01 as a target: 赵强 and 周杰, with their certificates.
  EXPECT_TRUE(Has(text, "检查人员：赵强（执法证号：JZ-0033）、周杰（执法证号：JZ-0055）")) << text;
  EXPECT_TRUE(Has(text, "抽取编号 " + std::to_string(world.second_draw) + "（2022H2，随机抽中）"));
  EXPECT_FALSE(Has(text, "王明"));
  // Every open finding: rule and title, facts, numbers, evidence, basis.
  EXPECT_TRUE(Has(text, "发现以下问题（共 2 项）"));
  EXPECT_TRUE(Has(text, "【TRN-HOURS-SHORT】课程表实际支持的学时低于大纲最低学时（压缩学时）"));
  EXPECT_TRUE(Has(text, "【TRN-PROXY-SIGNIN】"));
  EXPECT_TRUE(Has(text, "事实：培训班 C2022-01 课程表支持 32 学时，大纲要求至少 48 学时"));
  EXPECT_TRUE(Has(text, "数值：实测 32 学时，要求 48 学时"));
  EXPECT_TRUE(Has(text, "时间：2022-04-11 08:00:00 至 2022-04-15 17:00:00"));
  EXPECT_TRUE(Has(text, "证据：问题编号 " + world.hours_finding +
                            "；对象 class=C2022-01；记录 "
                            "training/PX01/sessions.csv 第 3 行、training/PX01/sessions.csv 第 5 行"))
      << text;
  EXPECT_TRUE(Has(text, "证据 training/PX01/attendance.csv（sign-in rows）"));
  EXPECT_TRUE(Has(text, "依据：《安全生产培训管理办法》")) << text;
  // Signatures, and the refusal to sign.
  EXPECT_TRUE(Has(text, "检查人员：赵强　执法证号：JZ-0033　签名："));
  EXPECT_TRUE(Has(text, "被检查单位现场负责人（签名）："));
  EXPECT_TRUE(Has(text, "拒绝签名"));

  // Word: 宋体, A4 with the official margins.
  EXPECT_TRUE(Has(record.document_xml, R"(<w:pgSz w:w="11906" w:h="16838"/>)"));
  EXPECT_TRUE(Has(record.document_xml, R"(w:top="2098" w:right="1474" w:bottom="1984" w:left="1587")"));
  // The HTML says the same, printable on A4, without anything from the network.
  EXPECT_EQ(record.html.rfind("<!DOCTYPE html>", 0), 0u);
  EXPECT_TRUE(Has(record.html, "@page { size: A4;"));
  EXPECT_TRUE(Has(record.html, "赵强（执法证号：JZ-0033）"));
  EXPECT_TRUE(Has(record.html, "【TRN-HOURS-SHORT】"));
  EXPECT_TRUE(Has(record.html, "长春市朝阳区人民大街100号"));
  EXPECT_FALSE(Has(record.html, "http://") || Has(record.html, "https://") || Has(record.html, "<script"));
}

TEST(DocumentCommand, StylesUseSongTi) {
  const doctest::World world = doctest::MakeWorld("styles");
  const DocumentOptions options = Options(world, "inspection-record", "PX01");
  ASSERT_EQ(RunDocument(options).exit_code, 0);
  const auto entries = doctest::ReadZip(fs::path(options.out) / "PX01-inspection-record.docx");
  ASSERT_TRUE(entries);
  EXPECT_TRUE(Has(entries->at("word/styles.xml"), R"(w:eastAsia="宋体")"));
  EXPECT_TRUE(Has(entries->at("[Content_Types].xml"), "wordprocessingml.document.main+xml"));
}

TEST(DocumentCommand, DrawOptionTakesThatDrawsInspectors) {
  const doctest::World world = doctest::MakeWorld("draw");
  DocumentOptions options = Options(world, "inspection-record", "PX01");
  options.draw = world.first_draw;
  const Written record = Write(world, "inspection-record", "PX01", options);
  EXPECT_TRUE(Has(record.text, "检查人员：王明（执法证号：JZ-0011）、李华（执法证号：JZ-0022）")) << record.text;
  EXPECT_FALSE(Has(record.text, "赵强"));
}

TEST(DocumentCommand, WithoutADrawTheInspectorLinesAreBlank) {
  const doctest::World world = doctest::MakeWorld("nodraw");
  const DocumentOptions options = Options(world, "inspection-record", "PX03");
  const doctest::Outcome outcome = RunDocument(options);
  ASSERT_EQ(outcome.exit_code, 0) << outcome.err;
  EXPECT_TRUE(Has(outcome.err, "没有抽中 PX03 的抽取")) << outcome.err;
  const Written record = Write(world, "inspection-record", "PX03");
  EXPECT_TRUE(Has(record.text, "检查人员：__________（执法证号：____________）、")) << record.text;
  EXPECT_TRUE(Has(record.text, "检查人员：____________　执法证号：______________　签名："));
}

TEST(DocumentCommand, NoOpenFindingsStillGivesEveryDocumentWithBlanks) {
  const doctest::World world = doctest::MakeWorld("clean");
  const Written record = Write(world, "inspection-record", "PX03");
  EXPECT_TRUE(Has(record.text, "未发现问题")) << record.text;
  EXPECT_TRUE(Has(record.text, "地址：________________________________________________\n"));
  EXPECT_TRUE(Has(record.text, "法定代表人（负责人）：__________　职务："));
  // PX03's 6,000-character name is cut.
  EXPECT_TRUE(Has(record.text, "…（已截断）"));
  EXPECT_LT(record.document_xml.size(), 60000u);

  const Written order = Write(world, "rectification-order", "PX03");
  EXPECT_TRUE(Has(order.text, "经查，你单位存在下列问题：\n____"));
  EXPECT_TRUE(Has(order.text, "现责令你单位于______年____月____日前整改完毕")) << order.text;
  const Written opinion = Write(world, "recheck-opinion", "PX03");
  EXPECT_TRUE(Has(opinion.text, "尚无复查记录"));
}

TEST(DocumentCommand, RectificationOrderListsTheHandedOverFindingsWithTheirDeadline) {
  const doctest::World world = doctest::MakeWorld("order");
  const Written order = Write(world, "rectification-order", "PX01");
  const std::string& text = order.text;
  EXPECT_TRUE(Has(text, "责令限期整改指令书"));
  EXPECT_TRUE(Has(text, "（朝）应急责改〔2022〕15号")) << text;
  EXPECT_TRUE(Has(text, "市安全培训中心：\n经查，你单位存在下列问题："));
  EXPECT_TRUE(Has(text, "1. 【TRN-HOURS-SHORT】"));
  EXPECT_TRUE(Has(text, "依据：《安全生产培训管理办法》"));
  // Only the handed-over finding: the proxy sign-in was not handed over.
  EXPECT_FALSE(Has(text, "TRN-PROXY-SIGNIN"));
  EXPECT_TRUE(Has(text, "现责令你单位于2022年11月30日前整改完毕")) << text;
  EXPECT_TRUE(Has(text, "60日内"));
  EXPECT_TRUE(Has(text, "申请行政复议"));
  EXPECT_TRUE(Has(text, "6个月内"));
  EXPECT_TRUE(Has(text, "提起行政诉讼"));
  EXPECT_TRUE(Has(text, "执法人员：赵强　执法证号：JZ-0033"));
  EXPECT_TRUE(Has(text, "（应急管理部门印章）"));
  EXPECT_TRUE(Has(order.html, "2022</u>年<u>11</u>月<u>30</u>日前整改完毕"));
}

TEST(DocumentCommand, RectificationOrderWithoutAHandoverListsEveryOpenFinding) {
  const doctest::World world = doctest::MakeWorld("order-all");
  const Written order = Write(world, "rectification-order", "PX02");
  EXPECT_TRUE(Has(order.text, "【TRN-ATTENDANCE-SHORT】")) << order.text;
  EXPECT_TRUE(Has(order.text, "（　　）应急责改〔　　　　〕　　号"));
  EXPECT_TRUE(Has(order.text, "于______年____月____日前整改完毕"));
  EXPECT_TRUE(Has(order.text, "整改期限请手填"));
}

TEST(DocumentCommand, RecheckOpinionShowsTheRecheckAsItStands) {
  const doctest::World world = doctest::MakeWorld("opinion");
  const Written opinion = Write(world, "recheck-opinion", "PX01");
  const std::string& text = opinion.text;
  EXPECT_TRUE(Has(text, "经对你单位整改情况进行复查，提出如下意见：")) << text;
  EXPECT_TRUE(Has(text, "（朝）应急责改〔2022〕15号"));
  EXPECT_TRUE(Has(text, "1. 【TRN-HOURS-SHORT】"));
  EXPECT_TRUE(Has(text, "问题编号 " + world.hours_finding));
  EXPECT_FALSE(Has(text, "TRN-PROXY-SIGNIN")) << "no re-check, not in the opinion";
  EXPECT_TRUE(Has(text, "整改情况：已按大纲补足 16 学时的理论课程，补课签到表附后（报告整改日期 2022年11月20日）"));
  EXPECT_TRUE(Has(text,
                  "整改附件：1 个，见下表\n序号\n整改附件\n大小（字节）\nSHA-256（前16位）\n"
                  "1\n补课签到表.pdf\n20480\n0123456789abcdef\n"));
  EXPECT_TRUE(Has(opinion.html, "<td>补课签到表.pdf</td><td>20480</td><td>0123456789abcdef</td>"));
  EXPECT_TRUE(Has(text, "复查日期：2022年12月3日"));
  // The roster names 赵强; an ID it does not hold is masked.
  EXPECT_TRUE(Has(text, "复查人员：赵强（执法证号：JZ-0033）、名录中未找到的检查人员（身份证号 1101**********0099）"))
      << text;
  EXPECT_FALSE(Has(text, "110101198001010033"));
  // The correction (pass) replaced the failed re-check.
  EXPECT_TRUE(Has(text, "复查结论：合格"));
  EXPECT_FALSE(Has(text, "不合格"));
  EXPECT_TRUE(Has(text, "被复查单位负责人（签名）："));
  EXPECT_TRUE(Has(text, "复查人员：赵强　执法证号：JZ-0033　签名："));
}

TEST(DocumentCommand, HostileArchiveValuesAreEscapedAndControlCharactersDropped) {
  const doctest::World world = doctest::MakeWorld("hostile");
  for (const char* kind : {"inspection-record", "rectification-order", "recheck-opinion"}) {
    const Written written = Write(world, kind, "PX02");
    EXPECT_TRUE(Has(written.text, doctest::kHostileNameShown)) << kind << "\n" << written.text;
    EXPECT_FALSE(Has(written.document_xml, "<script")) << kind;
    EXPECT_FALSE(Has(written.html, "<script")) << kind;
    EXPECT_FALSE(Has(written.html, "<img")) << kind;
    EXPECT_TRUE(Has(written.html, "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;amp;]]&gt;")) << kind;
    for (char c : written.document_xml + written.html) {
      ASSERT_FALSE(c == '\x01' || c == '\x02' || c == '\x0b') << kind << ": a control character XML forbids";
    }
  }
  const Written record = Write(world, "inspection-record", "PX02");
  EXPECT_TRUE(Has(record.text, "地址：<img src=x onerror=alert(1)>"));
  EXPECT_TRUE(Has(record.text, "法定代表人（负责人）：O'Brien & 李"));
  EXPECT_TRUE(Has(record.text, "事实：出勤不足 </w:t></w:r><w:r><w:t>注入 ]]>  & <b>粗体</b>")) << record.text;
  EXPECT_TRUE(Has(record.text, "对象 class=<C1>&\"x\""));
}

TEST(DocumentCommand, MissingInputsExitTwoAndWriteNothing) {
  const doctest::World world = doctest::MakeWorld("missing");
  auto expect_refused = [&](DocumentOptions options, const std::string& message) {
    const doctest::Outcome outcome = RunDocument(options);
    EXPECT_EQ(outcome.exit_code, 2) << outcome.err;
    EXPECT_TRUE(Has(outcome.err, message)) << outcome.err;
    EXPECT_FALSE(fs::exists(options.out)) << "nothing is written";
  };
  expect_refused(Options(world, "inspection-record", "PX99"), "没有机构编码为 PX99 的单位 (no institution PX99");
  DocumentOptions unknown_draw = Options(world, "inspection-record", "PX01");
  unknown_draw.draw = 77;
  expect_refused(unknown_draw, "没有编号为 77 的抽取");
  DocumentOptions other_draw = Options(world, "inspection-record", "PX02");
  other_draw.draw = world.second_draw;
  expect_refused(other_draw, "没有抽中 PX02，不能用它的检查人员 (draw " + std::to_string(world.second_draw) +
                                 " has no target PX02)");
  DocumentOptions no_db = Options(world, "recheck-opinion", "PX01");
  no_db.db = (world.dir / "none.db").string();
  expect_refused(no_db, "找不到数据库");
  EXPECT_FALSE(fs::exists(world.dir / "none.db"));
  DocumentOptions no_archive = Options(world, "recheck-opinion", "PX01");
  no_archive.archive = (world.dir / "no-archive").string();
  expect_refused(no_archive, "档案目录不存在");
  fs::remove(world.archive / "institutions.csv");
  expect_refused(Options(world, "inspection-record", "PX01"), "缺少或无法读取机构名单 institutions.csv");
}

// Through the real binary: --help names the kinds and options, a document prints both paths, a
// bad kind is a usage error.
TEST(DocumentCommand, TheBinaryPrintsBothPathsAndItsHelp) {
  const doctest::World world = doctest::MakeWorld("binary");
  const e2e::CommandResult help = e2e::RunXunkao("document --help");
  EXPECT_EQ(help.exit_code, 0) << help.output;
  for (const char* word : {"inspection-record", "rectification-order", "recheck-opinion", "--institution", "--draw",
                           "--db", "--archive", "--out"}) {
    EXPECT_TRUE(Has(help.output, word)) << word << "\n" << help.output;
  }
  const std::string out = (world.dir / "bin").string();
  const e2e::CommandResult run = e2e::RunXunkao("document recheck-opinion --institution PX01 --db " +
                                                doctest::Quote(world.db.string()) + " --out " + doctest::Quote(out));
  EXPECT_EQ(run.exit_code, 0) << run.output;
  EXPECT_TRUE(Has(run.output, "整改复查意见书（Word）：" + (fs::path(out) / "PX01-recheck-opinion.docx").string()));
  EXPECT_TRUE(Has(run.output, (fs::path(out) / "PX01-recheck-opinion.html").string()));
  const e2e::CommandResult bad = e2e::RunXunkao("document notice --institution PX01 --out " + doctest::Quote(out));
  EXPECT_EQ(bad.exit_code, 2) << bad.output;
}

}  // namespace
}  // namespace xk
