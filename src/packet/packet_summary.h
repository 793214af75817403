// The human side of an evidence packet: data/summary.html (Chinese, printable on A4, one finding
// a page, pictures linked from the packet) and data/sources.txt (one line per archive file used).
// Pure text rendering from what the packet builder gathered: no file or store access here, and
// no clock, so the same packet renders to the same bytes. Every value that came from the archive
// or the store is HTML-escaped.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "records/civil_time.h"
#include "records/store/audit_store.h"

namespace xk {

// A file the packet itself holds.
struct PacketFile {
  std::string path;  // relative to data/, e.g. "stills/0a1b-1-before-gap.jpg"
  std::string what;  // Chinese caption, e.g. "中断前最后一帧 2022-04-15 09:00:07"
};

// One finding as the packet shows it.
struct PacketFinding {
  store::StoredFinding stored;       // evidence already extended with the packet's own files
  std::vector<PacketFile> excerpts;  // record excerpt files holding its rows
  std::vector<PacketFile> stills;
  std::vector<PacketFile> clips;
  std::vector<PacketFile> timelines;
  std::vector<std::string> notes;  // what could not be gathered, and why
};

// An archive file the packet used.
struct SourceFile {
  std::string path;  // archive-relative
  std::string kind;  // "record" | "video"
  int64_t size = 0;
  std::string mtime;  // ISO 8601 with offset
  std::string sha256;
  std::string problem;  // "" when read; else why not ("missing", "outside the archive")
  std::string note;     // e.g. a recording whose content changed since it was audited
};

struct PacketSummaryInput {
  std::optional<std::string> institution;
  std::optional<std::string> period;  // "2022H1"
  std::string tool_version;
  std::vector<PacketFinding> findings;
  std::vector<SourceFile> sources;  // sorted by path
  TimeZone zone;
};

std::string RenderPacketSummary(const PacketSummaryInput& input);

// "path<TAB>kind<TAB>size<TAB>mtime<TAB>sha256" lines under a header line; a file that could not
// be read has "-" for size, mtime and sha256 and its problem in a sixth column. TAB, CR, LF and
// '%' in paths are percent-encoded.
std::string SourcesText(const std::vector<SourceFile>& sources);

// "2022年上半年" for "2022H1".
std::string PeriodNameZh(const std::string& period);

}  // namespace xk
