#include "records/syllabus.h"

#include <array>
#include <string_view>

namespace xk {

namespace {

constexpr std::array<std::string_view, 9> kHighRiskIndustries = {
    "煤矿", "非煤矿山", "危险化学品", "危化品", "烟花爆竹", "金属冶炼", "金属非金属矿山", "矿山", "危化"};

const char* kOrder3Art9 = "《生产经营单位安全培训规定》（原国家安全监管总局令第3号）第九条";
const char* kOrder3Art13 = "《生产经营单位安全培训规定》（原国家安全监管总局令第3号）第十三条";
const char* kAnwei2012 = "《关于进一步加强安全培训工作的决定》（安委〔2012〕10号）";
const char* kOrder30 = "《特种作业人员安全技术培训考核管理规定》（原国家安全监管总局令第30号）及国家培训大纲";

struct SpecialOperation {
  const char* job_type;
  double total;
  std::optional<double> theory;
  std::optional<double> practical;
};

const std::array<SpecialOperation, 12> kSpecialOperations = {{
    {"低压电工作业", 148, 88, 60},
    {"高压电工作业", 154, 82, 72},
    {"电力电缆作业", 104, 64, 40},
    {"继电保护作业", 124, 74, 50},
    {"电气试验作业", 126, 56, 70},
    {"防爆电气作业", 82, 60, 22},
    {"熔化焊接与热切割作业", 108, 68, 40},
    {"压力焊作业", 108, 68, 40},
    {"钎焊作业", 108, 68, 40},
    {"登高架设作业", 100, 40, 60},
    {"高处安装、维护、拆除作业", 104, std::nullopt, std::nullopt},
    {"制冷与空调设备运行操作作业", 100, std::nullopt, std::nullopt},
}};

// How well a row matches: -1 no match, else higher is more specific.
int MatchScore(const SyllabusRow& row, const TrainingClass& c) {
  if (row.category != c.category || row.cycle != c.cycle) return -1;
  int score = 0;
  if (!row.job_type.empty()) {
    if (row.job_type != c.job_type &&
        !(row.job_type.starts_with(c.job_type) && !c.job_type.empty() &&
          row.job_type.size() - c.job_type.size() <= 6)) {  // "制冷与空调设备运行操作" vs "...作业"
      return -1;
    }
    score += 4;
  }
  if (!row.industry.empty()) {
    if (row.industry == "high_risk") {
      if (!IsHighRiskIndustry(c.industry)) return -1;
      score += 1;
    } else {
      if (row.industry != c.industry) return -1;
      score += 2;
    }
  }
  return score;
}

}  // namespace

bool IsHighRiskIndustry(const std::string& industry) {
  for (auto word : kHighRiskIndustries) {
    if (industry.find(word) != std::string::npos) return true;
  }
  return false;
}

Syllabus Syllabus::BuiltIn() {
  Syllabus s;
  auto add = [&](Category category, std::string industry, std::string job_type, Cycle cycle, double total,
                 std::optional<double> theory, std::optional<double> practical, const char* source) {
    s.rows_.push_back(
        SyllabusRow{category, std::move(industry), std::move(job_type), cycle, total, practical, theory, source, 0});
  };
  for (Category category : {Category::kPrincipal, Category::kSafetyManager}) {
    add(category, "", "", Cycle::kInitial, 32, std::nullopt, std::nullopt, kOrder3Art9);
    add(category, "", "", Cycle::kRefresher, 12, std::nullopt, std::nullopt, kOrder3Art9);
    add(category, "high_risk", "", Cycle::kInitial, 48, std::nullopt, std::nullopt, kOrder3Art9);
    add(category, "high_risk", "", Cycle::kRefresher, 16, std::nullopt, std::nullopt, kOrder3Art9);
  }
  add(Category::kNewEmployee, "", "", Cycle::kInitial, 24, std::nullopt, std::nullopt, kOrder3Art13);
  add(Category::kNewEmployee, "high_risk", "", Cycle::kInitial, 72, std::nullopt, std::nullopt, kOrder3Art13);
  add(Category::kNewEmployee, "", "", Cycle::kRefresher, 8, std::nullopt, std::nullopt, kAnwei2012);
  add(Category::kNewEmployee, "high_risk", "", Cycle::kRefresher, 20, std::nullopt, std::nullopt, kOrder3Art13);
  for (const auto& op : kSpecialOperations) {
    add(Category::kSpecialOperation, "", op.job_type, Cycle::kInitial, op.total, op.theory, op.practical, kOrder30);
  }
  add(Category::kSpecialOperation, "", "", Cycle::kReview, 8, std::nullopt, std::nullopt, kOrder30);
  return s;
}

void Syllabus::Override(std::vector<SyllabusRow> rows) {
  int priority = 1;
  for (const auto& row : rows_) priority = std::max(priority, row.priority + 1);
  for (auto& row : rows) {
    row.priority = priority;
    rows_.push_back(std::move(row));
  }
}

std::optional<SyllabusRequirement> Syllabus::Lookup(const TrainingClass& training_class) const {
  const SyllabusRow* best = nullptr;
  int best_score = -1;
  for (const auto& row : rows_) {
    int score = MatchScore(row, training_class);
    if (score < 0) continue;
    if (!best || row.priority > best->priority || (row.priority == best->priority && score > best_score)) {
      best = &row;
      best_score = score;
    }
  }
  if (!best) return std::nullopt;
  return SyllabusRequirement{best->total_hours, best->practical_hours, best->theory_hours, best->source};
}

}  // namespace xk
