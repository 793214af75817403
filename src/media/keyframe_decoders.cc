#include "src/media/keyframe_decoders.h"

#include <algorithm>

namespace xk {

std::string OpenPictureDecoder(const AVStream* stream, const std::string& path, int thread_count, int64_t max_pixels,
                               AvCodecContextPtr* decoder) {
  const AVCodec* codec = avcodec_find_decoder(stream->codecpar->codec_id);
  if (codec == nullptr) {
    return path + ": no decoder for the video codec \"" + avcodec_get_name(stream->codecpar->codec_id) + "\"";
  }
  decoder->reset(avcodec_alloc_context3(codec));
  if (*decoder == nullptr) return AvFileError(path, "allocating the decoder", AVERROR(ENOMEM));
  AVCodecContext* context = decoder->get();
  int error = avcodec_parameters_to_context(context, stream->codecpar);
  if (error < 0) return AvFileError(path, "copying the codec parameters", error);
  context->pkt_timebase = stream->time_base;
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

void ReceiveKeyframePictures(AVCodecContext* decoder, DecodedKeyframe* out) {
  for (;;) {
    AvFramePtr frame(av_frame_alloc());
    if (frame == nullptr) {
      ++out->errors;
      return;
    }
    const int error = avcodec_receive_frame(decoder, frame.get());
    if (error == AVERROR(EAGAIN) || error == AVERROR_EOF) return;
    if (error < 0) {
      ++out->errors;
      return;
    }
    out->frames.push_back(std::move(frame));
  }
}

}  // namespace

DecodedKeyframe DecodeKeyframeAlone(AVCodecContext* decoder, const AVPacket* packet) {
  DecodedKeyframe out;
  avcodec_flush_buffers(decoder);
  for (const AVPacket* send : {packet, static_cast<const AVPacket*>(nullptr)}) {
    for (int attempt = 0;; ++attempt) {
      const int error = avcodec_send_packet(decoder, send);
      if (error == AVERROR(EAGAIN) && attempt < 2) {  // full: take its pictures, then again
        ReceiveKeyframePictures(decoder, &out);
        continue;
      }
      if (error < 0 && error != AVERROR_EOF) ++out.errors;
      break;
    }
    ReceiveKeyframePictures(decoder, &out);
  }
  avcodec_flush_buffers(decoder);  // usable again after draining
  return out;
}

KeyframeDecoders::~KeyframeDecoders() {
  {
    const std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  for (auto& thread : threads_) thread.join();
}

std::string KeyframeDecoders::Start(const AVStream* stream, const std::string& path, int threads, int64_t max_pixels) {
  for (int i = 0; i < std::max(1, threads); ++i) {
    AvCodecContextPtr decoder;
    if (std::string error = OpenPictureDecoder(stream, path, 1, max_pixels, &decoder); !error.empty()) return error;
    SetKeyframeOnly(decoder.get());
    decoders_.push_back(std::move(decoder));
  }
  for (auto& decoder : decoders_) threads_.emplace_back([this, context = decoder.get()] { Work(context); });
  return "";
}

std::future<DecodedKeyframe> KeyframeDecoders::Submit(const AVPacket* packet) {
  Job job{AvPacketPtr(av_packet_alloc()), {}};
  std::future<DecodedKeyframe> result = job.result.get_future();
  if (job.packet == nullptr || av_packet_ref(job.packet.get(), packet) < 0) {
    DecodedKeyframe failed;
    failed.errors = 1;
    job.result.set_value(std::move(failed));
    return result;
  }
  {
    const std::lock_guard<std::mutex> lock(mutex_);
    jobs_.push_back(std::move(job));
  }
  wake_.notify_one();
  return result;
}

void KeyframeDecoders::Work(AVCodecContext* decoder) {
  for (;;) {
    Job job;
    {
      std::unique_lock<std::mutex> lock(mutex_);
      wake_.wait(lock, [this] { return stopping_ || !jobs_.empty(); });
      if (jobs_.empty()) return;  // stopping, nothing left
      job = std::move(jobs_.front());
      jobs_.pop_front();
    }
    try {
      job.result.set_value(DecodeKeyframeAlone(decoder, job.packet.get()));
    } catch (...) {  // allocation failure: the waiting sampler gets it
      job.result.set_exception(std::current_exception());
    }
  }
}

}  // namespace xk
