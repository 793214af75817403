#include "src/cycle/case_attachment.h"

#include <fmt/format.h>
#include <unistd.h>

#include <atomic>
#include <system_error>

#include "records/csv/encoding.h"
#include "records/hashing.h"

namespace xk {

namespace fs = std::filesystem;

namespace {

AttachmentProblem Problem(const fs::path& file, std::string_view zh, std::string_view en) {
  const std::string shown = DisplayName(file.string());
  return {fmt::format("附件 {} {}", shown, zh), fmt::format("attachment {} {}", shown, en)};
}

}  // namespace

std::variant<store::CaseAttachment, AttachmentProblem> KeepAttachment(const store::Database& db, const fs::path& file) {
  std::error_code error;
  const fs::file_status status = fs::status(file, error);
  if (error || !fs::exists(status)) return Problem(file, "不存在", "does not exist");
  if (!fs::is_regular_file(status)) return Problem(file, "不是普通文件", "is not a regular file");
  const auto size = fs::file_size(file, error);
  if (error) return Problem(file, "无法读取大小", "cannot be read");
  if (static_cast<int64_t>(size) > kMaxAttachmentBytes) {
    return Problem(file, fmt::format("超过 {} MiB 上限", kMaxAttachmentBytes >> 20),
                   fmt::format("is larger than {} MiB", kMaxAttachmentBytes >> 20));
  }
  const fs::path folder = store::AttachmentDirectory(db);
  fs::create_directories(folder, error);
  if (error) return Problem(file, "无法保存：不能创建目录 " + folder.string(), "cannot be kept: " + error.message());
  static std::atomic<int> copies{0};
  const fs::path temporary = folder / fmt::format(".incoming-{}-{}", ::getpid(), ++copies);
  fs::copy_file(file, temporary, fs::copy_options::overwrite_existing, error);
  if (error) return Problem(file, "无法复制：" + error.message(), "cannot be copied: " + error.message());
  const std::optional<std::string> sha256 = Sha256File(temporary.string());
  if (!sha256) {
    fs::remove(temporary, error);
    return Problem(file, "复制后无法读取", "cannot be read back after copying");
  }
  const fs::path kept = store::AttachmentPath(db, *sha256);
  fs::rename(temporary, kept, error);
  if (error) {
    fs::remove(temporary, error);
    return Problem(file, "无法保存到 " + kept.string(), "cannot be kept as " + kept.string());
  }
  return store::CaseAttachment{DisplayName(file.filename().string()), static_cast<int64_t>(fs::file_size(kept)),
                               *sha256};
}

}  // namespace xk
