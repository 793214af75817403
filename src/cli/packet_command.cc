#include "src/cli/packet_command.h"

#include <fmt/format.h>

#include <filesystem>

#include "records/audit_config.h"
#include "records/store/audit_store.h"
#include "src/cli/exit_code.h"
#include "src/packet/bag_verify.h"
#include "src/packet/packet_builder.h"

namespace xk {

int RunPacketCommand(const PacketOptions& options) {
  if (options.finding_ids.empty() == options.institution.empty()) {
    fmt::print(stderr,
               "xunkao packet: 请给出 --finding ID... 或 --institution CODE 之一 (give --finding or --institution)\n");
    return 2;
  }
  if (!std::filesystem::exists(options.db)) {
    fmt::print(stderr, "xunkao packet: 找不到数据库 {}；请先运行 xunkao audit，或用 --db 指定 (no such database)\n",
               options.db);
    return 2;
  }
  store::AuditStore store(options.db);
  PacketRequest request;
  request.finding_ids = options.finding_ids;
  if (!options.institution.empty()) request.institution = options.institution;
  if (!options.period.empty()) request.period = options.period;
  request.out_dir = options.out;
  request.zip = options.zip;
  request.source_organization = options.organization;
  if (!options.archive.empty()) {
    request.archive_root = options.archive;
  } else if (auto run = store.LastCompletedRun()) {
    request.archive_root = run->archive;
  } else {
    fmt::print(stderr, "xunkao packet: 数据库中没有完成的审查，请用 --archive 指定档案目录\n");
    return 2;
  }
  std::vector<LoadIssue> issues;
  request.zone = LoadAuditConfig(request.archive_root, std::nullopt, &issues).policy.zone;
  PacketResult result = BuildPacket(store, request);
  if (!result.status.ok()) {
    fmt::print(stderr, "xunkao packet: {}\n", result.status.message);
    return ExitCode(result.status);
  }
  fmt::print("证据包：{}（{} 个问题）\n", result.bag.string(), result.finding_ids.size());
  if (result.zip) fmt::print("压缩包：{}\n", result.zip->string());
  return 0;
}

int RunVerifyCommand(const std::string& packet) {
  VerifyResult result = VerifyBag(packet);
  if (!result.ok) {
    fmt::print(stderr, "xunkao verify: 校验失败 (FAILED): {}\n", result.first_problem);
    return 1;
  }
  fmt::print("校验通过：{} 完整，未被改动 (valid BagIt bag)\n", packet);
  return 0;
}

}  // namespace xk
