// Keeping a file reported with a rectification: copied into the store's attachment folder under
// the SHA-256 of the copy (so what is hashed is what is kept), written under a temporary name and
// renamed, so a killed command leaves at most an unnamed temporary and never half a file.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <variant>

#include "records/store/case_store.h"

namespace xk {

inline constexpr int64_t kMaxAttachmentBytes = int64_t{512} << 20;  // a photo set or a scanned report

struct AttachmentProblem {
  std::string zh, en;
};

std::variant<store::CaseAttachment, AttachmentProblem> KeepAttachment(const store::Database& db,
                                                                      const std::filesystem::path& file);

}  // namespace xk
