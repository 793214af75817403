// The layers point one way: records (model, loaders, findings, store) <- detectors (rules) <- src
// (media, audit, report, packet, cli); tools/demo is a library only `xunkao demo` (through
// src/main.cc, the one composition root) and the tests link; tools/bench uses everything. Every
// project include of every file under records/, detectors/, src/ and tools/ is checked here.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace xk {
namespace {

namespace fs = std::filesystem;

struct Layer {
  std::string folder;                // e.g. "detectors/"
  std::vector<std::string> may_use;  // folders its files may include
};

const std::vector<Layer>& Layers() {
  static const std::vector<Layer> kLayers = {
      {"records/", {"records/"}},
      {"detectors/", {"records/", "detectors/"}},
      {"src/", {"records/", "detectors/", "src/"}},
      {"tools/demo/", {"records/", "detectors/", "src/", "tools/demo/"}},
      {"tools/fuzz/", {"records/", "detectors/", "src/", "tools/fuzz/"}},
      {"tools/bench/", {"records/", "detectors/", "src/", "tools/demo/", "tools/bench/"}},
  };
  return kLayers;
}

// Project includes of a file: the "folder/..." paths of #include "..." lines (generated headers
// such as "version.h" have no folder and are always allowed).
std::vector<std::string> ProjectIncludes(const fs::path& file) {
  std::vector<std::string> includes;
  std::ifstream in(file);
  std::string line;
  while (std::getline(in, line)) {
    const size_t hash = line.find_first_not_of(" \t");
    if (hash == std::string::npos || line.compare(hash, 8, "#include") != 0) continue;
    const size_t open = line.find('"');
    if (open == std::string::npos) continue;
    const size_t close = line.find('"', open + 1);
    const std::string target = line.substr(open + 1, close - open - 1);
    if (target.find('/') != std::string::npos) includes.push_back(target);
  }
  return includes;
}

bool Allowed(const Layer& layer, const std::string& relative, const std::string& target) {
  // The composition root: the binary's main adds the demo command from tools/demo.
  if (relative == "src/main.cc" && target == "tools/demo/demo_command.h") return true;
  for (const std::string& folder : layer.may_use) {
    if (target.starts_with(folder)) return true;
  }
  return false;
}

TEST(IncludeDirection, NoIncludePointsTheWrongWay) {
  const fs::path root = XUNKAO_SOURCE_DIR;
  int checked = 0;
  for (const Layer& layer : Layers()) {
    for (const auto& entry : fs::recursive_directory_iterator(root / layer.folder)) {
      const std::string extension = entry.path().extension().string();
      if (!entry.is_regular_file() || (extension != ".cc" && extension != ".h")) continue;
      const std::string relative = fs::relative(entry.path(), root).generic_string();
      for (const std::string& target : ProjectIncludes(entry.path())) {
        ++checked;
        EXPECT_TRUE(Allowed(layer, relative, target))
            << relative << " includes " << target << ": " << layer.folder << " may include only what lies below it";
      }
    }
  }
  EXPECT_GT(checked, 200) << "the check saw too few includes to mean anything";
}

// The check itself fails on a wrong-way include.
TEST(IncludeDirection, TheCheckCatchesAWrongWayInclude) {
  const Layer& records = Layers().front();
  EXPECT_FALSE(Allowed(records, "records/store/audit_store.cc", "detectors/rule_table.h"));
  EXPECT_FALSE(Allowed(Layers()[1], "detectors/hours.cc", "src/media/probe.h"));
  EXPECT_FALSE(Allowed(Layers()[2], "src/cli/commands.cc", "tools/demo/demo_archive.h"));
  EXPECT_TRUE(Allowed(Layers()[2], "src/main.cc", "tools/demo/demo_command.h"));
}

}  // namespace
}  // namespace xk
