#include "src/media/av_input_file.h"

#include <fcntl.h>

#include <cerrno>
#include <cstring>
#include <string_view>

#include "src/media/av_log_capture.h"

extern "C" {
#include <libavutil/dict.h>
#include <libavutil/mem.h>
}

namespace xk {

namespace {

std::string FirstName(const char* names) {
  std::string_view all(names == nullptr ? "" : names);
  return std::string(all.substr(0, all.find(',')));
}

// Appends libav's logged words to a message when they add something.
std::string WithLog(std::string message, const AvLogCapture& log) {
  std::string logged = log.Text();
  if (!logged.empty()) message += " (libav: " + logged + ")";
  return message;
}

}  // namespace

std::string ContainerName(const AVInputFormat* format) {
  if (format == nullptr) return "";
  std::string name = FirstName(format->name);
  if (name == "mov") return "mp4";
  if (name == "mpeg") return "mpegps";
  if (name == "matroska") return "matroska";
  if (name == "mpegts" || name == "avi" || name == "flv" || name == "dhav") return name;
  return "";
}

AvInputFile::~AvInputFile() {
  format_.reset();  // the demuxer may still use the reader while closing
  io_.reset();
}

int AvInputFile::Read(void* opaque, uint8_t* buffer, int size) {
  auto* self = static_cast<AvInputFile*>(opaque);
  ssize_t got = self->file_->ReadAt(buffer, static_cast<size_t>(size), self->position_);
  if (got < 0) return AVERROR(errno);
  if (got == 0) return AVERROR_EOF;
  self->position_ += got;
  return static_cast<int>(got);
}

int64_t AvInputFile::Seek(void* opaque, int64_t offset, int whence) {
  auto* self = static_cast<AvInputFile*>(opaque);
  switch (whence & ~AVSEEK_FORCE) {
    case AVSEEK_SIZE:
      return self->file_size_;
    case SEEK_SET:
      break;
    case SEEK_CUR:
      offset += self->position_;
      break;
    case SEEK_END:
      offset += self->file_size_;
      break;
    default:
      return AVERROR(EINVAL);
  }
  if (offset < 0) return AVERROR(EINVAL);
  self->position_ = offset;
  return offset;
}

std::string AvInputFile::Open(const std::string& path, int buffer_size, int max_streams) {
  AvLogCapture log;
  file_ = std::make_unique<ReadOnlyFile>(path);
  file_size_ = file_->Size();
  if (!file_->ok() || file_size_ < 0) {
    failure_ = InputFailure::kCannotRead;
    return path + ": cannot open the file: " + std::strerror(errno);
  }
  ::posix_fadvise(file_->fd(), 0, 0, POSIX_FADV_SEQUENTIAL);

  auto* buffer = static_cast<unsigned char*>(av_malloc(static_cast<size_t>(buffer_size)));
  if (buffer == nullptr) {
    failure_ = InputFailure::kCannotRead;
    return AvFileError(path, "allocating the read buffer", AVERROR(ENOMEM));
  }
  io_.reset(avio_alloc_context(buffer, buffer_size, 0, this, &AvInputFile::Read, nullptr, &AvInputFile::Seek));
  if (io_ == nullptr) {
    av_free(buffer);
    failure_ = InputFailure::kCannotRead;
    return AvFileError(path, "allocating the reader", AVERROR(ENOMEM));
  }

  const AVInputFormat* recognised = nullptr;
  // No file name: the probe would otherwise score the extension ("x.mp4" looks like MP4).
  int score = av_probe_input_buffer2(io_.get(), &recognised, "", nullptr, 0, 0);
  if (score < 0 || recognised == nullptr) {
    failure_ = InputFailure::kUnrecognised;
    return WithLog(AvFileError(path, "recognising the container", score < 0 ? score : AVERROR_INVALIDDATA), log);
  }
  container_ = ContainerName(recognised);
  if (container_.empty()) {
    failure_ = InputFailure::kNotContainer;
    return path + ": the content is " + (recognised->long_name != nullptr ? recognised->long_name : recognised->name) +
           " (" + recognised->name + "), not a video container";
  }

  AVFormatContext* raw = avformat_alloc_context();
  if (raw == nullptr) {
    failure_ = InputFailure::kCannotRead;
    return AvFileError(path, "allocating the demuxer", AVERROR(ENOMEM));
  }
  raw->pb = io_.get();
  raw->flags |= AVFMT_FLAG_CUSTOM_IO;
  raw->max_streams = max_streams;
  AVDictionary* options = nullptr;
  av_dict_set(&options, "protocol_whitelist", "file", 0);
  int error = avformat_open_input(&raw, path.c_str(), recognised, &options);
  av_dict_free(&options);
  format_.reset(raw);  // null when avformat_open_input failed (it frees the context)
  if (error < 0) {
    failure_ = InputFailure::kHeader;
    return WithLog(AvFileError(path, "reading the " + container_ + " header", error), log);
  }
  return "";
}

}  // namespace xk
