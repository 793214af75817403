#include "src/media/interval_decoding.h"

namespace xk {

namespace {

class IntervalDecoder {
 public:
  IntervalDecoder(AVCodecContext* decoder, SampleClock foreseen, const SampleChoice& choice, DecodedInterval* out)
      : decoder_(decoder), clock_(foreseen), choice_(choice), out_(out) {}

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
      AvFramePtr frame(av_frame_alloc());
      if (frame == nullptr) throw std::bad_alloc();
      const int error = avcodec_receive_frame(decoder_, frame.get());
      if (error == AVERROR(EAGAIN) || error == AVERROR_EOF) return;
      if (error < 0) {
        ++out_->errors;
        return;
      }
      IntervalPicture picture{FactsOf(frame.get()), nullptr};
      if (!picture.facts.corrupt) {
        if (const std::optional<double> t = ChoosePicture(&clock_, picture.facts, choice_)) {
          Sampled(&clock_, *t);
          picture.picture = std::move(frame);
        }
      }
      out_->pictures.push_back(std::move(picture));
    }
  }

  AVCodecContext* decoder_;
  SampleClock clock_;
  const SampleChoice& choice_;
  DecodedInterval* out_;
};

}  // namespace

PictureFacts FactsOf(const AVFrame* frame) {
  PictureFacts facts;
  facts.has_timestamp = frame->best_effort_timestamp != AV_NOPTS_VALUE;
  facts.best_effort_timestamp = facts.has_timestamp ? frame->best_effort_timestamp : 0;
  facts.key_frame = frame->key_frame != 0;
  facts.corrupt = (frame->flags & AV_FRAME_FLAG_CORRUPT) != 0 || frame->decode_error_flags != 0;
  return facts;
}

DecodedInterval DecodeIntervalAlone(const KeyframeDecoderSetup& setup, const IntervalPackets& packets,
                                    SampleClock foreseen, const SampleChoice& choice, int decoder_threads) {
  DecodedInterval out;
  AvCodecContextPtr decoder;
  if (!setup.Open(decoder_threads, false, &decoder).empty()) return out;
  out.opened = true;
  IntervalDecoder interval(decoder.get(), foreseen, choice, &out);
  for (const AvPacketPtr& packet : packets) interval.Send(packet.get());
  interval.Send(nullptr);
  return out;
}

bool PicturesCover(const DecodedInterval& decoded, SampleClock clock, const SampleChoice& choice) {
  for (const IntervalPicture& picture : decoded.pictures) {
    if (picture.facts.corrupt) continue;
    const std::optional<double> t = ChoosePicture(&clock, picture.facts, choice);
    if (!t) continue;
    if (picture.picture == nullptr) return false;
    Sampled(&clock, *t);
  }
  return true;
}

}  // namespace xk
