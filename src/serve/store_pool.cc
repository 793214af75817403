#include "src/serve/store_pool.h"

#include <algorithm>

#include "records/store/database.h"

namespace xk::serve {

namespace {

// Read through a memory map of the file (the kernel's page cache, shared by every connection)
// rather than a private copy of each page per connection; what the map does not cover is read
// as before. The list's indexes of 100,000 findings are about 40 MB.
constexpr const char* kReadPragmas = "PRAGMA mmap_size=1073741824; PRAGMA cache_size=-8192;";

}  // namespace

StorePool::StorePool(std::string db_path, size_t max_open)
    : db_path_(std::move(db_path)), max_open_(std::max<size_t>(1, max_open)) {}

StorePool::Lease::~Lease() {
  if (pool_ && store_) pool_->GiveBack(std::move(store_));
}

StorePool::Lease StorePool::Borrow() {
  {
    std::unique_lock lock(mutex_);
    given_back_.wait(lock, [this] { return !idle_.empty() || open_ < max_open_; });
    if (!idle_.empty()) {
      std::unique_ptr<store::AuditStore> store = std::move(idle_.back());
      idle_.pop_back();
      return Lease(this, std::move(store));
    }
    ++open_;  // opened below, outside the lock
  }
  try {
    auto store = std::make_unique<store::AuditStore>(db_path_);
    store->db().Execute(kReadPragmas);
    return Lease(this, std::move(store));
  } catch (...) {
    std::lock_guard lock(mutex_);
    --open_;
    given_back_.notify_one();
    throw;
  }
}

size_t StorePool::idle() const {
  std::lock_guard lock(mutex_);
  return idle_.size();
}

size_t StorePool::open() const {
  std::lock_guard lock(mutex_);
  return open_;
}

void StorePool::GiveBack(std::unique_ptr<store::AuditStore> store) {
  {
    std::lock_guard lock(mutex_);
    idle_.push_back(std::move(store));
  }
  given_back_.notify_one();
}

}  // namespace xk::serve
