#include "src/media/av_handles.h"

extern "C" {
#include <libavcodec/bsf.h>
#include <libavutil/error.h>
#include <libavutil/mem.h>
}

namespace xk {

void CapLibavAllocation(size_t bytes) { av_max_alloc(bytes); }

void AvInputDeleter::operator()(AVFormatContext* context) const { avformat_close_input(&context); }

void AvOutputDeleter::operator()(AVFormatContext* context) const {
  if (context == nullptr) return;
  if (context->oformat != nullptr && !(context->oformat->flags & AVFMT_NOFILE)) {
    avio_closep(&context->pb);
  }
  avformat_free_context(context);
}

void AvCodecContextDeleter::operator()(AVCodecContext* context) const { avcodec_free_context(&context); }

void AvCodecParametersDeleter::operator()(AVCodecParameters* parameters) const { avcodec_parameters_free(&parameters); }

void AvBsfDeleter::operator()(AVBSFContext* context) const { av_bsf_free(&context); }

void AvFrameDeleter::operator()(AVFrame* frame) const { av_frame_free(&frame); }

void AvPacketDeleter::operator()(AVPacket* packet) const { av_packet_free(&packet); }

void SwsContextDeleter::operator()(SwsContext* context) const { sws_freeContext(context); }

void AvIoContextDeleter::operator()(AVIOContext* context) const {
  if (context == nullptr) return;
  av_freep(&context->buffer);  // libav may have replaced the buffer we allocated
  avio_context_free(&context);
}

std::string AvErrorText(int error) {
  char text[AV_ERROR_MAX_STRING_SIZE] = {};
  if (av_strerror(error, text, sizeof(text)) < 0) {
    return "libav error " + std::to_string(error);
  }
  return text;
}

std::string AvFileError(std::string_view path, std::string_view action, int error) {
  std::string message(path);
  message += ": ";
  message += action;
  message += " failed: ";
  message += AvErrorText(error);
  return message;
}

}  // namespace xk
