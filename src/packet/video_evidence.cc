#include "src/packet/video_evidence.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <opencv2/imgproc.hpp>
#include <system_error>

#include "src/media/av_handles.h"
#include "src/media/av_input_file.h"
#include "src/media/av_log_capture.h"
#include "src/media/still_image.h"
#include "src/media/video_timestamps.h"

namespace xk {

namespace {

constexpr int kReadBufferBytes = 1 << 16;
constexpr double kTimeEpsilon = 1e-4;    // seconds: timestamps are exact to far better than this
constexpr double kClipLeadLimit = 20.0;  // a clip starts at most this far before `from`
constexpr int64_t kMaxClipPackets = 200000;

std::string WithLog(std::string message, const AvLogCapture& log) {
  if (!log.Text().empty()) message += " (libav: " + log.Text() + ")";
  return message;
}

// An opened recording with its video stream located and its time origin (the first frame).
class VideoInput {
 public:
  std::string Open(const std::string& path) {
    path_ = path;
    if (std::string error = input_.Open(path, kReadBufferBytes); !error.empty()) return error;
    AVFormatContext* format = input_.format();
    int error = avformat_find_stream_info(format, nullptr);
    if (error < 0) return AvFileError(path, "reading the stream information", error);
    stream_index_ = FindVideoStream(format);
    if (stream_index_ < 0) return path + ": no video stream";
    for (unsigned i = 0; i < format->nb_streams; ++i) {
      if (static_cast<int>(i) != stream_index_) format->streams[i]->discard = AVDISCARD_ALL;
    }
    stream_ = format->streams[stream_index_];
    time_base_ = av_q2d(stream_->time_base);
    if (time_base_ <= 0) return path + ": the video stream has no time base";
    origin_ = stream_->start_time != AV_NOPTS_VALUE ? stream_->start_time : 0;
    return "";
  }

  // Seeks to the keyframe at or before `time` (seconds from the first frame).
  int SeekBefore(double time) {
    const int64_t target = origin_ + static_cast<int64_t>(std::floor(std::max(0.0, time) / time_base_));
    int error = av_seek_frame(input_.format(), stream_index_, target, AVSEEK_FLAG_BACKWARD);
    if (error < 0) error = av_seek_frame(input_.format(), stream_index_, origin_, AVSEEK_FLAG_BACKWARD);
    return error;
  }

  double Seconds(int64_t timestamp) const { return static_cast<double>(timestamp - origin_) * time_base_; }

  const std::string& path() const { return path_; }
  AVFormatContext* format() const { return input_.format(); }
  AVStream* stream() const { return stream_; }
  int stream_index() const { return stream_index_; }

 private:
  std::string path_;
  AvInputFile input_;
  int stream_index_ = -1;
  AVStream* stream_ = nullptr;  // owned by input_
  double time_base_ = 0;
  int64_t origin_ = 0;
};

cv::Mat ToBgr(const AVFrame* frame, std::string* error) {
  SwsContextPtr converter(sws_getContext(frame->width, frame->height, static_cast<AVPixelFormat>(frame->format),
                                         frame->width, frame->height, AV_PIX_FMT_BGR24,
                                         SWS_BILINEAR | SWS_ACCURATE_RND | SWS_BITEXACT, nullptr, nullptr, nullptr));
  if (converter == nullptr) {
    *error = "cannot convert the picture format";
    return {};
  }
  cv::Mat picture(frame->height, frame->width, CV_8UC3);
  uint8_t* destination[] = {picture.data};
  const int destination_stride[] = {static_cast<int>(picture.step)};
  sws_scale(converter.get(), frame->data, frame->linesize, 0, frame->height, destination, destination_stride);
  return picture;
}

std::string Ascii(const std::string& text) {
  std::string out;
  for (char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte >= 0x80) {
      if ((byte & 0xC0) != 0x80) out += '?';  // one '?' per UTF-8 character
    } else {
      out += byte < 0x20 ? ' ' : c;
    }
  }
  return out;
}

}  // namespace

