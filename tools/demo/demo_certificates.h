// The demo's certificate register, bureau/certificates.csv (证书台账), with the certificate
// violations injected and clean look-alikes. The review rules are judged against the audit's
// date, so the review-related dates are written relative to `today` (the day the demo is
// written): the key holds in any year. Findings of the register belong to "bureau".
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "tools/demo/csv_table_writer.h"
#include "tools/demo/demo_archive.h"
#include "tools/demo/demo_builder.h"

namespace xk {

struct DemoCertificateInputs {
  std::vector<std::string> px01_c01_trainees;  // passed S1 (the first handed in after 4 minutes)
  std::vector<std::string> px01_c05_trainees;  // passed theory and practical on 2022-04-15
  std::vector<std::string> px02_k02_trainees;  // completed K02, never examined
  std::vector<std::string> px03_p01_trainees;  // passed S1
  std::string untrained_candidate;             // passed theory and practical, no class
  DemoDate backed_review{};                    // C05's first trainee: reviewed after PX01's class C08
  int* next_person = nullptr;                  // person numbering shared with the rest of the demo
};

void WriteDemoCertificates(const std::filesystem::path& dir, const DemoCertificateInputs& in, DemoDate today,
                           DemoKey* key);

// The clock read once: the local date (UTC+8) on which the demo is written.
DemoDate DemoToday();

// The columns of bureau/certificates.csv (archive.md), English name and Chinese header: the demo's
// register and the benchmark's are written with the same.
std::vector<ExportColumn> CertificateRegisterColumns();

}  // namespace xk
