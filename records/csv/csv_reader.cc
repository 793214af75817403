#include "records/csv/csv_reader.h"

namespace xk {

CsvParseResult ParseCsv(std::string_view text) {
  CsvParseResult result;
  CsvRecord current;
  std::string field;
  int line = 1;
  bool in_quotes = false;
  bool field_started = false;  // the record has content (to skip blank lines)
  int quote_line = 0;
  current.line = 1;

  auto end_field = [&] {
    current.fields.push_back(std::move(field));
    field.clear();
  };
  auto end_record = [&] {
    end_field();
    bool blank = !field_started;
    if (!blank) result.records.push_back(std::move(current));
    current = CsvRecord{};
    field_started = false;
  };

  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (in_quotes) {
      if (c == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') {
          field.push_back('"');
          ++i;
        } else {
          in_quotes = false;
        }
      } else {
        if (c == '\n') ++line;
        field.push_back(c);
      }
      continue;
    }
    if (!field_started && current.fields.empty() && field.empty()) current.line = line;
    switch (c) {
      case '"':
        in_quotes = true;
        quote_line = line;
        field_started = true;
        break;
      case ',':
        field_started = true;
        end_field();
        break;
      case '\r':
        break;
      case '\n':
        end_record();
        ++line;
        current.line = line;
        break;
      default:
        field_started = true;
        field.push_back(c);
    }
  }
  if (in_quotes) result.unterminated_quote_lines.push_back(quote_line);
  if (field_started || !field.empty()) end_record();
  return result;
}

std::string CsvEscape(std::string_view field) {
  if (field.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(field);
  std::string out = "\"";
  for (char c : field) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
  return out;
}

}  // namespace xk
