// libFuzzer target: the workbook reader, XlsxFirstSheetAsCsv (records/csv/xlsx.h), with small
// XlsxLimits (1 MiB unpacked, 1 MiB of text) so that zip and shared-string bombs stay bounded.
//
// Control byte, bit 0 set: the rest of the input is the .xlsx file as is (zip structure, deflate,
// libzip's checks). Bit 0 clear: the rest is the XML of the parts, separated by NUL bytes, in the
// order sheet1, sharedStrings, styles, workbook, workbook relationships; this target packs them
// into a valid stored zip, so the fuzzer works on the XML (expat, cell types, number formats,
// dates, row numbers) instead of breaking CRCs. A part left out (fewer NULs) is absent.
// Contracts checked besides "no crash, leak or hang": an error leaves the CSV empty; the CSV is
// valid UTF-8 and holds no more lines than Excel's 1,048,576 rows.
// Built and run by tools/fuzz.sh.
#include <zlib.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "records/csv/encoding.h"
#include "records/csv/xlsx.h"
#include "tools/fuzz/fuzz_support.h"

namespace {

using xk::fuzz::FuzzCheck;

constexpr const char* kPartNames[] = {"xl/worksheets/sheet1.xml", "xl/sharedStrings.xml", "xl/styles.xml",
                                      "xl/workbook.xml", "xl/_rels/workbook.xml.rels"};

void Put16(std::string* out, uint32_t value) {
  out->push_back(static_cast<char>(value & 0xFF));
  out->push_back(static_cast<char>((value >> 8) & 0xFF));
}
void Put32(std::string* out, uint32_t value) {
  Put16(out, value & 0xFFFF);
  Put16(out, value >> 16);
}

// A zip of `parts` (name, content), every entry stored (method 0) with its true CRC.
std::string StoredZip(const std::vector<std::pair<std::string, std::string_view>>& parts) {
  std::string zip, directory;
  for (const auto& [name, content] : parts) {
    const uint32_t offset = static_cast<uint32_t>(zip.size());
    const uint32_t crc = static_cast<uint32_t>(
        crc32(0, reinterpret_cast<const Bytef*>(content.data()), static_cast<uInt>(content.size())));
    const uint32_t length = static_cast<uint32_t>(content.size());
    Put32(&zip, 0x04034b50);
    Put16(&zip, 20);    // version needed
    Put16(&zip, 0);     // flags
    Put16(&zip, 0);     // stored
    Put16(&zip, 0);     // time
    Put16(&zip, 0x21);  // date 1980-01-01
    Put32(&zip, crc);
    Put32(&zip, length);  // compressed
    Put32(&zip, length);  // uncompressed
    Put16(&zip, static_cast<uint32_t>(name.size()));
    Put16(&zip, 0);  // extra
    zip += name;
    zip += content;

    Put32(&directory, 0x02014b50);
    Put16(&directory, 20);  // made by
    Put16(&directory, 20);  // needed
    Put16(&directory, 0);
    Put16(&directory, 0);
    Put16(&directory, 0);
    Put16(&directory, 0x21);
    Put32(&directory, crc);
    Put32(&directory, length);
    Put32(&directory, length);
    Put16(&directory, static_cast<uint32_t>(name.size()));
    Put16(&directory, 0);  // extra
    Put16(&directory, 0);  // comment
    Put16(&directory, 0);  // disk
    Put16(&directory, 0);  // internal attributes
    Put32(&directory, 0);  // external attributes
    Put32(&directory, offset);
    directory += name;
  }
  const uint32_t directory_offset = static_cast<uint32_t>(zip.size());
  zip += directory;
  Put32(&zip, 0x06054b50);
  Put16(&zip, 0);
  Put16(&zip, 0);
  Put16(&zip, static_cast<uint32_t>(parts.size()));
  Put16(&zip, static_cast<uint32_t>(parts.size()));
  Put32(&zip, static_cast<uint32_t>(directory.size()));
  Put32(&zip, directory_offset);
  Put16(&zip, 0);
  return zip;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const uint8_t control = size > 0 ? data[0] : 0;
  const std::string_view bytes(reinterpret_cast<const char*>(data) + (size > 0 ? 1 : 0), size > 0 ? size - 1 : 0);
  std::string workbook;
  if (control & 1) {
    workbook = std::string(bytes);
  } else {
    const std::vector<std::string_view> pieces = xk::fuzz::SplitOn(bytes, '\0');
    std::vector<std::pair<std::string, std::string_view>> parts;
    for (size_t i = 0; i < std::min(pieces.size(), std::size(kPartNames)); ++i)
      parts.emplace_back(kPartNames[i], pieces[i]);
    workbook = StoredZip(parts);
  }
  const xk::XlsxLimits limits{size_t{1} << 20, size_t{1} << 20};
  const xk::XlsxText text = xk::XlsxFirstSheetAsCsv(workbook, limits);
  if (!text.error.empty()) {
    FuzzCheck(text.csv.empty(), "XlsxFirstSheetAsCsv: an error leaves the CSV empty");
    return 0;
  }
  FuzzCheck(xk::IsValidUtf8(text.csv), "XlsxFirstSheetAsCsv gives valid UTF-8");
  FuzzCheck(std::count(text.csv.begin(), text.csv.end(), '\n') <= 1048576 + 1,
            "XlsxFirstSheetAsCsv gives at most one line per Excel row");
  return 0;
}
