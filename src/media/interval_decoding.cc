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

  void Send(const AVPacket* packet) {
    SendPacket(decoder_, packet, frame_.get(), &out_->errors, [this](AVFrame* picture) { OnPicture(picture); });
  }

 private:
  // Read when foreseen as a sample; as the sampler does, one it cannot read is none.
  void OnPicture(const AVFrame* picture) {
    const PictureFacts facts = FactsOf(picture);
    std::optional<double> t;
    if (!facts.corrupt) t = ChoosePicture(&clock_, facts, choice_);
    ReadyPicture ready = MakeReady(picture, t.has_value(), &reader_, &extractor_);
    if (ready.extract) Sampled(&clock_, *t);
    out_->pictures.push_back(std::move(ready));
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
