#include "src/media/frame_sampler.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <deque>
#include <future>
#include <memory>
#include <optional>

#include "src/media/av_handles.h"
#include "src/media/av_input_file.h"
#include "src/media/av_log_capture.h"
#include "src/media/interval_decoding.h"
#include "src/media/keyframe_decoders.h"
#include "src/media/picture_stats.h"
#include "src/media/sample_clock.h"
#include "src/media/video_timestamps.h"

extern "C" {
#include <libavutil/pixdesc.h>
}

namespace xk {

namespace {

constexpr int kReadBuffer = 1024 * 1024;
// The packets of one keyframe interval kept for decoding it in full: beyond this many bytes the
// interval is decoded in full at once (only a broken file gets there: at 8 Mbit/s, 2.5 s of
// video is 2.5 MB).
constexpr int64_t kMaxHeldBytes = 64 * 1024 * 1024;
// A packet duration beyond this is not a frame's (a broken stream): the step stays as it was.
constexpr double kMaxFrameDuration = 10.0;
// Pictures that long keyframe intervals decoded ahead on the pool may hold for the sampler, in
// bytes (about 30 s of 1080p at a sample a second); a longer interval is decoded in file order.
constexpr int64_t kMaxAheadPictureBytes = 96 * 1024 * 1024;

// An 8-bit planar Y'CbCr or gray format the measurer can read as it is.
bool DirectlyReadable(const AVPixFmtDescriptor* desc) {
  if (desc == nullptr) return false;
  if (desc->flags & (AV_PIX_FMT_FLAG_RGB | AV_PIX_FMT_FLAG_PAL | AV_PIX_FMT_FLAG_HWACCEL | AV_PIX_FMT_FLAG_BITSTREAM)) {
    return false;
  }
  if (desc->comp[0].depth != 8 || desc->comp[0].step != 1 || desc->comp[0].plane != 0) return false;
  if (desc->nb_components == 1) return true;  // gray
  if (desc->nb_components < 3 || !(desc->flags & AV_PIX_FMT_FLAG_PLANAR)) return false;
  for (int c = 1; c < 3; ++c) {
    if (desc->comp[c].depth != 8 || desc->comp[c].step != 1 || desc->comp[c].plane != c) {
      return false;
    }
  }
  return true;
}

bool IsFullRange(const AVFrame* frame) {
  if (frame->color_range == AVCOL_RANGE_JPEG) return true;
  switch (frame->format) {
    case AV_PIX_FMT_YUVJ420P:
    case AV_PIX_FMT_YUVJ422P:
    case AV_PIX_FMT_YUVJ444P:
    case AV_PIX_FMT_YUVJ440P:
    case AV_PIX_FMT_YUVJ411P:
      return true;
    default:
      return false;
  }
}

class Sampler {
 public:
  Sampler(const std::string& path, const SamplerOptions& options)
      : path_(path), options_(options), measurer_(options.black_pixel_threshold, options.still_threshold) {}

  FrameSampling Run() {
    if (std::string error = Open(); !error.empty()) {
      result_.error = error;
      return std::move(result_);
    }
    ReadAll();
    return std::move(result_);
  }

 private:
  std::string Fail(std::string message) const {
    if (!log_.Text().empty()) message += " (libav: " + log_.Text() + ")";
    return message;
  }

