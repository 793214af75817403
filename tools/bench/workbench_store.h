// The store serve_bench loads the workbench with: DIR/store-<findings>/xunkao.db, written once
// through the product's own store API (AuditStore::CompleteRun twice, then AppendCaseEvents) and
// reused while its .complete marker matches. 200 institutions (180 training, 20 exam centres,
// skewed: a few have thousands of findings, most a few hundred), the registry's rules, subjects,
// summaries, people and start times over 2024-2026; the first run finds 2 % more, which the second
// run no longer finds (resolved), so `findings` are open. One open finding in 40, spread over every
// institution and rule, was handed over; some were then rectified, re-checked (passed or failed),
// closed or escalated, and many of those handed over are overdue.
#pragma once

#include <filesystem>
#include <string>

namespace xk::bench {

inline constexpr int kWorkbenchTrainingInstitutions = 180;
inline constexpr int kWorkbenchExamCentres = 20;

// Institution `index` of the store (training ones first: PX001.., then KS01..).
std::string WorkbenchInstitutionCode(int index);
// The ID number of person `person` as the store's findings name them.
std::string WorkbenchPersonId(int person);

struct WorkbenchStore {
  std::filesystem::path db;
  int findings_in_store = 0, open = 0, handed_over = 0, events = 0;
  double seconds = 0;  // to write it, or to find it written
  bool reused = false;
};

// The store with `findings` open findings in `dir`, written unless a matching one is there.
WorkbenchStore MakeWorkbenchStore(const std::filesystem::path& dir, int findings);

}  // namespace xk::bench
