// The operator's kit installs into a root folder: the binary, the settings, the timer or cron.
#include <gtest/gtest.h>

#include <cstdlib>

#include "tests/e2e/e2e_util.h"

namespace xk {
namespace {

namespace fs = std::filesystem;

TEST(InstallNightly, SystemdAndCronKitsInstallUnderARoot) {
  fs::path root = e2e::FreshDir("install");
  std::string script = std::string(XUNKAO_SOURCE_DIR) + "/tools/install-nightly.sh";
  std::string common = "bash '" + script + "' --binary '" + XUNKAO_BINARY + "' --root '";
  ASSERT_EQ(std::system((common + (root / "sd").string() + "' >/dev/null").c_str()), 0);
  EXPECT_TRUE(fs::exists(root / "sd/usr/local/bin/xunkao"));
  EXPECT_TRUE(fs::exists(root / "sd/etc/default/xunkao"));
  std::string service = e2e::ReadFile(root / "sd/etc/systemd/system/xunkao-nightly.service");
  EXPECT_NE(service.find("xunkao audit"), std::string::npos);
  EXPECT_NE(e2e::ReadFile(root / "sd/etc/systemd/system/xunkao-nightly.timer").find("OnCalendar"), std::string::npos);
  ASSERT_EQ(std::system((common + (root / "cron").string() + "' --cron >/dev/null").c_str()), 0);
  EXPECT_NE(e2e::ReadFile(root / "cron/etc/cron.d/xunkao").find("xunkao audit"), std::string::npos);
  // The installed binary runs.
  EXPECT_EQ(std::system(("'" + (root / "sd/usr/local/bin/xunkao").string() + "' --version >/dev/null").c_str()), 0);
}

}  // namespace
}  // namespace xk
