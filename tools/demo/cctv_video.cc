#include "tools/demo/cctv_video.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <opencv2/imgproc.hpp>
#include <random>

#include "src/media/av_handles.h"
#include "src/media/av_log_capture.h"
#include "src/media/utc_timestamp.h"
#include "tools/demo/dhav_file.h"

extern "C" {
#include <libavutil/dict.h>
#include <libavutil/opt.h>
}

namespace xk {

namespace {

// Sensor noise is cut from a bank of gaussian noise a little larger than the picture, at an
// offset drawn for every frame: cheap, deterministic, and different from frame to frame.
constexpr int kNoiseMargin = 64;
constexpr double kChromaNoiseSigma = 1.0;  // independent per channel
constexpr double kDarkRoomGain = 0.4;
constexpr double kLightsOffGain = 0.04;
constexpr int kCoveredLensLevel = 8;  // lens covered: BGR level before noise
// The encoder's own keyframe interval: longer than any recording, the writer places keyframes.
constexpr int kEncoderKeyframeInterval = 1 << 20;

uint64_t SplitMix64(uint64_t value) {
  value += 0x9e3779b97f4a7c15ULL;
  value = (value ^ (value >> 30)) * 0xbf58476d1ce4e5b9ULL;
  value = (value ^ (value >> 27)) * 0x94d049bb133111ebULL;
  return value ^ (value >> 31);
}

const CctvSpan* SpanAt(const std::vector<CctvSpan>& spans, double t) {
  const auto at =
      std::find_if(spans.begin(), spans.end(), [t](const CctvSpan& span) { return t >= span.start && t < span.end; });
  return at == spans.end() ? nullptr : &*at;
}

bool InSpans(const std::vector<CctvSpan>& spans, double t) { return SpanAt(spans, t) != nullptr; }

// A person walking to and fro along a row of the room.
struct Figure {
  double left = 0, right = 0;  // walking range, pixels
  double start = 0;            // distance walked at t = 0
  double speed = 0;            // pixels per second
  double floor_y = 0;          // where the feet are
  double sway = 0;             // sideways (depth) wobble amplitude, pixels
  double body_height = 0;
  cv::Scalar shirt;

