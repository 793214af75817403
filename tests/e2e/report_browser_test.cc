// report.html in a real browser (Debian's headless Chromium, installed by tools/setup.sh): no
// script errors, and every filter value shows exactly the findings it names.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>

#include "tests/e2e/e2e_util.h"
#include "tools/demo/demo_archive.h"

namespace xk {
namespace {

namespace fs = std::filesystem;

std::string DumpDom(const fs::path& html, const std::string& fragment) {
  fs::path profile = e2e::FreshDir("chromium-profile");
  std::string command =
      "chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking "
      "--disable-component-update --disable-sync --user-data-dir='" +
      profile.string() + "' --virtual-time-budget=5000 --dump-dom 'file://" + html.string() + fragment +
      "' 2>/dev/null";
  std::string dom;
  if (FILE* pipe = ::popen(command.c_str(), "r")) {
    char buffer[65536];
    size_t n;
    while ((n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) dom.append(buffer, n);
    ::pclose(pipe);
  }
  fs::remove_all(profile);
  return dom;
}

TEST(ReportInBrowser, FiltersWorkAndNoScriptErrors) {
  if (::access("/usr/bin/chromium", X_OK) != 0)
    GTEST_SKIP() << "chromium is not installed (tools/setup.sh installs it)";
  fs::path dir = e2e::FreshDir("browser");
  DemoScale scale;
  scale.video = false;
  WriteDemoArchive(dir / "archive", scale, 11);
  for (const char* lang : {"zh", "en"}) {
    fs::path out = dir / lang;
    auto run = e2e::RunXunkao("audit '" + (dir / "archive").string() + "' --out '" + out.string() + "' --lang " + lang);
    ASSERT_EQ(run.exit_code, 0) << run.output;
    std::string dom = DumpDom(out / "report.html", "#selftest");
    ASSERT_FALSE(dom.empty()) << "chromium printed nothing";
    EXPECT_NE(dom.find("data-selftest=\"ok\""), std::string::npos) << dom.substr(0, 2000);
    EXPECT_EQ(dom.find("data-errors="), std::string::npos) << "script errors in the report";
  }
  EXPECT_NE(e2e::ReadFile(dir / "en/report.html").find("Findings, per institution"), std::string::npos);
}

}  // namespace
}  // namespace xk