  std::string Open() {
    if (std::string error = input_.Open(path_, kReadBuffer, options_.max_streams); !error.empty()) return error;
    AVFormatContext* format = input_.format();
    video_ = LocateVideoStream(format, input_.container(), true);  // packets are read again from the start
    if (video_ < 0) return path_ + ": no video stream to sample";
    for (unsigned i = 0; i < format->nb_streams; ++i) {
      format->streams[i]->discard = static_cast<int>(i) == video_ ? AVDISCARD_DEFAULT : AVDISCARD_ALL;
    }
    AVStream* stream = format->streams[video_];
    clock_.time_base = av_q2d(stream->time_base);
    picture_bytes_ = std::max<int64_t>(int64_t{stream->codecpar->width} * stream->codecpar->height * 3 / 2, 1);
    double fps = 0;
    if (stream->avg_frame_rate.num > 0 && stream->avg_frame_rate.den > 0) {
      fps = av_q2d(stream->avg_frame_rate);
    }
    if (fps <= 0 && stream->r_frame_rate.num > 0 && stream->r_frame_rate.den > 0) {
      fps = av_q2d(stream->r_frame_rate);
    }
    frame_rate_known_ = fps > 0 && fps < 1000;
    clock_.frame_duration = frame_rate_known_ ? 1.0 / fps : 1.0 / 25;

    const AVCodecParameters* parameters = stream->codecpar;
    if (parameters->width > options_.max_width || parameters->height > options_.max_height ||
        int64_t{parameters->width} * parameters->height > options_.max_pixels) {
      return fmt::format(
          "{}: the picture is {} x {}, beyond the limits picture_max_width/height/pixels ({} x {}, {} "
          "pixels); not decoded",
          path_, parameters->width, parameters->height, options_.max_width, options_.max_height, options_.max_pixels);
    }
    if (std::string error = OpenPictureDecoder(stream->codecpar, stream->time_base, path_, options_.decoder_threads,
                                               options_.max_pixels, &decoder_);
        !error.empty()) {
      return Fail(error);
    }
    frame_.reset(av_frame_alloc());
    packet_.reset(av_packet_alloc());
    if (frame_ == nullptr || packet_ == nullptr) return AvFileError(path_, "allocating the decoder", AVERROR(ENOMEM));
    return "";
  }

  // Reads every video packet to the end of the file (or the first read error) and decodes those
  // the sampling needs.
  void ReadAll() {
    AVFormatContext* format = input_.format();
    for (;;) {
      const int error = av_read_frame(format, packet_.get());
      if (error < 0) break;  // end of file, or a read error: what was sampled stands
      if (packet_->stream_index == video_) OnPacket(packet_.get());
      av_packet_unref(packet_.get());
    }
    // Keyframe sampling leaves the packets after the last keyframe undecoded (at most
    // max_keyframe_gap seconds of them): the last keyframe's sample stands for them.
    if (held_long_) QueueInterval();
    TakeKeyframes(0);
    Decode(nullptr);
  }

  struct HeldPacket {
    AvPacketPtr packet;
    double time = 0;
  };

  // A keyframe met in keyframe sampling, in file order, waiting for TakeKeyframes to decide
  // whether it becomes a sample; `decoding` when the keyframe pool decodes it ahead. Or, with a
  // pool, a long keyframe interval to decode in full (`interval`), decoded ahead on the pool
  // (`interval_decoding`) when its pictures fit kMaxAheadPictureBytes.
  struct PendingKeyframe {
    AvPacketPtr packet;
    double shown_time = 0;
    bool ends_dense = false;
    std::optional<std::future<DecodedKeyframe>> decoding;
    std::shared_ptr<const IntervalPackets> interval;
    std::optional<std::future<DecodedInterval>> interval_decoding;
    int64_t ahead_bytes = 0;  // what its decoding ahead may hold
  };