GrabbedFrame GrabFrame(const std::string& path, double time, FramePick pick) {
  GrabbedFrame result;
  AvLogCapture log;
  VideoInput input;
  if (std::string error = input.Open(path); !error.empty()) {
    result.error = error;
    return result;
  }
  const AVCodecParameters* parameters = input.stream()->codecpar;
  const AVCodec* codec = avcodec_find_decoder(parameters->codec_id);
  if (codec == nullptr) {
    result.error = path + ": no decoder for the video codec";
    return result;
  }
  AvCodecContextPtr decoder(avcodec_alloc_context3(codec));
  if (decoder == nullptr) {
    result.error = AvFileError(path, "allocating the decoder", AVERROR(ENOMEM));
    return result;
  }
  int error = avcodec_parameters_to_context(decoder.get(), parameters);
  if (error < 0) {
    result.error = AvFileError(path, "setting up the decoder", error);
    return result;
  }
  decoder->thread_count = 1;
  decoder->flags |= AV_CODEC_FLAG_BITEXACT;
  error = avcodec_open2(decoder.get(), codec, nullptr);
  if (error < 0) {
    result.error = WithLog(AvFileError(path, "opening the decoder", error), log);
    return result;
  }
  AvPacketPtr packet(av_packet_alloc());
  AvFramePtr frame(av_frame_alloc());
  AvFramePtr chosen(av_frame_alloc());
  if (packet == nullptr || frame == nullptr || chosen == nullptr) {
    result.error = AvFileError(path, "allocating a frame", AVERROR(ENOMEM));
    return result;
  }

  // A seek lands on a keyframe at or before its target in most containers; where it cannot be
  // trusted to (MPEG-PS/TS seek by bytes), the decoded frames show it and we start earlier.
  for (double lead : {1.0, 6.0, 31.0, -1.0}) {
    const bool from_file_start = lead < 0 || time - lead <= 0;
    error = input.SeekBefore(from_file_start ? 0.0 : time - lead);
    if (error < 0) {
      result.error = AvFileError(path, "seeking", error);
      return result;
    }
    avcodec_flush_buffers(decoder.get());
    av_frame_unref(chosen.get());
    bool have_chosen = false, first_frame = true, reliable = from_file_start, done = false, at_end = false;
    double chosen_time = 0;
    int64_t previous_dts = AV_NOPTS_VALUE;
    while (!done) {
      if (!at_end) {
        error = av_read_frame(input.format(), packet.get());
        if (error == AVERROR_EOF) {
          at_end = true;
          error = avcodec_send_packet(decoder.get(), nullptr);
        } else if (error < 0) {
          result.error = WithLog(AvFileError(path, "reading a packet", error), log);
          return result;
        } else if (packet->stream_index != input.stream_index()) {
          av_packet_unref(packet.get());
          continue;
        } else {
          // A packet without a timestamp (its frame began inside another's PES, MPEG-PS) follows
          // the one before by its duration, so its picture can be chosen by time too.
          if (packet->dts == AV_NOPTS_VALUE && packet->pts == AV_NOPTS_VALUE && previous_dts != AV_NOPTS_VALUE &&
              packet->duration > 0) {
            packet->dts = previous_dts + packet->duration;
          }
          if (packet->dts != AV_NOPTS_VALUE) previous_dts = packet->dts;
          error = avcodec_send_packet(decoder.get(), packet.get());
          av_packet_unref(packet.get());
          if (error < 0 && error != AVERROR(EAGAIN) && error != AVERROR_INVALIDDATA) {
            result.error = WithLog(AvFileError(path, "decoding", error), log);
            return result;
          }
        }
      }
      for (;;) {
        error = avcodec_receive_frame(decoder.get(), frame.get());
        if (error == AVERROR(EAGAIN)) break;
        if (error == AVERROR_EOF) {
          done = true;
          break;
        }
        if (error < 0) {
          result.error = WithLog(AvFileError(path, "decoding", error), log);
          return result;
        }
        const int64_t timestamp =
            frame->best_effort_timestamp != AV_NOPTS_VALUE ? frame->best_effort_timestamp : frame->pts;
        if (timestamp == AV_NOPTS_VALUE) {
          av_frame_unref(frame.get());
          continue;
        }
        const double t = input.Seconds(timestamp);
        if (first_frame) {
          first_frame = false;
          if (t < time - kTimeEpsilon || t <= kTimeEpsilon) reliable = true;
        }
        const bool before = t < time - kTimeEpsilon;
        if (pick == FramePick::kLastBefore ? before : !before) {
          av_frame_unref(chosen.get());
          av_frame_move_ref(chosen.get(), frame.get());
          have_chosen = true;
          chosen_time = t;
          if (pick == FramePick::kFirstAtOrAfter) done = true;
        } else {
          av_frame_unref(frame.get());
          if (pick == FramePick::kLastBefore) done = true;
        }
        if (done) break;
      }
      if (at_end && !done) done = true;  // drained without a frame past the time
    }
    if (have_chosen && reliable) {
      std::string convert_error;
      result.picture = ToBgr(chosen.get(), &convert_error);
      if (!convert_error.empty()) result.error = path + ": " + convert_error;
      result.time = chosen_time;
      return result;
    }
    if (from_file_start) break;
  }
  result.error =
      fmt::format("{}: no frame {} {:.1f} s", path, pick == FramePick::kLastBefore ? "before" : "at or after", time);
  return result;
}

