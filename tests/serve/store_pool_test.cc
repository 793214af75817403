// The workbench's store connections: lent to one request at a time, kept for the next, and each
// sees what another connection (the nightly audit) committed meanwhile.
#include "src/serve/store_pool.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <optional>
#include <thread>

#include "records/store/database.h"

namespace xk::serve {
namespace {

namespace fs = std::filesystem;

class StorePoolTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = (fs::path(::testing::TempDir()) / ("pool-" + std::to_string(::getpid()) + ".db")).string();
    Clean();
  }
  void TearDown() override { Clean(); }
  void Clean() {
    std::error_code ignored;
    for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(db_ + suffix, ignored);
  }
  std::string db_;
};

TEST_F(StorePoolTest, ALentConnectionIsKeptForTheNextRequest) {
  StorePool pool(db_, 2);
  store::AuditStore* first = nullptr;
  {
    StorePool::Lease lease = pool.Borrow();
    first = &*lease;
    StorePool::Lease second = pool.Borrow();
    EXPECT_NE(&*second, first) << "two requests at once get two connections";
  }
  EXPECT_EQ(pool.idle(), 2u);
  StorePool::Lease again = pool.Borrow();
  EXPECT_EQ(pool.idle(), 1u);
  EXPECT_EQ(pool.open(), 2u);
}

TEST_F(StorePoolTest, ARequestPastTheLimitWaitsForAConnectionGivenBack) {
  StorePool pool(db_, 1);
  std::optional<StorePool::Lease> lent(pool.Borrow());
  store::AuditStore* only = &**lent;
  std::atomic<bool> got{false};
  store::AuditStore* waited_for = nullptr;
  std::thread other([&] {
    StorePool::Lease lease = pool.Borrow();
    waited_for = &*lease;
    got = true;
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  EXPECT_FALSE(got) << "no second connection past max_open";
  lent.reset();
  other.join();
  EXPECT_TRUE(got);
  EXPECT_EQ(waited_for, only);
  EXPECT_EQ(pool.open(), 1u);
}

TEST_F(StorePoolTest, AKeptConnectionSeesWhatTheAuditCommittedSince) {
  StorePool pool(db_, 4);
  auto runs = [&pool] {
    StorePool::Lease lease = pool.Borrow();
    store::Statement count(lease->db(), "SELECT count(*) FROM runs");
    count.Step();
    return count.Int(0);
  };
  EXPECT_EQ(runs(), 0);
  {
    store::AuditStore audit(db_);  // another connection, as the nightly audit's
    audit.BeginRun("2026-12-05T02:00:00+08:00", "/archive", "{}");
  }
  EXPECT_EQ(runs(), 1);
  EXPECT_EQ(pool.idle(), 1u);
}

}  // namespace
}  // namespace xk::serve
