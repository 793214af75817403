// Decoding one keyframe alone, the same way on any thread, and a pool of threads that does it
// for several keyframes of one recording at once.
//
// A keyframe is a picture of its own: decoded on a decoder opened afresh for it, it gives the
// same picture, timestamp and errors whichever thread decodes it and whatever was decoded
// before. That is what lets the frame sampler spread the keyframes of one long recording over
// several cores and still give exactly the samples of one core: the sampler still decides, in
// file order and on one thread, which keyframes become samples; the pool only decodes ahead of
// it. (A decoder that is only flushed keeps the parameter sets of the last keyframe it decoded:
// a keyframe whose own are damaged then decodes one way or another depending on which thread
// had it before.)
//
// Each fresh decoder starts from the same state, KeyframeDecoderSetup: the stream's codec
// parameters and, where the container states no parameter sets (MPEG-TS and MPEG-PS carry them
// in the stream), those of the file's first keyframe, as libav's own probing takes them. Keyframe
// decoders skip deblocking (a keyframe decoded alone is nobody's reference) and non-key frames,
// one thread each, with libav's picture-size cap. Errors are counted, never thrown (but for
// allocation failure); libav's log on pool threads is dropped (src/media/av_log_capture.h).
#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <future>
#include <memory>
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

// A decoder for the codec of `parameters` (pictures timed in `time_base`), `thread_count` libav
// threads (0: libav picks), pictures above `max_pixels` refused. Returns "" or why it could not
// be opened (naming `path` and quoting libav's error).
std::string OpenPictureDecoder(const AVCodecParameters* parameters, AVRational time_base, const std::string& path,
                               int thread_count, int64_t max_pixels, AvCodecContextPtr* decoder);

// Sets `decoder` up for keyframes alone (skip non-key frames and the loop filter).
void SetKeyframeOnly(AVCodecContext* decoder);

// Sends `packet` (nullptr: drain) to `decoder` and hands each picture that comes back to
// `on_picture` in `picture` (unreferenced after the call: move the reference out to keep it). The
// one way every decoder here is fed: a full decoder is emptied and the packet sent again (twice at
// most); a packet or a picture the decoder refuses is counted in `*errors`.
void SendPacket(AVCodecContext* decoder, const AVPacket* packet, AVFrame* picture, int64_t* errors,
                const std::function<void(AVFrame*)>& on_picture);

// The state every decoder opened for a keyframe (or a keyframe interval) of one stream starts
// from. Immutable once made, so any thread may open decoders from it.
class KeyframeDecoderSetup {
 public:
  // From `stream` as the demuxer describes it and its first keyframe in file order. Throws
  // std::bad_alloc when libav cannot allocate.
  KeyframeDecoderSetup(const AVStream* stream, const AVPacket* first_keyframe, const std::string& path,
                       int64_t max_pixels);

  // A fresh decoder in that state: `keyframe_only` for one keyframe alone (SetKeyframeOnly),
  // else for every picture of an interval. Returns "" or the error.
  std::string Open(int thread_count, bool keyframe_only, AvCodecContextPtr* decoder) const;

 private:
  AvCodecParametersPtr parameters_;
  AVRational time_base_{0, 1};
  std::string path_;
  int64_t max_pixels_ = 0;
};

// Decodes `packet` (a keyframe) alone on a decoder opened for it from `setup`. The same result
// on any thread, whatever was decoded before.
DecodedKeyframe DecodeKeyframeAlone(const KeyframeDecoderSetup& setup, const AVPacket* packet);

// `threads` threads that decode keyframes (and keyframe intervals, src/media/interval_decoding.h)
// of one stream from one setup: the frame sampler queues the work (Run), each piece independent
// of the others and of which thread does it.
class KeyframeDecoders {
 public:
  KeyframeDecoders() = default;
  // Waits for the work under way; work still queued is dropped.
  ~KeyframeDecoders();
  KeyframeDecoders(const KeyframeDecoders&) = delete;
  KeyframeDecoders& operator=(const KeyframeDecoders&) = delete;

  // Starts `threads` (>= 1) threads decoding from `setup`.
  void Start(std::shared_ptr<const KeyframeDecoderSetup> setup, int threads);

  // Queues `work` for a thread of the pool: an exception it throws reaches the future.
  template <class Result>
  std::future<Result> Run(std::function<Result()> work) {
    auto promise = std::make_shared<std::promise<Result>>();
    std::future<Result> result = promise->get_future();
    Queue([promise, work = std::move(work)] {
      try {
        promise->set_value(work());
      } catch (...) {  // allocation failure: the waiting sampler gets it
        promise->set_exception(std::current_exception());
      }
    });
    return result;
  }

  const KeyframeDecoderSetup& setup() const { return *setup_; }

 private:
  void Queue(std::function<void()> job);
  void Work();

  std::shared_ptr<const KeyframeDecoderSetup> setup_;
  std::vector<std::thread> threads_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<std::function<void()>> jobs_;
  bool stopping_ = false;
};

}  // namespace xk