std::string CaptionedJpeg(const cv::Mat& picture, const std::vector<std::string>& caption_lines) {
  constexpr int kMinWidth = 640;
  cv::Mat scaled = picture;
  if (picture.cols > 0 && picture.cols < kMinWidth) {
    const int factor = (kMinWidth + picture.cols - 1) / picture.cols;
    cv::resize(picture, scaled, cv::Size(picture.cols * factor, picture.rows * factor), 0, 0, cv::INTER_LINEAR);
  }
  const double font_scale = std::max(0.5, scaled.cols / 1100.0);
  const int thickness = std::max(1, static_cast<int>(std::lround(font_scale)));
  int baseline = 0;
  const cv::Size text_size = cv::getTextSize("Ag", cv::FONT_HERSHEY_SIMPLEX, font_scale, thickness, &baseline);
  const int line_height = text_size.height + baseline + text_size.height / 2;
  const int band = static_cast<int>(caption_lines.size()) * line_height + line_height / 2;
  cv::Mat canvas(scaled.rows + band, std::max(scaled.cols, 1), CV_8UC3, cv::Scalar(0, 0, 0));
  if (!scaled.empty()) scaled.copyTo(canvas(cv::Rect(0, 0, scaled.cols, scaled.rows)));
  for (size_t i = 0; i < caption_lines.size(); ++i) {
    const int y = scaled.rows + static_cast<int>(i + 1) * line_height;
    cv::putText(canvas, Ascii(caption_lines[i]), cv::Point(line_height / 2, y), cv::FONT_HERSHEY_SIMPLEX, font_scale,
                cv::Scalar(255, 255, 255), thickness, cv::LINE_AA);
  }
  return EncodeJpeg(canvas, 90);
}

