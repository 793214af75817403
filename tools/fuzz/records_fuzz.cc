// libFuzzer target: the records loader on an archive whose one training and one exam table hold
// the fuzzer's bytes (encoding detection, CSV parsing, header aliases, every value parser, the
// loaders' checks). A crash, hang or sanitizer report is a bug: bad input must become load issues.
// Built and run by tools/fuzz.sh (tools/fuzz/csv_fuzz.cc reaches the table reader faster, in memory).
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>

#include "records/archive_loader.h"

namespace {

namespace fs = std::filesystem;

void Write(const fs::path& path, const char* data, size_t size) {
  fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary | std::ios::trunc).write(data, static_cast<std::streamsize>(size));
}

// In memory where the machine has /dev/shm: the loader reads real files, but no disk is touched.
const fs::path& Root() {
  static const fs::path root = [] {
    std::error_code error;
    const fs::path base = fs::is_directory("/dev/shm", error) ? fs::path("/dev/shm") : fs::temp_directory_path();
    fs::path dir = base / ("xunkao-records-fuzz-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    const std::string institutions = "code,name,kind\nPX01,培训学校,training\nKS01,考点,exam\n";
    Write(dir / "institutions.csv", institutions.data(), institutions.size());
    return dir;
  }();
  return root;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const fs::path& root = Root();
  // The first byte picks the tables, the rest is their content.
  static const char* const kTraining[] = {"classes.csv", "sessions.csv", "attendance.csv", "trainees.csv",
                                          "teachers.csv"};
  static const char* const kExam[] = {"plan.csv", "sessions.csv", "candidates.csv", "staff.csv", "cameras.csv"};
  const uint8_t pick = size > 0 ? data[0] : 0;
  const char* bytes = reinterpret_cast<const char*>(data) + (size > 0 ? 1 : 0);
  const size_t length = size > 0 ? size - 1 : 0;
  // The two tables of the last input go; the folders stay.
  static fs::path last_training, last_exam;
  std::error_code error;
  if (!last_training.empty()) fs::remove(last_training, error);
  if (!last_exam.empty()) fs::remove(last_exam, error);
  last_training = root / "training/PX01" / kTraining[pick % 5];
  last_exam = root / "exams/KS01" / kExam[(pick / 5) % 5];
  Write(last_training, bytes, length);
  Write(last_exam, bytes, length);
  xk::AuditPolicy policy;
  xk::ArchiveModel model = xk::LoadArchiveRecords(root, policy);
  return model.institutions.size() == 2 ? 0 : 0;
}
