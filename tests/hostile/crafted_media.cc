#include "tests/hostile/crafted_media.h"

#include "src/media/av_handles.h"

extern "C" {
#include <libavformat/avformat.h>
#include <libavutil/opt.h>
}

namespace xk::hostile {

std::string RemuxRecording(const std::string& input, const std::string& output, const Remux& remux) {
  AVFormatContext* raw_input = nullptr;
  if (avformat_open_input(&raw_input, input.c_str(), nullptr, nullptr) < 0) return "cannot open " + input;
  AvInputPtr in(raw_input);
  if (avformat_find_stream_info(in.get(), nullptr) < 0) return "no stream info in " + input;
  int video = av_find_best_stream(in.get(), AVMEDIA_TYPE_VIDEO, -1, -1, nullptr, 0);
  if (video < 0) return "no video in " + input;
  AVFormatContext* raw_output = nullptr;
  if (avformat_alloc_output_context2(&raw_output, nullptr, remux.format.c_str(), output.c_str()) < 0) {
    return "no muxer " + remux.format;
  }
  AvOutputPtr out(raw_output);
  for (int copy = 0; copy < remux.copies; ++copy) {
    AVStream* stream = avformat_new_stream(out.get(), nullptr);
    if (stream == nullptr) return "cannot add a stream";
    avcodec_parameters_copy(stream->codecpar, in->streams[video]->codecpar);
    stream->codecpar->codec_tag = 0;
    stream->time_base = in->streams[video]->time_base;
  }
  for (const auto& [key, value] : remux.metadata) av_dict_set(&out->metadata, key.c_str(), value.c_str(), 0);
  if (avio_open(&out->pb, output.c_str(), AVIO_FLAG_WRITE) < 0) return "cannot write " + output;
  AVDictionary* options = nullptr;
  if (!remux.movflags.empty()) av_dict_set(&options, "movflags", remux.movflags.c_str(), 0);
  const int header = avformat_write_header(out.get(), &options);
  av_dict_free(&options);
  if (header < 0) return "cannot write the header of " + output;
  AvPacketPtr packet(av_packet_alloc());
  while (av_read_frame(in.get(), packet.get()) >= 0) {
    if (packet->stream_index == video) {
      for (int copy = 0; copy < remux.copies; ++copy) {
        AvPacketPtr each(av_packet_clone(packet.get()));
        each->stream_index = copy;
        av_packet_rescale_ts(each.get(), in->streams[video]->time_base, out->streams[copy]->time_base);
        each->pos = -1;
        if (av_interleaved_write_frame(out.get(), each.get()) < 0) return "cannot write a packet";
      }
    }
    av_packet_unref(packet.get());
  }
  if (av_write_trailer(out.get()) < 0) return "cannot finish " + output;
  return "";
}

std::string PatchBoxField(std::string bytes, const std::string& type, size_t offset, uint32_t value) {
  const size_t at = bytes.find(type);
  if (at == std::string::npos || at < 4 || at - 4 + offset + 4 > bytes.size()) return bytes;
  const size_t field = at - 4 + offset;
  for (int i = 0; i < 4; ++i) bytes[field + static_cast<size_t>(i)] = static_cast<char>((value >> (24 - 8 * i)) & 0xFF);
  return bytes;
}

}  // namespace xk::hostile