  void OnPacket(AVPacket* packet) {
    const int64_t timestamp = packet->dts != AV_NOPTS_VALUE ? packet->dts : packet->pts;
    if (!clock_.has_origin && timestamp != AV_NOPTS_VALUE) {
      clock_.origin = timestamp;
      clock_.has_origin = true;
    }
    const double duration = static_cast<double>(packet->duration) * clock_.time_base;
    if (!frame_rate_known_ && duration > 0 && duration <= kMaxFrameDuration) {
      // MPEG-PS describes no frame rate in its header, but the parser gives each packet the
      // duration the bitstream states: the step for pictures that come without a timestamp.
      clock_.frame_duration = duration;
      frame_rate_known_ = true;
    }
    double time = last_packet_time_;
    if (timestamp != AV_NOPTS_VALUE && clock_.has_origin) {
      time = static_cast<double>(timestamp - clock_.origin) * clock_.time_base;
    } else if (clock_.has_origin && clock_.time_base > 0) {
      // A packet without a timestamp (its frame began inside the PES of another, as an MPEG-PS
      // muxer packs them) follows the one before by a frame. It is given that decode timestamp,
      // so its picture is timed by it wherever it is decoded (alone, ahead or in an interval).
      time += clock_.frame_duration;
      packet->dts = clock_.origin + std::llround(time / clock_.time_base);
    }
    last_packet_time_ = time;

    if (options_.thorough) {
      Decode(packet);
      return;
    }
    const bool key = (packet->flags & AV_PKT_FLAG_KEY) != 0;
    if (key) {
      const bool ends_dense = dense_ || held_long_;
      if (dense_) {
        Decode(nullptr);  // the interval's last pictures
        dense_ = false;
        ahead_has_sample_ = clock_.has_sample;
        ahead_last_sample_ = clock_.last_sample_time;
      }
      if (held_long_) QueueInterval();
      held_.clear();
      held_bytes_ = 0;
      Hold(packet, time);
      const int64_t shown = packet->pts != AV_NOPTS_VALUE ? packet->pts : timestamp;
      const double shown_time = shown != AV_NOPTS_VALUE && clock_.has_origin
                                    ? static_cast<double>(shown - clock_.origin) * clock_.time_base
                                    : time;
      QueueKeyframe(packet, shown_time, ends_dense);
      return;
    }
    if (dense_) {
      Decode(packet);
      return;
    }
    if (held_.empty()) {
      // No keyframe yet (a file cut in the middle of an interval): these cannot be decoded
      // alone. A stream that flags no keyframe at all is decoded in full after a while.
      if (time > options_.max_keyframe_gap && !seen_any_key_) {
        TakeKeyframes(0);
        EnterDense();
        Decode(packet);
      }
      return;
    }
    Hold(packet, time);
    const double held_for = time - held_.front().time;
    if (held_for > options_.max_keyframe_gap || held_bytes_ > kMaxHeldBytes) {
      // With a pool, the interval is decoded ahead once the next keyframe closes it, while it
      // fits; else from here on, in file order.
      held_long_ =
          keyframe_pool_ != nullptr && held_bytes_ <= kMaxHeldBytes && AheadBytes(held_for) <= kMaxAheadPictureBytes;
      if (!held_long_) DecodeHeldInFull();
    }
  }

  // What the pictures kept of an interval of `seconds` decoded ahead may take.
  int64_t AheadBytes(double seconds) const {
    return static_cast<int64_t>(seconds / options_.dense_interval + 2) * picture_bytes_;
  }

  SampleChoice Choice() const { return SampleChoice{options_.thorough, dense_, options_.dense_interval}; }

  // The held long interval becomes a pending entry, decoded on the pool from the clock the
  // keyframes before it foresee (TakeInterval checks it).
  void QueueInterval() {
    held_long_ = false;
    auto packets = std::make_shared<IntervalPackets>();
    for (auto& held : held_) packets->push_back(std::move(held.packet));
    const double seconds = held_.back().time - held_.front().time;
    held_.clear();
    held_bytes_ = 0;
    SampleClock foreseen = clock_;
    foreseen.has_sample = ahead_has_sample_;
    foreseen.last_sample_time = ahead_last_sample_;
    foreseen.last_frame_time = ahead_last_sample_;
    PendingKeyframe pending;
    pending.interval = packets;
    pending.ahead_bytes = AheadBytes(seconds);
    const SampleChoice choice{false, true, options_.dense_interval};
    const int threads = options_.decoder_threads;
    pending.interval_decoding =
        keyframe_pool_->Run<DecodedInterval>([setup = keyframe_setup_, packets, foreseen, choice, threads] {
          return DecodeIntervalAlone(*setup, *packets, foreseen, choice, threads);
        });
    ahead_bytes_ += pending.ahead_bytes;
    pending_.push_back(std::move(pending));
  }

