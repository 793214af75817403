// The ways to list the timestamps of a file's video frames, in the stream's time_base: from
// the container's index (MP4/MOV moov: nothing is read but what the header already loaded),
// or by demuxing every video packet without decoding it (MPEG-TS, Matroska, fragmented MP4,
// and MPEG-PS when its own header walk in ps_timestamps.h cannot be used). Both give decode
// timestamps when present, else presentation timestamps; a demuxed frame with neither (packed
// into the PES of the frame before) is given the previous frame's timestamp plus its duration.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "src/media/av_handles.h"

namespace xk {

struct VideoTimestamps {
  std::vector<int64_t> values;
  // Index entries whose bytes lie past the end of the file (a moov-first MP4 cut short):
  // those frames are not there and are left out of `values`.
  int64_t past_end_of_file = 0;
  // The read error that stopped a packet scan early ("" when it reached the end of file).
  std::string error;
  // The picture size seen during a packet scan (see PictureSize), 0 x 0 when not seen. Taken
  // while reading because libav frees the parser at the end of file.
  int width = 0;
  int height = 0;
};

// Index entries of `stream` (after avformat_open_input), leaving out entries libav marks as
// discarded (before an edit list's start) and entries past `file_size`.
VideoTimestamps TimestampsFromIndex(AVStream* stream, int64_t file_size);

// Reads packets to the end of file, keeping those of `stream_index`; every other stream is
// set to AVDISCARD_ALL first.
VideoTimestamps TimestampsFromPackets(AVFormatContext* format, int stream_index,
                                      int64_t max_packets = int64_t{1} << 40);

// For containers whose header does not describe the streams (MPEG-PS creates them as packets
// arrive): reads packets until a video stream exists whose codec is known and whose picture
// size the parser has seen, or until `byte_budget` bytes of the file were read. Returns the
// video stream's index, or -1. Cheaper than avformat_find_stream_info, which decodes frames.
int ReadUntilVideoDescribed(AVFormatContext* format, int64_t byte_budget);

// The main video stream (not a cover picture), or -1.
int FindVideoStream(AVFormatContext* format);

// The video stream of an opened file (after avformat_open_input), reading as little as the
// container allows: the header's streams; for MPEG-PS packets until the video is described
// (a few keyframes of a high-bitrate camera, 8 MiB at most); as a last resort (e.g. a late
// MPEG-TS PMT) avformat_find_stream_info over 8 MiB / 5 s. With `rewind`, the file is read again
// from its start afterwards, for a caller that reads its packets next. -1 when there is none.
int LocateVideoStream(AVFormatContext* format, const std::string& container, bool rewind);

// The picture size from the container's codec parameters, else from what the demuxer's parser
// saw in the bitstream (MPEG-PS/TS headers carry no size). 0 x 0 when neither knows.
void PictureSize(AVStream* stream, int* width, int* height);

}  // namespace xk
