// Owning handles for libav objects. Every libav allocation the media layer makes is put into
// one of these unique_ptr types at once, so it is freed on every path (including early error
// returns); no caller frees a libav object by hand. Also the one place that turns an AVERROR
// code into words: AvErrorText for the bare reason, AvFileError for a message naming the file.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libswscale/swscale.h>
struct AVBSFContext;  // libavcodec/bsf.h, included where a filter is used
}

namespace xk {

// A demuxer context from avformat_open_input (closed with avformat_close_input). With custom
// I/O (AVFMT_FLAG_CUSTOM_IO) the AVIOContext is not closed here: its owner closes it after.
struct AvInputDeleter {
  void operator()(AVFormatContext* context) const;
};
using AvInputPtr = std::unique_ptr<AVFormatContext, AvInputDeleter>;

// A muxer context from avformat_alloc_output_context2. Closes the file it opened with avio_open
// (unless the format has AVFMT_NOFILE) and frees the context. Does not write the trailer.
struct AvOutputDeleter {
  void operator()(AVFormatContext* context) const;
};
using AvOutputPtr = std::unique_ptr<AVFormatContext, AvOutputDeleter>;

struct AvCodecContextDeleter {
  void operator()(AVCodecContext* context) const;
};
using AvCodecContextPtr = std::unique_ptr<AVCodecContext, AvCodecContextDeleter>;

struct AvCodecParametersDeleter {
  void operator()(AVCodecParameters* parameters) const;
};
using AvCodecParametersPtr = std::unique_ptr<AVCodecParameters, AvCodecParametersDeleter>;

struct AvBsfDeleter {
  void operator()(AVBSFContext* context) const;
};
using AvBsfPtr = std::unique_ptr<AVBSFContext, AvBsfDeleter>;

struct AvFrameDeleter {
  void operator()(AVFrame* frame) const;
};
using AvFramePtr = std::unique_ptr<AVFrame, AvFrameDeleter>;

struct AvPacketDeleter {
  void operator()(AVPacket* packet) const;
};
using AvPacketPtr = std::unique_ptr<AVPacket, AvPacketDeleter>;

struct SwsContextDeleter {
  void operator()(SwsContext* context) const;
};
using SwsContextPtr = std::unique_ptr<SwsContext, SwsContextDeleter>;

// An AVIOContext made with avio_alloc_context around a buffer from av_malloc. Frees the
// (possibly reallocated) buffer and the context.
struct AvIoContextDeleter {
  void operator()(AVIOContext* context) const;
};
using AvIoContextPtr = std::unique_ptr<AVIOContext, AvIoContextDeleter>;

// Caps every single allocation libav makes at `bytes` (av_max_alloc; process-wide, so the last
// call wins). A few hundred bytes of a fragmented MP4 whose `trun` claims 83 M samples made libav
// ask for 2 GiB in one block while opening it; with the cap the open fails ("Cannot allocate
// memory") and the file is unreadable, in the audit's worker and in-process alike.
void CapLibavAllocation(size_t bytes);

// libav's words for an error code, e.g. "Invalid data found when processing input".
std::string AvErrorText(int error);

// "<path>: <action> failed: <libav's words>", e.g.
// "video/A/1/20220415/090000.mp4: opening the container failed: Invalid data found ...".
std::string AvFileError(std::string_view path, std::string_view action, int error);

}  // namespace xk