  // Keyframes closer together than keyframe_spacing are not all needed; the one that ends a
  // long interval is (it shows where whatever happened inside ended). TakeKeyframes decides
  // that in file order from the samples actually made; with a keyframe pool, the keyframes it
  // will most likely want are decoded ahead (if one is refused, TakeKeyframes decodes the next
  // one itself; one it does not want is dropped), so the samples are those of one decoder.
  void QueueKeyframe(const AVPacket* packet, double shown_time, bool ends_dense) {
    if (keyframe_setup_ == nullptr) {  // the first keyframe: every decoder starts from its state
      keyframe_setup_ = std::make_shared<const KeyframeDecoderSetup>(input_.format()->streams[video_], packet, path_,
                                                                     options_.max_pixels);
      if (options_.keyframe_threads > 1) {
        keyframe_pool_ = std::make_unique<KeyframeDecoders>();
        keyframe_pool_->Start(keyframe_setup_, options_.keyframe_threads);
      }
    }
    PendingKeyframe pending{AvPacketPtr(av_packet_alloc()), shown_time, ends_dense, std::nullopt};
    if (pending.packet == nullptr || av_packet_ref(pending.packet.get(), packet) < 0) {
      ++result_.decode_errors;
      return;
    }
    if (keyframe_pool_ != nullptr && WantsKeyframe(ahead_has_sample_, ahead_last_sample_, pending)) {
      // (a keyframe that ends a long interval always is)
      pending.decoding = keyframe_pool_->Submit(packet);
      ahead_has_sample_ = true;
      ahead_last_sample_ = shown_time;
    }
    pending_.push_back(std::move(pending));
    TakeKeyframes(keyframe_pool_ != nullptr ? static_cast<size_t>(options_.keyframe_threads) * 2 : 0);
  }

  bool WantsKeyframe(bool has_sample, double last_sample, const PendingKeyframe& keyframe) const {
    return !has_sample || keyframe.ends_dense || keyframe.shown_time >= last_sample + options_.keyframe_spacing - 1e-6;
  }

  // Decides on the queued keyframes (and intervals), oldest first, until at most `keep` are left
  // and the intervals decoded ahead hold at most kMaxAheadPictureBytes.
  void TakeKeyframes(size_t keep) {
    while (pending_.size() > keep || (!pending_.empty() && ahead_bytes_ > kMaxAheadPictureBytes)) {
      PendingKeyframe keyframe = std::move(pending_.front());
      pending_.pop_front();
      ahead_bytes_ -= keyframe.ahead_bytes;
      if (keyframe.interval != nullptr) {
        TakeInterval(&keyframe);
        continue;
      }
      if (!WantsKeyframe(clock_.has_sample, clock_.last_sample_time, keyframe)) continue;
      DecodedKeyframe decoded =
          keyframe.decoding ? keyframe.decoding->get() : DecodeKeyframeAlone(*keyframe_setup_, keyframe.packet.get());
      result_.decode_errors += decoded.errors;
      for (const auto& frame : decoded.frames) OnFrame(frame.get());
    }
    if (pending_.empty()) {
      ahead_has_sample_ = clock_.has_sample;
      ahead_last_sample_ = clock_.last_sample_time;
    }
  }

  // A long interval, in file order: its pictures as decoded ahead when they hold every sample
  // the real clock makes of them (and the sampler can read them as they are), else decoded here.
  void TakeInterval(PendingKeyframe* interval) {
    ++result_.dense_intervals;
    if (interval->interval_decoding) {
      DecodedInterval decoded = interval->interval_decoding->get();
      dense_ = true;
      if (decoded.opened && ReadableAsTheyAre(decoded) && PicturesCover(decoded, clock_, Choice())) {
        ++result_.intervals_ahead;
        result_.decode_errors += decoded.errors;
        for (const IntervalPicture& picture : decoded.pictures) OnPicture(picture.facts, picture.picture.get());
        dense_ = false;
        return;
      }
      dense_ = false;
    }
    EnterDense();
    for (const AvPacketPtr& packet : *interval->interval) Decode(packet.get());
    Decode(nullptr);
    dense_ = false;
  }

