// The operator's kit installs into a root folder: the binary, the settings, the timer or cron. The
// audit of hostile files runs as the unprivileged user xunkao, sandboxed by systemd: the archive
// read-only, only the output folder writable, no network.
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "tests/e2e/e2e_util.h"

namespace xk {
namespace {

namespace fs = std::filesystem;

// Runs tools/install-nightly.sh into `root` with `options` (already shell-quoted); true on exit 0.
bool InstallKit(const fs::path& root, const std::string& options = "") {
  const std::string command = "bash '" + std::string(XUNKAO_SOURCE_DIR) + "/tools/install-nightly.sh' --binary '" +
                              XUNKAO_BINARY + "' --root '" + root.string() + "' " + options + " >/dev/null";
  return std::system(command.c_str()) == 0;
}

// Settings an operator wrote before installing (the installer keeps them): not the defaults, so
// the sandbox's paths visibly come from this file.
void WriteSettings(const fs::path& root) {
  fs::create_directories(root / "etc/default");
  std::ofstream(root / "etc/default/xunkao") << "XUNKAO_ARCHIVE=/data/培训档案\n"
                                                "XUNKAO_OUT=/data/xunkao-out/\n"
                                                "XUNKAO_FAIL_ON=high\n";
}

// The lines of `text` that are neither empty nor comments, each trimmed.
std::vector<std::string> SettingLines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream stream(text);
  for (std::string line; std::getline(stream, line);) {
    const size_t start = line.find_first_not_of(" \t");
    if (start == std::string::npos || line[start] == '#') continue;
    lines.push_back(line.substr(start, line.find_last_not_of(" \t\r") + 1 - start));
  }
  return lines;
}

bool HasSetting(const std::string& unit_text, const std::string& setting) {
  for (const auto& line : SettingLines(unit_text))
    if (line == setting) return true;
  return false;
}

std::string RunCommand(const std::string& command) {
  std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen((command + " 2>&1").c_str(), "r"), pclose);
  std::string output;
  if (pipe == nullptr) return output;
  char buffer[4096];
  while (size_t got = fread(buffer, 1, sizeof(buffer), pipe.get())) output.append(buffer, got);
  return output;
}

TEST(InstallNightly, SystemdAndCronKitsInstallUnderARoot) {
  fs::path root = e2e::FreshDir("install");
  ASSERT_TRUE(InstallKit(root / "sd"));
  EXPECT_TRUE(fs::exists(root / "sd/usr/local/bin/xunkao"));
  EXPECT_TRUE(fs::exists(root / "sd/etc/default/xunkao"));
  std::string service = e2e::ReadFile(root / "sd/etc/systemd/system/xunkao-nightly.service");
  EXPECT_NE(service.find("xunkao audit"), std::string::npos);
  EXPECT_NE(e2e::ReadFile(root / "sd/etc/systemd/system/xunkao-nightly.timer").find("OnCalendar"), std::string::npos);
  ASSERT_TRUE(InstallKit(root / "cron", "--cron"));
  EXPECT_NE(e2e::ReadFile(root / "cron/etc/cron.d/xunkao").find("xunkao audit"), std::string::npos);
  // The installed binary runs.
  EXPECT_EQ(std::system(("'" + (root / "sd/usr/local/bin/xunkao").string() + "' --version >/dev/null").c_str()), 0);
}

TEST(InstallNightly, ServiceRunsUnprivilegedWithTheArchiveReadOnlyAndNoNetwork) {
  fs::path root = e2e::FreshDir("sandbox");
  WriteSettings(root);
  ASSERT_TRUE(InstallKit(root));
  const std::string service = e2e::ReadFile(root / "etc/systemd/system/xunkao-nightly.service");
  for (const char* setting : {"User=xunkao", "Group=xunkao", "NoNewPrivileges=yes", "PrivateNetwork=yes",
                              "ProtectSystem=strict", "CapabilityBoundingSet=", "MemoryMax=3G"})
    EXPECT_TRUE(HasSetting(service, setting)) << setting;
  // The paths come from /etc/default/xunkao through the drop-in: the archive read-only (a missing
  // one is the audit's to report), the output folder, which holds the database, writable.
  const std::string paths = e2e::ReadFile(root / "etc/systemd/system/xunkao-nightly.service.d/paths.conf");
  EXPECT_TRUE(HasSetting(paths, "ReadOnlyPaths=\"-/data/培训档案\"")) << paths;
  EXPECT_TRUE(HasSetting(paths, "ReadWritePaths=\"/data/xunkao-out\"")) << paths;
  EXPECT_TRUE(HasSetting(paths, "ProtectHome=yes")) << paths;
  // --root makes no output folder (nor a user): that is for a real install.
  EXPECT_FALSE(fs::exists(root / "data"));
}

TEST(InstallNightly, AnArchiveUnderHomeStaysReadable) {
  fs::path root = e2e::FreshDir("home");
  fs::create_directories(root / "etc/default");
  std::ofstream(root / "etc/default/xunkao") << "XUNKAO_ARCHIVE=/home/officer/archive\nXUNKAO_OUT=/srv/xunkao/out\n";
  ASSERT_TRUE(InstallKit(root));
  const std::string paths = e2e::ReadFile(root / "etc/systemd/system/xunkao-nightly.service.d/paths.conf");
  EXPECT_TRUE(HasSetting(paths, "ProtectHome=read-only")) << paths;
}

TEST(InstallNightly, RefusesAnOutputFolderInsideTheArchive) {
  fs::path root = e2e::FreshDir("nested");
  fs::create_directories(root / "etc/default");
  std::ofstream(root / "etc/default/xunkao") << "XUNKAO_ARCHIVE=/srv/archive\nXUNKAO_OUT=/srv/archive/out\n";
  EXPECT_FALSE(InstallKit(root, "2>/dev/null"));
}

TEST(InstallNightly, CronLineRunsAsXunkao) {
  fs::path root = e2e::FreshDir("cron-user");
  ASSERT_TRUE(InstallKit(root, "--cron"));
  const auto lines = SettingLines(e2e::ReadFile(root / "etc/cron.d/xunkao"));
  ASSERT_EQ(lines.size(), 1u);
  // /etc/cron.d: minute hour day month weekday user command.
  std::istringstream fields(lines[0]);
  std::string field;
  for (int i = 0; i < 6; ++i) fields >> field;
  EXPECT_EQ(field, "xunkao") << lines[0];
  EXPECT_NE(lines[0].find("| logger -t xunkao"), std::string::npos) << lines[0];
}

TEST(InstallNightly, SystemdAnalyzeRatesTheServiceSafe) {
  if (std::system("command -v systemd-analyze >/dev/null 2>&1") != 0) GTEST_SKIP() << "no systemd-analyze";
  fs::path root = e2e::FreshDir("analyze");
  ASSERT_TRUE(InstallKit(root));
  // --root reads the unit and its drop-in from the installed tree.
  const std::string report =
      RunCommand("systemd-analyze security --offline=true --root='" + root.string() + "' xunkao-nightly.service");
  const std::string marker = "Overall exposure level for xunkao-nightly.service: ";
  const size_t at = report.find(marker);
  ASSERT_NE(at, std::string::npos) << report;
  const double exposure = std::strtod(report.c_str() + at + marker.size(), nullptr);
  EXPECT_LT(exposure, 5.0) << report;
}

}  // namespace
}  // namespace xk
