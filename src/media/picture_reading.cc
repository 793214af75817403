#include "src/media/picture_reading.h"

extern "C" {
#include <libavutil/pixdesc.h>
#include <libswscale/swscale.h>
}

namespace xk {

namespace {

// An 8-bit planar Y'CbCr or gray format the measurer can read as it is.
bool DirectlyReadable(const AVPixFmtDescriptor* desc) {
  if (desc == nullptr) return false;
  if (desc->flags & (AV_PIX_FMT_FLAG_RGB | AV_PIX_FMT_FLAG_PAL | AV_PIX_FMT_FLAG_HWACCEL | AV_PIX_FMT_FLAG_BITSTREAM)) {
    return false;
  }
  if (desc->comp[0].depth != 8 || desc->comp[0].step != 1 || desc->comp[0].plane != 0) return false;
  if (desc->nb_components == 1) return true;  // gray
  if (desc->nb_components < 3 || !(desc->flags & AV_PIX_FMT_FLAG_PLANAR)) return false;
  for (int c = 1; c < 3; ++c) {
    if (desc->comp[c].depth != 8 || desc->comp[c].step != 1 || desc->comp[c].plane != c) {
      return false;
    }
  }
  return true;
}

bool IsFullRange(const AVFrame* frame) {
  if (frame->color_range == AVCOL_RANGE_JPEG) return true;
  switch (frame->format) {
    case AV_PIX_FMT_YUVJ420P:
    case AV_PIX_FMT_YUVJ422P:
    case AV_PIX_FMT_YUVJ444P:
    case AV_PIX_FMT_YUVJ440P:
    case AV_PIX_FMT_YUVJ411P:
      return true;
    default:
      return false;
  }
}

}  // namespace

bool PictureReader::View(const AVFrame* frame, PictureView* view) {
  if (frame->width <= 0 || frame->height <= 0) return false;
  const auto* desc = av_pix_fmt_desc_get(static_cast<AVPixelFormat>(frame->format));
  const AVFrame* source = frame;
  if (!DirectlyReadable(desc)) {
    if (converted_ == nullptr) converted_.reset(av_frame_alloc());
    if (converted_ == nullptr) return false;
    if (converted_->width != frame->width || converted_->height != frame->height) {
      av_frame_unref(converted_.get());
      converted_->format = AV_PIX_FMT_YUV420P;
      converted_->width = frame->width;
      converted_->height = frame->height;
      if (av_frame_get_buffer(converted_.get(), 0) < 0) return false;
    }
    SwsContext* context = sws_getCachedContext(converter_.release(), frame->width, frame->height,
                                               static_cast<AVPixelFormat>(frame->format), frame->width, frame->height,
                                               AV_PIX_FMT_YUV420P, SWS_POINT, nullptr, nullptr, nullptr);
    converter_.reset(context);
    if (context == nullptr) return false;
    if (sws_scale(context, frame->data, frame->linesize, 0, frame->height, converted_->data, converted_->linesize) <=
        0) {
      return false;
    }
    converted_->color_range = AVCOL_RANGE_MPEG;
    source = converted_.get();
    desc = av_pix_fmt_desc_get(AV_PIX_FMT_YUV420P);
  }
  view->luma = PlaneView{source->data[0], source->linesize[0], source->width, source->height};
  view->full_range = IsFullRange(source);
  view->chroma_planes = desc->nb_components >= 3 ? 2 : 0;
  const int chroma_width = AV_CEIL_RSHIFT(source->width, desc->log2_chroma_w);
  const int chroma_height = AV_CEIL_RSHIFT(source->height, desc->log2_chroma_h);
  for (int c = 0; c < view->chroma_planes; ++c) {
    view->chroma[c] = PlaneView{source->data[1 + c], source->linesize[1 + c], chroma_width, chroma_height};
  }
  return true;
}

PictureFacts FactsOf(const AVFrame* frame) {
  PictureFacts facts;
  facts.has_timestamp = frame->best_effort_timestamp != AV_NOPTS_VALUE;
  facts.best_effort_timestamp = facts.has_timestamp ? frame->best_effort_timestamp : 0;
  facts.key_frame = frame->key_frame != 0;
  facts.corrupt = (frame->flags & AV_FRAME_FLAG_CORRUPT) != 0 || frame->decode_error_flags != 0;
  return facts;
}

ReadyPicture MakeReady(const AVFrame* frame, bool read, PictureReader* reader, PictureExtractor* extractor) {
  ReadyPicture ready;
  ready.facts = FactsOf(frame);
  if (!read || ready.facts.corrupt) return ready;
  PictureView view;
  if (!reader->View(frame, &view)) {
    ready.unreadable = true;
    return ready;
  }
  ready.extract = extractor->Extract(view);
  return ready;
}

}  // namespace xk
