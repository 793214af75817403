// `xunkao packet` (evidence packets of chosen findings, or of an institution's open findings in a
// half-year) and `xunkao verify` (a packet's integrity).
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace xk {

struct PacketOptions {
  std::vector<std::string> finding_ids;
  std::string institution;
  std::string period;  // "2022H1"
  std::string db = "xunkao-out/xunkao.db";
  std::string out;
  std::string archive;  // default: the archive of the last completed run
  std::string organization = "xunkao";
  bool zip = false;
};

int RunPacketCommand(const PacketOptions& options);
int RunVerifyCommand(const std::string& packet);

}  // namespace xk
