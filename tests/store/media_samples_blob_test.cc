// The picture samples as the media catalog stores them (records/store/media_store.h): every field
// comes back as written, and blobs of the earlier formats still read, with what they lack unmeasured.
#include <gtest/gtest.h>

#include <cstring>
#include <string>
#include <vector>

#include "records/store/media_store.h"

namespace xk::store {
namespace {

PictureSample Sample(double t) {
  PictureSample s;
  s.t = t;
  s.black_ratio = 0.25f;
  s.mean_luma = 88.5f;
  s.diff_from_prev = 0.0006f;
  s.diff_from_reference = 0.0007f;
  s.fingerprint = 0x0123456789abcdefULL;
  s.motion = 0.03f;
  return s;
}

TEST(MediaSamplesBlob, EveryFieldRoundTrips) {
  const std::vector<PictureSample> written = {Sample(0), Sample(1.5)};
  const std::vector<PictureSample> read = UnpackSamples(PackSamples(written));
  ASSERT_EQ(read.size(), 2u);
  for (size_t i = 0; i < read.size(); ++i) {
    EXPECT_DOUBLE_EQ(read[i].t, written[i].t);
    EXPECT_FLOAT_EQ(read[i].black_ratio, 0.25f);
    EXPECT_FLOAT_EQ(read[i].mean_luma, 88.5f);
    EXPECT_FLOAT_EQ(read[i].diff_from_prev, 0.0006f);
    EXPECT_FLOAT_EQ(read[i].diff_from_reference, 0.0007f);
    EXPECT_EQ(read[i].fingerprint, 0x0123456789abcdefULL);
    EXPECT_FLOAT_EQ(read[i].motion, 0.03f);
  }
}

TEST(MediaSamplesBlob, EarlierFormatsReadWithWhatTheyLackUnmeasured) {
  // The second format: "XKS2", then 32 bytes a sample (no distance to the reference).
  std::string v2 = "XKS2";
  const PictureSample s = Sample(2);
  char bytes[32] = {};
  std::memcpy(bytes, &s.t, 8);
  std::memcpy(bytes + 8, &s.black_ratio, 4);
  std::memcpy(bytes + 12, &s.mean_luma, 4);
  std::memcpy(bytes + 16, &s.diff_from_prev, 4);
  std::memcpy(bytes + 20, &s.fingerprint, 8);
  std::memcpy(bytes + 28, &s.motion, 4);
  v2.append(bytes, sizeof bytes);
  std::vector<PictureSample> read = UnpackSamples(v2);
  ASSERT_EQ(read.size(), 1u);
  EXPECT_FLOAT_EQ(read[0].motion, 0.03f);
  EXPECT_LT(read[0].diff_from_reference, 0.0f);
  // The first format: 28 bytes a sample, no tag.
  read = UnpackSamples(std::string(bytes, 28));
  ASSERT_EQ(read.size(), 1u);
  EXPECT_DOUBLE_EQ(read[0].t, 2);
  EXPECT_LT(read[0].motion, 0.0f);
  EXPECT_LT(read[0].diff_from_reference, 0.0f);
}

}  // namespace
}  // namespace xk::store