  cv::Point2d Position(double t) const {
    double span = std::max(1.0, right - left);
    double walked = std::fmod(start + speed * t, 2 * span);
    double x = walked < span ? left + walked : left + 2 * span - walked;
    double y = floor_y + sway * std::sin(t * 0.7 + start);
    return {x, y};
  }
};

// A trainee at a desk (classroom scenes).
struct SeatedPerson {
  cv::Point2d seat;   // where the body meets the desk, pixels
  double size = 0;    // body height scale, pixels
  double period = 0;  // seconds of the person's own rhythm
  double phase = 0;   // radians
  cv::Scalar shirt;
};

class CctvScene {
 public:
  explicit CctvScene(const CctvScript& script) : script_(script) {
    const int w = script.width, h = script.height;
    const double gain = Gain(script);
    auto shade = [gain](double b, double g, double r) { return cv::Scalar(b * gain, g * gain, r * gain); };
    room_ = cv::Mat(h, w, CV_8UC3, shade(170, 180, 188));  // wall
    const int horizon = h * 2 / 5;
    cv::rectangle(room_, cv::Rect(0, horizon, w, h - horizon), shade(112, 122, 130), cv::FILLED);
    cv::rectangle(room_, cv::Rect(w / 4, h / 12, w / 2, h / 4), shade(225, 228, 226), cv::FILLED);
    cv::rectangle(room_, cv::Rect(w / 4, h / 12, w / 2, h / 4), shade(80, 80, 80), 1);
    for (int row = 0; row < 3; ++row) {  // desks
      const int y = horizon + (row + 1) * (h - horizon) / 4 - h / 30;
      for (int column = 0; column < 4; ++column) {
        const int x = w / 12 + column * w / 4;
        cv::rectangle(room_, cv::Rect(x, y, w / 6, h / 20 + row * h / 60), shade(58, 84, 112), cv::FILLED);
      }
    }

    std::mt19937 random(script.seed);
    auto uniform = [&random](double low, double high) {
      return std::uniform_real_distribution<double>(low, high)(random);
    };
    const int figure_count = script.static_scene ? 0 : 2 + static_cast<int>(script.seed % 3);
    for (int i = 0; i < figure_count; ++i) {
      Figure figure;
      figure.left = uniform(0.05, 0.4) * w;
      figure.right = uniform(0.6, 0.95) * w;
      figure.start = uniform(0, 2 * w);
      figure.speed = uniform(0.05, 0.15) * w;
      figure.floor_y = uniform(0.6, 0.95) * h;
      figure.sway = uniform(0.01, 0.03) * h;
      figure.body_height = uniform(0.25, 0.32) * h;
      figure.shirt = shade(uniform(30, 220), uniform(30, 220), uniform(30, 220));
      figures_.push_back(figure);
    }

    for (int i = 0; i < script.seated; ++i) {
      SeatedPerson person;
      const int row = i / 4 % 3, column = i % 4;
      const int desk_y = h * 2 / 5 + (row + 1) * (h - h * 2 / 5) / 4 - h / 30;
      person.seat = cv::Point2d(w / 12 + column * w / 4 + (i / 12 % 2 ? w / 9.0 : w / 24.0), desk_y);
      person.size = h * (0.05 + 0.015 * row);
      person.period = uniform(3, 8);
      person.phase = uniform(0, 2 * CV_PI);
      person.shirt = shade(uniform(30, 200), uniform(30, 200), uniform(30, 200));
      seated_.push_back(person);
    }

    cv::RNG noise_random(SplitMix64(script.seed));
    cv::Mat luma(h + kNoiseMargin, w + kNoiseMargin, CV_16SC1);
    noise_random.fill(luma, cv::RNG::NORMAL, 0, script.noise_sigma);
    cv::Mat chroma(h + kNoiseMargin, w + kNoiseMargin, CV_16SC3);
    noise_random.fill(chroma, cv::RNG::NORMAL, 0, kChromaNoiseSigma);
    cv::Mat channels[] = {luma, luma, luma};
    cv::merge(channels, 3, noise_);
    noise_ += chroma;
  }

  void Draw(int64_t index, cv::Mat* picture) const {
    // A still frame shows the scene and clock of the frame before its span over its own noise; a
    // stuck frame that frame's scene and noise under its own clock.
    const double shown = static_cast<double>(index) / script_.fps;
    const int64_t noise_index = InSpans(script_.still, shown) ? index : -1;
    const int64_t clock_index = InSpans(script_.stuck, shown) ? index : -1;
    index = SourceFrame(index);
    const double t = static_cast<double>(index) / script_.fps;
    if (InSpans(script_.black, t)) {
      picture->create(script_.height, script_.width, CV_8UC3);
      picture->setTo(cv::Scalar::all(kCoveredLensLevel));
    } else {
      room_.copyTo(*picture);
      for (const SeatedPerson& person : seated_) DrawSeated(person, t, picture);
      for (const Figure& figure : figures_) DrawFigure(figure, t, picture);
    }
    AddNoise(noise_index >= 0 ? noise_index : index, picture);
    DrawOsd(clock_index >= 0 ? clock_index : index, picture);
  }

 private:
  // A frozen, still or stuck frame repeats the last frame before its span (see Draw).
  int64_t SourceFrame(int64_t index) const {
    while (index > 0) {
      const double t = static_cast<double>(index) / script_.fps;
      const CctvSpan* span = SpanAt(script_.frozen, t);
      if (span == nullptr) span = SpanAt(script_.still, t);
      if (span == nullptr) span = SpanAt(script_.stuck, t);
      if (span == nullptr) break;
      index = std::min(index - 1, static_cast<int64_t>(std::ceil(span->start * script_.fps)) - 1);
    }
    return std::max<int64_t>(index, 0);
  }

  void DrawFigure(const Figure& figure, double t, cv::Mat* picture) const {
    const cv::Point2d feet = figure.Position(t);
    const double body = figure.body_height;
    const cv::Point body_center(cvRound(feet.x), cvRound(feet.y - body * 0.45));
    const cv::Size body_axes(std::max(2, cvRound(body * 0.18)), std::max(3, cvRound(body * 0.38)));
    cv::ellipse(*picture, body_center, body_axes, 0, 0, 360, figure.shirt, cv::FILLED);
    const double gain = Gain(script_);
    cv::circle(*picture, cv::Point(cvRound(feet.x), cvRound(feet.y - body * 0.92)), std::max(2, cvRound(body * 0.11)),
               cv::Scalar(120, 150, 190) * gain, cv::FILLED);
  }

