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
#include "src/media/picture_reading.h"
#include "src/media/picture_stats.h"
#include "src/media/sample_clock.h"
#include "src/media/video_timestamps.h"

namespace xk {

namespace {

constexpr int kReadBuffer = 1024 * 1024;
// The packets of one keyframe interval kept for decoding it in full: beyond this many bytes the
// interval is decoded in full at once (only a broken file gets there: at 8 Mbit/s, 2.5 s of
// video is 2.5 MB).
constexpr int64_t kMaxHeldBytes = 64 * 1024 * 1024;
// A packet duration beyond this is not a frame's (a broken stream): the step stays as it was.
constexpr double kMaxFrameDuration = 10.0;
// With keyframe threads, the work queued ahead of the sampler: at most this many keyframes and
// intervals a thread, holding at most kMaxAheadBytes (the packets not yet decoded, and the
// extracts of the pictures decoded, about kExtractBytes each). An interval that alone would hold
// more is decoded in file order.
constexpr size_t kAheadPerThread = 16;
constexpr int64_t kMaxAheadBytes = 96 * 1024 * 1024;
constexpr int64_t kExtractBytes = 100 * 1024;

// A decoded keyframe made ready on the thread that decoded it (src/media/picture_reading.h).
struct ReadyKeyframe {
  std::vector<ReadyPicture> pictures;
  int64_t errors = 0;
};

ReadyKeyframe DecodeKeyframeReady(const KeyframeDecoderSetup& setup, const AVPacket* packet,
                                  double black_pixel_threshold) {
  DecodedKeyframe decoded = DecodeKeyframeAlone(setup, packet);
  PictureReader reader;
  PictureExtractor extractor(black_pixel_threshold);
  ReadyKeyframe ready;
  ready.errors = decoded.errors;
  for (const auto& frame : decoded.frames) ready.pictures.push_back(MakeReady(frame.get(), true, &reader, &extractor));
  return ready;
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
  // (`interval_decoding`). `ahead_bytes`: what it holds while queued (kMaxAheadBytes).
  struct PendingKeyframe {
    AvPacketPtr packet;
    double shown_time = 0;
    bool ends_dense = false;
    std::optional<std::future<ReadyKeyframe>> decoding;
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
      held_long_ = keyframe_pool_ != nullptr && held_bytes_ <= kMaxHeldBytes &&
                   AheadBytes(held_for, held_bytes_) <= kMaxAheadBytes;
      if (!held_long_) DecodeHeldInFull();
    }
  }

  // What an interval of `seconds` in `packet_bytes` queued ahead may hold.
  int64_t AheadBytes(double seconds, int64_t packet_bytes) const {
    return packet_bytes + static_cast<int64_t>(seconds / options_.dense_interval + 2) * kExtractBytes;
  }

  SampleChoice Choice() const { return SampleChoice{options_.thorough, dense_, options_.dense_interval}; }

