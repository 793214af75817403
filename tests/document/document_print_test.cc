// The documents as an officer prints them: every .docx converted to PDF by LibreOffice (headless,
// its own profile, a timeout) is A4 and its text (pdftotext) holds the unit, the inspectors and
// each finding's rule; the HTML in headless Chromium is a non-blank A4 sheet with blank margins,
// and prints to an A4 PDF. Skipped when soffice or chromium is not installed (tools/setup.sh
// installs both).
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include "src/media/still_image.h"
#include "tests/document/document_world.h"
#include "tests/e2e/e2e_util.h"

namespace xk {
namespace {

namespace fs = std::filesystem;
using doctest::Quote;

constexpr int kConvertSeconds = 300;  // soffice's first start in a fresh profile takes a while
constexpr int kBrowserSeconds = 120;

// The page size line of `pdfinfo`, e.g. "Page size:      595.276 x 841.89 pts (A4)".
std::string PageSize(const fs::path& pdf) {
  std::string output;
  doctest::RunShell("pdfinfo " + Quote(pdf.string()), 60, &output);
  const size_t at = output.find("Page size:");
  return at == std::string::npos ? output : output.substr(at, output.find('\n', at) - at);
}

std::string PdfText(const fs::path& pdf) {
  std::string text;
  const int status = doctest::RunShell("pdftotext -enc UTF-8 " + Quote(pdf.string()) + " -", 60, &text);
  EXPECT_EQ(status, 0) << text;
  return doctest::WithoutSpace(text);
}

TEST(DocumentPdf, EveryDocxConvertsToAnA4PdfHoldingTheUnitTheInspectorsAndTheRules) {
  if (::access("/usr/bin/soffice", X_OK) != 0 || ::access("/usr/bin/pdftotext", X_OK) != 0) {
    GTEST_SKIP() << "soffice or pdftotext is not installed (tools/setup.sh installs them)";
  }
  const doctest::World world = doctest::MakeWorld("pdf");
  std::vector<fs::path> documents;
  for (const char* kind : {"inspection-record", "rectification-order", "recheck-opinion"}) {
    const doctest::Outcome outcome = doctest::RunDocument(doctest::Options(world, kind, "PX01"));
    ASSERT_EQ(outcome.exit_code, 0) << outcome.err;
    documents.push_back(world.dir / "out" / (std::string("PX01-") + kind + ".docx"));
  }
  ASSERT_EQ(doctest::RunDocument(doctest::Options(world, "inspection-record", "PX02")).exit_code, 0);
  documents.push_back(world.dir / "out/PX02-inspection-record.docx");

  // Its own profile, so that tests running at once do not share (and lock) one.
  const fs::path profile = world.dir / "soffice-profile";
  const fs::path pdfs = world.dir / "pdf";
  std::string command = "soffice -env:UserInstallation=file://" + Quote(profile.string()) +
                        " --headless --norestore --convert-to pdf --outdir " + Quote(pdfs.string());
  for (const fs::path& document : documents) command += " " + Quote(document.string());
  std::string output;
  const int status = doctest::RunShell(command, kConvertSeconds, &output);
  ASSERT_EQ(status, 0) << (status == 124 ? "soffice timed out\n" : "") << output;

  struct Expected {
    std::string pdf;
    std::vector<std::string> texts;
    std::vector<std::string> absent;
  };
  const std::vector<Expected> expected = {
      {"PX01-inspection-record.pdf",
       {"现场检查记录", "市安全培训中心", "长春市朝阳区人民大街100号", "张建国", "赵强", "JZ-0033", "周杰", "JZ-0055",
        "TRN-HOURS-SHORT", "TRN-PROXY-SIGNIN", "被检查单位现场负责人（签名）"},
       {}},
      {"PX01-rectification-order.pdf",
       {"责令限期整改指令书", "市安全培训中心", "赵强", "JZ-0033", "周杰", "JZ-0055", "TRN-HOURS-SHORT",
        "于2022年11月30日前整改完毕", "60日内", "6个月内"},
       {"TRN-PROXY-SIGNIN"}},
      {"PX01-recheck-opinion.pdf",
       {"整改复查意见书", "市安全培训中心", "经对你单位整改情况进行复查，提出如下意见", "赵强", "JZ-0033",
        "TRN-HOURS-SHORT", "复查结论：合格", "0123456789abcdef"},
       {}},
      {"PX02-inspection-record.pdf",
       {doctest::WithoutSpace(doctest::kHostileNameShown), "王明", "JZ-0011", "李华", "JZ-0022",
        "TRN-ATTENDANCE-SHORT"},
       {}},
  };
  for (const Expected& each : expected) {
    const fs::path pdf = pdfs / each.pdf;
    ASSERT_TRUE(fs::exists(pdf)) << each.pdf << " was not written\n" << output;
    EXPECT_NE(PageSize(pdf).find("(A4)"), std::string::npos) << each.pdf << ": " << PageSize(pdf);
    const std::string text = PdfText(pdf);
    for (const std::string& wanted : each.texts) {
      EXPECT_NE(text.find(doctest::WithoutSpace(wanted)), std::string::npos) << each.pdf << " lacks " << wanted << "\n"
                                                                             << text;
    }
    for (const std::string& unwanted : each.absent) {
      EXPECT_EQ(text.find(unwanted), std::string::npos) << each.pdf << " holds " << unwanted;
    }
  }
  fs::remove_all(profile);
}

// Chromium, headless, in a profile of its own; `arguments` choose what it writes.
int RunChromium(const fs::path& profile, const std::string& arguments, const fs::path& html, std::string* output) {
  return doctest::RunShell(
      "chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run "
      "--disable-background-networking --disable-component-update --disable-sync --user-data-dir=" +
          Quote(profile.string()) + " " + arguments + " " + Quote("file://" + html.string()),
      kBrowserSeconds, output);
}

TEST(DocumentBrowser, TheHtmlIsANonBlankA4SheetAndPrintsOnA4) {
  if (::access("/usr/bin/chromium", X_OK) != 0)
    GTEST_SKIP() << "chromium is not installed (tools/setup.sh installs it)";
  const doctest::World world = doctest::MakeWorld("browser");
  ASSERT_EQ(doctest::RunDocument(doctest::Options(world, "inspection-record", "PX01")).exit_code, 0);
  const fs::path html = world.dir / "out/PX01-inspection-record.html";

  // A4 at 96 dpi: 210 x 297 mm = 794 x 1123 px, the sheet's own size on screen.
  const fs::path png = world.dir / "record.png";
  std::string output;
  RunChromium(world.dir / "chromium-profile",
              "--hide-scrollbars --window-size=794,1123 --screenshot=" + Quote(png.string()), html, &output);
  cv::Mat image;
  const cv::Mat colour = DecodeImage(e2e::ReadFile(png));
  if (!colour.empty()) cv::cvtColor(colour, image, cv::COLOR_BGR2GRAY);
  ASSERT_FALSE(image.empty()) << "no screenshot\n" << output;
  EXPECT_NEAR(static_cast<double>(image.rows) / image.cols, 297.0 / 210.0, 0.01) << image.cols << "x" << image.rows;
  cv::Mat ink;
  cv::threshold(image, ink, 160, 255, cv::THRESH_BINARY_INV);  // dark pixels: text and lines
  const double inked = static_cast<double>(cv::countNonZero(ink)) / (image.rows * image.cols);
  EXPECT_GT(inked, 0.01) << "the page is blank";
  EXPECT_LT(inked, 0.30) << "the page is mostly dark";
  // The margins are paper: left 28 mm (about 105 px) and top 37 mm (about 139 px), less a little.
  const int left = image.cols * 24 / 210, top = image.rows * 33 / 297;
  EXPECT_EQ(cv::countNonZero(ink(cv::Rect(0, 0, left, image.rows))), 0) << "ink in the left margin";
  EXPECT_EQ(cv::countNonZero(ink(cv::Rect(0, 0, image.cols, top))), 0) << "ink in the top margin";
  // Text runs across the text area, not in a narrow column.
  const int text_right = image.cols * (210 - 26) / 210;
  EXPECT_GT(cv::countNonZero(ink(cv::Rect(image.cols / 2, top, text_right - image.cols / 2, image.rows / 2))), 0);

  const fs::path pdf = world.dir / "record-chromium.pdf";
  RunChromium(world.dir / "chromium-profile-print", "--no-pdf-header-footer --print-to-pdf=" + Quote(pdf.string()),
              html, &output);
  ASSERT_TRUE(fs::exists(pdf)) << output;
  if (::access("/usr/bin/pdfinfo", X_OK) == 0) {
    EXPECT_NE(PageSize(pdf).find("(A4)"), std::string::npos) << PageSize(pdf);
  }
  fs::remove_all(world.dir / "chromium-profile");
  fs::remove_all(world.dir / "chromium-profile-print");
}

}  // namespace
}  // namespace xk
