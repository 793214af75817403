#include "src/media/interval_decoding.h"

#include <new>

namespace xk {

namespace {

class IntervalDecoder {
 public:
  IntervalDecoder(AVCodecContext* decoder, SampleClock foreseen, const SampleChoice& choice,
                  double black_pixel_threshold, DecodedInterval* out)
      : decoder_(decoder), clock_(foreseen), choice_(choice), extractor_(black_pixel_threshold), out_(out) {
    if (frame_ == nullptr) throw std::bad_alloc();
  }

  // The same steps as the sampler's own decoding: a full decoder is emptied and the packet sent
  // again (twice at most); a refused packet or picture is counted.
  void Send(const AVPacket* packet) {
    for (int attempt = 0;; ++attempt) {
      const int error = avcodec_send_packet(decoder_, packet);
      if (error == AVERROR(EAGAIN) && attempt < 2) {
        Receive();
        continue;
      }
      if (error < 0 && error != AVERROR_EOF) ++out_->errors;
      break;
    }
    Receive();
  }

 private:
  void Receive() {
    for (;;) {
      const int error = avcodec_receive_frame(decoder_, frame_.get());
      if (error == AVERROR(EAGAIN) || error == AVERROR_EOF) return;
      if (error < 0) {
        ++out_->errors;
        return;
      }
      // Read when foreseen as a sample; as the sampler does, one it cannot read is none.
      const PictureFacts facts = FactsOf(frame_.get());
      std::optional<double> t;
      if (!facts.corrupt) t = ChoosePicture(&clock_, facts, choice_);
      ReadyPicture ready = MakeReady(frame_.get(), t.has_value(), &reader_, &extractor_);
      if (ready.extract) Sampled(&clock_, *t);
      out_->pictures.push_back(std::move(ready));
      av_frame_unref(frame_.get());
    }
  }

  AVCodecContext* decoder_;
  SampleClock clock_;
  const SampleChoice& choice_;
  PictureReader reader_;
  PictureExtractor extractor_;
  AvFramePtr frame_{av_frame_alloc()};
  DecodedInterval* out_;
};

}  // namespace

DecodedInterval DecodeIntervalAlone(const KeyframeDecoderSetup& setup, const IntervalPackets& packets,
                                    SampleClock foreseen, const SampleChoice& choice, int decoder_threads,
                                    double black_pixel_threshold) {
  DecodedInterval out;
  AvCodecContextPtr decoder;
  if (!setup.Open(decoder_threads, false, &decoder).empty()) return out;
  out.opened = true;
  IntervalDecoder interval(decoder.get(), foreseen, choice, black_pixel_threshold, &out);
  for (const AvPacketPtr& packet : packets) interval.Send(packet.get());
  interval.Send(nullptr);
  return out;
}

bool PicturesCover(const DecodedInterval& decoded, SampleClock clock, const SampleChoice& choice) {
  for (const ReadyPicture& picture : decoded.pictures) {
    if (picture.facts.corrupt) continue;
    const std::optional<double> t = ChoosePicture(&clock, picture.facts, choice);
    if (!t || picture.unreadable) continue;  // not a sample; or refused, as the sampler refuses it
    if (!picture.extract) return false;
    Sampled(&clock, *t);
  }
  return true;
}

}  // namespace xk