  // A seated person: body behind the desk, head above, a forearm on the desk. The head sways
  // and turns, the body leans and the forearm writes, each by about `fidget` pixels (scaled to
  // the picture) on the person's own slow rhythm.
  void DrawSeated(const SeatedPerson& person, double t, cv::Mat* picture) const {
    const double unit = script_.fidget * script_.width / 320.0;
    const double phase = 2 * CV_PI * t / person.period + person.phase;
    const double sway = 1.5 * unit * std::sin(phase);
    const double lean = 1.0 * unit * std::sin(0.37 * phase + 1.0);
    const double s = person.size;
    const double gain = Gain(script_);
    const cv::Point body(cvRound(person.seat.x + lean), cvRound(person.seat.y - s * 0.5));
    cv::ellipse(*picture, body, cv::Size(std::max(2, cvRound(s * 0.45)), std::max(3, cvRound(s * 0.7))), 0, 0, 360,
                person.shirt, cv::FILLED);
    const cv::Point head(cvRound(person.seat.x + lean + sway),
                         cvRound(person.seat.y - s * 1.35 + 0.5 * std::abs(sway)));
    cv::circle(*picture, head, std::max(2, cvRound(s * 0.32)), cv::Scalar(60, 70, 90) * gain, cv::FILLED);
    const double write = 1.5 * unit * std::sin(2.3 * phase);
    const cv::Point hand(cvRound(person.seat.x + s * 0.5 + write), cvRound(person.seat.y + s * 0.15));
    cv::line(*picture, cv::Point(cvRound(person.seat.x + lean), cvRound(person.seat.y - s * 0.3)), hand, person.shirt,
             std::max(1, cvRound(s * 0.2)));
  }

  static double Gain(const CctvScript& script) {
    return script.lights_off ? kLightsOffGain : script.dark_room ? kDarkRoomGain : 1.0;
  }

  void AddNoise(int64_t index, cv::Mat* picture) const {
    const uint64_t mix = SplitMix64(script_.seed * 0x100000001b3ULL + static_cast<uint64_t>(index));
    const int x = static_cast<int>(mix % kNoiseMargin);
    const int y = static_cast<int>((mix >> 20) % kNoiseMargin);
    const cv::Mat noise = noise_(cv::Rect(x, y, script_.width, script_.height));
    cv::add(*picture, noise, *picture, cv::noArray(), CV_8U);
  }

  // White text with a dark rim, legible on the pale wall as on a covered lens.
  void DrawOsd(int64_t index, cv::Mat* picture) const {
    const double scale = script_.height / 450.0;
    const int thickness = std::max(1, script_.height / 360);
    const Instant shown = script_.osd_start + index / script_.fps;
    DrawOsdText(FormatLocal(shown, script_.zone), cv::Point(script_.width / 32, script_.height / 10), scale, thickness,
                picture);
    int baseline = 0;
    const cv::Size name_size =
        cv::getTextSize(script_.camera_name, cv::FONT_HERSHEY_SIMPLEX, scale, thickness, &baseline);
    DrawOsdText(script_.camera_name,
                cv::Point(script_.width - name_size.width - script_.width / 32, script_.height - script_.height / 24),
                scale, thickness, picture);
  }

  static void DrawOsdText(const std::string& text, cv::Point origin, double scale, int thickness, cv::Mat* picture) {
    cv::putText(*picture, text, origin, cv::FONT_HERSHEY_SIMPLEX, scale, cv::Scalar(20, 20, 20), thickness + 2);
    cv::putText(*picture, text, origin, cv::FONT_HERSHEY_SIMPLEX, scale, cv::Scalar(235, 235, 235), thickness);
  }

