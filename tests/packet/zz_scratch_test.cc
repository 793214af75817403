#include <gtest/gtest.h>

#include "src/packet/packet_builder.h"
#include "tests/packet/packet_world.h"
namespace xk {
TEST(PacketScratch, Dump) {
  const PacketWorld& world = PacketWorld::Get();
  store::AuditStore store(world.db_path.string());
  PacketRequest request;
  request.finding_ids = {world.gap_id, world.hours_id, world.black_id, world.evil_id};
  request.archive_root = world.archive;
  request.out_dir = "/tmp/packet-look";
  std::filesystem::remove_all(request.out_dir);
  request.zone = world.zone;
  request.zip = true;
  PacketResult r = BuildPacket(store, request);
  ASSERT_EQ(r.error, "");
}
}  // namespace xk
