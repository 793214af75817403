// The demo's classroom cameras (AQ 8011-2023, TRN-VIDEO-*): training institution PX07, whose
// refresher class H01 (2024-09) is taught online in the mornings and in short offline sessions
// filmed by classroom cameras in the afternoon, one planted case of each TRN-VIDEO rule among
// them and clean ones (a quiet class, a busy class), and class H02 (June 2024, before the
// standard) whose offline session has no video and must not be flagged.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>

#include "tools/demo/demo_archive.h"
#include "tools/demo/demo_builder.h"

namespace xk {

// Fills `folder` (PX07: classes, timetable, sign-ins; `add_trainees(class_id, count)` adds the
// roster from the demo's cast), writes its cameras.csv and recordings under `dir`, and adds the
// expected findings and clean subjects to `key`. Without scale.video every filmed session is
// expected as TRN-VIDEO-MISSING.
void WriteDemoClassrooms(const std::filesystem::path& dir, const DemoScale& scale, uint32_t seed,
                         const std::string& teacher_id,
                         const std::function<void(const std::string& class_id, int count)>& add_trainees,
                         TrainingFolder* folder, DemoKey* key);

}  // namespace xk
