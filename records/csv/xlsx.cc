#include "records/csv/xlsx.h"

#include <expat.h>
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "records/civil_time.h"
#include "records/input_limits.h"
#include "records/zip_handles.h"

namespace xk {

namespace {

// ------------------------------------------------------------------ the zip

// The workbook's parts, read from memory.
class Workbook {
 public:
  Workbook(std::string_view bytes, size_t max_unpacked_bytes) : max_unpacked_bytes_(max_unpacked_bytes) {
    zip_error_t error;
    zip_error_init(&error);
    ZipSourcePtr source(zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error));
    if (source != nullptr) {
      archive_.reset(zip_open_from_source(source.get(), ZIP_RDONLY, &error));
      if (archive_ != nullptr) source.release();  // the archive owns it now
    }
    if (archive_ == nullptr) {
      const char* text = zip_error_strerror(&error);
      error_ = text == nullptr ? "unknown libzip error" : text;
    }
    zip_error_fini(&error);
  }

  bool ok() const { return archive_ != nullptr; }
  const std::string& error() const { return error_; }

  // The part `name` (e.g. "xl/workbook.xml"), or nullopt when the workbook has no such part or
  // the parts read so far unpack to more than max_unpacked_bytes (then oversized() names it).
  std::optional<std::string> Part(const std::string& name) const {
    const zip_int64_t index = zip_name_locate(archive_.get(), name.c_str(), ZIP_FL_NOCASE);
    if (index < 0) return std::nullopt;
    ZipFilePtr file(zip_fopen_index(archive_.get(), static_cast<zip_uint64_t>(index), 0));
    if (file == nullptr) return std::nullopt;
    std::string content;
    char buffer[1 << 16];
    for (;;) {
      const zip_int64_t got = zip_fread(file.get(), buffer, sizeof buffer);
      if (got < 0) return std::nullopt;
      if (got == 0) break;
      content.append(buffer, static_cast<size_t>(got));
      unpacked_ += static_cast<size_t>(got);
      if (unpacked_ > max_unpacked_bytes_) {
        oversized_ = name;
        return std::nullopt;
      }
    }
    return content;
  }
  const std::string& oversized() const { return oversized_; }

