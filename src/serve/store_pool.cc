#include "src/serve/store_pool.h"

#include "records/store/database.h"

namespace xk::serve {

namespace {

// Read through a memory map of the file (the kernel's page cache, shared by every connection)
// rather than a private copy of each page per connection; what the map does not cover is read
// as before. The list's indexes of 100,000 findings are about 40 MB.
constexpr const char* kReadPragmas = "PRAGMA mmap_size=1073741824; PRAGMA cache_size=-8192;";

}  // namespace

StorePool::StorePool(std::string db_path, size_t keep_idle) : db_path_(std::move(db_path)), keep_idle_(keep_idle) {}

StorePool::Lease::~Lease() {
  if (pool_ && store_) pool_->GiveBack(std::move(store_));
}

StorePool::Lease StorePool::Borrow() {
  {
    std::lock_guard lock(mutex_);
    if (!idle_.empty()) {
      std::unique_ptr<store::AuditStore> store = std::move(idle_.back());
      idle_.pop_back();
      return Lease(this, std::move(store));
    }
  }
  auto store = std::make_unique<store::AuditStore>(db_path_);
  store->db().Execute(kReadPragmas);
  return Lease(this, std::move(store));
}

size_t StorePool::idle() const {
  std::lock_guard lock(mutex_);
  return idle_.size();
}

void StorePool::GiveBack(std::unique_ptr<store::AuditStore> store) {
  std::lock_guard lock(mutex_);
  if (idle_.size() < keep_idle_) idle_.push_back(std::move(store));
}

}  // namespace xk::serve
