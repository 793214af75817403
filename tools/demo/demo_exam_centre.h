// The demo's exam centre KS01: exam plan, room records, candidates, staff, cameras and the CCTV
// recordings of each held session, with the exam-side violations injected (see demo_archive.cc
// for the training side), among them a segment byte-copied from the day before (a replay).
// The scale adds clean exam days and cameras. Adds its expectations and clean subjects to the key.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "tools/demo/demo_archive.h"

namespace xk {

struct DemoExamInputs {
  std::vector<std::string> px01_c01_trainees;  // clean, completed: sit S1
  std::vector<std::string> px01_c05_trainees;  // completed: sit S2 (practical)
  std::string px01_teacher_for_conflict;       // a PX01 teacher who examines S2
  std::string px02_k06_trainee;                // examined before K06 ends
  std::vector<std::string> px03_p01_trainees;  // clean: sit S1
  std::vector<std::string> px02_k04_trainees;  // resits: S0, S1 and S4
  std::vector<std::string> px05_f01_trainees;  // all pass S1 (EXM-PASS-RATE)
  std::vector<std::string> px06_g01_trainees;  // mostly fail S4; the last sits S1 (and KS02 N0)
  std::string* untrained_candidate = nullptr;  // out: the candidate of a class that does not exist
  int* next_person = nullptr;                  // person numbering shared with the training side
};

void WriteDemoExamCentre(const std::filesystem::path& dir, const DemoScale& scale, uint32_t seed,
                         const DemoExamInputs& inputs, DemoKey* key);

}  // namespace xk
