// The one place a Status becomes an exit status (README "Exit status"): 0 ok, 2 a usage error
// (nothing written), 3 the command could not complete.
#pragma once

#include "records/status.h"

namespace xk {

inline int ExitCode(const Status& status) {
  switch (status.failure) {
    case Failure::kNone:
      return 0;
    case Failure::kUsage:
      return 2;
    case Failure::kCannotComplete:
      return 3;
  }
  return 3;
}

}  // namespace xk
