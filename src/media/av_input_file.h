// Opens one recording for demuxing. The file is read through our own AVIOContext (a plain file
// descriptor with a buffer sized for the job), so the path is never parsed as a URL (a file
// named "concat:x" or "http:..." is just a file) and nested opens are limited to the file
// protocol. The container is recognised from the content by libavformat's probe (never from
// the extension), and only the demuxers of video containers are accepted: a playlist, an image
// or a bare audio stream (mp3, wav) is refused before any demuxer runs on it.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "src/media/av_handles.h"
#include "src/media/read_only_file.h"

namespace xk {

// Why Open failed.
enum class InputFailure {
  kNone,
  kCannotRead,    // open(2)/fstat failed
  kUnrecognised,  // libavformat's probe recognised no format at all
  kNotContainer,  // recognised, but not a video container (playlist, image, audio, ...)
  kHeader,        // the container's demuxer refused the header (avformat_open_input)
};

class AvInputFile {
 public:
  AvInputFile() = default;
  ~AvInputFile();
  AvInputFile(const AvInputFile&) = delete;
  AvInputFile& operator=(const AvInputFile&) = delete;

  // Opens `path` with an I/O buffer of `buffer_size` bytes and reads the container header.
  // On failure returns a message naming the file and libav's reason, and failure() says
  // which stage failed; on success returns "". A file declaring more than `max_streams` streams
  // is refused by the demuxer (libav's max_streams).
  std::string Open(const std::string& path, int buffer_size, int max_streams = 32);

  InputFailure failure() const { return failure_; }
  // Our name for the recognised container ("mp4", "mpegps", "mpegts", "matroska", "avi",
  // "flv"), set as soon as the probe recognised one, even when the header then failed.
  const std::string& container() const { return container_; }
  AVFormatContext* format() const { return format_.get(); }
  int64_t file_size() const { return file_size_; }

 private:
  static int Read(void* opaque, uint8_t* buffer, int size);
  static int64_t Seek(void* opaque, int64_t offset, int whence);

  std::unique_ptr<ReadOnlyFile> file_;  // destroyed last
  int64_t position_ = 0;                // where the next Read starts
  int64_t file_size_ = 0;
  InputFailure failure_ = InputFailure::kNone;
  std::string container_;
  AvIoContextPtr io_;  // destroyed after format_ (members go in reverse order)
  AvInputPtr format_;
};

// Our name for a libavformat demuxer, "" when it is not one of a video container we read.
std::string ContainerName(const AVInputFormat* format);

}  // namespace xk
