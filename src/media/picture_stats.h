// The statistics of one decoded picture that the picture rules need (records/media_facts.h
// PictureSample), measured the way FFmpeg's blackdetect and freezedetect measure a whole frame
// but at a fraction of the cost:
//
//  - black_ratio, mean_luma and the frame difference are taken on a fixed grid of single pixels
//    (at most kGridColumns x kGridRows cells, one pixel picked in each cell at a fixed
//    pseudo-random place). The pixels are not averaged, so sensor noise and thin OSD text keep
//    their full strength and share, and the grid's statistics estimate the full frame's
//    (standard error about 0.1 % of the pixels for the black share, a hundredth of a level for
//    the difference). Averaging pixels first (a thumbnail) would hide noise: a noisy static
//    1080p room would look frozen, and OSD text on a covered lens would look less black.
//  - black pixel: luma <= blackdetect's level, 16 + pix_th * (235 - 16) on limited-range
//    (TV) video and pix_th * 255 on full-range (JPEG, yuvj*) video, truncated to an integer as
//    blackdetect does (pix_th 0.10: level 37, resp. 25).
//  - frame difference: freezedetect's MAFD, the mean absolute difference of all planes (luma
//    and chroma, each pixel of each plane weighing the same) divided by 256.
//  - motion: the share of the picture that moved since the previous picture beyond the noise
//    (the empty-room rule; src/media/motion_measure.h).
//  - fingerprint: a 64-bit DCT perceptual hash of a 32x32 block-averaged thumbnail of the
//    luma (the 8x8 lowest frequencies against their median), for finding the same footage
//    again.
//
// Pure computation on 8-bit planes: no libav; tests feed it cv::Mat pictures.
#pragma once

#include <cstdint>
#include <opencv2/core.hpp>
#include <vector>

#include "records/media_facts.h"
#include "src/media/motion_measure.h"

namespace xk {

// One 8-bit picture plane (not owned).
struct PlaneView {
  const uint8_t* data = nullptr;
  int linesize = 0;  // bytes from one row to the next
  int width = 0;
  int height = 0;
};

// An 8-bit planar Y'CbCr (or gray) picture as a decoder gives it.
struct PictureView {
  PlaneView luma;
  PlaneView chroma[2];      // Cb, Cr; unused when chroma_planes is 0 (gray)
  int chroma_planes = 0;    // 0 or 2
  bool full_range = false;  // JPEG range (0-255) rather than TV range (16-235)
};

// The grid's largest size, in cells. Pictures smaller than this are measured at every pixel.
constexpr int kGridColumns = 160;
constexpr int kGridRows = 90;

// blackdetect's black pixel level for pix_th `pixel_threshold` (0..1).
int BlackPixelLevel(double pixel_threshold, bool full_range);

// A picture's size as the measure compares it: pictures of different sizes are not compared.
struct PictureSize {
  int width = 0, height = 0, chroma_planes = 0, chroma_width = 0, chroma_height = 0;
  bool operator==(const PictureSize&) const = default;
};

// What the measure takes of one picture, from its pixels alone: the grid's pixels, the black
// share and mean, the fingerprint and the motion measure's reduced picture. A picture's extract
// needs no other picture, so it may be taken on the thread that decoded it (a keyframe thread);
// PictureMeasurer compares extracts in file order. About 100 KB for any picture of 320 x 180 or more.
struct PictureExtract {
  bool empty = true;  // no picture (no luma data or no size): the sample has only its time
  PictureSize size;
  std::vector<uint8_t> grid;      // the grid's pixels, planes one after another
  size_t cells[3] = {0, 0, 0};    // grid pixels per plane
  double weights[3] = {0, 0, 0};  // the planes' pixel counts (freezedetect's weighting)
  float black_ratio = 0;
  float mean_luma = 0;
  uint64_t fingerprint = 0;
  cv::Mat motion;  // MotionMeasurer::Reduce of the luma
};

// Takes extracts of pictures (of any number of files; one thread at a time).
class PictureExtractor {
 public:
  // `black_pixel_threshold`: blackdetect's pix_th (AuditPolicy::black_pixel_threshold).
  explicit PictureExtractor(double black_pixel_threshold);

  PictureExtract Extract(const PictureView& picture);

 private:
  struct PlaneGrid {
    std::vector<int32_t> offsets;  // byte offsets of the grid's pixels in the plane
    double weight = 0;             // the plane's pixel count (freezedetect's weighting)
  };
  void Layout(const PictureView& picture);

  double black_pixel_threshold_;
  int width_ = 0, height_ = 0, chroma_planes_ = 0;
  int luma_linesize_ = 0, chroma_linesize_[2] = {0, 0};
  int chroma_width_ = 0, chroma_height_ = 0;
  PlaneGrid grids_[3];
  cv::Mat thumbnail_;
};

// Measures a sequence of pictures of one file, one Measure() call per sampled picture.
class PictureMeasurer {
 public:
  // `black_pixel_threshold`: blackdetect's pix_th (AuditPolicy::black_pixel_threshold).
  // `still_threshold`: freezedetect's n as a ratio (AuditPolicy::frozen_noise_db; -60 dB is
  // 0.001), which decides when a picture becomes the reference of diff_from_reference.
  explicit PictureMeasurer(double black_pixel_threshold, double still_threshold = 0.001);

  // The statistics of `picture`, shown at `t` seconds. diff_from_prev compares it with the
  // picture of the previous call (0 for the first one, and after the picture size changed),
  // diff_from_reference with the reference picture (-1 when there is none yet).
  PictureSample Measure(const PictureView& picture, double t) { return Measure(extractor_.Extract(picture), t); }

  // The same from the picture's extract (taken with the same black_pixel_threshold).
  PictureSample Measure(PictureExtract picture, double t);

  // Forgets the previous and the reference picture: the next Measure() has diff_from_prev 0.
  void Reset();

 private:
  double Difference(const PictureExtract& current, const std::vector<uint8_t>& other) const;  // 0..1

  double still_threshold_;
  PictureExtractor extractor_;
  PictureSize size_;               // the previous picture's
  std::vector<uint8_t> previous_;  // the previous picture's grid values, planes one after another
  bool has_previous_ = false;
  std::vector<uint8_t> reference_;  // the reference picture's grid values (freezedetect's)
  bool has_reference_ = false;
  MotionMeasurer motion_;
};

// The 64-bit DCT hash of a picture: the picture (CV_8UC1 or CV_32FC1, any size) is
// area-averaged to 32x32 and transformed with a 2-D DCT; bit (8 * row + column) of the hash
// says whether coefficient (row, column) of the 8x8 lowest frequencies is above the median of
// those 64 coefficients (the DC term left out of the median).
uint64_t DctFingerprint(const cv::Mat& gray);

// The fingerprint of a luma plane (area-averaged as above without copying the plane; a large
// picture from every k-th row and column, about 135 rows and 640 columns).
// `thumbnail_buffer` is scratch space.
uint64_t LumaFingerprint(const PlaneView& luma, cv::Mat* thumbnail_buffer);

// Number of differing bits.
int FingerprintDistance(uint64_t a, uint64_t b);

}  // namespace xk
