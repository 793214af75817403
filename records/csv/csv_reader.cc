#include "records/csv/csv_reader.h"

#include <cstring>

namespace xk {

namespace {

// The scanner's state over one buffer. Bytes are read at `read` and written back at `write`
// (write <= read): a field is what was written since it began. Until a quote or a CR is dropped
// the two are equal and plain text is only looked at, never moved, so most fields cost one pass
// and no copy.
class InPlaceScanner {
 public:
  InPlaceScanner(std::string* buffer, CsvRecordSink* sink)
      : text_(buffer->data()), size_(buffer->size()), sink_(sink) {}

  std::vector<int> Run() {
    std::vector<int> unterminated;
    bool in_quotes = false;
    int quote_line = 0;
    for (size_t read = 0; read < size_; ++read) {
      const char c = text_[read];
      if (in_quotes) {
        if (c == '"') {
          if (read + 1 < size_ && text_[read + 1] == '"') {
            text_[write_++] = '"';
            ++read;
          } else {
            in_quotes = false;
          }
        } else {
          if (c == '\n') ++line_;
          text_[write_++] = c;
        }
        continue;
      }
      if (!IsSpecial(c)) {  // a run of plain bytes: find its end, move it only if it must
        size_t end = read + 1;
        while (end < size_ && !IsSpecial(text_[end])) ++end;
        if (write_ != read) std::memmove(text_ + write_, text_ + read, end - read);
        write_ += end - read;
        record_started_ = true;
        read = end - 1;
        continue;
      }
      switch (c) {
        case '"':
          in_quotes = true;
          quote_line = line_;
          record_started_ = true;
          break;
        case ',':
          record_started_ = true;
          EndField();
          break;
        case '\r':
          break;
        default:  // '\n'
          EndRecord();
          ++line_;
          record_line_ = line_;
      }
    }
    if (in_quotes) unterminated.push_back(quote_line);
    if (record_started_ || write_ > field_begin_) EndRecord();
    return unterminated;
  }

 private:
  // The bytes that end or change a run of plain field text outside quotes.
  static bool IsSpecial(char c) { return c == '"' || c == ',' || c == '\r' || c == '\n'; }

  void EndField() {
    fields_.push_back(CsvFieldSpan{static_cast<uint32_t>(field_begin_), static_cast<uint32_t>(write_ - field_begin_)});
    field_begin_ = write_;
  }
  // A record of nothing (an empty line, or only CRs) is skipped.
  void EndRecord() {
    EndField();
    if (record_started_) sink_->OnRecord(record_line_, fields_);
    fields_.clear();
    record_started_ = false;
  }

  char* text_;
  size_t size_;
  CsvRecordSink* sink_;
  size_t write_ = 0;
  size_t field_begin_ = 0;
  int line_ = 1;
  int record_line_ = 1;
  bool record_started_ = false;
  std::vector<CsvFieldSpan> fields_;
};

// Copies each record's fields out of the scanned buffer.
class CopyingSink : public CsvRecordSink {
 public:
  CopyingSink(const std::string& buffer, CsvParseResult* result) : buffer_(buffer), result_(result) {}
  void OnRecord(int line, const std::vector<CsvFieldSpan>& fields) override {
    CsvRecord record;
    record.line = line;
    record.fields.reserve(fields.size());
    for (const CsvFieldSpan& field : fields) record.fields.emplace_back(buffer_.data() + field.offset, field.size);
    result_->records.push_back(std::move(record));
  }

 private:
  const std::string& buffer_;
  CsvParseResult* result_;
};

}  // namespace

std::vector<int> ScanCsvInPlace(std::string* buffer, CsvRecordSink* sink) { return InPlaceScanner(buffer, sink).Run(); }

CsvParseResult ParseCsv(std::string_view text) {
  CsvParseResult result;
  std::string buffer(text);
  CopyingSink sink(buffer, &result);
  result.unterminated_quote_lines = ScanCsvInPlace(&buffer, &sink);
  return result;
}

}  // namespace xk
