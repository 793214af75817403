#include "src/media/ps_timestamps.h"

#include <fcntl.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <optional>

#include "src/media/read_only_file.h"

namespace xk {

namespace {

constexpr size_t kChunkBytes = 1 << 20;
constexpr int64_t kClockWrap = int64_t{1} << 33;

// Sequential reads through a buffer, with the look-ahead a header parser needs and skips that
// turn into seeks once they leave the buffer. The buffer is the caller's, so that one buffer
// serves every file a thread scans: a fresh megabyte per file costs 256 page faults when the
// allocator has handed the last one back to the kernel, a tenth of the scan's time.
class ChunkReader {
 public:
  ChunkReader(const ReadOnlyFile& file, std::vector<uint8_t>& buffer) : file_(file), buffer_(buffer) {}

  // Makes `count` (<= capacity) bytes available at the cursor unless the file ends first;
  // returns how many are available.
  size_t Ensure(size_t count) {
    if (end_ - begin_ >= count || failed_) return end_ - begin_;
    std::memmove(buffer_.data(), buffer_.data() + begin_, end_ - begin_);
    end_ -= begin_;
    begin_ = 0;
    while (end_ < count) {
      ssize_t got = file_.ReadAt(buffer_.data() + end_, buffer_.size() - end_, offset_);
      if (got <= 0) {
        if (got < 0) {
          failed_ = true;
          error_ = errno;
        }
        break;
      }
      end_ += static_cast<size_t>(got);
      offset_ += got;
    }
    return end_ - begin_;
  }

  const uint8_t* data() const { return buffer_.data() + begin_; }
  size_t available() const { return end_ - begin_; }

  void Advance(uint64_t count) {
    if (count <= available()) {
      begin_ += static_cast<size_t>(count);
      return;
    }
    offset_ += static_cast<int64_t>(count - available());
    begin_ = end_ = 0;
  }

  bool failed() const { return failed_; }
  int error() const { return error_; }

 private:
  const ReadOnlyFile& file_;
  std::vector<uint8_t>& buffer_;
  size_t begin_ = 0;
  size_t end_ = 0;
  int64_t offset_ = 0;  // file offset of buffer_[end_]
  bool failed_ = false;
  int error_ = 0;
};

bool IsStartCode(const uint8_t* bytes) { return bytes[0] == 0 && bytes[1] == 0 && bytes[2] == 1 && bytes[3] >= 0xB9; }

// Steps past the current byte and on to the next pack/system/PES start code (00 00 01 xx with
// xx >= 0xB9: codec start codes inside payloads are all below that). Returns bytes skipped.
int64_t Resync(ChunkReader* reader) {
  int64_t skipped = 1;
  reader->Advance(1);
  while (reader->Ensure(4) >= 4) {
    const uint8_t* data = reader->data();
    const size_t size = reader->available();
    size_t i = 0;
    while (i + 4 <= size) {
      const void* one = std::memchr(data + i + 2, 1, size - i - 2 - 1);
      if (one == nullptr) {
        i = size - 3;
        break;
      }
      size_t candidate = static_cast<size_t>(static_cast<const uint8_t*>(one) - data) - 2;
      if (IsStartCode(data + candidate)) {
        reader->Advance(candidate);
        return skipped + static_cast<int64_t>(candidate);
      }
      i = candidate + 1;
    }
    reader->Advance(i);
    skipped += static_cast<int64_t>(i);
    if (reader->Ensure(4) < 4) break;
  }
  return skipped;
}

int64_t ReadClock(const uint8_t* bytes) {
  return (int64_t{bytes[0] & 0x0E} << 29) | (int64_t{bytes[1]} << 22) | (int64_t{bytes[2] & 0xFE} << 14) |
         (int64_t{bytes[3]} << 7) | (bytes[4] >> 1);
}

// The DTS, else the PTS, of a PES whose header (after the 6 bytes of start code and length)
// is `header`, of which `size` bytes are available.
std::optional<int64_t> PesTimestamp(const uint8_t* header, size_t size) {
  if (size >= 3 && (header[0] & 0xC0) == 0x80) {  // MPEG-2 PES
    const int flags = header[1] >> 6;
    const size_t header_length = header[2];
    if (flags == 3 && header_length >= 10 && size >= 13) return ReadClock(header + 8);
    if (flags >= 2 && header_length >= 5 && size >= 8) return ReadClock(header + 3);
    return std::nullopt;
  }
  size_t i = 0;  // MPEG-1 PES: stuffing, optional STD buffer size, then the stamps
  while (i < size && i < 16 && header[i] == 0xFF) ++i;
  if (i < size && (header[i] & 0xC0) == 0x40) i += 2;
  if (i >= size) return std::nullopt;
  if ((header[i] & 0xF0) == 0x30 && i + 10 <= size) return ReadClock(header + i + 5);
  if ((header[i] & 0xF0) == 0x20 && i + 5 <= size) return ReadClock(header + i);
  return std::nullopt;
}

}  // namespace

ProgramStreamTimestamps ReadProgramStreamTimestamps(const std::string& path, int stream_id) {
  ProgramStreamTimestamps result;
  ReadOnlyFile file(path);
  if (!file.ok()) {
    result.error = path + ": " + std::strerror(errno);
    return result;
  }
  ::posix_fadvise(file.fd(), 0, 0, POSIX_FADV_SEQUENTIAL);
  thread_local std::vector<uint8_t> buffer(kChunkBytes);
  ChunkReader reader(file, buffer);

  int64_t wrap_offset = 0;
  int64_t previous_raw = -1;
  while (reader.Ensure(4) >= 4) {
    const uint8_t* data = reader.data();
    if (!IsStartCode(data)) {
      result.skipped_bytes += Resync(&reader);
      continue;
    }
    const int code = data[3];
    if (code == 0xB9) {  // program end
      reader.Advance(4);
      continue;
    }
    if (code == 0xBA) {  // pack header: MPEG-2 (14 bytes + stuffing) or MPEG-1 (12 bytes)
      if (reader.Ensure(14) < 12) break;
      data = reader.data();
      if ((data[4] & 0xC0) == 0x40 && reader.available() >= 14) {
        reader.Advance(14 + (data[13] & 7));
      } else if ((data[4] & 0xF0) == 0x20) {
        reader.Advance(12);
      } else {
        result.skipped_bytes += Resync(&reader);
      }
      continue;
    }
    // System header, stream map, PES: a 16-bit length follows the start code.
    if (reader.Ensure(6) < 6) break;
    data = reader.data();
    const size_t length = (size_t{data[4]} << 8) | data[5];
    if (code == stream_id) {
      const size_t wanted = 6 + std::min<size_t>(length == 0 ? 64 : length, 3 + 255);
      const size_t got = std::min(reader.Ensure(wanted), wanted);
      data = reader.data();
      if (std::optional<int64_t> raw = PesTimestamp(data + 6, got > 6 ? got - 6 : 0)) {
        if (previous_raw >= 0 && *raw + kClockWrap / 2 < previous_raw) wrap_offset += kClockWrap;
        if (*raw != previous_raw) result.values.push_back(*raw + wrap_offset);
        previous_raw = *raw;
      }
    }
    if (length == 0) {  // a video PES of unbounded length runs to the next start code
      Resync(&reader);
      continue;
    }
    reader.Advance(6 + length);
  }
  if (reader.failed()) result.error = path + ": " + std::strerror(reader.error());
  return result;
}

}  // namespace xk