  // The held long interval becomes a pending entry, decoded on the pool from the clock the
  // keyframes before it foresee (TakeInterval checks it).
  void QueueInterval() {
    held_long_ = false;
    auto packets = std::make_shared<IntervalPackets>();
    for (auto& held : held_) packets->push_back(std::move(held.packet));
    const double seconds = held_.back().time - held_.front().time;
    const int64_t packet_bytes = held_bytes_;
    held_.clear();
    held_bytes_ = 0;
    SampleClock foreseen = clock_;
    foreseen.has_sample = ahead_has_sample_;
    foreseen.last_sample_time = ahead_last_sample_;
    foreseen.last_frame_time = ahead_last_sample_;
    PendingKeyframe pending;
    pending.interval = packets;
    pending.ahead_bytes = AheadBytes(seconds, packet_bytes);
    const SampleChoice choice{false, true, options_.dense_interval};
    const int threads = options_.decoder_threads;
    const double black = options_.black_pixel_threshold;
    pending.interval_decoding =
        keyframe_pool_->Run<DecodedInterval>([setup = keyframe_setup_, packets, foreseen, choice, threads, black] {
          return DecodeIntervalAlone(*setup, *packets, foreseen, choice, threads, black);
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
      pending.decoding = keyframe_pool_->Run<ReadyKeyframe>(
          [setup = keyframe_setup_, packet = std::make_shared<AvPacketPtr>(av_packet_clone(packet)),
           black = options_.black_pixel_threshold]() {
            if (*packet == nullptr) throw std::bad_alloc();
            return DecodeKeyframeReady(*setup, packet->get(), black);
          });
      pending.ahead_bytes = packet->size + kExtractBytes;
      ahead_bytes_ += pending.ahead_bytes;
      ahead_has_sample_ = true;
      ahead_last_sample_ = shown_time;
    }
    pending_.push_back(std::move(pending));
    TakeKeyframes(keyframe_pool_ != nullptr ? static_cast<size_t>(options_.keyframe_threads) * kAheadPerThread : 0);
  }

  bool WantsKeyframe(bool has_sample, double last_sample, const PendingKeyframe& keyframe) const {
    return !has_sample || keyframe.ends_dense || keyframe.shown_time >= last_sample + options_.keyframe_spacing - 1e-6;
  }

  // Decides on the queued keyframes (and intervals), oldest first, until at most `keep` are left
  // and what they hold is within kMaxAheadBytes.
  void TakeKeyframes(size_t keep) {
    while (pending_.size() > keep || (!pending_.empty() && ahead_bytes_ > kMaxAheadBytes)) {
      PendingKeyframe keyframe = std::move(pending_.front());
      pending_.pop_front();
      ahead_bytes_ -= keyframe.ahead_bytes;
      if (keyframe.interval != nullptr) {
        TakeInterval(&keyframe);
        continue;
      }
      if (!WantsKeyframe(clock_.has_sample, clock_.last_sample_time, keyframe)) continue;
      if (keyframe.decoding) {
        const ReadyKeyframe ready = keyframe.decoding->get();
        result_.decode_errors += ready.errors;
        for (const ReadyPicture& picture : ready.pictures) OnReady(picture);
        continue;
      }
      DecodedKeyframe decoded = DecodeKeyframeAlone(*keyframe_setup_, keyframe.packet.get());
      result_.decode_errors += decoded.errors;
      for (const auto& frame : decoded.frames) OnFrame(frame.get());
    }
    if (pending_.empty()) {
      ahead_has_sample_ = clock_.has_sample;
      ahead_last_sample_ = clock_.last_sample_time;
    }
  }

  // A long interval, in file order: its pictures as decoded ahead when they hold every sample
  // the real clock makes of them, else decoded here.
  void TakeInterval(PendingKeyframe* interval) {
    ++result_.dense_intervals;
    if (interval->interval_decoding) {
      const DecodedInterval decoded = interval->interval_decoding->get();
      dense_ = true;
      if (decoded.opened && PicturesCover(decoded, clock_, Choice())) {
        ++result_.intervals_ahead;
        result_.decode_errors += decoded.errors;
        for (const ReadyPicture& picture : decoded.pictures) OnReady(picture);
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
    SendPacket(decoder_.get(), packet, frame_.get(), &result_.decode_errors,
               [this](const AVFrame* picture) { OnFrame(picture); });
    if (packet == nullptr) avcodec_flush_buffers(decoder_.get());  // usable again after draining
  }

  // One picture decoded here, in file order: measured when it becomes a sample.
  void OnFrame(const AVFrame* frame) {
    const std::optional<double> t = CountAndChoose(FactsOf(frame));
    if (!t) return;
    PictureView view;
    if (!reader_.View(frame, &view)) {
      ++result_.decode_errors;
      return;
    }
    AddSample(measurer_.Measure(view, *t));
  }

  // One picture decoded ahead, in file order: the same steps on what its thread kept of it (its
  // extract wherever it could be a sample: always for a keyframe, checked for an interval).
  void OnReady(const ReadyPicture& picture) {
    const std::optional<double> t = CountAndChoose(picture.facts);
    if (!t) return;
    if (picture.unreadable || !picture.extract) {
      ++result_.decode_errors;
      return;
    }
    AddSample(measurer_.Measure(*picture.extract, *t));
  }

  // Counts a decoded picture (a corrupt one as an error too) and says when it is to be a sample.
  std::optional<double> CountAndChoose(const PictureFacts& facts) {
    ++result_.frames_decoded;
    if (facts.corrupt) {
      ++result_.decode_errors;
      return std::nullopt;
    }
    return ChoosePicture(&clock_, facts, Choice());
  }

  void AddSample(PictureSample sample) {
    Sampled(&clock_, sample.t);
    result_.samples.push_back(std::move(sample));
  }

  const std::string& path_;
  const SamplerOptions& options_;
  AvLogCapture log_;
  AvInputFile input_;
  int video_ = -1;
  SampleClock clock_;  // the origin, the step for a picture without a timestamp, the last sample
  bool frame_rate_known_ = false;
  AvCodecContextPtr decoder_;  // every picture (thorough), or the pictures of long intervals
  AvFramePtr frame_;
  AvPacketPtr packet_;
  PictureReader reader_;
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
