// Record excerpts for an evidence packet: the header and the cited records of a CSV file, copied
// byte for byte (no decoding, no re-encoding: a GB18030 file stays GB18030, a BOM or CRLF line
// ends stay as they are), so an officer can lay them next to the original.
//
// A record starts at its cited 1-based physical line and, when a quoted field holds line breaks,
// runs on to the line that closes the quote. Quote tracking is byte-wise, which is exact for UTF-8
// and GB18030 alike (neither uses '"', CR or LF inside a multi-byte character). The file is read
// as a stream up to the last cited line, so a large file costs only as much as it has to.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace xk {

struct RecordExcerpt {
  std::string header;                             // the record on line 1, with its line end
  std::vector<std::pair<int, std::string>> rows;  // (line, record bytes with line end), by line
  std::vector<int> missing;                       // cited lines past the end of the file
  std::string error;                              // "" unless the file could not be read
};

// The records of `path` starting at `lines` (any order, repeats ignored).
RecordExcerpt ReadRecordRows(const std::string& path, std::vector<int> lines);

// The excerpt as a CSV file: the header, then the rows; a record that ended the file without a
// line break gets the header's line end ("\r\n" or "\n").
std::string ExcerptCsv(const RecordExcerpt& excerpt);

}  // namespace xk
