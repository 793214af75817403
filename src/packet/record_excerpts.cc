#include "src/packet/record_excerpts.h"

#include <algorithm>
#include <fstream>

namespace xk {

namespace {

constexpr int kMaxLinesPerRecord = 1000;  // a quote never closed must not swallow the file

bool OddQuotes(const std::string& bytes) { return std::count(bytes.begin(), bytes.end(), '"') % 2 == 1; }

struct Capture {
  int line = 0;
  std::string bytes;
  int lines_taken = 0;
};

}  // namespace

RecordExcerpt ReadRecordRows(const std::string& path, std::vector<int> lines) {
  RecordExcerpt excerpt;
  std::sort(lines.begin(), lines.end());
  lines.erase(std::unique(lines.begin(), lines.end()), lines.end());
  lines.erase(std::remove_if(lines.begin(), lines.end(), [](int line) { return line < 2; }), lines.end());
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    excerpt.error = path + ": cannot open the file";
    excerpt.missing = lines;
    return excerpt;
  }
  std::vector<Capture> open_captures;
  std::vector<Capture> finished;
  auto next_line = lines.begin();
  const int last_wanted = lines.empty() ? 1 : lines.back();
  std::string line;
  for (int number = 1; std::getline(in, line); ++number) {
    if (!in.eof()) line += '\n';  // getline stopped at a line break
    if (number == 1 || (next_line != lines.end() && *next_line == number)) {
      open_captures.push_back(Capture{number, "", 0});
      if (number != 1) ++next_line;
    }
    for (auto& capture : open_captures) {
      capture.bytes += line;
      ++capture.lines_taken;
    }
    auto done = std::stable_partition(open_captures.begin(), open_captures.end(), [](const Capture& c) {
      return OddQuotes(c.bytes) && c.lines_taken < kMaxLinesPerRecord;
    });
    std::move(done, open_captures.end(), std::back_inserter(finished));
    open_captures.erase(done, open_captures.end());
    if (number >= last_wanted && open_captures.empty()) break;
  }
  if (in.bad()) excerpt.error = path + ": reading failed";
  std::move(open_captures.begin(), open_captures.end(), std::back_inserter(finished));  // cut short by EOF
  std::sort(finished.begin(), finished.end(), [](const Capture& a, const Capture& b) { return a.line < b.line; });
  for (auto& capture : finished) {
    if (capture.line == 1) {
      excerpt.header = std::move(capture.bytes);
    } else {
      excerpt.rows.emplace_back(capture.line, std::move(capture.bytes));
    }
  }
  for (; next_line != lines.end(); ++next_line) excerpt.missing.push_back(*next_line);
  return excerpt;
}

std::string ExcerptCsv(const RecordExcerpt& excerpt) {
  const bool crlf = excerpt.header.size() >= 2 && excerpt.header.compare(excerpt.header.size() - 2, 2, "\r\n") == 0;
  const char* line_end = crlf ? "\r\n" : "\n";
  auto append = [&](std::string* out, const std::string& record) {
    *out += record;
    if (!record.empty() && record.back() != '\n') *out += line_end;
  };
  std::string out;
  append(&out, excerpt.header);
  for (const auto& [line, bytes] : excerpt.rows) append(&out, bytes);
  return out;
}

}  // namespace xk
