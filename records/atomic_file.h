// Writing an output file so that a reader (an officer's browser, a script, the next run) never
// sees half of it: the content goes to "<path>.tmp" and is renamed over `path`.
#pragma once

#include <filesystem>
#include <string>

namespace xk {

// Throws std::runtime_error naming the file when it cannot be written.
void WriteFileAtomically(const std::filesystem::path& path, const std::string& content);

}  // namespace xk
