#include "records/model.h"

#include <mutex>
#include <ostream>
#include <unordered_set>

#include "records/csv/text.h"

namespace xk {

namespace {

// The names SourcePath points to. Never freed (names live as long as any record may), and
// guarded because recordings are catalogued on several threads.
class SourcePathPool {
 public:
  const std::string* Intern(std::string_view name) {
    if (name.empty()) return &empty_;
    std::lock_guard<std::mutex> lock(mutex_);
    // Elements of an unordered_set keep their address when it rehashes.
    return &*names_.emplace(name).first;
  }
  const std::string* Empty() const { return &empty_; }

 private:
  std::mutex mutex_;
  std::unordered_set<std::string> names_;
  const std::string empty_;
};

SourcePathPool& Pool() {
  static SourcePathPool* pool = new SourcePathPool;  // never destroyed: outlives static records
  return *pool;
}

}  // namespace

SourcePath::SourcePath() : name_(Pool().Empty()) {}

SourcePath::SourcePath(std::string_view name) : name_(Pool().Intern(name)) {}

std::ostream& operator<<(std::ostream& out, const SourcePath& path) { return out << path.str(); }

std::string PersonKey(const std::string& id_as_written) {
  std::string folded;  // only used when the ID holds full-width characters
  return UpperAscii(Trim(FoldFullWidthView(id_as_written, &folded)));
}

}  // namespace xk
