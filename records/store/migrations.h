// Schema versions. A new file gets schema.sql; an older one is migrated step by step; a newer one
// is refused with a clear message (StoreError).
#pragma once

#include "records/store/database.h"

namespace xk::store {

inline constexpr int kCurrentSchemaVersion = 9;

// Returns the version the file had before (0 = new file). A file already current is only read.
int MigrateToCurrent(Database& db);

}  // namespace xk::store
