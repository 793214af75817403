#include "src/media/mp4_boxes.h"

#include <array>
#include <cstring>
#include <string_view>

#include "src/media/read_only_file.h"

namespace xk {

namespace {

uint64_t BigEndian(const unsigned char* bytes, int count) {
  uint64_t value = 0;
  for (int i = 0; i < count; ++i) value = (value << 8) | bytes[i];
  return value;
}

// Top-level box types a writer puts into an MP4/MOV file.
bool IsTopLevelBoxType(std::string_view type) {
  static constexpr std::array<std::string_view, 16> kTypes = {"ftyp", "styp", "moov", "mdat", "free", "skip",
                                                              "wide", "uuid", "pdin", "moof", "mfra", "meta",
                                                              "sidx", "pnot", "junk", "emsg"};
  for (std::string_view known : kTypes) {
    if (type == known) return true;
  }
  return false;
}

}  // namespace

Mp4TopLevel ReadMp4TopLevel(const std::string& path) {
  Mp4TopLevel layout;
  ReadOnlyFile file(path);
  layout.file_size = file.Size();
  if (layout.file_size < 0) {
    layout.file_size = 0;
    return layout;
  }

  int64_t offset = 0;
  bool first = true;
  while (offset + 8 <= layout.file_size) {
    unsigned char header[16];
    ssize_t got = file.ReadAt(header, sizeof(header), offset);
    if (got < 8) break;
    std::string_view type(reinterpret_cast<const char*>(header + 4), 4);
    if (!IsTopLevelBoxType(type)) break;
    uint64_t size = BigEndian(header, 4);
    int header_size = 8;
    if (size == 1) {  // 64-bit size follows the type
      if (got < 16) break;
      size = BigEndian(header + 8, 8);
      header_size = 16;
    } else if (size == 0) {  // the box runs to the end of the file
      size = static_cast<uint64_t>(layout.file_size - offset);
    }
    if (size < static_cast<uint64_t>(header_size)) break;
    if (first) {
      layout.is_iso_bmff = true;
      first = false;
    }
    bool complete = size <= static_cast<uint64_t>(layout.file_size - offset);
    if (type == "ftyp") layout.has_ftyp = true;
    if (type == "mdat") layout.has_mdat = true;
    if (type == "moov") (complete ? layout.has_complete_moov : layout.has_cut_moov) = true;
    if (type == "moof") {
      layout.has_moof = true;
      break;
    }
    if (!complete) {
      layout.cut_short = true;
      break;
    }
    offset += static_cast<int64_t>(size);
  }
  layout.walked_to_end = layout.cut_short || offset + 8 > layout.file_size;
  return layout;
}

bool LooksLikeTruncatedMp4(const Mp4TopLevel& layout) {
  return layout.is_iso_bmff && layout.walked_to_end && layout.has_mdat && !layout.has_complete_moov && !layout.has_moof;
}

}  // namespace xk
