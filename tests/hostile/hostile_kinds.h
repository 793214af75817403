// The kinds of the hostile-input catalogue (tests/hostile/hostile_catalogue_test.cc audits them):
// each a way an audited institution's export spoils a clean archive (by accident or on purpose),
// what the officer must get for it, and the audit.toml lines it needs.
#pragma once

#include <filesystem>
#include <functional>
#include <map>
#include <ostream>
#include <set>
#include <string>
#include <vector>

#include "tests/hostile/hostile_world.h"

namespace xk::hostile {

// One kind of bad input.
struct Spoil {
  std::string name;
  std::function<void(const std::filesystem::path& archive)> inject;
  std::function<void(const AuditRun& run)> check;                   // what the officer gets
  std::set<std::string> spoiled;                                    // institutions whose own findings may change
  std::vector<std::string> limits, thresholds, patterns, sections;  // audit.toml lines it needs
  std::map<std::string, std::string> environment;
  bool alone = false;  // cannot share an archive with the other kinds
};

// For gtest's messages and ctest's test names: the kind's name, not its bytes.
inline void PrintTo(const Spoil& spoil, std::ostream* out) { *out << spoil.name; }

// A camera folder of KS01's room Z on 2022-04-15, for a kind's own recording.
std::filesystem::path Spare(const std::filesystem::path& archive, const std::string& camera);

// The kinds that share one archive in the all-at-once test.
std::vector<Spoil> Catalogue();
// Kinds that need the archive to themselves: a configuration or fault the others must not see.
std::vector<Spoil> AloneCatalogue();

}  // namespace xk::hostile
