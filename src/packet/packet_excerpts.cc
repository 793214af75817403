#include "src/packet/packet_excerpts.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <string_view>

#include "records/archive_files.h"
#include "records/csv/xlsx.h"
#include "records/hashing.h"
#include "src/packet/record_excerpts.h"
#include "src/packet/safe_path.h"

namespace xk {

namespace fs = std::filesystem;

namespace {

bool EndsWithNoCase(const std::string& text, std::string_view suffix) {
  if (text.size() < suffix.size()) return false;
  for (size_t i = 0; i < suffix.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(text[text.size() - suffix.size() + i])) != suffix[i]) return false;
  }
  return true;
}

// A workbook by its name, or by its content as the loader recognises it (a workbook saved under a
// .csv name): its rows are cells in zipped XML, not lines that can be excerpted.
bool IsSpreadsheet(const std::string& path, const fs::path& absolute) {
  if (EndsWithNoCase(path, ".xlsx") || EndsWithNoCase(path, ".xls") || EndsWithNoCase(path, ".xlsm")) return true;
  std::ifstream in(absolute, std::ios::binary);
  char head[4] = {};
  in.read(head, sizeof head);
  return LooksLikeZip(std::string_view(head, static_cast<size_t>(in.gcount())));
}

// The excerpt's name under records/: the archive path without ".csv", its components made safe
// and joined by "__"; a name too long for the file system is cut and gets a hash of the path.
std::string ExcerptStem(const std::string& file) {
  std::string stem;
  std::string_view rest(file);
  if (EndsWithNoCase(file, ".csv")) rest.remove_suffix(4);
  for (size_t start = 0; start <= rest.size();) {
    size_t end = std::min(rest.find('/', start), rest.size());
    if (end > start) stem += (stem.empty() ? "" : "__") + SafeComponent(rest.substr(start, end - start), 60);
    start = end + 1;
  }
  if (stem.size() > 150) stem = SafeComponent(stem, 140) + "-" + Sha256Hex(file).substr(0, 8);  // NAME_MAX
  return stem.empty() ? "_" : stem;
}

}  // namespace

std::string WriteRecordExcerpts(std::vector<PacketFinding>* items, PacketSources* sources, PacketPayload* payload) {
  std::map<std::string, std::set<int>> lines_by_file;
  for (const auto& item : *items) {
    for (const auto& row : item.stored.finding.rows) lines_by_file[row.file].insert(row.line);
  }
  std::map<std::string, std::string> excerpt_of;    // archive file -> packet path
  std::map<std::string, std::string> excerpt_hash;  // packet path -> SHA-256
  std::map<std::string, std::string> file_notes;    // archive file -> why it was not (fully) excerpted
  std::string listing;
  for (const auto& [file, lines] : lines_by_file) {
    const SourceFile& source = sources->Use(file);
    if (!source.problem.empty()) {
      file_notes[file] = fmt::format("记录文件 {} 未能摘录：{}", file, source.problem);
      continue;
    }
    const fs::path absolute = *sources->Readable(file);
    if (IsSpreadsheet(file, absolute)) {
      file_notes[file] = fmt::format("记录文件 {} 为 Excel 表格，未摘录；其大小与 SHA-256 见来源文件清单", file);
      continue;
    }
    RecordExcerpt excerpt = ReadRecordRows(absolute.string(), std::vector<int>(lines.begin(), lines.end()));
    if (!excerpt.error.empty()) {
      file_notes[file] =
          fmt::format("记录文件 {} 未能摘录：{}", file, WithArchivePath(excerpt.error, absolute.string(), file));
      continue;
    }
    if (!excerpt.missing.empty()) {
      std::string joined;
      for (int line : excerpt.missing) joined += (joined.empty() ? "" : "、") + std::to_string(line);
      file_notes[file] = fmt::format("记录文件 {} 没有第 {} 行（审计后文件可能已变更）", file, joined);
    }
    const std::string path = payload->UniqueName("records", ExcerptStem(file), ".csv", file);
    const std::string bytes = ExcerptCsv(excerpt);
    if (std::string error = payload->bag().AddFile(path, bytes); !error.empty()) return error;
    excerpt_of[file] = path;
    excerpt_hash[path] = Sha256Hex(bytes);
    for (const auto& [line, record] : excerpt.rows)
      listing += fmt::format("{}:{}\n", PercentEncodeLineBreaks(file), line);
  }
  if (!listing.empty()) {
    if (std::string error = payload->bag().AddFile("records/excerpts.txt", listing); !error.empty()) return error;
  }
  for (auto& item : *items) {
    std::map<std::string, int> rows_in;  // packet path -> rows of this finding there
    for (const auto& row : item.stored.finding.rows) {
      if (auto it = excerpt_of.find(row.file); it != excerpt_of.end()) ++rows_in[it->second];
      if (auto note = file_notes.find(row.file); note != file_notes.end()) AddNote(&item, note->second);
    }
    for (const auto& [path, count] : rows_in) {
      std::string what = fmt::format("表头及所引 {} 行", count);
      item.excerpts.push_back(PacketFile{path, what});
      item.stored.finding.evidence.push_back(Evidence{"data/" + path, excerpt_hash[path], "记录摘录：" + what});
    }
  }
  return "";
}

}  // namespace xk