 private:
  size_t max_unpacked_bytes_;
  mutable size_t unpacked_ = 0;
  mutable std::string oversized_;
  ZipArchivePtr archive_;
  std::string error_;
};

// ------------------------------------------------------------------ XML

struct XmlParserDeleter {
  void operator()(XML_ParserStruct* parser) const { XML_ParserFree(parser); }
};

// Element name without its namespace prefix ("x:row" -> "row"); writers differ in prefixes.
std::string_view LocalName(const char* name) {
  std::string_view view(name);
  const size_t colon = view.rfind(':');
  return colon == std::string_view::npos ? view : view.substr(colon + 1);
}

const char* Attribute(const char** attributes, std::string_view wanted) {
  for (int i = 0; attributes[i] != nullptr; i += 2) {
    if (LocalName(attributes[i]) == wanted) return attributes[i + 1];
  }
  return nullptr;
}

// Streams `xml` through expat to the callbacks. Returns "" or expat's words with the line.
struct XmlHandlers {
  std::function<void(std::string_view name, const char** attributes)> start;
  std::function<void(std::string_view name)> end;
  std::function<void(std::string_view text)> text;
};

std::string ParseXml(const std::string& xml, XmlHandlers& handlers) {
  // Workbook parts never declare a DTD; one that does is after entity expansion.
  if (xml.find("<!DOCTYPE") != std::string::npos) return "a DTD (<!DOCTYPE>) is not allowed in a workbook part";
  std::unique_ptr<XML_ParserStruct, XmlParserDeleter> parser(XML_ParserCreate("UTF-8"));
  if (parser == nullptr) return "cannot create an XML parser";
  XML_SetUserData(parser.get(), &handlers);
  XML_SetElementHandler(
      parser.get(),
      [](void* data, const char* name, const char** attributes) {
        auto* h = static_cast<XmlHandlers*>(data);
        if (h->start) h->start(LocalName(name), attributes);
      },
      [](void* data, const char* name) {
        auto* h = static_cast<XmlHandlers*>(data);
        if (h->end) h->end(LocalName(name));
      });
  XML_SetCharacterDataHandler(parser.get(), [](void* data, const char* text, int length) {
    auto* h = static_cast<XmlHandlers*>(data);
    if (h->text) h->text(std::string_view(text, static_cast<size_t>(length)));
  });
  if (XML_Parse(parser.get(), xml.data(), static_cast<int>(xml.size()), 1) == XML_STATUS_ERROR) {
    return fmt::format("{} (XML line {})", XML_ErrorString(XML_GetErrorCode(parser.get())),
                       XML_GetCurrentLineNumber(parser.get()));
  }
  return "";
}

// ------------------------------------------------------------------ the parts

// xl/sharedStrings.xml: the text of each <si>, its runs joined, phonetic guides (<rPh>) left out.
std::vector<std::string> SharedStrings(const std::string& xml, std::string* error) {
  std::vector<std::string> strings;
  bool in_text = false;
  int phonetic = 0;
  XmlHandlers handlers;
  handlers.start = [&](std::string_view name, const char**) {
    if (name == "si") strings.emplace_back();
    if (name == "rPh") ++phonetic;
    if (name == "t") in_text = true;
  };
  handlers.end = [&](std::string_view name) {
    if (name == "rPh") --phonetic;
    if (name == "t") in_text = false;
  };
  handlers.text = [&](std::string_view text) {
    if (in_text && phonetic == 0 && !strings.empty()) strings.back() += text;
  };
  *error = ParseXml(xml, handlers);
  return strings;
}

// Built-in number formats that show a date or a time (ECMA-376 18.8.30, and the CJK ones).
bool BuiltInDateFormat(int id) {
  return (id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) || (id >= 50 && id <= 58);
}

// A format code shows a date or time when it holds y, m, d, h or s outside quotes, escapes and
// [colour]/[locale] brackets.
bool CustomDateFormat(std::string_view code) {
  for (size_t i = 0; i < code.size(); ++i) {
    const char c = code[i];
    if (c == '"') {
      const size_t close = code.find('"', i + 1);
      if (close == std::string_view::npos) return false;
      i = close;
    } else if (c == '\\' || c == '_' || c == '*') {
      ++i;
    } else if (c == '[') {
      const size_t close = code.find(']', i + 1);
      if (close == std::string_view::npos) return false;
      const std::string_view inside = code.substr(i + 1, close - i - 1);
      if (inside == "h" || inside == "hh" || inside == "m" || inside == "mm" || inside == "s" || inside == "ss") {
        return true;  // elapsed time
      }
      i = close;
    } else if (std::string_view("yYmMdDhHsS").find(c) != std::string_view::npos) {
      return true;
    }
  }
  return false;
}

// xl/styles.xml: for each cell style (cellXfs, by index), whether it shows a date or time.
std::vector<bool> DateStyles(const std::string& xml, std::string* error) {
  std::map<int, bool> custom;  // numFmtId -> is a date
  std::vector<bool> styles;
  bool in_cell_xfs = false;
  XmlHandlers handlers;
  handlers.start = [&](std::string_view name, const char** attributes) {
    if (name == "numFmt") {
      const char* id = Attribute(attributes, "numFmtId");
      const char* code = Attribute(attributes, "formatCode");
      if (id != nullptr && code != nullptr) custom[std::atoi(id)] = CustomDateFormat(code);
    } else if (name == "cellXfs") {
      in_cell_xfs = true;
    } else if (name == "xf" && in_cell_xfs) {
      const char* id_text = Attribute(attributes, "numFmtId");
      const int id = id_text == nullptr ? 0 : std::atoi(id_text);
      auto found = custom.find(id);
      styles.push_back(found != custom.end() ? found->second : BuiltInDateFormat(id));
    }
  };
  handlers.end = [&](std::string_view name) {
    if (name == "cellXfs") in_cell_xfs = false;
  };
  *error = ParseXml(xml, handlers);
  return styles;
}

struct FirstSheet {
  std::string part = "xl/worksheets/sheet1.xml";
  bool date1904 = false;
};

// xl/workbook.xml and its relationships: the first sheet's part and the date system.
FirstSheet LocateFirstSheet(const Workbook& book) {
  FirstSheet sheet;
  std::string relation;
  if (auto xml = book.Part("xl/workbook.xml")) {
    XmlHandlers handlers;
    handlers.start = [&](std::string_view name, const char** attributes) {
      if (name == "workbookPr") {
        const char* date1904 = Attribute(attributes, "date1904");
        sheet.date1904 =
            date1904 != nullptr && (std::string_view(date1904) == "1" || std::string_view(date1904) == "true");
      } else if (name == "sheet" && relation.empty()) {
        if (const char* id = Attribute(attributes, "id")) relation = id;
      }
    };
    ParseXml(*xml, handlers);
  }
  if (relation.empty()) return sheet;
  if (auto xml = book.Part("xl/_rels/workbook.xml.rels")) {
    XmlHandlers handlers;
    handlers.start = [&](std::string_view name, const char** attributes) {
      const char* id = Attribute(attributes, "Id");
      const char* target = Attribute(attributes, "Target");
      if (name != "Relationship" || id == nullptr || target == nullptr || relation != id) return;
      const std::string_view path(target);
      sheet.part = path.starts_with("/") ? std::string(path.substr(1)) : "xl/" + std::string(path);
    };
    ParseXml(*xml, handlers);
  }
  return sheet;
}

// ------------------------------------------------------------------ cells

// "B12" -> 1 (zero-based column), or -1 (no letters, or past Excel's last column XFD: a reference
// of many letters must not overflow).
int ColumnOf(const char* reference) {
  constexpr int kExcelColumns = 16384;
  int column = 0;
  bool any = false;
  for (const char* p = reference; *p >= 'A' && *p <= 'Z'; ++p) {
    column = column * 26 + (*p - 'A' + 1);
    if (column > kExcelColumns) return -1;
    any = true;
  }
  return any ? column - 1 : -1;
}

std::string NumberText(double value) {
  if (std::isfinite(value) && value == std::floor(value) && std::fabs(value) < 1e15) {
    return fmt::format("{}", static_cast<int64_t>(value));
  }
  return fmt::format("{:.15G}", value);
}

// An Excel serial day number as the date and/or time it shows.
std::string DateText(double serial, bool date1904) {
  if (!std::isfinite(serial) || serial < 0 || serial > 2958465) return NumberText(serial);  // past 9999-12-31
  double whole = std::floor(serial);
  int64_t seconds = std::llround((serial - whole) * 86400);
  if (seconds >= 86400) {
    whole += 1;
    seconds -= 86400;
  }
  const std::string time = fmt::format("{:02d}:{:02d}:{:02d}", seconds / 3600, seconds / 60 % 60, seconds % 60);
  if (whole == 0 && !date1904) return time;
  // 1900 system: serial 1 is 1900-01-01 and Excel counts a 1900-02-29 (serial 60) that never was.
  const Date epoch = date1904 ? DateFromYmd(1904, 1, 1) : DateFromYmd(1899, 12, whole < 60 ? 31 : 30);
  const std::string date = FormatDate(Date{epoch.days + static_cast<int32_t>(whole)});
  return seconds == 0 ? date : date + " " + time;
}

void AppendCsvField(std::string* csv, std::string value) {
  for (char& c : value) {
    if (c == '\r' || c == '\n') c = ' ';
  }
  if (value.find_first_of(",\"") == std::string::npos) {
    *csv += value;
    return;
  }
  *csv += '"';
  for (char c : value) {
    if (c == '"') *csv += '"';
    *csv += c;
  }
  *csv += '"';
}

}  // namespace

