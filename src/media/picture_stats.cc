#include "src/media/picture_stats.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cstdlib>
#include <opencv2/imgproc.hpp>

namespace xk {

namespace {

// A fixed pseudo-random number for grid cell (column, row, axis): where in its cell the grid
// takes its pixel. Fixed, so that consecutive pictures are compared pixel for pixel.
uint32_t CellJitter(int column, int row, int axis) {
  uint32_t value = static_cast<uint32_t>(column) * 0x9E3779B1u ^ static_cast<uint32_t>(row) * 0x85EBCA77u ^
                   static_cast<uint32_t>(axis) * 0xC2B2AE3Du;
  value ^= value >> 15;
  value *= 0x2C1B3C6Du;
  value ^= value >> 12;
  value *= 0x297A2D39u;
  value ^= value >> 15;
  return value;
}

// The thumbnail is averaged from at most about this many luma rows and columns (every k-th
// row and column of a large picture): each of its 32x32 cells still averages 80 or more
// pixels, plenty for 8x8 frequencies, at under 0.1 ms per 1080p picture.
constexpr int kThumbnailMaxRows = 135;
constexpr int kThumbnailMaxColumns = 640;
constexpr int kThumbnailSize = 32;
constexpr int kHashSide = 8;

}  // namespace

int BlackPixelLevel(double pixel_threshold, bool full_range) {
  // blackdetect stores the level in an unsigned int: the fraction is cut off.
  const double level = full_range ? pixel_threshold * 255.0 : 16.0 + pixel_threshold * (235.0 - 16.0);
  return static_cast<int>(level);
}

PictureExtractor::PictureExtractor(double black_pixel_threshold) : black_pixel_threshold_(black_pixel_threshold) {}

void PictureExtractor::Layout(const PictureView& picture) {
  width_ = picture.luma.width;
  height_ = picture.luma.height;
  chroma_planes_ = picture.chroma_planes;
  chroma_width_ = chroma_planes_ ? picture.chroma[0].width : 0;
  chroma_height_ = chroma_planes_ ? picture.chroma[0].height : 0;
  luma_linesize_ = picture.luma.linesize;
  for (int c = 0; c < 2; ++c) chroma_linesize_[c] = c < chroma_planes_ ? picture.chroma[c].linesize : 0;

  const int columns = std::min(width_, kGridColumns);
  const int rows = std::min(height_, kGridRows);
  for (auto& grid : grids_) {
    grid.offsets.clear();
    grid.weight = 0;
  }
  grids_[0].weight = static_cast<double>(width_) * height_;
  for (int c = 0; c < chroma_planes_; ++c) grids_[1 + c].weight = static_cast<double>(chroma_width_) * chroma_height_;
  for (int row = 0; row < rows; ++row) {
    const int y0 = row * height_ / rows, y1 = (row + 1) * height_ / rows;
    for (int column = 0; column < columns; ++column) {
      const int x0 = column * width_ / columns, x1 = (column + 1) * width_ / columns;
      const int x = x0 + static_cast<int>(CellJitter(column, row, 0) % static_cast<uint32_t>(x1 - x0));
      const int y = y0 + static_cast<int>(CellJitter(column, row, 1) % static_cast<uint32_t>(y1 - y0));
      grids_[0].offsets.push_back(y * luma_linesize_ + x);
      for (int c = 0; c < chroma_planes_; ++c) {
        const int cx = std::min(chroma_width_ - 1, static_cast<int>(static_cast<int64_t>(x) * chroma_width_ / width_));
        const int cy =
            std::min(chroma_height_ - 1, static_cast<int>(static_cast<int64_t>(y) * chroma_height_ / height_));
        grids_[1 + c].offsets.push_back(cy * chroma_linesize_[c] + cx);
      }
    }
  }
}

PictureExtract PictureExtractor::Extract(const PictureView& picture) {
  PictureExtract extract;
  if (picture.luma.data == nullptr || picture.luma.width <= 0 || picture.luma.height <= 0) return extract;
  const bool relayout =
      picture.luma.width != width_ || picture.luma.height != height_ || picture.luma.linesize != luma_linesize_ ||
      picture.chroma_planes != chroma_planes_ ||
      (picture.chroma_planes > 0 &&
       (picture.chroma[0].linesize != chroma_linesize_[0] || picture.chroma[1].linesize != chroma_linesize_[1] ||
        picture.chroma[0].width != chroma_width_ || picture.chroma[0].height != chroma_height_));
  if (relayout) Layout(picture);
  extract.empty = false;
  extract.size = PictureSize{width_, height_, chroma_planes_, chroma_width_, chroma_height_};

  const PlaneView* planes[3] = {&picture.luma, &picture.chroma[0], &picture.chroma[1]};
  const int plane_count = 1 + chroma_planes_;
  size_t total = 0;
  for (int p = 0; p < plane_count; ++p) total += grids_[p].offsets.size();
  extract.grid.reserve(total);
  for (int p = 0; p < plane_count; ++p) {
    const uint8_t* base = planes[p]->data;
    for (int32_t offset : grids_[p].offsets) extract.grid.push_back(base[offset]);
    extract.cells[p] = grids_[p].offsets.size();
    extract.weights[p] = grids_[p].weight;
  }

  const size_t luma_count = grids_[0].offsets.size();
  const int black_level = BlackPixelLevel(black_pixel_threshold_, picture.full_range);
  int64_t black = 0, luma_sum = 0;
  for (size_t i = 0; i < luma_count; ++i) {
    black += extract.grid[i] <= black_level;
    luma_sum += extract.grid[i];
  }
  extract.black_ratio = static_cast<float>(static_cast<double>(black) / static_cast<double>(luma_count));
  extract.mean_luma = static_cast<float>(static_cast<double>(luma_sum) / static_cast<double>(luma_count));
  extract.fingerprint = LumaFingerprint(picture.luma, &thumbnail_);
  const cv::Mat luma(picture.luma.height, picture.luma.width, CV_8UC1, const_cast<uint8_t*>(picture.luma.data),
                     static_cast<size_t>(picture.luma.linesize));
  extract.motion = MotionMeasurer::Reduce(luma);
  return extract;
}

PictureMeasurer::PictureMeasurer(double black_pixel_threshold, double still_threshold)
    : still_threshold_(still_threshold), extractor_(black_pixel_threshold) {}

void PictureMeasurer::Reset() {
  has_previous_ = false;
  has_reference_ = false;
  motion_.Reset();
}

// freezedetect's measure on the grid: the mean absolute difference per plane, weighted by the
// planes' pixel counts, 0..1.
double PictureMeasurer::Difference(const PictureExtract& current, const std::vector<uint8_t>& other) const {
  double weighted = 0, weights = 0;
  size_t index = 0;
  for (int p = 0; p < 1 + current.size.chroma_planes; ++p) {
    const size_t count = current.cells[p];
    int64_t sad = 0;
    for (size_t i = 0; i < count; ++i, ++index) sad += std::abs(current.grid[index] - other[index]);
    weighted += current.weights[p] * static_cast<double>(sad) / static_cast<double>(count);
    weights += current.weights[p];
  }
  return weighted / weights / 256.0;
}

PictureSample PictureMeasurer::Measure(PictureExtract picture, double t) {
  PictureSample sample;
  sample.t = t;
  if (picture.empty) return sample;
  if (picture.size != size_) has_previous_ = has_reference_ = false;
  size_ = picture.size;

  sample.black_ratio = picture.black_ratio;
  sample.mean_luma = picture.mean_luma;
  if (has_previous_ && previous_.size() == picture.grid.size()) {
    sample.diff_from_prev = static_cast<float>(Difference(picture, previous_));
  }
  if (has_reference_ && reference_.size() == picture.grid.size()) {
    const double to_reference = Difference(picture, reference_);
    sample.diff_from_reference = static_cast<float>(to_reference);
    if (to_reference > still_threshold_) reference_ = picture.grid;
  } else {
    reference_ = picture.grid;
    has_reference_ = true;
  }
  previous_.swap(picture.grid);
  has_previous_ = true;
  sample.fingerprint = picture.fingerprint;
  sample.motion = motion_.Compare(std::move(picture.motion));
  return sample;
}

uint64_t DctFingerprint(const cv::Mat& gray) {
  cv::Mat small;
  if (gray.cols == kThumbnailSize && gray.rows == kThumbnailSize) {
    small = gray;
  } else {
    cv::resize(gray, small, cv::Size(kThumbnailSize, kThumbnailSize), 0, 0, cv::INTER_AREA);
  }
  cv::Mat real;
  if (small.type() == CV_32F) {
    real = small;
  } else {
    small.convertTo(real, CV_32F);
  }
  cv::Mat frequencies;
  cv::dct(real, frequencies);
  std::array<float, kHashSide * kHashSide> low{};
  for (int row = 0; row < kHashSide; ++row) {
    for (int column = 0; column < kHashSide; ++column) {
      low[static_cast<size_t>(row * kHashSide + column)] = frequencies.at<float>(row, column);
    }
  }
  std::array<float, kHashSide * kHashSide - 1> without_dc{};
  std::copy(low.begin() + 1, low.end(), without_dc.begin());
  auto middle = without_dc.begin() + static_cast<std::ptrdiff_t>(without_dc.size() / 2);
  std::nth_element(without_dc.begin(), middle, without_dc.end());
  const float median = *middle;
  uint64_t hash = 0;
  for (size_t i = 0; i < low.size(); ++i) {
    if (low[i] > median) hash |= uint64_t{1} << i;
  }
  return hash;
}

uint64_t LumaFingerprint(const PlaneView& luma, cv::Mat* thumbnail_buffer) {
  if (luma.data == nullptr || luma.width <= 0 || luma.height <= 0) return 0;
  // Means of a 32x32 grid of blocks over every k-th row and j-th column: what
  // cv::resize(INTER_AREA) gives, at a fraction of its cost.
  const int width = luma.width, height = luma.height;
  const int row_step = std::max(1, height / kThumbnailMaxRows);
  const int column_step = std::max(1, width / kThumbnailMaxColumns);
  std::array<int, kThumbnailSize + 1> column_edge{};
  for (int b = 0; b <= kThumbnailSize; ++b) column_edge[static_cast<size_t>(b)] = b * width / kThumbnailSize;
  std::array<uint32_t, kThumbnailSize> columns_in_block{};
  for (int b = 0; b < kThumbnailSize; ++b) {
    for (int x = column_edge[static_cast<size_t>(b)]; x < column_edge[static_cast<size_t>(b) + 1]; ++x) {
      columns_in_block[static_cast<size_t>(b)] += x % column_step == 0;
    }
  }
  std::array<uint32_t, kThumbnailSize * kThumbnailSize> sums{};
  std::array<uint32_t, kThumbnailSize> rows_in_block{};
  for (int y = 0; y < height; y += row_step) {
    const int block_row = y * kThumbnailSize / height;
    const uint8_t* row = luma.data + static_cast<ptrdiff_t>(y) * luma.linesize;
    uint32_t* block_sums = &sums[static_cast<size_t>(block_row * kThumbnailSize)];
    for (int b = 0; b < kThumbnailSize; ++b) {
      uint32_t sum = 0;
      const int first = (column_edge[static_cast<size_t>(b)] + column_step - 1) / column_step * column_step;
      for (int x = first; x < column_edge[static_cast<size_t>(b) + 1]; x += column_step) sum += row[x];
      block_sums[b] += sum;
    }
    ++rows_in_block[static_cast<size_t>(block_row)];
  }
  thumbnail_buffer->create(kThumbnailSize, kThumbnailSize, CV_32F);
  for (int r = 0; r < kThumbnailSize; ++r) {
    // A picture under 32 rows leaves some block rows empty: they repeat the row above.
    const int source_row = rows_in_block[static_cast<size_t>(r)] > 0 || r == 0 ? r : r - 1;
    for (int b = 0; b < kThumbnailSize; ++b) {
      const double count = static_cast<double>(rows_in_block[static_cast<size_t>(source_row)]) *
                           columns_in_block[static_cast<size_t>(b)];
      thumbnail_buffer->at<float>(r, b) =
          count > 0 ? static_cast<float>(sums[static_cast<size_t>(source_row * kThumbnailSize + b)] / count) : 0.0f;
    }
  }
  return DctFingerprint(*thumbnail_buffer);
}

int FingerprintDistance(uint64_t a, uint64_t b) { return std::popcount(a ^ b); }

}  // namespace xk