  static bool ReadableAsTheyAre(const DecodedInterval& decoded) {
    for (const IntervalPicture& picture : decoded.pictures) {
      const AVFrame* frame = picture.picture.get();
      if (frame == nullptr) continue;
      if (frame->width <= 0 || frame->height <= 0 ||
          !DirectlyReadable(av_pix_fmt_desc_get(static_cast<AVPixelFormat>(frame->format)))) {
        return false;
      }
    }
    return true;
  }

  void Hold(const AVPacket* packet, double time) {
    if (packet->flags & AV_PKT_FLAG_KEY) seen_any_key_ = true;
    HeldPacket held{AvPacketPtr(av_packet_alloc()), time};
    if (held.packet == nullptr || av_packet_ref(held.packet.get(), packet) < 0) return;
    held_bytes_ += packet->size;
    held_.push_back(std::move(held));
  }

  // Decodes every packet from here on: on a decoder opened afresh from the keyframes' setup, so
  // each interval starts from the same state whatever was decoded before it (with no keyframe
  // met yet, on the decoder opened for the file).
  void EnterDense() {
    dense_ = true;
    AvCodecContextPtr fresh;
    if (keyframe_setup_ != nullptr && keyframe_setup_->Open(options_.decoder_threads, false, &fresh).empty()) {
      decoder_ = std::move(fresh);
    } else {
      avcodec_flush_buffers(decoder_.get());
    }
  }

  // This keyframe interval is too long for keyframes alone: decode it from its keyframe (again)
  // and go on decoding every packet until the next keyframe. The keyframes before it are
  // decided on first, so samples stay in file order.
  void DecodeHeldInFull() {
    held_long_ = false;
    ++result_.dense_intervals;
    TakeKeyframes(0);
    EnterDense();  // it starts afresh from the interval's keyframe
    std::deque<HeldPacket> held;
    held.swap(held_);
    held_bytes_ = 0;
    for (auto& p : held) Decode(p.packet.get());
  }

  // Sends one packet (nullptr: drain) and measures the pictures that come back.
  void Decode(const AVPacket* packet) {
    for (int attempt = 0;; ++attempt) {
      const int error = avcodec_send_packet(decoder_.get(), packet);
      if (error == AVERROR(EAGAIN) && attempt < 2) {  // full: take its pictures, then again
        Receive();
        continue;
      }
      if (error < 0 && error != AVERROR_EOF) ++result_.decode_errors;
      break;
    }
    Receive();
    if (packet == nullptr) avcodec_flush_buffers(decoder_.get());  // usable again after draining
  }

  void Receive() {
    for (;;) {
      const int error = avcodec_receive_frame(decoder_.get(), frame_.get());
      if (error == AVERROR(EAGAIN) || error == AVERROR_EOF) return;
      if (error < 0) {
        ++result_.decode_errors;
        return;
      }
      OnFrame(frame_.get());
      av_frame_unref(frame_.get());
    }
  }

  void OnFrame(const AVFrame* frame) { OnPicture(FactsOf(frame), frame); }

  // One decoded picture, in file order: measured when it becomes a sample.
  void OnPicture(const PictureFacts& facts, const AVFrame* frame) {
    ++result_.frames_decoded;
    if (facts.corrupt) {
      ++result_.decode_errors;
      return;
    }
    const std::optional<double> t = ChoosePicture(&clock_, facts, Choice());
    if (!t) return;
    PictureView view;
    if (frame == nullptr || !View(frame, &view)) {
      ++result_.decode_errors;
      return;
    }
    result_.samples.push_back(measurer_.Measure(view, *t));
    Sampled(&clock_, *t);
  }