  const CctvScript& script_;
  cv::Mat room_;   // the empty room, dimmed for dark_room
  cv::Mat noise_;  // CV_16SC3, picture size plus kNoiseMargin each way
  std::vector<Figure> figures_;
  std::vector<SeatedPerson> seated_;
};

const char* MuxerName(const std::string& container) {
  if (container == "mp4") return "mp4";
  if (container == "mpegps") return "mpeg";
  if (container == "mpegts") return "mpegts";
  if (container == "matroska") return "matroska";
  return nullptr;
}

const AVCodec* FindEncoder(const std::string& codec) {
  if (codec == "h264") {
    if (const AVCodec* x264 = avcodec_find_encoder_by_name("libx264")) return x264;
    return avcodec_find_encoder(AV_CODEC_ID_H264);
  }
  if (codec == "hevc" || codec == "h265") {
    if (const AVCodec* x265 = avcodec_find_encoder_by_name("libx265")) return x265;
    return avcodec_find_encoder(AV_CODEC_ID_HEVC);
  }
  return nullptr;
}

// Fast, single-threaded, no B-frames, no look-ahead: like a camera's encoder, and bit-exact.
// Keyframes are placed by the writer (every `gop` frames, but never inside a frozen span), so
// the encoder's own interval is left open.
// rate_control "cbr" pads to the bit rate (x264's nal-hrd); "crf" leaves the bits to the picture.
void SetEncoderOptions(const AVCodec* encoder, const CctvScript& script, AVCodecContext* context) {
  const std::string name = encoder->name;
  if (name == "libx264") {
    av_opt_set(context->priv_data, "preset", "ultrafast", 0);
    av_opt_set(context->priv_data, "tune", "zerolatency", 0);
    if (script.rate_control == "cbr") av_opt_set(context->priv_data, "nal-hrd", "cbr", 0);
    if (script.rate_control == "crf") av_opt_set_double(context->priv_data, "crf", 23, 0);
  } else if (name == "libx265") {
    av_opt_set(context->priv_data, "preset", "ultrafast", 0);
    av_opt_set(context->priv_data, "tune", "zerolatency", 0);
    av_opt_set(context->priv_data, "x265-params", "log-level=none:pools=none:frame-threads=1:bframes=0:info=0", 0);
  }
}

class CctvWriter {
 public:
  CctvWriter(const std::string& path, const CctvScript& script) : path_(path), script_(script) {}

  std::string Write() {
    if (std::string error = Validate(); !error.empty()) return error;
    if (std::string error = OpenEncoder(); !error.empty()) return error;
    if (std::string error = OpenMuxer(); !error.empty()) return error;
    if (std::string error = EncodeFrames(); !error.empty()) return error;
    return "";
  }

 private:
  std::string Fail(std::string_view action, int error) const {
    std::string message = AvFileError(path_, action, error);
    if (!log_.Text().empty()) message += " (libav: " + log_.Text() + ")";
    return message;
  }

  std::string Validate() const {
    if (script_.width < 16 || script_.height < 16 || script_.width % 2 || script_.height % 2) {
      return path_ + ": the picture must be at least 16x16 and of even size";
    }
    if (script_.fps <= 0 || script_.duration_s <= 0 || script_.gop <= 0 || script_.bitrate <= 0) {
      return path_ + ": fps, duration, gop and bitrate must be positive";
    }
    if (script_.rate_control != "abr" && script_.rate_control != "cbr" && script_.rate_control != "crf") {
      return path_ + ": unknown rate control \"" + script_.rate_control + "\" (abr, cbr, crf)";
    }
    if (script_.parameter_sets_once && script_.container != "mpegts" && script_.container != "mpegps") {
      return path_ + ": parameter sets written once is for mpegts and mpegps only";
    }
    if (MuxerName(script_.container) == nullptr && script_.container != "dhav") {
      return path_ + ": unknown container \"" + script_.container + "\" (mp4, mpegps, mpegts, matroska, dhav)";
    }
    return "";
  }

