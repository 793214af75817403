// The workbench's connections to the store: each request borrows one and gives it back, so a page
// does not open the file, read its schema and warm an empty page cache again (a quarter of the
// server's CPU under load did that). A connection is used by one request at a time; the audit
// writing beside the workbench is seen at each statement, as with a connection of its own (WAL).
// Thread-safe.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "records/store/audit_store.h"

namespace xk::serve {

class StorePool {
 public:
  // At most `max_open` connections at once (a request past them waits for one to be given back):
  // on a machine of a few cores more would only take turns, each with its own map of the file.
  StorePool(std::string db_path, size_t max_open);
  StorePool(const StorePool&) = delete;
  StorePool& operator=(const StorePool&) = delete;

  // A connection for the time of one request; given back when the lease ends.
  class Lease {
   public:
    Lease(StorePool* pool, std::unique_ptr<store::AuditStore> store) : pool_(pool), store_(std::move(store)) {}
    Lease(Lease&&) = default;
    ~Lease();
    store::AuditStore& operator*() { return *store_; }
    store::AuditStore* operator->() { return store_.get(); }

   private:
    StorePool* pool_;
    std::unique_ptr<store::AuditStore> store_;
  };

  // An idle connection, or a new one (opened and migrated; throws StoreError as AuditStore does),
  // waiting while max_open are lent.
  Lease Borrow();
  size_t idle() const;
  size_t open() const;

 private:
  void GiveBack(std::unique_ptr<store::AuditStore> store);

  const std::string db_path_;
  const size_t max_open_;
  mutable std::mutex mutex_;
  std::condition_variable given_back_;
  std::vector<std::unique_ptr<store::AuditStore>> idle_;
  size_t open_ = 0;  // idle and lent
};

}  // namespace xk::serve
