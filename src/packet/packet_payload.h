// The files an evidence packet adds to its bag's data/ folder. Names are unique within the packet
// (a second file of the same name gets a short hash of where it came from, then a number), and a
// file added for a finding is listed for the summary and becomes part of that finding's evidence
// with its SHA-256. What could not be gathered for a finding is a note on it, said once.
#pragma once

#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "src/packet/bagit_writer.h"
#include "src/packet/packet_summary.h"

namespace xk {

class PacketPayload {
 public:
  // `bag` (open) must outlive this object.
  explicit PacketPayload(BagWriter& bag) : bag_(bag) {}

  BagWriter& bag() { return bag_; }

  // A packet path "<folder>/<stem><extension>" not used yet, reserved from now on: on a collision
  // the stem gets "-" and the first 8 hex digits of SHA-256(`origin`), then "-2", "-3", ...
  std::string UniqueName(const std::string& folder, const std::string& stem, const std::string& extension,
                         const std::string& origin);

  // Writes `bytes` as the payload file `path`, lists it in `*list` (one of the finding's own
  // lists) and adds it to the finding's evidence as "data/<path>". Returns "" or an error.
  std::string AddFindingFile(PacketFinding* item, std::vector<PacketFile>* list, const std::string& path,
                             const std::string& what, std::string_view bytes);

 private:
  BagWriter& bag_;
  std::set<std::string> used_names_;
};

// Adds `note` to the finding's notes unless it is there already.
void AddNote(PacketFinding* item, const std::string& note);

}  // namespace xk