  std::string OpenEncoder() {
    const AVCodec* encoder = FindEncoder(script_.codec);
    if (encoder == nullptr) {
      return path_ + ": no encoder for codec \"" + script_.codec + "\" in this libav build";
    }
    encoder_.reset(avcodec_alloc_context3(encoder));
    if (encoder_ == nullptr) return Fail("allocating the encoder", AVERROR(ENOMEM));
    encoder_->width = script_.width;
    encoder_->height = script_.height;
    encoder_->pix_fmt = AV_PIX_FMT_YUV420P;
    encoder_->time_base = AVRational{1, script_.fps};
    encoder_->framerate = AVRational{script_.fps, 1};
    encoder_->gop_size = kEncoderKeyframeInterval;
    encoder_->max_b_frames = 0;
    encoder_->bit_rate = script_.bitrate;
    if (script_.rate_control == "cbr") {  // as an NVR set to CBR: one second of buffer, padded
      encoder_->rc_min_rate = encoder_->rc_max_rate = script_.bitrate;
      encoder_->rc_buffer_size = static_cast<int>(std::min<int64_t>(script_.bitrate, INT32_MAX));
    }
    encoder_->thread_count = 1;
    encoder_->flags |= AV_CODEC_FLAG_BITEXACT;
    const char* muxer = MuxerName(script_.container);
    const AVOutputFormat* format = av_guess_format(muxer, nullptr, nullptr);
    // Parameter sets written once: the encoder gives them apart (as extradata) and the writer puts
    // them before the first packet only.
    if ((format != nullptr && (format->flags & AVFMT_GLOBALHEADER)) || script_.parameter_sets_once) {
      encoder_->flags |= AV_CODEC_FLAG_GLOBAL_HEADER;
    }
    SetEncoderOptions(encoder, script_, encoder_.get());
    int error = avcodec_open2(encoder_.get(), encoder, nullptr);
    if (error < 0) return Fail(std::string("opening the ") + encoder->name + " encoder", error);
    if (!script_.frozen.empty()) return OpenDecoder();
    return "";
  }

  // Frozen frames are fed to the encoder as it decoded the frame before them: with nothing
  // left to correct, it codes them as skips, exact repeats of the decoded picture. (Fed the
  // source picture again, an encoder keeps refining it for seconds, which reads as motion.)
  std::string OpenDecoder() {
    const AVCodec* codec = avcodec_find_decoder(encoder_->codec_id);
    if (codec == nullptr) return path_ + ": no decoder for " + script_.codec + " in this libav";
    decoder_.reset(avcodec_alloc_context3(codec));
    decoded_.reset(av_frame_alloc());
    receiving_.reset(av_frame_alloc());
    if (decoder_ == nullptr || decoded_ == nullptr || receiving_ == nullptr) {
      return Fail("allocating the decoder", AVERROR(ENOMEM));
    }
    decoder_->thread_count = 1;
    decoder_->flags |= AV_CODEC_FLAG_LOW_DELAY;
    if (encoder_->extradata_size > 0) {
      decoder_->extradata = static_cast<uint8_t*>(
          av_mallocz(static_cast<size_t>(encoder_->extradata_size) + AV_INPUT_BUFFER_PADDING_SIZE));
      if (decoder_->extradata == nullptr) return Fail("allocating the decoder", AVERROR(ENOMEM));
      std::memcpy(decoder_->extradata, encoder_->extradata, static_cast<size_t>(encoder_->extradata_size));
      decoder_->extradata_size = encoder_->extradata_size;
    }
    int error = avcodec_open2(decoder_.get(), codec, nullptr);
    if (error < 0) return Fail("opening the decoder", error);
    return "";
  }

  // Puts the decoded previous frame into frame_, if the decoder has it (false otherwise).
  bool RepeatDecoded(int64_t previous_index) {
    if (decoded_ == nullptr || decoded_->pts != previous_index || decoded_->format != AV_PIX_FMT_YUV420P ||
        decoded_->width != frame_->width || decoded_->height != frame_->height) {
      return false;
    }
    return av_frame_copy(frame_.get(), decoded_.get()) >= 0;
  }

