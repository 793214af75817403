#include "src/media/probe.h"

#include <fmt/format.h>
#include <sys/stat.h>

#include <cerrno>
#include <cstring>
#include <exception>

#include "src/media/av_handles.h"
#include "src/media/av_input_file.h"
#include "src/media/av_log_capture.h"
#include "src/media/mp4_boxes.h"
#include "src/media/ps_timestamps.h"
#include "src/media/timestamp_coverage.h"
#include "src/media/utc_timestamp.h"
#include "src/media/video_timestamps.h"

extern "C" {
#include <libavutil/dict.h>
}

namespace xk {

namespace {

// The moov index is loaded with the header, so the reads are few and short; a packet scan
// reads the whole file front to back, where a large buffer saves system calls.
constexpr int kIndexReadBuffer = 64 * 1024;
constexpr int kScanReadBuffer = 1024 * 1024;

MediaProbe Unreadable(UnreadableKind kind, std::string reason) {
  MediaProbe probe;
  probe.unreadable = kind;
  probe.reason = std::move(reason);
  return probe;
}

std::string WithLibavWords(std::string message, const AvLogCapture& log) {
  if (!log.Text().empty()) message += " (libav: " + log.Text() + ")";
  return message;
}

std::optional<Instant> CreationTime(AVFormatContext* format, AVStream* video) {
  for (AVDictionary* metadata : {format->metadata, video->metadata}) {
    const AVDictionaryEntry* entry = av_dict_get(metadata, "creation_time", nullptr, 0);
    if (entry == nullptr) continue;
    if (std::optional<Instant> instant = ParseUtcTimestamp(entry->value)) return instant;
  }
  return std::nullopt;
}

double StreamFrameRate(const AVStream* stream) {
  if (stream->avg_frame_rate.num > 0 && stream->avg_frame_rate.den > 0) {
    return av_q2d(stream->avg_frame_rate);
  }
  if (stream->r_frame_rate.num > 0 && stream->r_frame_rate.den > 0) {
    return av_q2d(stream->r_frame_rate);
  }
  return 0;
}

MediaProbe TruncatedMp4(const std::string& path, const Mp4TopLevel& layout, const std::string& libav_words) {
  std::string reason =
      path + ": MP4 cut off before its index was written: " +
      (layout.has_cut_moov ? "the moov atom is cut short by the end of file" : "ftyp + mdat but moov atom not found") +
      " (the recorder did not finish the file, e.g. power loss; its frames "
      "cannot be timed)";
  if (!libav_words.empty()) reason += ". " + libav_words;
  return Unreadable(UnreadableKind::kTruncatedMp4, std::move(reason));
}

MediaProbe OpenFailure(const AvInputFile& input, const std::string& message) {
  switch (input.failure()) {
    case InputFailure::kUnrecognised:
    case InputFailure::kNotContainer:
      return Unreadable(UnreadableKind::kNotVideo, message);
    default:
      return Unreadable(UnreadableKind::kCorrupt, message);
  }
}

// Whether the timestamps of a PES header walk (1/90000 s) may hide a hole or show one that is
// not there: they jump by more than a hole (timestamp_coverage.h), or come slower than 3 a
// second, which would widen the hole threshold (3 frames) past 1 s. A frame that begins inside
// another's PES has no timestamp of its own: a muxer that packs a still picture's near-empty
// frames a hundred to a PES shows a jump, one that packs every frame of a tiny stream a low rate.
bool WalkMayMissFrames(const std::vector<int64_t>& values) {
  const TimestampCoverage coverage = CoverageFromTimestamps(values, 1.0 / 90000, 0);
  return coverage.covered.size() > 1 || HoleThresholdSeconds(coverage.frame_duration) > 1.0;
}

// The timestamps of the video stream, by the cheapest way the container allows.
VideoTimestamps ReadTimestamps(const std::string& path, const AvInputFile& input, int video, bool use_index,
                               int64_t max_packets, bool* from_index) {
  AVFormatContext* format = input.format();
  AVStream* stream = format->streams[video];
  *from_index = false;
  if (use_index) {
    VideoTimestamps indexed = TimestampsFromIndex(stream, input.file_size());
    if (!indexed.values.empty()) {
      *from_index = true;
      return indexed;
    }
  }
  const int pes_id = stream->id & 0xFF;
  if (input.container() == "mpegps" && (stream->id & ~0xFF) == 0x100 && pes_id >= 0xE0 && pes_id <= 0xEF &&
      stream->time_base.num == 1 && stream->time_base.den == 90000) {
    ProgramStreamTimestamps walked = ReadProgramStreamTimestamps(path, pes_id);
    if (!walked.values.empty() && !WalkMayMissFrames(walked.values)) {
      VideoTimestamps timestamps;
      timestamps.values = std::move(walked.values);
      timestamps.error = std::move(walked.error);
      return timestamps;
    }
    // Nothing found by the header walk, or it may have missed frames: libav demuxes the file
    // from the start, and its parser sees every frame and times the packed ones by the
    // durations the bitstream states. A real hole stays a hole.
    av_seek_frame(format, -1, 0, AVSEEK_FLAG_BYTE);
    VideoTimestamps parsed = TimestampsFromPackets(format, video, max_packets);
    if (!walked.values.empty() && parsed.values.size() < walked.values.size()) {
      parsed.values = std::move(walked.values);  // libav read less than the walk (damage): the walk stands
      parsed.error = std::move(walked.error);
    }
    return parsed;
  }
  return TimestampsFromPackets(format, video, max_packets);
}

// A limit the file's claims pass, or "".
std::string BeyondLimits(const MediaProbe& probe, const InputLimits& limits) {
  if (probe.width > limits.picture_max_width || probe.height > limits.picture_max_height ||
      int64_t{probe.width} * probe.height > limits.picture_max_pixels) {
    return fmt::format(
        "the picture is {} x {}, beyond the limits picture_max_width/height/pixels ({} x {}, {} "
        "pixels); not analysed",
        probe.width, probe.height, limits.picture_max_width, limits.picture_max_height, limits.picture_max_pixels);
  }
  if (probe.duration > static_cast<double>(limits.duration_max_hours) * 3600) {
    return fmt::format("it claims {:.0f} hours of video, beyond the limit duration_max_hours = {}",
                       probe.duration / 3600, limits.duration_max_hours);
  }
  return "";
}

}  // namespace

MediaProbe EmptyFileProbe(const std::string& path) {
  return Unreadable(UnreadableKind::kEmpty, path + ": the file is empty (0 bytes)");
}

namespace {

MediaProbe Probe(const std::string& path, const InputLimits& limits) {
  struct stat status;
  if (::stat(path.c_str(), &status) != 0) {
    int error = errno;
    return Unreadable(error == ENOENT ? UnreadableKind::kMissing : UnreadableKind::kCorrupt,
                      path + ": " + std::strerror(error));
  }
  if (!S_ISREG(status.st_mode)) {
    return Unreadable(UnreadableKind::kNotVideo, path + ": not a regular file");
  }
  if (status.st_size == 0) return EmptyFileProbe(path);

  AvLogCapture log;
  // Fragmented MP4 lists its samples in moof boxes, not in the moov index: those are scanned.
  const Mp4TopLevel layout = ReadMp4TopLevel(path);
  const bool mp4_index = layout.is_iso_bmff && layout.has_complete_moov && !layout.has_moof;

  AvInputFile input;
  const std::string open_error =
      input.Open(path, mp4_index ? kIndexReadBuffer : kScanReadBuffer, static_cast<int>(limits.streams_max_per_file));
  // Judged from the boxes, not from libav's verdict: a moov cut short may still open.
  if (LooksLikeTruncatedMp4(layout) && input.failure() != InputFailure::kCannotRead) {
    return TruncatedMp4(path, layout, open_error);
  }
  if (!open_error.empty()) return OpenFailure(input, open_error);

  MediaProbe probe;
  probe.container = input.container();
  AVFormatContext* format = input.format();
  const int video = LocateVideoStream(format, probe.container, false);
  // libav stops adding streams at the limit (max_streams) and reads on; a file that reached it
  // declared more than a camera writes.
  if (format->nb_streams >= static_cast<unsigned>(limits.streams_max_per_file)) {
    return Unreadable(UnreadableKind::kCorrupt,
                      fmt::format("{}: the {} file declares at least {} streams, the limit streams_max_per_file; not "
                                  "analysed",
                                  path, probe.container, format->nb_streams));
  }
  if (video < 0) {
    probe.unreadable = UnreadableKind::kNotVideo;
    probe.reason = path + ": the " + probe.container + " container holds no video stream";
    return probe;
  }
  AVStream* stream = format->streams[video];
  probe.creation_time = CreationTime(format, stream);

  PictureSize(stream, &probe.width, &probe.height);
  if (std::string beyond = BeyondLimits(probe, limits); !beyond.empty()) {
    return Unreadable(UnreadableKind::kCorrupt, path + ": " + beyond);
  }
  VideoTimestamps timestamps = ReadTimestamps(path, input, video, mp4_index && probe.container == "mp4",
                                              limits.packets_max_per_file, &probe.from_index);
  const int64_t missing_frames = timestamps.past_end_of_file;
  // After the scan: the codec of an MPEG-PS stream is probed from its packets, and the
  // picture size of MPEG-PS/TS is known only to the parser.
  if (stream->codecpar->codec_id != AV_CODEC_ID_NONE) {
    probe.codec = avcodec_get_name(stream->codecpar->codec_id);
  }
  PictureSize(stream, &probe.width, &probe.height);
  if (probe.width == 0) {
    probe.width = timestamps.width;
    probe.height = timestamps.height;
  }

  TimestampCoverage coverage =
      CoverageFromTimestamps(std::move(timestamps.values), av_q2d(stream->time_base), StreamFrameRate(stream));
  if (coverage.frames == 0) {
    probe.unreadable = UnreadableKind::kCorrupt;
    probe.reason = WithLibavWords(path + ": the " + probe.container + " file holds no timed video frame" +
                                      (timestamps.error.empty() ? "" : " (" + timestamps.error + ")"),
                                  log);
    return probe;
  }
  probe.covered = std::move(coverage.covered);
  probe.duration = coverage.duration;
  probe.fps = coverage.fps;
  probe.frames = coverage.frames;
  if (std::string beyond = BeyondLimits(probe, limits); !beyond.empty()) {
    return Unreadable(UnreadableKind::kCorrupt, path + ": " + beyond);
  }
  if (missing_frames > 0) {
    // The moov was written first and the file cut off after it (power loss while copying): the
    // index promises frames whose bytes are not there. What is there is covered; the rest is
    // reported as cut.
    probe.truncated_frames = missing_frames;
    probe.reason = fmt::format(
        "{}: the index lists {} more video frames whose data lies past the end of the "
        "file (cut off after {:.1f} s)",
        path, missing_frames, probe.duration);
  }
  return probe;
}

}  // namespace

MediaProbe ProbeRecording(const std::string& path, const InputLimits& limits) {
  try {
    return Probe(path, limits);
  } catch (const std::exception& error) {
    return Unreadable(UnreadableKind::kCorrupt, path + ": " + error.what());
  } catch (...) {
    return Unreadable(UnreadableKind::kCorrupt, path + ": unexpected failure while probing");
  }
}

}  // namespace xk
