// Synthetic people for the demo archive: valid resident ID numbers (GB 11643-1999 with the
// ISO 7064 MOD 11-2 check digit) and common Chinese names, deterministic from an index.
#pragma once

#include <string>

namespace xk {

// A valid 18-character ID for person `index` (area 430400, Hengyang), born in 1970-1999.
std::string DemoResidentId(int index);
std::string DemoName(int index);

}  // namespace xk
