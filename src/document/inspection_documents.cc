#include "src/document/inspection_documents.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <set>
#include <utility>

#include "records/value_names.h"
#include "src/document/document_parts.h"

namespace xk {

namespace {

constexpr std::array<ValueNames<DocumentKind>, 3> kKinds = {{
    {DocumentKind::kInspectionRecord, "inspection-record", "现场检查记录"},
    {DocumentKind::kRectificationOrder, "rectification-order", "责令限期整改指令书"},
    {DocumentKind::kRecheckOpinion, "recheck-opinion", "整改复查意见书"},
}};

void Add(DocumentLayout* layout, ParagraphStyle style, std::vector<LayoutRun> runs,
         Alignment align = Alignment::kLeft) {
  layout->blocks.push_back(Paragraph(style, std::move(runs), align));
}

void AddDetail(DocumentLayout* layout, const std::string& label, const std::string& text) {
  Add(layout, ParagraphStyle::kDetail, {Plain(label + "："), Plain(text)});
}

std::string UnitName(const DocumentData& data) { return data.unit.name.empty() ? data.unit.code : data.unit.name; }

// "被检查单位：市安全培训中心（机构编码 PX01）"
void AddUnitLine(DocumentLayout* layout, const std::string& label, const DocumentData& data) {
  Add(layout, ParagraphStyle::kBody,
      {Plain(label + "："), Filled(UnitName(data), 30), Plain("（机构编码 "), Filled(data.unit.code, 8), Plain("）")});
}

// The addressee of a letter to the unit: "市安全培训中心：".
void AddAddressee(DocumentLayout* layout, const DocumentData& data) {
  Add(layout, ParagraphStyle::kBody, {Filled(UnitName(data), 30), Plain("：")});
}

// ---- 现场检查记录 ----

std::string DrawText(const DocumentDraw& draw) {
  const std::string how =
      draw.selection == "priority"
          ? "列为重点检查对象" + (draw.reason.empty() ? "" : "：" + BoundedText(draw.reason, kNameChars))
          : std::string("随机抽中");
  return fmt::format("“双随机”抽查，抽取编号 {}（{}，{}）", draw.id, draw.period, how);
}

void AddFindingFacts(DocumentLayout* layout, int number, const DocumentFinding& finding, const TimeZone& zone) {
  Add(layout, ParagraphStyle::kItem, {Bold(fmt::format("{}. {}", number, FindingHeading(finding)))});
  AddDetail(layout, "事实", FactsText(finding));
  if (auto measure = MeasureText(finding.finding)) AddDetail(layout, "数值", *measure);
  if (auto when = ConductTimeText(finding.finding, zone)) AddDetail(layout, "时间", *when);
  AddDetail(layout, "证据", EvidenceText(finding));
  AddDetail(layout, "依据", BasisText(finding));
}

DocumentLayout InspectionRecord(const DocumentData& data) {
  DocumentLayout layout;
  AppendHead(&layout, "现场检查记录", BlankNumber("应急检记"));
  const Institution& unit = data.unit;
  AddUnitLine(&layout, "被检查单位", data);
  Add(&layout, ParagraphStyle::kBody, {Plain("地址："), Filled(unit.address, 48)});
  Add(&layout, ParagraphStyle::kBody,
      {Plain("法定代表人（负责人）："), Filled(unit.legal_rep, 10), Plain("　职务："), Blank(10), Plain("　联系电话："),
       Filled(unit.phone, 14)});
  Add(&layout, ParagraphStyle::kBody, {Plain("检查场所："), Blank(48)});
  Add(&layout, ParagraphStyle::kBody,
      {Plain("检查时间："), Blank(6), Plain("年"),   Blank(3), Plain("月"), Blank(3), Plain("日"), Blank(3),
       Plain("时"),         Blank(3), Plain("分至"), Blank(6), Plain("年"), Blank(3), Plain("月"), Blank(3),
       Plain("日"),         Blank(3), Plain("时"),   Blank(3), Plain("分")});
  if (data.draw && !data.draw->inspectors.empty()) {
    Add(&layout, ParagraphStyle::kBody, {Plain("检查人员："), Plain(InspectorsText(data.draw->inspectors))});
  } else {
    Add(&layout, ParagraphStyle::kBody,
        {Plain("检查人员："), Blank(10), Plain("（执法证号："), Blank(12), Plain("）、"), Blank(10),
         Plain("（执法证号："), Blank(12), Plain("）")});
  }
  if (data.draw) Add(&layout, ParagraphStyle::kBody, {Plain("检查任务："), Plain(DrawText(*data.draw))});
  Add(&layout, ParagraphStyle::kBody, {Plain("检查人员已出示执法证件，并告知被检查单位依法配合检查。")});

  Add(&layout, ParagraphStyle::kHeading, {Plain("检查情况：")});
  if (data.open_findings.empty()) {
    Add(&layout, ParagraphStyle::kBody, {Plain("未发现问题（审查记录中该单位没有未整改的问题）。")});
  } else {
    Add(&layout, ParagraphStyle::kBody,
        {Plain(fmt::format("经审查该单位的培训、考试档案，发现以下问题（共 {} 项）：", data.open_findings.size()))});
    int number = 0;
    for (const DocumentFinding& finding : data.open_findings) AddFindingFacts(&layout, ++number, finding, data.zone);
  }
  Add(&layout, ParagraphStyle::kHeading, {Plain("现场核实及其他检查情况：")});
  AppendBlankLines(&layout, 4);

  AppendInspectorSignatures(&layout, "检查人员", data.draw ? data.draw->inspectors : std::vector<DocumentInspector>{});
  layout.blocks.push_back(HandDateLine());
  Add(&layout, ParagraphStyle::kSignature,
      {Plain("被检查单位现场负责人（签名）："), Blank(12), Plain("　职务："), Blank(10)});
  layout.blocks.push_back(HandDateLine());
  Add(&layout, ParagraphStyle::kSignature, {Plain("被检查单位现场负责人拒绝签名的，由检查人员注明情况并签名：")});
  AppendBlankLines(&layout, 1);
  Add(&layout, ParagraphStyle::kNote,
      {Plain("检查情况据 xunkao 审查记录中该单位未整改的问题预填，须经现场核实；按问题编号可用 "
             "xunkao packet --finding 编号 制作证据包。")});
  return layout;
}

// ---- 责令限期整改指令书 ----

// The distinct values of `field` over the findings' handovers, in order; empty values left out.
template <typename Field>
std::vector<std::string> Distinct(const std::vector<const DocumentFinding*>& findings, Field field) {
  std::vector<std::string> values;
  for (const DocumentFinding* finding : findings) {
    if (!finding->handover) continue;
    std::string value = field(*finding->handover);
    if (!value.empty() && std::find(values.begin(), values.end(), value) == values.end()) values.push_back(value);
  }
  return values;
}

std::string Joined(const std::vector<std::string>& values) {
  std::string text;
  for (const auto& value : values) text += (text.empty() ? "" : "、") + BoundedText(value, kNameChars);
  return text;
}

// "现责令你单位于2026年11月30日前整改完毕": one deadline filled in; several, each under its problem;
// none (nothing handed over), blanks.
void AddDeadline(DocumentLayout* layout, const std::vector<std::string>& deadlines, const Date* single) {
  std::vector<LayoutRun> runs = {Plain("现责令你单位")};
  if (single != nullptr) {
    int year = 0, month = 0, day = 0;
    YmdFromDate(*single, &year, &month, &day);
    runs.insert(runs.end(), {Plain("于"), LayoutRun{std::to_string(year), false, true}, Plain("年"),
                             LayoutRun{std::to_string(month), false, true}, Plain("月"),
                             LayoutRun{std::to_string(day), false, true}, Plain("日前整改完毕")});
  } else if (deadlines.size() > 1) {
    runs.push_back(Plain("对上述问题分别于各项所列整改期限前整改完毕"));
  } else {
    runs.push_back(Plain("于"));
    for (LayoutRun& run : HandDateRuns()) runs.push_back(std::move(run));
    runs.push_back(Plain("前整改完毕"));
  }
  runs.push_back(Plain("，达到有关法律、法规、规章和标准规定的要求。由此造成事故的，依法追究有关人员的责任。"));
  Add(layout, ParagraphStyle::kBody, std::move(runs));
}

DocumentLayout RectificationOrder(const DocumentData& data) {
  DocumentLayout layout;
  const std::vector<const DocumentFinding*> findings = OrderedFindings(data);
  const std::vector<std::string> numbers = Distinct(findings, [](const DocumentHandover& h) { return h.doc_no; });
  const std::vector<std::string> deadlines = Distinct(
      findings, [](const DocumentHandover& h) { return h.deadline ? FormatDate(*h.deadline) : std::string(); });
  // The one deadline of every finding listed, when they share it.
  const Date* single = nullptr;
  const bool all_handed_over = !findings.empty() && std::all_of(findings.begin(), findings.end(), [](const auto* f) {
    return f->handover && f->handover->deadline;
  });
  if (all_handed_over && deadlines.size() == 1) single = &*findings.front()->handover->deadline;

  AppendHead(&layout, "责令限期整改指令书", numbers.empty() ? BlankNumber("应急责改") : Joined(numbers));
  AddAddressee(&layout, data);
  Add(&layout, ParagraphStyle::kBody, {Plain("经查，你单位存在下列问题：")});
  if (findings.empty()) {
    AppendBlankLines(&layout, 4);
  }
  int number = 0;
  for (const DocumentFinding* finding : findings) {
    Add(&layout, ParagraphStyle::kItem, {Bold(fmt::format("{}. {}", ++number, FindingHeading(*finding)))});
    AddDetail(&layout, "事实", FactsText(*finding));
    if (auto measure = MeasureText(finding->finding)) AddDetail(&layout, "数值", *measure);
    AddDetail(&layout, "证据", EvidenceText(*finding));
    AddDetail(&layout, "依据", BasisText(*finding));
    if (finding->handover) {
      const DocumentHandover& handover = *finding->handover;
      std::vector<std::string> parts;
      if (!handover.handed_to.empty()) parts.push_back("交办对象 " + BoundedText(handover.handed_to, kNameChars));
      if (!handover.doc_no.empty()) parts.push_back("文号 " + BoundedText(handover.doc_no, kNameChars));
      if (handover.deadline && single == nullptr) parts.push_back("整改期限 " + ChineseDate(*handover.deadline));
      std::string text;
      for (const auto& part : parts) text += (text.empty() ? "" : "；") + part;
      if (!text.empty()) AddDetail(&layout, "交办", text);
    }
  }
  AddDeadline(&layout, deadlines, single);
  Add(&layout, ParagraphStyle::kBody,
      {Plain("整改期间，你单位应当采取措施，防止违法行为继续发生；对违法行为，将依法予以处理。")});
  Add(&layout, ParagraphStyle::kBody,
      {Plain("如果不服本指令，可以依法在60日内向"), Blank(12), Plain("人民政府或者"), Blank(12),
       Plain("申请行政复议，或者在6个月内依法向"), Blank(12),
       Plain("人民法院提起行政诉讼，但本指令不停止执行，法律另有规定的除外。")});

  AppendInspectorSignatures(&layout, "执法人员", data.draw ? data.draw->inspectors : std::vector<DocumentInspector>{});
  Add(&layout, ParagraphStyle::kSignature, {Plain("被检查单位负责人（签收）："), Blank(12)});
  layout.blocks.push_back(HandDateLine());
  Add(&layout, ParagraphStyle::kSignature, {Plain("（应急管理部门印章）")}, Alignment::kRight);
  layout.blocks.push_back(HandDateLine());
  if (!findings.empty()) {
    Add(&layout, ParagraphStyle::kNote,
        {Plain(
            findings.front()->handover
                ? "所列问题为 xunkao 案件记录中已交办（责令限期整改）、审查记录中仍未整改的问题；整改期限取自交办记录。"
                : "尚无交办记录：所列问题为 xunkao 审查记录中该单位全部未整改的问题，整改期限请手填。")});
  }
  return layout;
}

// ---- 整改复查意见书 ----

// The files reported with a rectification: name, size and the first 16 hex digits of SHA-256, by
// which the copy the store keeps can be found and checked.
LayoutTable AttachmentTable(const std::vector<DocumentAttachment>& attachments) {
  LayoutTable table{{8, 50, 16, 26}, {{"序号", "整改附件", "大小（字节）", "SHA-256（前16位）"}}};
  int index = 0;
  for (const auto& attachment : attachments) {
    table.rows.push_back({std::to_string(++index), BoundedText(attachment.name, kNameChars),
                          std::to_string(attachment.size), attachment.sha256.substr(0, 16)});
  }
  return table;
}

DocumentLayout RecheckOpinion(const DocumentData& data) {
  DocumentLayout layout;
  std::vector<const DocumentFinding*> findings;
  for (const auto& finding : data.rechecked_findings) findings.push_back(&finding);
  const std::vector<std::string> numbers = Distinct(findings, [](const DocumentHandover& h) { return h.doc_no; });

  AppendHead(&layout, "整改复查意见书", BlankNumber("应急复查"));
  AddAddressee(&layout, data);
  std::vector<LayoutRun> opening = {Plain("本机关于")};
  for (LayoutRun& run : HandDateRuns()) opening.push_back(std::move(run));
  opening.push_back(Plain("作出了《责令限期整改指令书》（文号："));
  opening.push_back(numbers.empty() ? Blank(18) : LayoutRun{Joined(numbers), false, true});
  opening.push_back(Plain("），经对你单位整改情况进行复查，提出如下意见："));
  Add(&layout, ParagraphStyle::kBody, std::move(opening));

  std::vector<DocumentInspector> officers;  // everyone who re-checked, once each
  std::set<std::string> seen;
  int number = 0;
  for (const DocumentFinding* finding : findings) {
    Add(&layout, ParagraphStyle::kItem,
        {Bold(fmt::format("{}. {}", ++number, FindingHeading(*finding))),
         Plain("（问题编号 " + BoundedText(finding->id, kNameChars) + "）")});
    AddDetail(&layout, "问题", FactsText(*finding));
    for (const DocumentRecheck& recheck : finding->rechecks) {
      std::string rectification = recheck.rectification_note.empty() && !recheck.rectified_on
                                      ? "未报告整改情况"
                                      : BoundedText(recheck.rectification_note, kTextChars);
      if (recheck.rectified_on) rectification += "（报告整改日期 " + ChineseDate(*recheck.rectified_on) + "）";
      AddDetail(&layout, "整改情况", rectification);
      if (!recheck.attachments.empty()) {
        AddDetail(&layout, "整改附件", fmt::format("{} 个，见下表", recheck.attachments.size()));
        layout.blocks.push_back(AttachmentTable(recheck.attachments));
      }
      AddDetail(&layout, "复查日期", recheck.date ? ChineseDate(*recheck.date) : std::string("________"));
      AddDetail(&layout, "复查人员",
                recheck.inspectors.empty() ? std::string("________") : InspectorsText(recheck.inspectors));
      layout.blocks.push_back(
          Paragraph(ParagraphStyle::kDetail, {Plain("复查结论："), Bold(recheck.passed ? "合格" : "不合格")}));
      for (const auto& inspector : recheck.inspectors) {
        if (seen.insert(inspector.name + "|" + inspector.cert_no + "|" + inspector.unknown_id).second) {
          officers.push_back(inspector);
        }
      }
    }
  }
  if (findings.empty()) {
    Add(&layout, ParagraphStyle::kBody, {Plain("（xunkao 案件记录中该单位尚无复查记录。）")});
    AppendBlankLines(&layout, 4);
  }
  Add(&layout, ParagraphStyle::kHeading, {Plain("其他意见：")});
  AppendBlankLines(&layout, 2);

  Add(&layout, ParagraphStyle::kSignature, {Plain("被复查单位负责人（签名）："), Blank(12)});
  layout.blocks.push_back(HandDateLine());
  AppendInspectorSignatures(&layout, "复查人员", officers);
  Add(&layout, ParagraphStyle::kSignature, {Plain("（应急管理部门印章）")}, Alignment::kRight);
  layout.blocks.push_back(HandDateLine());
  return layout;
}

}  // namespace

std::vector<DocumentKind> AllDocumentKinds() { return ValuesOf(kKinds); }
std::string_view DocumentKindName(DocumentKind kind) { return NamesOf(kKinds, kind).name; }
std::string_view DocumentKindZh(DocumentKind kind) { return NamesOf(kKinds, kind).zh; }
std::optional<DocumentKind> ParseDocumentKind(std::string_view name) { return ValueNamed(kKinds, name); }

std::vector<const DocumentFinding*> OrderedFindings(const DocumentData& data) {
  std::vector<const DocumentFinding*> handed_over, all;
  for (const auto& finding : data.open_findings) {
    all.push_back(&finding);
    if (finding.handover) handed_over.push_back(&finding);
  }
  return handed_over.empty() ? all : handed_over;
}

DocumentLayout BuildDocument(DocumentKind kind, const DocumentData& data) {
  switch (kind) {
    case DocumentKind::kInspectionRecord:
      return InspectionRecord(data);
    case DocumentKind::kRectificationOrder:
      return RectificationOrder(data);
    case DocumentKind::kRecheckOpinion:
      return RecheckOpinion(data);
  }
  return InspectionRecord(data);
}

}  // namespace xk
