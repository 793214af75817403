#include "records/media_facts.h"

namespace xk {

const char* UnreadableKindName(UnreadableKind kind) {
  switch (kind) {
    case UnreadableKind::kNone:
      return "none";
    case UnreadableKind::kEmpty:
      return "empty";
    case UnreadableKind::kNotVideo:
      return "not_video";
    case UnreadableKind::kTruncatedMp4:
      return "truncated_mp4";
    case UnreadableKind::kCorrupt:
      return "corrupt";
    case UnreadableKind::kMissing:
      return "missing";
  }
  return "none";
}

}  // namespace xk
