// Large pages for the records audit. An audit of a city-year holds some 1.8 GB of records in
// millions of small heap blocks; with the kernel's 4 KiB pages a third of its CPU time went to
// page faults and TLB misses (records benchmark: 20 s -> 14 s with large pages, same peak memory).
// glibc's malloc asks for transparent huge pages only when the tunable glibc.malloc.hugetlb=1 is
// set, and it reads tunables once, at process start: so `xunkao audit` re-executes itself once
// with that tunable added to GLIBC_TUNABLES (keeping any the user set). Nothing else changes:
// same arguments, same process id, same output. Not done when the tunable is already set,
// in a build with AddressSanitizer (its allocator is not glibc's), or for other commands.
#pragma once

#include <optional>
#include <string>

namespace xk {

// GLIBC_TUNABLES with glibc.malloc.hugetlb=1 added to `current` (null: unset), or nothing when
// `current` already sets that tunable (whatever its value: the user's choice stands).
std::optional<std::string> TunablesWithLargePages(const char* current);

// Returns only when no re-execution was wanted or execv failed (the run then goes on as it is).
void ReexecWithLargeMallocPages(int argc, char** argv);

}  // namespace xk
