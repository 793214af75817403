#include "tests/e2e/demo_cache.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>

#include "tests/e2e/e2e_util.h"

namespace xk::e2e {
namespace {

namespace fs = std::filesystem;

// The test binary's size and change time: a rebuilt generator never reads an older cache.
std::string BinaryStamp() {
  struct stat info {};
  if (::stat("/proc/self/exe", &info) != 0) return "unknown";
  return std::to_string(info.st_size) + "-" + std::to_string(info.st_mtim.tv_sec) + "-" +
         std::to_string(info.st_mtim.tv_nsec);
}

std::string ScaleTag(const DemoScale& s, uint32_t seed) {
  std::ostringstream tag;
  tag << "seed" << seed << "-i" << s.extra_institutions << "-c" << s.classes_per_extra << "-d" << s.extra_exam_days
      << "-r" << s.cameras_per_room << "-v" << s.video << "-m" << s.exam_minutes << "-f" << s.video_fps << "-"
      << s.video_width << "x" << s.video_height;
  return tag.str();
}

// Holds an exclusive lock on a file for as long as it lives.
class FileLock {
 public:
  explicit FileLock(const fs::path& path) : fd_(::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644)) {
    if (fd_ < 0 || ::flock(fd_, LOCK_EX) != 0) throw std::runtime_error("cannot lock " + path.string());
  }
  ~FileLock() { ::close(fd_); }
  FileLock(const FileLock&) = delete;
  FileLock& operator=(const FileLock&) = delete;

 private:
  int fd_;
};

// The caches of earlier builds (a day old and more): 200 MB each.
void RemoveStaleCaches(const fs::path& caches) {
  std::error_code ec;
  const auto day_ago = fs::file_time_type::clock::now() - std::chrono::hours(24);
  for (const auto& entry : fs::directory_iterator(caches, ec)) {
    if (entry.is_directory(ec) && fs::last_write_time(entry.path(), ec) < day_ago) fs::remove_all(entry.path(), ec);
  }
}

}  // namespace

DemoKey CopyDemoArchive(const fs::path& destination, const DemoScale& scale, uint32_t seed) {
  const fs::path caches = fs::temp_directory_path() / "xunkao-demo-cache";
  const fs::path cache = caches / BinaryStamp();
  if (!fs::exists(cache)) RemoveStaleCaches(caches);
  fs::create_directories(cache);
  const fs::path archive = cache / ScaleTag(scale, seed);
  const fs::path complete = archive.string() + ".complete";
  {
    FileLock lock(cache / "lock");
    if (!fs::exists(complete)) {  // none yet, or a writer was killed half-way
      fs::remove_all(archive);
      WriteDemoArchive(archive, scale, seed);
      std::ofstream(complete) << "written\n";
    }
  }
  fs::create_directories(destination.parent_path());
  fs::copy(archive, destination, fs::copy_options::recursive | fs::copy_options::create_hard_links);
  return DemoKeyFromJson(ReadFile(destination / "key.json"));
}

}  // namespace xk::e2e
