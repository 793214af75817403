#include "tools/demo/dhav_file.h"

#include <cerrno>
#include <cstring>
#include <vector>

namespace xk {

namespace {

void PutLe16(std::vector<uint8_t>* out, uint32_t value) {
  out->push_back(static_cast<uint8_t>(value));
  out->push_back(static_cast<uint8_t>(value >> 8));
}

void PutLe32(std::vector<uint8_t>* out, uint32_t value) {
  PutLe16(out, value & 0xFFFF);
  PutLe16(out, value >> 16);
}

// The NVR's local time packed as the header's date: seconds, minutes, hours, day, month, year-2000.
uint32_t PackedDate(Instant shown, const TimeZone& zone) {
  int year = 0, month = 0, day = 0;
  YmdFromDate(LocalDate(shown, zone), &year, &month, &day);
  const int second_of_day = LocalSecondOfDay(shown, zone);
  const uint32_t hour = static_cast<uint32_t>(second_of_day / 3600);
  const uint32_t minute = static_cast<uint32_t>(second_of_day / 60 % 60);
  const uint32_t second = static_cast<uint32_t>(second_of_day % 60);
  return second | minute << 6 | hour << 12 | static_cast<uint32_t>(day) << 17 | static_cast<uint32_t>(month) << 22 |
         static_cast<uint32_t>(year - 2000) << 26;
}

}  // namespace

std::string DhavFileWriter::Open(const std::string& path) {
  path_ = path;
  file_.reset(std::fopen(path.c_str(), "wb"));
  if (file_ == nullptr) return path + ": cannot create the file: " + std::strerror(errno);
  return "";
}

std::string DhavFileWriter::WriteVideoFrame(const uint8_t* data, size_t size, bool key, Instant shown, int64_t millis,
                                            const TimeZone& zone, int width, int height, int fps, bool hevc) {
  std::vector<uint8_t> extension;
  if (key) {
    extension = {0x82, 0, 0, 0};  // picture size, 16 bits each
    PutLe16(&extension, static_cast<uint32_t>(width));
    PutLe16(&extension, static_cast<uint32_t>(height));
    extension.insert(extension.end(), {0x81, 0, static_cast<uint8_t>(hevc ? 0x0C : 0x02), static_cast<uint8_t>(fps)});
  }
  const uint32_t length = static_cast<uint32_t>(24 + extension.size() + size + 8);
  std::vector<uint8_t> header = {'D', 'H', 'A', 'V', static_cast<uint8_t>(key ? 0xFD : 0xFC), 0, 0, 0};
  PutLe32(&header, frame_number_++);
  PutLe32(&header, length);
  PutLe32(&header, PackedDate(shown, zone));
  PutLe16(&header, static_cast<uint32_t>(millis & 0xFFFF));
  header.push_back(static_cast<uint8_t>(extension.size()));
  uint8_t checksum = 0;
  for (uint8_t byte : header) checksum = static_cast<uint8_t>(checksum + byte);
  header.push_back(checksum);
  header.insert(header.end(), extension.begin(), extension.end());
  std::vector<uint8_t> trailer = {'d', 'h', 'a', 'v'};
  PutLe32(&trailer, length);
  if (std::fwrite(header.data(), 1, header.size(), file_.get()) != header.size() ||
      std::fwrite(data, 1, size, file_.get()) != size ||
      std::fwrite(trailer.data(), 1, trailer.size(), file_.get()) != trailer.size()) {
    return path_ + ": writing a frame failed: " + std::strerror(errno);
  }
  return "";
}

std::string DhavFileWriter::Close() {
  if (file_ != nullptr && std::fclose(file_.release()) != 0) return path_ + ": closing failed: " + std::strerror(errno);
  return "";
}

}  // namespace xk