namespace {

// Copies the packets into a new MP4 (see CutClip). Returns "" or the problem; the muxer (and
// with it the output file) is closed when this returns.
std::string CopyPackets(VideoInput& input, double from, double to, const std::string& out_path, ClipResult* result) {
  AVFormatContext* raw = nullptr;
  int error = avformat_alloc_output_context2(&raw, nullptr, "mp4", out_path.c_str());
  AvOutputPtr muxer(raw);
  if (error < 0 || muxer == nullptr) return AvFileError(out_path, "setting up the MP4 muxer", error);
  muxer->flags |= AVFMT_FLAG_BITEXACT;
  AVStream* out_stream = avformat_new_stream(muxer.get(), nullptr);
  if (out_stream == nullptr) return AvFileError(out_path, "adding the video stream", AVERROR(ENOMEM));
  AVStream* in_stream = input.stream();
  error = avcodec_parameters_copy(out_stream->codecpar, in_stream->codecpar);
  if (error < 0) return AvFileError(out_path, "copying the codec parameters", error);
  out_stream->codecpar->codec_tag = 0;
  out_stream->time_base = in_stream->time_base;
  // "file:" keeps a path with a colon from being read as another protocol.
  error = avio_open(&muxer->pb, ("file:" + out_path).c_str(), AVIO_FLAG_WRITE);
  if (error < 0) return AvFileError(out_path, "creating the file", error);
  error = avformat_write_header(muxer.get(), nullptr);
  if (error < 0) return AvFileError(out_path, "writing the MP4 header", error);

  AvPacketPtr packet(av_packet_alloc());
  if (packet == nullptr) return AvFileError(out_path, "allocating a packet", AVERROR(ENOMEM));
  bool started = false;
  int64_t shift = 0, last_dts = AV_NOPTS_VALUE, previous = AV_NOPTS_VALUE;
  for (int64_t count = 0; count < kMaxClipPackets; ++count) {
    error = av_read_frame(input.format(), packet.get());
    if (error == AVERROR_EOF) break;
    if (error < 0) return AvFileError(input.path(), "reading a packet", error);
    if (packet->stream_index != input.stream_index()) {
      av_packet_unref(packet.get());
      continue;
    }
    int64_t timestamp = packet->dts != AV_NOPTS_VALUE ? packet->dts : packet->pts;
    if (timestamp == AV_NOPTS_VALUE && previous != AV_NOPTS_VALUE) timestamp = previous + packet->duration;
    if (timestamp == AV_NOPTS_VALUE) {
      av_packet_unref(packet.get());
      continue;
    }
    previous = timestamp;
    const double t = input.Seconds(timestamp);
    if (!started) {
      // The clip must start on a keyframe to be playable, and not far before `from` when the
      // seek landed early.
      const bool usable_start = (packet->flags & AV_PKT_FLAG_KEY) && t >= from - kClipLeadLimit - kTimeEpsilon;
      if (t >= to - kTimeEpsilon || !usable_start) {
        av_packet_unref(packet.get());
        if (t >= to - kTimeEpsilon) break;
        continue;
      }
      started = true;
      shift = timestamp;
      result->start = t;
    } else if (t >= to - kTimeEpsilon) {
      av_packet_unref(packet.get());
      break;
    }
    if (packet->dts == AV_NOPTS_VALUE) packet->dts = timestamp;
    packet->dts -= shift;
    if (packet->pts != AV_NOPTS_VALUE) packet->pts -= shift;
    if (last_dts != AV_NOPTS_VALUE && packet->dts <= last_dts) packet->dts = last_dts + 1;
    if (packet->pts != AV_NOPTS_VALUE && packet->pts < packet->dts) packet->pts = packet->dts;
    last_dts = packet->dts;
    const double frame_seconds =
        packet->duration > 0 ? static_cast<double>(packet->duration) * av_q2d(in_stream->time_base) : 0;
    result->end = t + frame_seconds;
    av_packet_rescale_ts(packet.get(), in_stream->time_base, out_stream->time_base);
    packet->stream_index = 0;
    packet->pos = -1;
    error = av_interleaved_write_frame(muxer.get(), packet.get());
    if (error < 0) return AvFileError(out_path, "writing a packet", error);
  }
  if (!started || result->end <= from + kTimeEpsilon) {
    return fmt::format("{}: no video from {:.1f} s to {:.1f} s", input.path(), from, to);
  }
  error = av_write_trailer(muxer.get());
  if (error < 0) return AvFileError(out_path, "writing the MP4 trailer", error);
  return "";
}

}  // namespace

ClipResult CutClip(const std::string& path, double from, double to, const std::string& out_path) {
  ClipResult result;
  AvLogCapture log;
  VideoInput input;
  result.error = input.Open(path);
  if (result.error.empty()) {
    int error = input.SeekBefore(from);
    if (error < 0) result.error = AvFileError(path, "seeking", error);
  }
  if (result.error.empty()) result.error = CopyPackets(input, from, to, out_path, &result);
  if (!result.error.empty()) {
    result.error = WithLog(result.error, log);
    std::error_code ignored;
    std::filesystem::remove(out_path, ignored);
  }
  return result;
}

}  // namespace xk
