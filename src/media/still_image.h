// Pictures as files: a BGR picture drawn with OpenCV (a timeline, a still with its caption) encoded
// as PNG or JPEG with libavcodec's own image encoders, and an image file decoded back into a BGR
// picture. libav does all codec work; OpenCV's imgcodecs module is not linked, because it pulls in
// about ninety shared libraries (GDAL and its kin) that every process start would pay for, the
// analysis workers included.
#pragma once

#include <opencv2/core/mat.hpp>
#include <string>
#include <string_view>

namespace xk {

// The PNG file of an 8-bit BGR picture (CV_8UC3), lossless. "" when the picture is empty or not
// CV_8UC3, or libav refuses it.
std::string EncodePng(const cv::Mat& bgr);

// The baseline JPEG file of an 8-bit BGR picture at `quality` (1 worst .. 100 best, as for
// libjpeg). "" when the picture is empty or not CV_8UC3, or libav refuses it.
std::string EncodeJpeg(const cv::Mat& bgr, int quality);

// The BGR picture (CV_8UC3) of a PNG or JPEG file's bytes; empty when the bytes are neither or
// cannot be decoded. Pictures over 64 megapixels are refused (empty) before any pixel is decoded.
cv::Mat DecodeImage(std::string_view bytes);

}  // namespace xk
