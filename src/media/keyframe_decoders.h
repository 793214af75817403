// Decoding one keyframe alone, the same way on any thread, and a pool of decoder threads that
// does it for several keyframes of one recording at once.
//
// A keyframe is a picture of its own: decoded from a flushed decoder with nothing before it, it
// gives the same picture and timestamp whichever decoder (context, thread) decodes it. That is
// what lets the frame sampler spread the keyframes of one long recording over several cores and
// still give exactly the samples of one core: the sampler still decides, in file order and on one
// thread, which keyframes become samples; the pool only decodes ahead of it.
//
// Decoders are set up for keyframes: no deblocking (a keyframe decoded alone is nobody's
// reference), non-key frames skipped, one thread each, libav's picture-size cap. Errors are
// counted, never thrown; libav's log on pool threads is dropped (src/media/av_log_capture.h).
#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <future>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "src/media/av_handles.h"

namespace xk {

// What decoding one keyframe gave: normally one picture.
struct DecodedKeyframe {
  std::vector<AvFramePtr> frames;
  int64_t errors = 0;  // packets or pictures the decoder refused
};

// A decoder for `stream`'s codec with the stream's parameters, `thread_count` libav threads
// (0: libav picks), pictures above `max_pixels` refused. Returns "" or why it could not be
// opened (naming `path` and quoting libav's error).
std::string OpenPictureDecoder(const AVStream* stream, const std::string& path, int thread_count, int64_t max_pixels,
                               AvCodecContextPtr* decoder);

// Sets `decoder` up for keyframes alone (skip non-key frames and the loop filter).
void SetKeyframeOnly(AVCodecContext* decoder);

// Decodes `packet` (a keyframe) alone on `decoder`: flushes it, sends the packet, drains it,
// flushes it again. Same result on any decoder opened by OpenPictureDecoder for the stream.
DecodedKeyframe DecodeKeyframeAlone(AVCodecContext* decoder, const AVPacket* packet);

// `threads` decoder threads of their own for one stream. Submit in any order; each result is
// independent of the others and of which thread made it.
class KeyframeDecoders {
 public:
  KeyframeDecoders() = default;
  ~KeyframeDecoders();
  KeyframeDecoders(const KeyframeDecoders&) = delete;
  KeyframeDecoders& operator=(const KeyframeDecoders&) = delete;

  // Opens `threads` decoders (>= 1) and starts their threads. Returns "" or the error.
  std::string Start(const AVStream* stream, const std::string& path, int threads, int64_t max_pixels);

  // Queues `packet` (a reference is taken; the caller keeps its own) for decoding.
  std::future<DecodedKeyframe> Submit(const AVPacket* packet);

 private:
  struct Job {
    AvPacketPtr packet;
    std::promise<DecodedKeyframe> result;
  };
  void Work(AVCodecContext* decoder);

  std::vector<AvCodecContextPtr> decoders_;
  std::vector<std::thread> threads_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<Job> jobs_;
  bool stopping_ = false;
};

}  // namespace xk