  // The frame's planes as the measurer reads them, converted to 8-bit 4:2:0 when they are not.
  bool View(const AVFrame* frame, PictureView* view) {
    if (frame->width <= 0 || frame->height <= 0) return false;
    const auto* desc = av_pix_fmt_desc_get(static_cast<AVPixelFormat>(frame->format));
    const AVFrame* source = frame;
    if (!DirectlyReadable(desc)) {
      if (converted_ == nullptr) converted_.reset(av_frame_alloc());
      if (converted_ == nullptr) return false;
      if (converted_->width != frame->width || converted_->height != frame->height) {
        av_frame_unref(converted_.get());
        converted_->format = AV_PIX_FMT_YUV420P;
        converted_->width = frame->width;
        converted_->height = frame->height;
        if (av_frame_get_buffer(converted_.get(), 0) < 0) return false;
      }
      SwsContext* context = sws_getCachedContext(converter_.release(), frame->width, frame->height,
                                                 static_cast<AVPixelFormat>(frame->format), frame->width, frame->height,
                                                 AV_PIX_FMT_YUV420P, SWS_POINT, nullptr, nullptr, nullptr);
      converter_.reset(context);
      if (context == nullptr) return false;
      if (sws_scale(context, frame->data, frame->linesize, 0, frame->height, converted_->data, converted_->linesize) <=
          0) {
        return false;
      }
      converted_->color_range = AVCOL_RANGE_MPEG;
      source = converted_.get();
      desc = av_pix_fmt_desc_get(AV_PIX_FMT_YUV420P);
    }
    view->luma = PlaneView{source->data[0], source->linesize[0], source->width, source->height};
    view->full_range = IsFullRange(source);
    view->chroma_planes = desc->nb_components >= 3 ? 2 : 0;
    const int chroma_width = AV_CEIL_RSHIFT(source->width, desc->log2_chroma_w);
    const int chroma_height = AV_CEIL_RSHIFT(source->height, desc->log2_chroma_h);
    for (int c = 0; c < view->chroma_planes; ++c) {
      view->chroma[c] = PlaneView{source->data[1 + c], source->linesize[1 + c], chroma_width, chroma_height};
    }
    return true;
  }

  const std::string& path_;
  const SamplerOptions& options_;
  AvLogCapture log_;
  AvInputFile input_;
  int video_ = -1;
  SampleClock clock_;          // the origin, the step for a picture without a timestamp, the last sample
  int64_t picture_bytes_ = 1;  // a decoded picture, as the stream states its size
  bool frame_rate_known_ = false;
  AvCodecContextPtr decoder_;  // every picture (thorough), or the pictures of long intervals
  AvFramePtr frame_;
  AvPacketPtr packet_;
  AvFramePtr converted_;
  SwsContextPtr converter_;
  PictureMeasurer measurer_;
  FrameSampling result_;

  double last_packet_time_ = 0;
  bool dense_ = false;
  bool held_long_ = false;  // the held interval is long: decoded in full once the next keyframe closes it
  bool seen_any_key_ = false;
  std::deque<HeldPacket> held_;  // the current keyframe interval's packets, keyframe first
  int64_t held_bytes_ = 0;
  std::shared_ptr<const KeyframeDecoderSetup> keyframe_setup_;  // from the first keyframe on
  std::unique_ptr<KeyframeDecoders> keyframe_pool_;             // decodes keyframes ahead (keyframe_threads > 1)
  std::deque<PendingKeyframe> pending_;                         // keyframes not yet decided on, in file order
  bool ahead_has_sample_ = false;                               // the samples as the pool's work foresees them
  double ahead_last_sample_ = 0;
  int64_t ahead_bytes_ = 0;  // the pending intervals' ahead_bytes
};

}  // namespace

FrameSampling SampleFrames(const std::string& path, const SamplerOptions& options) {
  QuietAvLog();
  try {
    Sampler sampler(path, options);
    return sampler.Run();
  } catch (const std::exception& e) {  // allocation failure: the file is not sampled
    FrameSampling failed;
    failed.error = path + ": sampling the pictures failed: " + e.what();
    return failed;
  }
}

}  // namespace xk