  std::string OpenMuxer() {
    if (script_.container == "dhav") return dhav_.Open(path_);  // no libav muxer: tools/demo/dhav_file.h
    AVFormatContext* raw = nullptr;
    int error = avformat_alloc_output_context2(&raw, nullptr, MuxerName(script_.container), path_.c_str());
    muxer_.reset(raw);
    if (error < 0 || muxer_ == nullptr) return Fail("setting up the muxer", error);
    muxer_->flags |= AVFMT_FLAG_BITEXACT;
    if (script_.creation_time) {
      av_dict_set(&muxer_->metadata, "creation_time", FormatUtcTimestamp(*script_.creation_time).c_str(), 0);
    }
    stream_ = avformat_new_stream(muxer_.get(), nullptr);
    if (stream_ == nullptr) return Fail("adding the video stream", AVERROR(ENOMEM));
    stream_->time_base = encoder_->time_base;
    error = avcodec_parameters_from_context(stream_->codecpar, encoder_.get());
    if (error < 0) return Fail("copying the codec parameters", error);
    if (script_.parameter_sets_once) {  // the MPEG-TS muxer would repeat them on every keyframe
      av_freep(&stream_->codecpar->extradata);
      stream_->codecpar->extradata_size = 0;
    }
    // "file:" keeps a path with a colon from being read as another protocol.
    error = avio_open(&muxer_->pb, ("file:" + path_).c_str(), AVIO_FLAG_WRITE);
    if (error < 0) return Fail("creating the file", error);
    error = avformat_write_header(muxer_.get(), nullptr);
    if (error < 0) return Fail("writing the header", error);
    return "";
  }

  std::string EncodeFrames() {
    frame_.reset(av_frame_alloc());
    packet_.reset(av_packet_alloc());
    if (frame_ == nullptr || packet_ == nullptr) return Fail("allocating a frame", AVERROR(ENOMEM));
    frame_->format = AV_PIX_FMT_YUV420P;
    frame_->width = script_.width;
    frame_->height = script_.height;
    int error = av_frame_get_buffer(frame_.get(), 0);
    if (error < 0) return Fail("allocating a frame", error);
    converter_.reset(sws_getContext(script_.width, script_.height, AV_PIX_FMT_BGR24, script_.width, script_.height,
                                    AV_PIX_FMT_YUV420P, SWS_BILINEAR, nullptr, nullptr, nullptr));
    if (converter_ == nullptr) return Fail("setting up the colour conversion", AVERROR(EINVAL));

    const CctvScene scene(script_);
    cv::Mat picture;
    const int64_t frame_count = std::llround(script_.duration_s * script_.fps);
    int64_t previous_index = -1;
    int since_keyframe = 0;
    for (int64_t index = 0; index < frame_count; ++index) {
      const double t = static_cast<double>(index) / script_.fps;
      if (InSpans(script_.holes, t)) continue;
      error = av_frame_make_writable(frame_.get());
      if (error < 0) return Fail("preparing a frame", error);
      const bool frozen = previous_index >= 0 && InSpans(script_.frozen, t);
      if (!frozen || !RepeatDecoded(previous_index)) {
        scene.Draw(index, &picture);
        const uint8_t* source[] = {picture.data};
        const int source_stride[] = {static_cast<int>(picture.step)};
        sws_scale(converter_.get(), source, source_stride, 0, script_.height, frame_->data, frame_->linesize);
      }
      frame_->pts = index;

      // A keyframe starts the file, follows every hole (the recorder restarted) and comes
      // every `gop` frames, postponed to the end of a frozen span: re-encoding the frozen
      // picture as a keyframe would change it.
      const bool after_hole = previous_index >= 0 && index != previous_index + 1;
      if (previous_index < 0 || after_hole || (!frozen && since_keyframe >= script_.gop)) {
        frame_->pict_type = AV_PICTURE_TYPE_I;
        since_keyframe = 0;
      } else if (frozen) {
        frame_->pict_type = AV_PICTURE_TYPE_P;
      } else {
        frame_->pict_type = AV_PICTURE_TYPE_NONE;
      }
      ++since_keyframe;
      previous_index = index;
      if (std::string failure = Encode(frame_.get()); !failure.empty()) return failure;
    }
    if (std::string failure = Encode(nullptr); !failure.empty()) return failure;
    if (script_.container == "dhav") return dhav_.Close();
    error = av_write_trailer(muxer_.get());
    if (error < 0) return Fail("writing the trailer", error);
    return "";
  }

