#include "tools/demo/xlsx_package.h"

#include <stdexcept>
#include <utility>

#include "records/text_escape.h"  // HtmlEscape: its entities are XML's too
#include "records/zip_handles.h"

namespace xk {

namespace {

// Styles: index 0 General, 1 a date (built-in 14), 2 a time (built-in 20), 3 a custom date-time.
const char* kStyles =
    R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
<numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy/m/d\ h:mm;@"/></numFmts>
<cellStyleXfs count="1"><xf numFmtId="0"/></cellStyleXfs>
<cellXfs count="4"><xf numFmtId="0" xfId="0"/><xf numFmtId="14" xfId="0" applyNumberFormat="1"/>
<xf numFmtId="20" xfId="0" applyNumberFormat="1"/><xf numFmtId="164" xfId="0" applyNumberFormat="1"/></cellXfs>
</styleSheet>)";

std::string SharedStrings(const std::vector<std::string>& strings) {
  std::string xml =
      R"(<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">)";
  for (const auto& s : strings) xml += "<si><t xml:space=\"preserve\">" + HtmlEscape(s) + "</t></si>";
  return xml + "</sst>";
}

std::string Sheet(const std::string& rows) {
  return R"(<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>)" +
         rows + "</sheetData></worksheet>";
}

}  // namespace

void WriteXlsxPackage(const std::filesystem::path& path, const std::string& rows_xml,
                      const std::vector<std::string>& shared_strings, bool date1904) {
  const std::vector<std::pair<std::string, std::string>> parts = {
      {"[Content_Types].xml",
       R"(<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>)"},
      {"_rels/.rels",
       R"(<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>)"},
      {"xl/workbook.xml",
       std::string(
           R"(<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><workbookPr)") +
           (date1904 ? R"( date1904="1")" : "") +
           R"(/><sheets><sheet name="培训班" sheetId="1" r:id="rId7"/><sheet name="Sheet2" sheetId="2" r:id="rId8"/></sheets></workbook>)"},
      {"xl/_rels/workbook.xml.rels",
       R"(<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId8" Type="worksheet" Target="worksheets/sheet2.xml"/><Relationship Id="rId7" Type="worksheet" Target="worksheets/sheet1.xml"/></Relationships>)"},
      {"xl/worksheets/sheet1.xml", Sheet(rows_xml)},
      {"xl/worksheets/sheet2.xml",
       Sheet(R"(<row r="1"><c r="A1" t="inlineStr"><is><t>not this one</t></is></c></row>)")},
      {"xl/sharedStrings.xml", SharedStrings(shared_strings)},
      {"xl/styles.xml", kStyles},
  };
  std::filesystem::create_directories(path.parent_path());
  int error = 0;
  ZipArchivePtr archive(zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &error));
  if (archive == nullptr) throw std::runtime_error("cannot create " + path.string());
  // Every entry dated 2022-04-15 00:00 UTC, so that the same table gives the same bytes.
  constexpr time_t kEntryTime = 1649980800;
  for (const auto& [name, content] : parts) {
    ZipSourcePtr source(zip_source_buffer(archive.get(), content.data(), content.size(), 0));
    const zip_int64_t index =
        source == nullptr ? -1 : zip_file_add(archive.get(), name.c_str(), source.get(), ZIP_FL_ENC_UTF_8);
    if (index < 0) {
      throw std::runtime_error("cannot add " + name + " to " + path.string() + ": " + ZipErrorText(archive.get()));
    }
    source.release();  // the archive owns it
    zip_file_set_mtime(archive.get(), static_cast<zip_uint64_t>(index), kEntryTime, 0);
  }
  if (std::string closed = CloseZip(&archive); !closed.empty()) {
    throw std::runtime_error("cannot write " + path.string() + ": " + closed);
  }
}

}  // namespace xk
