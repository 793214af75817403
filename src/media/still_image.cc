#include "src/media/still_image.h"

#include <algorithm>
#include <cmath>
#include <cstring>

#include "src/media/av_handles.h"

extern "C" {
#include <libavutil/imgutils.h>
}

namespace xk {
namespace {

constexpr int64_t kMaxDecodedPixels = 64LL * 1000 * 1000;

// Converts between a BGR picture and a libav frame of `format` (same size); false when swscale
// refuses. `full_range` marks YUV as JPEG's full 0-255 range.
bool Convert(const uint8_t* const source[], const int source_stride[], AVPixelFormat source_format,
             uint8_t* const target[], const int target_stride[], AVPixelFormat target_format, int width, int height,
             bool full_range) {
  SwsContextPtr context(sws_getContext(width, height, source_format, width, height, target_format,
                                       SWS_BICUBIC | SWS_ACCURATE_RND | SWS_FULL_CHR_H_INT, nullptr, nullptr, nullptr));
  if (context == nullptr) return false;
  if (full_range) {
    const int* coefficients = sws_getCoefficients(SWS_CS_ITU601);
    sws_setColorspaceDetails(context.get(), coefficients, 1, coefficients, 1, 0, 1 << 16, 1 << 16);
  }
  return sws_scale(context.get(), source, source_stride, 0, height, target, target_stride) == height;
}

// Encodes one frame with the encoder `codec_id` set up by `configure`; "" on any refusal.
template <typename Configure>
std::string EncodeFrame(const cv::Mat& bgr, AVCodecID codec_id, AVPixelFormat format, Configure configure) {
  if (bgr.empty() || bgr.type() != CV_8UC3) return "";
  const AVCodec* codec = avcodec_find_encoder(codec_id);
  if (codec == nullptr) return "";
  AvCodecContextPtr encoder(avcodec_alloc_context3(codec));
  AvFramePtr frame(av_frame_alloc());
  AvPacketPtr packet(av_packet_alloc());
  if (encoder == nullptr || frame == nullptr || packet == nullptr) return "";
  encoder->width = bgr.cols;
  encoder->height = bgr.rows;
  encoder->pix_fmt = format;
  encoder->time_base = AVRational{1, 1};
  configure(*encoder, *frame);
  if (avcodec_open2(encoder.get(), codec, nullptr) < 0) return "";

  frame->format = format;
  frame->width = bgr.cols;
  frame->height = bgr.rows;
  frame->color_range = encoder->color_range;
  if (av_frame_get_buffer(frame.get(), 0) < 0) return "";
  const cv::Mat continuous = bgr.isContinuous() ? bgr : bgr.clone();
  const uint8_t* source[4] = {continuous.data, nullptr, nullptr, nullptr};
  const int source_stride[4] = {static_cast<int>(continuous.step[0]), 0, 0, 0};
  if (!Convert(source, source_stride, AV_PIX_FMT_BGR24, frame->data, frame->linesize, format, bgr.cols, bgr.rows,
               encoder->color_range == AVCOL_RANGE_JPEG)) {
    return "";
  }
  frame->pts = 0;
  if (avcodec_send_frame(encoder.get(), frame.get()) < 0 || avcodec_send_frame(encoder.get(), nullptr) < 0) return "";
  std::string file;
  while (avcodec_receive_packet(encoder.get(), packet.get()) >= 0) {
    file.append(reinterpret_cast<const char*>(packet->data), static_cast<size_t>(packet->size));
    av_packet_unref(packet.get());
  }
  return file;
}

}  // namespace

std::string EncodePng(const cv::Mat& bgr) {
  return EncodeFrame(bgr, AV_CODEC_ID_PNG, AV_PIX_FMT_RGB24, [](AVCodecContext&, AVFrame&) {});
}

std::string EncodeJpeg(const cv::Mat& bgr, int quality) {
  // libjpeg's quality 1..100 as MJPEG's quantiser scale 1 (best) .. 20: 90 -> 3, 75 -> 6.
  const int scale = std::clamp(static_cast<int>(std::lround((100 - std::clamp(quality, 1, 100)) / 5.0)) + 1, 1, 20);
  return EncodeFrame(bgr, AV_CODEC_ID_MJPEG, AV_PIX_FMT_YUV420P, [scale](AVCodecContext& encoder, AVFrame& frame) {
    encoder.color_range = AVCOL_RANGE_JPEG;  // baseline JFIF: full-range YCbCr
    encoder.flags |= AV_CODEC_FLAG_QSCALE;
    encoder.global_quality = scale * FF_QP2LAMBDA;
    encoder.qmin = 1;
    encoder.qmax = scale;
    frame.quality = encoder.global_quality;
  });
}

cv::Mat DecodeImage(std::string_view bytes) {
  AVCodecID codec_id = AV_CODEC_ID_NONE;
  if (bytes.size() >= 8 && bytes.substr(0, 8) == std::string_view("\x89PNG\r\n\x1a\n", 8)) codec_id = AV_CODEC_ID_PNG;
  if (bytes.size() >= 3 && bytes.substr(0, 3) == std::string_view("\xff\xd8\xff", 3)) codec_id = AV_CODEC_ID_MJPEG;
  if (codec_id == AV_CODEC_ID_NONE || bytes.size() > static_cast<size_t>(INT32_MAX - AV_INPUT_BUFFER_PADDING_SIZE)) {
    return {};
  }
  const AVCodec* codec = avcodec_find_decoder(codec_id);
  if (codec == nullptr) return {};
  AvCodecContextPtr decoder(avcodec_alloc_context3(codec));
  AvFramePtr frame(av_frame_alloc());
  AvPacketPtr packet(av_packet_alloc());
  if (decoder == nullptr || frame == nullptr || packet == nullptr) return {};
  decoder->max_pixels = kMaxDecodedPixels;  // refused from the header, before pixels are decoded
  if (avcodec_open2(decoder.get(), codec, nullptr) < 0) return {};
  if (av_new_packet(packet.get(), static_cast<int>(bytes.size())) < 0) return {};
  std::memcpy(packet->data, bytes.data(), bytes.size());
  if (avcodec_send_packet(decoder.get(), packet.get()) < 0) return {};
  avcodec_send_packet(decoder.get(), nullptr);
  if (avcodec_receive_frame(decoder.get(), frame.get()) < 0) return {};
  if (frame->width <= 0 || frame->height <= 0) return {};

  cv::Mat bgr(frame->height, frame->width, CV_8UC3);
  uint8_t* target[4] = {bgr.data, nullptr, nullptr, nullptr};
  const int target_stride[4] = {static_cast<int>(bgr.step[0]), 0, 0, 0};
  const auto format = static_cast<AVPixelFormat>(frame->format);
  const bool full_range = frame->color_range == AVCOL_RANGE_JPEG || format == AV_PIX_FMT_YUVJ420P ||
                          format == AV_PIX_FMT_YUVJ422P || format == AV_PIX_FMT_YUVJ444P;
  if (!Convert(frame->data, frame->linesize, format, target, target_stride, AV_PIX_FMT_BGR24, frame->width,
               frame->height, full_range)) {
    return {};
  }
  return bgr;
}

}  // namespace xk