constexpr int kExcelMaxRows = 1048576;

bool LooksLikeZip(std::string_view bytes) { return bytes.starts_with(std::string_view("PK\x03\x04", 4)); }

XlsxText XlsxFirstSheetAsCsv(std::string_view bytes, const XlsxLimits& limits) {
  XlsxText out;
  auto fail = [&](const std::string& zh, const std::string& en) {
    out.csv.clear();
    out.error = zh + " (" + en + ")";
    return out;
  };
  const Workbook book(bytes, limits.max_unpacked_bytes);
  if (!book.ok()) return fail("不是可读取的 .xlsx 工作簿", "not a readable .xlsx workbook: " + book.error());

  std::string error;
  std::vector<std::string> strings;
  auto oversized = [&] {
    return fail(fmt::format("工作簿解压后超过上限 xlsx_max_unpacked_bytes = {} MiB（读到 {} 时），未载入（{}）",
                            limits.max_unpacked_bytes >> 20, book.oversized(), LimitHint("xlsx_max_unpacked_bytes")),
                fmt::format("the workbook unpacks to more than xlsx_max_unpacked_bytes = {} MiB (at {}); not loaded",
                            limits.max_unpacked_bytes >> 20, book.oversized()));
  };
  if (auto xml = book.Part("xl/sharedStrings.xml")) {
    strings = SharedStrings(*xml, &error);
    if (!error.empty()) return fail("共享字符串表损坏", "xl/sharedStrings.xml: " + error);
  }
  std::vector<bool> date_styles;
  if (auto xml = book.Part("xl/styles.xml")) {
    date_styles = DateStyles(*xml, &error);
    if (!error.empty()) return fail("样式表损坏", "xl/styles.xml: " + error);
  }
  if (!book.oversized().empty()) return oversized();
  const FirstSheet first = LocateFirstSheet(book);
  const std::optional<std::string> sheet = book.Part(first.part);
  if (!book.oversized().empty()) return oversized();
  if (!sheet) return fail("工作簿中没有工作表", "the workbook has no worksheet " + first.part);

  // The cell being read, then the row, then the CSV.
  std::vector<std::string> row;
  int next_row = 1;  // the Excel row the next CSV line stands for
  bool beyond_last_row = false;
  bool text_too_long = false;
  size_t row_bytes = 0;  // text of the row being read
  int row_number = 0;
  std::string type, value, style;
  int column = -1;
  bool in_value = false;
  XmlHandlers handlers;
  handlers.start = [&](std::string_view name, const char** attributes) {
    if (name == "row") {
      const char* r = Attribute(attributes, "r");
      const long long written = r != nullptr ? std::strtoll(r, nullptr, 10) : next_row;
      row_number = static_cast<int>(std::min<long long>(written, kExcelMaxRows + 1LL));
      if (row_number < next_row) row_number = next_row;
      beyond_last_row = beyond_last_row || row_number > kExcelMaxRows;
      row.clear();
      row_bytes = 0;
    } else if (name == "c") {
      const char* r = Attribute(attributes, "r");
      const char* t = Attribute(attributes, "t");
      const char* s = Attribute(attributes, "s");
      column = r != nullptr ? ColumnOf(r) : static_cast<int>(row.size());
      if (column < 0) column = static_cast<int>(row.size());
      type = t == nullptr ? "n" : t;
      style = s == nullptr ? "" : s;
      value.clear();
    } else if (name == "v" || name == "t") {
      in_value = true;
    }
  };
  handlers.text = [&](std::string_view text) {
    if (in_value) value += text;
  };
  handlers.end = [&](std::string_view name) {
    if (name == "v" || name == "t") {
      in_value = false;
    } else if (name == "c") {
      std::string shown;
      if (type == "s") {
        const size_t index = static_cast<size_t>(std::strtoull(value.c_str(), nullptr, 10));
        shown = index < strings.size() ? strings[index] : "";
      } else if (type == "b") {
        shown = value == "1" ? "TRUE" : "FALSE";
      } else if (type == "n" && !value.empty()) {
        const double number = std::strtod(value.c_str(), nullptr);
        const size_t style_index = style.empty() ? 0 : static_cast<size_t>(std::atoi(style.c_str()));
        const bool is_date = style_index < date_styles.size() && date_styles[style_index];
        shown = is_date ? DateText(number, first.date1904) : NumberText(number);
      } else {  // str, inlineStr, e, d: the text as stored
        shown = value;
      }
      row_bytes += shown.size() + 1;
      text_too_long = text_too_long || out.csv.size() + row_bytes > limits.max_text_bytes;
      if (column >= 0 && column < 16384 && !text_too_long) {
        if (static_cast<size_t>(column) >= row.size()) row.resize(static_cast<size_t>(column) + 1);
        row[static_cast<size_t>(column)] = std::move(shown);
      }
    } else if (name == "row") {
      if (beyond_last_row || text_too_long) return;  // refused below, not padded to
      for (; next_row < row_number; ++next_row) out.csv += '\n';
      for (size_t i = 0; i < row.size(); ++i) {
        if (i > 0) out.csv += ',';
        AppendCsvField(&out.csv, std::move(row[i]));
      }
      out.csv += '\n';
      next_row = row_number + 1;
      text_too_long = out.csv.size() > limits.max_text_bytes;
    }
  };
  error = ParseXml(*sheet, handlers);
  if (!error.empty()) return fail("工作表损坏", first.part + ": " + error);
  if (text_too_long) {
    return fail(fmt::format("工作表展开共享字符串后超过上限 xlsx_max_text_bytes = {} MiB，未载入（{}）",
                            limits.max_text_bytes >> 20, LimitHint("xlsx_max_text_bytes")),
                fmt::format("{}: its text with the shared strings expanded exceeds xlsx_max_text_bytes = {} MiB; "
                            "not loaded",
                            first.part, limits.max_text_bytes >> 20));
  }
  if (beyond_last_row) {
    return fail(fmt::format("工作表的行号超过 Excel 的上限 {} 行", kExcelMaxRows),
                fmt::format("{}: a row number beyond Excel's {} rows", first.part, kExcelMaxRows));
  }
  return out;
}

}  // namespace xk
