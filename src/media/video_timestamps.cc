#include "src/media/video_timestamps.h"

namespace xk {

VideoTimestamps TimestampsFromIndex(AVStream* stream, int64_t file_size) {
  VideoTimestamps timestamps;
  const int count = avformat_index_get_entries_count(stream);
  timestamps.values.reserve(static_cast<size_t>(count));
  for (int i = 0; i < count; ++i) {
    const AVIndexEntry* entry = avformat_index_get_entry(stream, i);
    if (entry == nullptr || (entry->flags & AVINDEX_DISCARD_FRAME)) continue;
    if (entry->pos + entry->size > file_size) {
      ++timestamps.past_end_of_file;
      continue;
    }
    timestamps.values.push_back(entry->timestamp);
  }
  return timestamps;
}

VideoTimestamps TimestampsFromPackets(AVFormatContext* format, int stream_index, int64_t max_packets) {
  VideoTimestamps timestamps;
  for (unsigned i = 0; i < format->nb_streams; ++i) {
    if (static_cast<int>(i) != stream_index) format->streams[i]->discard = AVDISCARD_ALL;
  }
  AvPacketPtr packet(av_packet_alloc());
  if (packet == nullptr) {
    timestamps.error = AvErrorText(AVERROR(ENOMEM));
    return timestamps;
  }
  int64_t previous = AV_NOPTS_VALUE;
  for (;;) {
    int error = av_read_frame(format, packet.get());
    if (error < 0) {
      if (error != AVERROR_EOF) timestamps.error = AvErrorText(error);
      break;
    }
    if (packet->stream_index == stream_index) {
      if (static_cast<int64_t>(timestamps.values.size()) >= max_packets) {
        timestamps.error =
            "more video packets than packets_max_per_file = " + std::to_string(max_packets) + "; the rest was not read";
        break;
      }
      if (timestamps.width == 0) {
        PictureSize(format->streams[stream_index], &timestamps.width, &timestamps.height);
      }
      int64_t timestamp = packet->dts != AV_NOPTS_VALUE ? packet->dts : packet->pts;
      if (timestamp == AV_NOPTS_VALUE && previous != AV_NOPTS_VALUE && packet->duration > 0) {
        timestamp = previous + packet->duration;
      }
      if (timestamp != AV_NOPTS_VALUE) {
        timestamps.values.push_back(timestamp);
        previous = timestamp;
      }
    }
    av_packet_unref(packet.get());
  }
  return timestamps;
}

int FindVideoStream(AVFormatContext* format) {
  int best = av_find_best_stream(format, AVMEDIA_TYPE_VIDEO, -1, -1, nullptr, 0);
  if (best < 0) return -1;
  if (format->streams[best]->disposition & AV_DISPOSITION_ATTACHED_PIC) return -1;
  return best;
}

void PictureSize(AVStream* stream, int* width, int* height) {
  *width = stream->codecpar->width;
  *height = stream->codecpar->height;
  if (*width > 0 && *height > 0) return;
  const AVCodecParserContext* parser = av_stream_get_parser(stream);
  if (parser != nullptr && parser->width > 0 && parser->height > 0) {
    *width = parser->width;
    *height = parser->height;
  } else {
    *width = *height = 0;
  }
}

int ReadUntilVideoDescribed(AVFormatContext* format, int64_t byte_budget) {
  AvPacketPtr packet(av_packet_alloc());
  if (packet == nullptr) return FindVideoStream(format);
  while (avio_tell(format->pb) < byte_budget) {
    if (av_read_frame(format, packet.get()) < 0) break;
    av_packet_unref(packet.get());
    int video = FindVideoStream(format);
    if (video < 0 || format->streams[video]->codecpar->codec_id == AV_CODEC_ID_NONE) continue;
    int width, height;
    PictureSize(format->streams[video], &width, &height);
    if (width > 0) return video;
  }
  return FindVideoStream(format);
}

int LocateVideoStream(AVFormatContext* format, const std::string& container, bool rewind) {
  constexpr int64_t kDescribeBudgetBytes = 8 * 1024 * 1024;
  constexpr int64_t kStreamInfoProbeBytes = 8 * 1024 * 1024;
  constexpr int64_t kStreamInfoMicroseconds = 5 * AV_TIME_BASE;
  int video = FindVideoStream(format);
  if (video < 0 && container == "mpegps") {
    video = ReadUntilVideoDescribed(format, kDescribeBudgetBytes);
    if (rewind) av_seek_frame(format, -1, 0, AVSEEK_FLAG_BYTE);
  }
  if (video < 0) {
    format->probesize = kStreamInfoProbeBytes;
    format->max_analyze_duration = kStreamInfoMicroseconds;
    avformat_find_stream_info(format, nullptr);  // on failure, what it found is still looked at
    video = FindVideoStream(format);
    if (rewind) av_seek_frame(format, -1, 0, AVSEEK_FLAG_BYTE);
  }
  return video;
}

}  // namespace xk
