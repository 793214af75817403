// ProbeRecording on real recordings generated at test time: what a user of the catalog would
// check (how long a file covers, where its holes are, what it is) and that no input breaks it.
#include "src/media/probe.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>

#include "tests/media/media_samples.h"
#include "tools/demo/cctv_video.h"

namespace xk {
namespace {

constexpr double kFrame = 0.1;  // the samples are 10 fps

void WriteBytes(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << bytes;
}

// A copy of `source` cut to its first `size` bytes.
std::string CutCopy(const std::string& source, int64_t size, const std::string& name) {
  std::string path = ScratchPath(name);
  WriteBytes(path, ReadFileBytes(source).substr(0, static_cast<size_t>(size)));
  return path;
}

void ExpectOneInterval(const MediaProbe& probe, double seconds) {
  ASSERT_EQ(probe.covered.size(), 1u) << probe.reason;
  EXPECT_NEAR(probe.covered[0].start, 0, 1e-9);
  EXPECT_NEAR(probe.covered[0].end, seconds, kFrame);
  EXPECT_NEAR(probe.duration, seconds, kFrame);
}

TEST(MediaProbe, CleanMp4CoversItsSixtySecondsFromTheIndex) {
  MediaProbe probe = ProbeRecording(SamplePath("clean.mp4"));
  EXPECT_EQ(probe.unreadable, UnreadableKind::kNone) << probe.reason;
  EXPECT_EQ(probe.reason, "");
  EXPECT_EQ(probe.container, "mp4");
  EXPECT_EQ(probe.codec, "h264");
  EXPECT_EQ(probe.width, 320);
  EXPECT_EQ(probe.height, 180);
  EXPECT_DOUBLE_EQ(probe.fps, 10);
  EXPECT_EQ(probe.frames, 600);
  EXPECT_TRUE(probe.from_index);
  ExpectOneInterval(probe, 60);
}

TEST(MediaProbe, CreationTimeRoundTripsAsUtc) {
  MediaProbe mp4 = ProbeRecording(SamplePath("clean.mp4"));
  ASSERT_TRUE(mp4.creation_time.has_value());
  EXPECT_EQ(*mp4.creation_time, kSampleStart);
  EXPECT_EQ(FormatInstant(*mp4.creation_time, TimeZone{}), "2022-04-15T09:00:00+08:00");
  MediaProbe mkv = ProbeRecording(SamplePath("clip.mkv"));
  ASSERT_TRUE(mkv.creation_time.has_value());
  EXPECT_EQ(*mkv.creation_time, kSampleStart);
}

TEST(MediaProbe, NoCreationTimeWhenTheContainerHasNone) {
  // MPEG-PS has no place for it, and an MP4 written without one must not get 1904 or 1970.
  EXPECT_FALSE(ProbeRecording(SamplePath("hikvision.mp4")).creation_time.has_value());
  CctvScript script = SampleScript("short.mp4");
  script.creation_time.reset();
  script.duration_s = 2;
  std::string path = ScratchPath("no_creation_time.mp4");
  ASSERT_EQ(WriteCctvVideo(path, script), "");
  EXPECT_FALSE(ProbeRecording(path).creation_time.has_value());
}

TEST(MediaProbe, HoleInsideMp4SplitsTheCoverage) {
  MediaProbe probe = ProbeRecording(SamplePath("hole.mp4"));
  EXPECT_EQ(probe.unreadable, UnreadableKind::kNone) << probe.reason;
  EXPECT_TRUE(probe.from_index);
  ASSERT_EQ(probe.covered.size(), 2u);
  EXPECT_NEAR(probe.covered[0].start, 0, 1e-9);
  EXPECT_NEAR(probe.covered[0].end, 20, kFrame);
  EXPECT_NEAR(probe.covered[1].start, 40, kFrame);
  EXPECT_NEAR(probe.covered[1].end, 60, kFrame);
  EXPECT_NEAR(probe.duration, 60, kFrame);
  EXPECT_EQ(probe.frames, 400);
  EXPECT_DOUBLE_EQ(probe.fps, 10);  // the hole does not dilute the frame rate
}

TEST(MediaProbe, ProgramStreamUnderMp4NameIsRecognisedByContent) {
  MediaProbe probe = ProbeRecording(SamplePath("hikvision.mp4"));
  EXPECT_EQ(probe.unreadable, UnreadableKind::kNone) << probe.reason;
  EXPECT_EQ(probe.container, "mpegps");
  EXPECT_EQ(probe.codec, "h264");
  EXPECT_EQ(probe.width, 320);
  EXPECT_EQ(probe.height, 180);
  EXPECT_DOUBLE_EQ(probe.fps, 10);
  EXPECT_FALSE(probe.from_index);
  // ffmpeg's PS muxer packs a small frame behind another in one PES: it has no timestamp.
  EXPECT_NEAR(probe.frames, 300, 6);
  ExpectOneInterval(probe, 30);
}

TEST(MediaProbe, HoleInsideProgramStream) {
  MediaProbe probe = ProbeRecording(SamplePath("hole.ps"));
  EXPECT_EQ(probe.unreadable, UnreadableKind::kNone) << probe.reason;
  EXPECT_EQ(probe.container, "mpegps");
  ASSERT_EQ(probe.covered.size(), 2u);
  EXPECT_NEAR(probe.covered[0].end, 15, kFrame);
  EXPECT_NEAR(probe.covered[1].start, 35, kFrame);
  EXPECT_NEAR(probe.covered[1].end, 50, kFrame);
}

TEST(MediaProbe, ProgramStreamPackingAStillPictureHasNoHole) {
  // FFmpeg's MPEG-PS muxer packs the near-empty frames of a frozen picture a hundred to a PES,
  // with one timestamp: the header walk sees a 10 s jump; the frames are all there.
  CctvScript script;
  script.duration_s = 40;
  script.gop = 20;
  script.container = "mpegps";
  script.frozen = {{10, 28}};
  const std::string path = ScratchPath("packed_still.mpg");
  ASSERT_EQ(WriteCctvVideo(path, script), "");
  const MediaProbe probe = ProbeRecording(path);
  EXPECT_EQ(probe.unreadable, UnreadableKind::kNone) << probe.reason;
  EXPECT_EQ(probe.container, "mpegps");
  ExpectOneInterval(probe, 40);
  EXPECT_EQ(probe.frames, 400);
}

TEST(MediaProbe, ProgramStreamPackingEveryFrameShowsAShortHole) {
  // A tiny, low-rate stream: FFmpeg's muxer packs about 30 frames to a PES, so the header walk
  // sees a timestamp every 3 s, which would hide a 1.5 s hole and count 10 frames. libav's parser
  // counts every frame; it places the hole by extrapolation inside the packed PES, but its length
  // is the hole's.
  CctvScript script;
  script.width = 32;
  script.height = 18;
  script.duration_s = 30;
  script.gop = 20;
  script.bitrate = 5000;
  script.container = "mpegps";
  script.holes = {{10, 11.5}};
  const std::string path = ScratchPath("packed_every_frame.mpg");
  ASSERT_EQ(WriteCctvVideo(path, script), "");
  const MediaProbe probe = ProbeRecording(path);
  EXPECT_EQ(probe.unreadable, UnreadableKind::kNone) << probe.reason;
  EXPECT_EQ(probe.frames, 285);
  EXPECT_NEAR(probe.fps, 10, 1e-6);
  ASSERT_EQ(probe.covered.size(), 2u);
  EXPECT_NEAR(probe.covered[1].start - probe.covered[0].end, 1.5, kFrame);
  EXPECT_NEAR(probe.covered[1].end, 30, kFrame);
}

TEST(MediaProbe, DahuaDavWithAHole) {
  // Dahua NVRs export DAV ("DHAV" frames): timed by the NVR's clock, in milliseconds.
  CctvScript script;
  script.duration_s = 30;
  script.gop = 20;
  script.container = "dhav";
  script.osd_start = 1649984400;  // 2022-04-15 09:00:00 +08:00
  script.holes = {{10, 14}};
  const std::string path = ScratchPath("dahua.dav");
  ASSERT_EQ(WriteCctvVideo(path, script), "");
  const MediaProbe probe = ProbeRecording(path);
  EXPECT_EQ(probe.unreadable, UnreadableKind::kNone) << probe.reason;
  EXPECT_EQ(probe.container, "dhav");
  EXPECT_EQ(probe.codec, "h264");
  EXPECT_EQ(probe.width, 320);
  EXPECT_EQ(probe.frames, 260);
  ASSERT_EQ(probe.covered.size(), 2u);
  EXPECT_NEAR(probe.covered[0].end, 10, kFrame);
  EXPECT_NEAR(probe.covered[1].start, 14, kFrame);
  EXPECT_NEAR(probe.covered[1].end, 30, kFrame);
}

TEST(MediaProbe, ProgramStreamBehindAVendorHeaderAndCutShort) {
  // Some recorders put their own file header before the PS; a power cut ends it mid-pack.
  std::string ps = ReadFileBytes(SamplePath("hikvision.mp4"));
  std::string path = ScratchPath("vendor_header.mp4");
  WriteBytes(path,
             std::string("IMKH\x01\x02\x00\x00", 8) + std::string(32, '\x07') + ps.substr(0, ps.size() / 2 + 1001));
  MediaProbe probe = ProbeRecording(path);
  EXPECT_EQ(probe.unreadable, UnreadableKind::kNone) << probe.reason;
  EXPECT_EQ(probe.container, "mpegps");
  ASSERT_EQ(probe.covered.size(), 1u);
  EXPECT_GT(probe.duration, 10);
  EXPECT_LT(probe.duration, 20);
}

TEST(MediaProbe, TransportStreamWithHole) {
  MediaProbe probe = ProbeRecording(SamplePath("clip.ts"));
  EXPECT_EQ(probe.unreadable, UnreadableKind::kNone) << probe.reason;
  EXPECT_EQ(probe.container, "mpegts");
  EXPECT_EQ(probe.codec, "h264");
  EXPECT_EQ(probe.width, 320);
  EXPECT_EQ(probe.height, 180);
  EXPECT_FALSE(probe.from_index);
  EXPECT_EQ(probe.frames, 250);
  ASSERT_EQ(probe.covered.size(), 2u);
  EXPECT_NEAR(probe.covered[0].end, 10, kFrame);
  EXPECT_NEAR(probe.covered[1].start, 15, kFrame);
  EXPECT_NEAR(probe.covered[1].end, 30, kFrame);
}

TEST(MediaProbe, Matroska) {
  MediaProbe probe = ProbeRecording(SamplePath("clip.mkv"));
  EXPECT_EQ(probe.unreadable, UnreadableKind::kNone) << probe.reason;
  EXPECT_EQ(probe.container, "matroska");
  EXPECT_EQ(probe.codec, "h264");
  EXPECT_EQ(probe.width, 320);
  EXPECT_EQ(probe.frames, 300);
  ExpectOneInterval(probe, 30);
}

TEST(MediaProbe, HevcInMp4AndInProgramStream) {
  MediaProbe mp4 = ProbeRecording(SamplePath("hevc.mp4"));
  EXPECT_EQ(mp4.unreadable, UnreadableKind::kNone) << mp4.reason;
  EXPECT_EQ(mp4.container, "mp4");
  EXPECT_EQ(mp4.codec, "hevc");
  EXPECT_EQ(mp4.width, 320);
  EXPECT_EQ(mp4.height, 180);
  EXPECT_TRUE(mp4.from_index);
  ExpectOneInterval(mp4, 10);

  MediaProbe ps = ProbeRecording(SamplePath("hevc_ps.mp4"));
  EXPECT_EQ(ps.unreadable, UnreadableKind::kNone) << ps.reason;
  EXPECT_EQ(ps.container, "mpegps");
  EXPECT_EQ(ps.codec, "hevc");
  EXPECT_EQ(ps.width, 320);
  ExpectOneInterval(ps, 10);
}

TEST(MediaProbe, Mp4CutBeforeItsMoovIsTruncated) {
  const std::string source = SamplePath("short.mp4");
  const auto size = static_cast<int64_t>(std::filesystem::file_size(source));
  // Power loss in the middle of the recording: ftyp + part of mdat, no moov.
  MediaProbe mid_mdat = ProbeRecording(CutCopy(source, size / 2, "cut_mdat.mp4"));
  EXPECT_EQ(mid_mdat.unreadable, UnreadableKind::kTruncatedMp4);
  EXPECT_NE(mid_mdat.reason.find("moov atom not found"), std::string::npos) << mid_mdat.reason;
  EXPECT_NE(mid_mdat.reason.find("cut_mdat.mp4"), std::string::npos) << mid_mdat.reason;
  EXPECT_TRUE(mid_mdat.covered.empty());
  // Cut while the moov (at the end) was being written.
  MediaProbe mid_moov = ProbeRecording(CutCopy(source, size - 500, "cut_moov.mp4"));
  EXPECT_EQ(mid_moov.unreadable, UnreadableKind::kTruncatedMp4);
  EXPECT_NE(mid_moov.reason.find("moov"), std::string::npos) << mid_moov.reason;
}

// Runs ffmpeg quietly; false when it is missing or fails.
bool Ffmpeg(const std::string& arguments) {
  return std::system(("ffmpeg -nostdin -v error -y " + arguments + " >/dev/null 2>&1").c_str()) == 0;
}

TEST(MediaProbe, FragmentedMp4IsScannedNotIndexed) {
  // The moov of a fragmented MP4 lists no samples; they are in the moof boxes.
  const std::string path = ScratchPath("fragmented.mp4");
  if (!Ffmpeg("-i '" + SamplePath("short.mp4") + "' -c copy -movflags frag_keyframe+empty_moov '" + path + "'")) {
    GTEST_SKIP() << "ffmpeg is not installed";
  }
  MediaProbe probe = ProbeRecording(path);
  EXPECT_EQ(probe.unreadable, UnreadableKind::kNone) << probe.reason;
  EXPECT_EQ(probe.container, "mp4");
  EXPECT_FALSE(probe.from_index);
  EXPECT_EQ(probe.frames, 200);
  ExpectOneInterval(probe, 20);
}

TEST(MediaProbe, MoovFirstMp4CutShortCoversOnlyWhatIsThere) {
  const std::string whole = ScratchPath("faststart.mp4");
  if (!Ffmpeg("-i '" + SamplePath("short.mp4") + "' -c copy -movflags +faststart '" + whole + "'")) {
    GTEST_SKIP() << "ffmpeg is not installed";
  }
  const auto size = static_cast<int64_t>(std::filesystem::file_size(whole));
  MediaProbe probe = ProbeRecording(CutCopy(whole, size / 2, "faststart_cut.mp4"));
  EXPECT_EQ(probe.unreadable, UnreadableKind::kNone) << probe.reason;
  EXPECT_TRUE(probe.from_index);
  ASSERT_EQ(probe.covered.size(), 1u);
  EXPECT_GT(probe.duration, 5);
  EXPECT_LT(probe.duration, 15);  // not the 20 s the index promises
}

TEST(MediaProbe, AudioOnlyFileIsNotVideo) {
  const std::string path = ScratchPath("interview.m4a");
  if (!Ffmpeg("-f lavfi -i sine=frequency=440:duration=2 -c:a aac '" + path + "'")) {
    GTEST_SKIP() << "ffmpeg is not installed";
  }
  MediaProbe probe = ProbeRecording(path);
  EXPECT_EQ(probe.unreadable, UnreadableKind::kNotVideo) << probe.reason;
  EXPECT_EQ(probe.container, "mp4");
  EXPECT_NE(probe.reason.find("no video stream"), std::string::npos) << probe.reason;
}

TEST(MediaProbe, EmptyFile) {
  std::string path = ScratchPath("empty.mp4");
  WriteBytes(path, "");
  MediaProbe probe = ProbeRecording(path);
  EXPECT_EQ(probe.unreadable, UnreadableKind::kEmpty);
  EXPECT_STREQ(UnreadableKindName(probe.unreadable), "empty");
  EXPECT_NE(probe.reason.find("empty.mp4"), std::string::npos);
}

TEST(MediaProbe, TextFileNamedMp4IsNotVideo) {
  std::string path = ScratchPath("notes.mp4");
  WriteBytes(path, "Exam room A camera 1 was offline on 2022-04-15, see the log book.\n");
  MediaProbe probe = ProbeRecording(path);
  EXPECT_EQ(probe.unreadable, UnreadableKind::kNotVideo) << probe.reason;
  EXPECT_NE(probe.reason.find("notes.mp4"), std::string::npos);
  EXPECT_TRUE(probe.covered.empty());
}

TEST(MediaProbe, PlaylistNamedMp4IsNotFollowed) {
  std::string path = ScratchPath("playlist.mp4");
  WriteBytes(path, "#EXTM3U\n#EXT-X-TARGETDURATION:10\n#EXTINF:10,\n" + SamplePath("short.mp4") + "\n#EXT-X-ENDLIST\n");
  MediaProbe probe = ProbeRecording(path);
  EXPECT_EQ(probe.unreadable, UnreadableKind::kNotVideo) << probe.reason;
}

TEST(MediaProbe, MissingFileAndDirectory) {
  EXPECT_EQ(ProbeRecording(ScratchPath("nowhere.mp4")).unreadable, UnreadableKind::kMissing);
  std::string directory = ScratchPath("folder.mp4");
  std::filesystem::create_directory(directory);
  EXPECT_EQ(ProbeRecording(directory).unreadable, UnreadableKind::kNotVideo);
}

TEST(MediaProbe, RandomBytesBehindAValidFtypDoNotCrash) {
  std::mt19937 random(7);
  for (int variant = 0; variant < 3; ++variant) {
    std::string bytes(
        "\x00\x00\x00\x18"
        "ftypisom\x00\x00\x02\x00isomiso2",
        24);
    if (variant == 1) bytes += std::string("\x00\x00\x00\x00mdat", 8);  // mdat to EOF
    if (variant == 2) bytes += std::string("\x00\x00\x10\x00moov", 8);  // a moov of noise
    for (int i = 0; i < 64 * 1024; ++i) bytes += static_cast<char>(random());
    std::string path = ScratchPath("noise.mp4");
    WriteBytes(path, bytes);
    MediaProbe probe = ProbeRecording(path);
    EXPECT_NE(probe.unreadable, UnreadableKind::kNone) << "variant " << variant;
    EXPECT_FALSE(probe.reason.empty());
    if (variant == 1) {
      EXPECT_EQ(probe.unreadable, UnreadableKind::kTruncatedMp4);
    }
  }
}

TEST(MediaProbe, DamagedRecordingsNeverCrash) {
  // Bytes overwritten at random places in every container: the probe must come back, with
  // either some coverage or a reason.
  std::mt19937 random(11);
  for (const char* name : {"short.mp4", "hikvision.mp4", "clip.ts", "clip.mkv"}) {
    const std::string original = ReadFileBytes(SamplePath(name));
    for (int copy = 0; copy < 12; ++copy) {
      std::string bytes = original;
      const int damage = 1 + static_cast<int>(random() % 40);
      for (int i = 0; i < damage; ++i) {
        size_t at = random() % bytes.size();
        const size_t run = std::min<size_t>(1 + random() % 64, bytes.size() - at);
        for (size_t j = 0; j < run; ++j) bytes[at + j] = static_cast<char>(random());
      }
      std::string path = ScratchPath(std::string("damaged_") + name);
      WriteBytes(path, bytes);
      MediaProbe probe = ProbeRecording(path);
      if (probe.unreadable == UnreadableKind::kNone) {
        EXPECT_FALSE(probe.covered.empty()) << name << " copy " << copy;
        EXPECT_GT(probe.duration, 0);
      } else {
        EXPECT_FALSE(probe.reason.empty()) << name << " copy " << copy;
      }
      std::filesystem::remove(path);
    }
  }
}

TEST(MediaProbe, LibavStaysOffStderr) {
  const std::string source = SamplePath("short.mp4");
  const std::string cut = CutCopy(source, static_cast<int64_t>(std::filesystem::file_size(source)) / 3, "quiet.mp4");
  testing::internal::CaptureStderr();
  ProbeRecording(cut);
  ProbeRecording(SamplePath("hikvision.mp4"));
  EXPECT_EQ(testing::internal::GetCapturedStderr(), "");
}

}  // namespace
}  // namespace xk
