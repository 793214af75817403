// The synthetic CCTV generator: deterministic output, and pictures that mean what the script
// says (black is black to FFmpeg's blackdetect, frozen is frozen, a dark or empty room is
// neither), checked on the drawn pictures and, when ffmpeg is installed, on the encoded file.
#include "tools/demo/cctv_video.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <opencv2/imgproc.hpp>
#include <optional>
#include <utility>
#include <vector>

#include "tests/media/media_samples.h"

namespace xk {
namespace {

// Share of pixels whose limited-range luma is above blackdetect's default pixel threshold
// (0.10 of 16..235, i.e. 37.9).
double ShareAboveBlack(const cv::Mat& bgr) {
  cv::Mat gray;
  cv::cvtColor(bgr, gray, cv::COLOR_BGR2GRAY);
  cv::Mat studio;
  gray.convertTo(studio, CV_32F, 219.0 / 255.0, 16);
  return cv::countNonZero(studio > 16 + 0.10 * 219) / static_cast<double>(gray.total());
}

// Pixels that differ by more than sensor noise can make (any channel over 60 levels).
int ChangedPixels(const cv::Mat& a, const cv::Mat& b) {
  cv::Mat difference;
  cv::absdiff(a, b, difference);
  cv::Mat largest = difference.reshape(1, static_cast<int>(difference.total()));
  cv::reduce(largest, largest, 1, cv::REDUCE_MAX);
  return cv::countNonZero(largest > 60);
}

double MeanAbsoluteDifference(const cv::Mat& a, const cv::Mat& b) {
  cv::Mat difference;
  cv::absdiff(a, b, difference);
  cv::Scalar mean = cv::mean(difference);
  return (mean[0] + mean[1] + mean[2]) / 3;
}

TEST(CctvVideo, SameScriptGivesTheSameBytes) {
  for (const char* container : {"mp4", "mpegps", "matroska"}) {
    CctvScript script = SampleScript("short.mp4");
    script.container = container;
    script.duration_s = 8;
    script.black = {{2, 3}};
    script.frozen = {{4, 5}};
    script.holes = {{6, 6.5}};
    const std::string first = ScratchPath(std::string("first.") + container);
    const std::string second = ScratchPath(std::string("second.") + container);
    ASSERT_EQ(WriteCctvVideo(first, script), "");
    ASSERT_EQ(WriteCctvVideo(second, script), "");
    const std::string bytes = ReadFileBytes(first);
    EXPECT_GT(bytes.size(), 10000u) << container;
    EXPECT_TRUE(bytes == ReadFileBytes(second)) << container << " output differs between two runs";

    script.seed = 2;
    const std::string other = ScratchPath(std::string("other.") + container);
    ASSERT_EQ(WriteCctvVideo(other, script), "");
    EXPECT_FALSE(bytes == ReadFileBytes(other)) << container << ": the seed changes nothing";
  }
}

TEST(CctvVideo, RejectsScriptsItCannotEncode) {
  CctvScript script;
  script.container = "avi";
  EXPECT_NE(WriteCctvVideo(ScratchPath("x.avi"), script).find("unknown container"), std::string::npos);
  script = CctvScript();
  script.width = 321;
  EXPECT_NE(WriteCctvVideo(ScratchPath("odd.mp4"), script), "");
  script = CctvScript();
  script.codec = "vp9";
  EXPECT_NE(WriteCctvVideo(ScratchPath("vp9.mp4"), script).find("vp9"), std::string::npos);
  const std::string unwritable = ScratchPath("no_such_dir") + "/x.mp4";
  EXPECT_NE(WriteCctvVideo(unwritable, CctvScript()).find(unwritable), std::string::npos);
}

TEST(CctvVideo, UsesTheX264AndX265Encoders) {
  EXPECT_EQ(CctvEncoderName("h264"), "libx264");
  EXPECT_EQ(CctvEncoderName("hevc"), "libx265");
}

TEST(CctvVideo, OsdClockAdvancesWithTimeAndPeopleMove) {
  CctvScript script = SampleScript("short.mp4");
  const cv::Mat first = DrawCctvFrame(script, 0);
  ASSERT_EQ(first.cols, 320);
  ASSERT_EQ(first.rows, 180);
  ASSERT_EQ(first.type(), CV_8UC3);
  // Within the same second the clock region changes by sensor noise only; a second later
  // the last digit has changed (white strokes where there was a dark rim, and back).
  const cv::Rect clock(0, 0, 160, 22);
  EXPECT_EQ(ChangedPixels(first(clock), DrawCctvFrame(script, 5)(clock)), 0);
  EXPECT_GT(ChangedPixels(first(clock), DrawCctvFrame(script, 10)(clock)), 20);
  EXPECT_EQ(ChangedPixels(first(clock), DrawCctvFrame(script, 9)(clock)), 0);
  // The figures walk: away from the OSD the picture changes more than noise does.
  const cv::Rect room(0, 30, 320, 120);
  CctvScript empty = script;
  empty.static_scene = true;
  const double noise_only = MeanAbsoluteDifference(DrawCctvFrame(empty, 0)(room), DrawCctvFrame(empty, 50)(room));
  EXPECT_GT(MeanAbsoluteDifference(first(room), DrawCctvFrame(script, 50)(room)), noise_only + 1);
}

TEST(CctvVideo, DrawnPicturesMatchTheScript) {
  CctvScript script = SampleScript("short.mp4");
  script.black = {{2, 4}};
  script.frozen = {{6, 8}};
  // Covered lens: blackdetect's picture threshold 0.98 holds even with the OSD burned in.
  EXPECT_LT(ShareAboveBlack(DrawCctvFrame(script, 30)), 0.02);
  EXPECT_GT(ShareAboveBlack(DrawCctvFrame(script, 10)), 0.9);
  // Frozen: every frame of the span is the last frame before it, bit for bit (clock too).
  const cv::Mat before = DrawCctvFrame(script, 59);
  for (int64_t index : {60, 65, 79}) {
    EXPECT_EQ(cv::norm(before, DrawCctvFrame(script, index), cv::NORM_INF), 0) << index;
  }
  EXPECT_GT(cv::norm(before, DrawCctvFrame(script, 80), cv::NORM_INF), 0);
  // A dark room is dim but far from black; an empty room still has sensor noise.
  CctvScript dark = script;
  dark.black.clear();
  dark.dark_room = true;
  const cv::Mat dim = DrawCctvFrame(dark, 10);
  EXPECT_LT(cv::mean(dim)[1], 90);
  EXPECT_GT(ShareAboveBlack(dim), 0.5);
  CctvScript empty = script;
  empty.static_scene = true;
  EXPECT_GT(MeanAbsoluteDifference(DrawCctvFrame(empty, 0), DrawCctvFrame(empty, 1)), 1.5);
}

// Runs a command and returns what it printed (stdout and stderr), or nullopt without ffmpeg.
std::optional<std::string> FfmpegLog(const std::string& arguments) {
  if (std::system("ffmpeg -version >/dev/null 2>&1") != 0) return std::nullopt;
  std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(("ffmpeg " + arguments + " 2>&1").c_str(), "r"), pclose);
  if (pipe == nullptr) return std::nullopt;
  std::string output;
  char buffer[4096];
  while (size_t got = fread(buffer, 1, sizeof(buffer), pipe.get())) output.append(buffer, got);
  return output;
}

struct FfmpegStretches {
  std::vector<std::pair<double, double>> black;
  std::vector<double> freeze_starts;
  std::vector<double> freeze_ends;
};

// The numbers that follow each occurrence of `key` in `text`.
std::vector<double> NumbersAfter(const std::string& text, const std::string& key) {
  std::vector<double> numbers;
  for (size_t at = text.find(key); at != std::string::npos; at = text.find(key, at + 1)) {
    numbers.push_back(std::atof(text.c_str() + at + key.size()));
  }
  return numbers;
}

// FFmpeg's own blackdetect and freezedetect, with the defaults domain.md quotes.
std::optional<FfmpegStretches> DetectWithFfmpeg(const std::string& path) {
  std::optional<std::string> log = FfmpegLog("-hide_banner -nostats -i '" + path +
                                             "' -vf blackdetect=d=2:pic_th=0.98:pix_th=0.10,freezedetect=n=0.001:d=2,"
                                             "metadata=mode=print:file=- -an -f null -");
  if (!log) return std::nullopt;
  FfmpegStretches detected;
  std::vector<double> black_starts = NumbersAfter(*log, "black_start:");
  std::vector<double> black_ends = NumbersAfter(*log, "black_end:");
  for (size_t i = 0; i < black_starts.size() && i < black_ends.size(); ++i) {
    detected.black.emplace_back(black_starts[i], black_ends[i]);
  }
  detected.freeze_starts = NumbersAfter(*log, "freezedetect.freeze_start=");
  detected.freeze_ends = NumbersAfter(*log, "freezedetect.freeze_end=");
  return detected;
}

TEST(CctvVideo, FfmpegSeesTheBlackAndFrozenSpansAndNothingElse) {
  CctvScript script = SampleScript("short.mp4");
  script.duration_s = 30;
  script.black = {{5, 12}};
  script.frozen = {{18, 25}};
  const std::string path = ScratchPath("black_frozen.mp4");
  ASSERT_EQ(WriteCctvVideo(path, script), "");
  std::optional<FfmpegStretches> detected = DetectWithFfmpeg(path);
  if (!detected) GTEST_SKIP() << "ffmpeg is not installed";
  ASSERT_EQ(detected->black.size(), 1u);
  EXPECT_NEAR(detected->black[0].first, 5, 0.15);
  EXPECT_NEAR(detected->black[0].second, 12, 0.15);
  ASSERT_EQ(detected->freeze_starts.size(), 1u);
  ASSERT_EQ(detected->freeze_ends.size(), 1u);
  // The frozen span repeats the frame at 17.9 s, so the freeze starts there.
  EXPECT_NEAR(detected->freeze_starts[0], 17.9, 0.15);
  EXPECT_NEAR(detected->freeze_ends[0], 25, 0.15);
}

TEST(CctvVideo, FfmpegFindsADarkEmptyRoomNeitherBlackNorFrozen) {
  CctvScript script = SampleScript("short.mp4");
  script.duration_s = 15;
  script.dark_room = true;
  script.static_scene = true;
  const std::string path = ScratchPath("dark_empty.mp4");
  ASSERT_EQ(WriteCctvVideo(path, script), "");
  std::optional<FfmpegStretches> detected = DetectWithFfmpeg(path);
  if (!detected) GTEST_SKIP() << "ffmpeg is not installed";
  EXPECT_TRUE(detected->black.empty());
  EXPECT_TRUE(detected->freeze_starts.empty());
}

}  // namespace
}  // namespace xk
