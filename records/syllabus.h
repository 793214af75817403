// The syllabus table: minimum hours (total, practical, theory) a class is held to, by category,
// industry, job type and cycle. Built-in rows come from the regulations cited in each row's
// source; ARCHIVE/syllabus.csv and audit.toml ([[syllabus]] entries) add rows that win over the
// built-in ones (a local syllabus may require more).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "records/model.h"

namespace xk {

struct SyllabusRow {
  Category category = Category::kSafetyManager;
  // Empty = any. For principal/safety_manager/new_employee the industry decides; "high_risk"
  // matches the high-risk industries (煤矿, 非煤矿山, 危险化学品, 烟花爆竹, 金属冶炼).
  std::string industry;
  std::string job_type;  // special operations; empty = any
  Cycle cycle = Cycle::kInitial;
  double total_hours = 0;
  std::optional<double> practical_hours;
  std::optional<double> theory_hours;
  std::string source;  // where the number comes from, e.g. 《生产经营单位安全培训规定》第九条
  int priority = 0;    // overrides get higher priority than built-in rows
};

struct SyllabusRequirement {
  double total_hours = 0;
  std::optional<double> practical_hours;
  std::optional<double> theory_hours;
  std::string source;
};

bool IsHighRiskIndustry(const std::string& industry);

class Syllabus {
 public:
  // The built-in table of the regulations' minimum hours by category (`xunkao rules` prints it).
  static Syllabus BuiltIn();

  // Adds rows that take precedence over every row added before.
  void Override(std::vector<SyllabusRow> rows);

  // The most specific, highest-priority row matching the class; nullopt when none applies.
  std::optional<SyllabusRequirement> Lookup(const TrainingClass& training_class) const;

  const std::vector<SyllabusRow>& rows() const { return rows_; }

 private:
  std::vector<SyllabusRow> rows_;
};

}  // namespace xk
