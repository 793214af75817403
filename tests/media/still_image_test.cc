// Stills and timeline pictures as files: PNG comes back pixel for pixel, JPEG close to the picture
// and readable as a baseline JFIF file, odd sizes work, and bytes that are no picture (or claim a
// huge one) give an empty picture instead of a crash or an allocation.
#include "src/media/still_image.h"

#include <gtest/gtest.h>

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>
#include <string>

namespace xk {
namespace {

// A picture with edges, gradients and text, of an odd size (4:2:0 chroma needs rounding).
cv::Mat TestPicture(int width, int height) {
  cv::Mat picture(height, width, CV_8UC3);
  for (int y = 0; y < height; ++y) {
    for (int x = 0; x < width; ++x) {
      picture.at<cv::Vec3b>(y, x) = cv::Vec3b(static_cast<uchar>(x * 255 / width), static_cast<uchar>(y * 255 / height),
                                              static_cast<uchar>((x + y) % 256));
    }
  }
  cv::rectangle(picture, {10, 10}, {width / 2, height / 2}, {0, 0, 255}, cv::FILLED);
  cv::putText(picture, "2022-04-15 09:00", {12, height - 12}, cv::FONT_HERSHEY_SIMPLEX, 0.6, {255, 255, 255}, 1);
  return picture;
}

TEST(StillImage, PngComesBackPixelForPixel) {
  const cv::Mat picture = TestPicture(301, 157);
  const std::string png = EncodePng(picture);
  ASSERT_GT(png.size(), 8u);
  EXPECT_EQ(png.substr(0, 8), std::string("\x89PNG\r\n\x1a\n", 8));
  const cv::Mat back = DecodeImage(png);
  ASSERT_EQ(back.size(), picture.size());
  EXPECT_EQ(cv::norm(back, picture, cv::NORM_INF), 0.0);
  EXPECT_EQ(EncodePng(picture), png) << "the same picture gives the same bytes";
}

TEST(StillImage, JpegIsABaselineJfifCloseToThePicture) {
  const cv::Mat picture = TestPicture(641, 361);
  const std::string jpeg = EncodeJpeg(picture, 90);
  ASSERT_GT(jpeg.size(), 4u);
  EXPECT_EQ(jpeg.substr(0, 2), std::string("\xff\xd8", 2));
  EXPECT_EQ(jpeg.substr(jpeg.size() - 2), std::string("\xff\xd9", 2));
  EXPECT_NE(jpeg.find(std::string("\xff\xc0", 2)), std::string::npos) << "baseline (SOF0), not progressive";
  const cv::Mat back = DecodeImage(jpeg);
  ASSERT_EQ(back.size(), picture.size());
  cv::Mat difference;
  cv::absdiff(back, picture, difference);
  const cv::Scalar mean = cv::mean(difference);
  EXPECT_LT((mean[0] + mean[1] + mean[2]) / 3, 6.0) << "quality 90 stays close to the picture";
  EXPECT_LT(EncodeJpeg(picture, 30).size(), jpeg.size()) << "a lower quality makes a smaller file";
}

TEST(StillImage, NoPictureGivesNothing) {
  EXPECT_EQ(EncodePng(cv::Mat()), "");
  EXPECT_EQ(EncodeJpeg(cv::Mat(4, 4, CV_8UC1, cv::Scalar(0)), 90), "") << "only BGR pictures";
  EXPECT_TRUE(DecodeImage("").empty());
  EXPECT_TRUE(DecodeImage("not a picture at all").empty());
  std::string cut = EncodePng(TestPicture(64, 64));
  cut.resize(cut.size() / 2);
  EXPECT_TRUE(DecodeImage(cut).empty()) << "half a PNG";
}

TEST(StillImage, AHeaderClaimingAHugePictureIsRefusedBeforeDecoding) {
  std::string png = EncodePng(TestPicture(16, 16));
  // IHDR's width and height (bytes 16..23) say 9000 x 9000 (81 megapixels); the checksum is left wrong too.
  const std::string huge("\x00\x00\x23\x28\x00\x00\x23\x28", 8);
  png.replace(16, 8, huge);
  EXPECT_TRUE(DecodeImage(png).empty());
}

}  // namespace
}  // namespace xk