  // Sends one frame (nullptr: flush) and writes every packet the encoder gives back.
  std::string Encode(const AVFrame* frame) {
    int error = avcodec_send_frame(encoder_.get(), frame);
    if (error < 0) return Fail("encoding a frame", error);
    for (;;) {
      error = avcodec_receive_packet(encoder_.get(), packet_.get());
      if (error == AVERROR(EAGAIN) || error == AVERROR_EOF) return "";
      if (error < 0) return Fail("encoding a frame", error);
      if (packet_->duration <= 0) packet_->duration = 1;
      if (decoder_ != nullptr) Decode(packet_.get());
      if (script_.container == "dhav") {
        // The NVR's clock: whole seconds from the OSD's start, milliseconds on a free-running counter.
        const int64_t millis = packet_->pts * 1000 / script_.fps;
        if (std::string failure = dhav_.WriteVideoFrame(
                packet_->data, static_cast<size_t>(packet_->size), (packet_->flags & AV_PKT_FLAG_KEY) != 0,
                script_.osd_start + millis / 1000, millis, script_.zone, script_.width, script_.height, script_.fps,
                script_.codec != "h264");
            !failure.empty()) {
          return failure;
        }
        av_packet_unref(packet_.get());
        continue;
      }
      av_packet_rescale_ts(packet_.get(), encoder_->time_base, stream_->time_base);
      packet_->stream_index = stream_->index;
      if (script_.parameter_sets_once && !parameter_sets_written_) {
        if (std::string failure = PrependParameterSets(); !failure.empty()) return failure;
        parameter_sets_written_ = true;
      }
      error = av_interleaved_write_frame(muxer_.get(), packet_.get());
      if (error < 0) return Fail("writing a packet", error);
    }
  }

  // The encoder's parameter sets put before packet_'s data (the first packet: a keyframe).
  std::string PrependParameterSets() {
    const AvPacketPtr joined(av_packet_alloc());
    if (joined == nullptr) return Fail("writing a packet", AVERROR(ENOMEM));
    int error = av_new_packet(joined.get(), encoder_->extradata_size + packet_->size);
    if (error >= 0) error = av_packet_copy_props(joined.get(), packet_.get());
    if (error < 0) return Fail("writing a packet", error);
    std::memcpy(joined->data, encoder_->extradata, static_cast<size_t>(encoder_->extradata_size));
    std::memcpy(joined->data + encoder_->extradata_size, packet_->data, static_cast<size_t>(packet_->size));
    av_packet_unref(packet_.get());
    av_packet_move_ref(packet_.get(), joined.get());
    return "";
  }

  // Keeps the latest picture the decoder gives back for `packet` (errors just leave the
  // previous one, which RepeatDecoded then declines by its timestamp).
  void Decode(const AVPacket* packet) {
    if (avcodec_send_packet(decoder_.get(), packet) < 0) return;
    // avcodec_receive_frame empties its frame even when it has nothing to give.
    while (avcodec_receive_frame(decoder_.get(), receiving_.get()) >= 0) {
      av_frame_unref(decoded_.get());
      av_frame_move_ref(decoded_.get(), receiving_.get());
    }
  }

  const std::string& path_;
  const CctvScript& script_;
  AvLogCapture log_;
  AvCodecContextPtr encoder_;
  AvOutputPtr muxer_;
  DhavFileWriter dhav_;         // instead of muxer_ for container "dhav"
  AVStream* stream_ = nullptr;  // owned by muxer_
  bool parameter_sets_written_ = false;
  AvFramePtr frame_;
  AvPacketPtr packet_;
  SwsContextPtr converter_;
  AvCodecContextPtr decoder_;  // only when the script has frozen spans
  AvFramePtr decoded_;
  AvFramePtr receiving_;
};

}  // namespace

std::string WriteCctvVideo(const std::string& path, const CctvScript& script) {
  CctvWriter writer(path, script);
  return writer.Write();
}

cv::Mat DrawCctvFrame(const CctvScript& script, int64_t index) {
  cv::Mat picture;
  CctvScene(script).Draw(index, &picture);
  return picture;
}

std::string CctvEncoderName(const std::string& codec) {
  const AVCodec* encoder = FindEncoder(codec);
  return encoder == nullptr ? "" : encoder->name;
}

}  // namespace xk
