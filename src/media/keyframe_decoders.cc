#include "src/media/keyframe_decoders.h"

#include <algorithm>
#include <cstring>
#include <new>

extern "C" {
#include <libavcodec/bsf.h>
#include <libavutil/mem.h>
}

namespace xk {

std::string OpenPictureDecoder(const AVCodecParameters* parameters, AVRational time_base, const std::string& path,
                               int thread_count, int64_t max_pixels, AvCodecContextPtr* decoder) {
  const AVCodec* codec = avcodec_find_decoder(parameters->codec_id);
  if (codec == nullptr) {
    return path + ": no decoder for the video codec \"" + avcodec_get_name(parameters->codec_id) + "\"";
  }
  decoder->reset(avcodec_alloc_context3(codec));
  if (*decoder == nullptr) return AvFileError(path, "allocating the decoder", AVERROR(ENOMEM));
  AVCodecContext* context = decoder->get();
  int error = avcodec_parameters_to_context(context, parameters);
  if (error < 0) return AvFileError(path, "copying the codec parameters", error);
  context->pkt_timebase = time_base;
  context->thread_count = std::max(0, thread_count);
  context->thread_type = FF_THREAD_FRAME | FF_THREAD_SLICE;
  // A stream may change its picture size mid-way: libav refuses any picture above this.
  context->max_pixels = max_pixels;
  error = avcodec_open2(context, codec, nullptr);
  if (error < 0) return AvFileError(path, std::string("opening the ") + codec->name + " decoder", error);
  return "";
}

void SetKeyframeOnly(AVCodecContext* decoder) {
  decoder->skip_frame = AVDISCARD_NONKEY;
  // A keyframe decoded alone is no reference for anything: its deblocking can go (a cheaper
  // decode; the statistics barely notice).
  decoder->skip_loop_filter = AVDISCARD_ALL;
}

namespace {

// The parameter sets `keyframe` carries in the stream (libav's extract_extradata filter), or ""
// when it carries none or its codec has none to take out.
std::string InBandParameterSets(const AVCodecParameters* parameters, const AVPacket* keyframe) {
  const AVBitStreamFilter* filter = av_bsf_get_by_name("extract_extradata");
  AVBSFContext* raw = nullptr;
  if (filter == nullptr || av_bsf_alloc(filter, &raw) < 0) return "";
  const AvBsfPtr context(raw);
  if (avcodec_parameters_copy(context->par_in, parameters) < 0 || av_bsf_init(context.get()) < 0) return "";
  const AvPacketPtr packet(av_packet_clone(keyframe));
  if (packet == nullptr || av_bsf_send_packet(context.get(), packet.get()) < 0) return "";
  if (av_bsf_receive_packet(context.get(), packet.get()) < 0) return "";
  size_t size = 0;
  const uint8_t* sets = av_packet_get_side_data(packet.get(), AV_PKT_DATA_NEW_EXTRADATA, &size);
  return sets != nullptr ? std::string(reinterpret_cast<const char*>(sets), size) : "";
}

void ReceivePictures(AVCodecContext* decoder, AVFrame* picture, int64_t* errors,
                     const std::function<void(AVFrame*)>& on_picture) {
  for (;;) {
    const int error = avcodec_receive_frame(decoder, picture);
    if (error == AVERROR(EAGAIN) || error == AVERROR_EOF) return;
    if (error < 0) {
      ++*errors;
      return;
    }
    on_picture(picture);
    av_frame_unref(picture);
  }
}

}  // namespace

KeyframeDecoderSetup::KeyframeDecoderSetup(const AVStream* stream, const AVPacket* first_keyframe,
                                           const std::string& path, int64_t max_pixels)
    : parameters_(avcodec_parameters_alloc()), time_base_(stream->time_base), path_(path), max_pixels_(max_pixels) {
  if (parameters_ == nullptr || avcodec_parameters_copy(parameters_.get(), stream->codecpar) < 0) {
    throw std::bad_alloc();
  }
  if (parameters_->extradata_size > 0) return;  // MP4, Matroska: the container states them
  const std::string sets = InBandParameterSets(parameters_.get(), first_keyframe);
  if (sets.empty()) return;
  parameters_->extradata = static_cast<uint8_t*>(av_mallocz(sets.size() + AV_INPUT_BUFFER_PADDING_SIZE));
  if (parameters_->extradata == nullptr) throw std::bad_alloc();
  std::memcpy(parameters_->extradata, sets.data(), sets.size());
  parameters_->extradata_size = static_cast<int>(sets.size());
  // Sets of a damaged first keyframe that its decoder refuses are left out: each keyframe then
  // brings its own.
  AvCodecContextPtr trial;
  if (!Open(1, true, &trial).empty()) {
    av_freep(&parameters_->extradata);
    parameters_->extradata_size = 0;
  }
}

std::string KeyframeDecoderSetup::Open(int thread_count, bool keyframe_only, AvCodecContextPtr* decoder) const {
  if (std::string error = OpenPictureDecoder(parameters_.get(), time_base_, path_, thread_count, max_pixels_, decoder);
      !error.empty()) {
    return error;
  }
  if (keyframe_only) SetKeyframeOnly(decoder->get());
  return "";
}

void SendPacket(AVCodecContext* decoder, const AVPacket* packet, AVFrame* picture, int64_t* errors,
                const std::function<void(AVFrame*)>& on_picture) {
  for (int attempt = 0;; ++attempt) {
    const int error = avcodec_send_packet(decoder, packet);
    if (error == AVERROR(EAGAIN) && attempt < 2) {  // full: take its pictures, then again
      ReceivePictures(decoder, picture, errors, on_picture);
      continue;
    }
    if (error < 0 && error != AVERROR_EOF) ++*errors;
    break;
  }
  ReceivePictures(decoder, picture, errors, on_picture);
}

DecodedKeyframe DecodeKeyframeAlone(const KeyframeDecoderSetup& setup, const AVPacket* packet) {
  DecodedKeyframe out;
  AvCodecContextPtr decoder;
  if (!setup.Open(1, true, &decoder).empty()) {
    out.errors = 1;
    return out;
  }
  const AvFramePtr picture(av_frame_alloc());
  if (picture == nullptr) throw std::bad_alloc();
  const auto keep = [&out](AVFrame* decoded) {
    AvFramePtr kept(av_frame_alloc());
    if (kept == nullptr) throw std::bad_alloc();
    av_frame_move_ref(kept.get(), decoded);
    out.frames.push_back(std::move(kept));
  };
  SendPacket(decoder.get(), packet, picture.get(), &out.errors, keep);
  SendPacket(decoder.get(), nullptr, picture.get(), &out.errors, keep);
  return out;
}

KeyframeDecoders::~KeyframeDecoders() {
  {
    const std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
    jobs_.clear();  // work nobody waits for any more (the sampler gave up on the file)
  }
  wake_.notify_all();
  for (auto& thread : threads_) thread.join();
}

void KeyframeDecoders::Start(std::shared_ptr<const KeyframeDecoderSetup> setup, int threads) {
  setup_ = std::move(setup);
  for (int i = 0; i < std::max(1, threads); ++i) threads_.emplace_back([this] { Work(); });
}

void KeyframeDecoders::Queue(std::function<void()> job) {
  {
    const std::lock_guard<std::mutex> lock(mutex_);
    jobs_.push_back(std::move(job));
  }
  wake_.notify_one();
}

void KeyframeDecoders::Work() {
  for (;;) {
    std::function<void()> job;
    {
      std::unique_lock<std::mutex> lock(mutex_);
      wake_.wait(lock, [this] { return stopping_ || !jobs_.empty(); });
      if (jobs_.empty()) return;  // stopping, nothing left
      job = std::move(jobs_.front());
      jobs_.pop_front();
    }
    job();
  }
}

}  // namespace xk
