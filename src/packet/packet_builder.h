// Evidence packets (outputs.md "Evidence packets"): the findings an officer hands on, with what
// backs them, as a BagIt 1.0 bag (and a .zip of it on request).
//
// Contract: BuildPacket selects findings from the store (by id, or the open findings of an
// institution whose start, or the start of the run that first found them when they have none,
// falls in the half-year), and writes under out_dir/xunkao-packet-<institution|findings>-<period|
// first id>/ the bag whose data/ holds
//   summary.html          Chinese, printable on A4, every archive value HTML-escaped
//   findings.json         the findings (FindingToJson, plus status), evidence with SHA-256
//   records/*.csv         header + the cited rows, byte for byte; records/excerpts.txt lists them
//   stills/*.jpg          video frames at each gap's edges and inside black/frozen/replayed video
//   clips/*.mp4           up to ~10 s of video at each gap edge, stream-copied (no re-encoding)
//   timelines/*.png       the coverage timeline of the cameras involved
//   sources.txt           every archive file used: path, size, mtime, SHA-256 (videos referenced,
//                         not copied)
// The payload is deterministic (only bag-info.txt's Bagging-Date changes between two builds of
// the same packet). Every name derived from archive data goes through SafeComponent, so nothing
// is written outside the bag folder. The bag is built in a hidden staging folder and renamed into
// place, replacing an earlier bag of the same name; then the packet is recorded in the store.
// A video that cannot be decoded does not fail the packet: the summary says what could not be cut.
//
// The parts: packet_selection.h (which findings), packet_sources.h (the archive files used,
// sources.txt), packet_excerpts.h (records/), packet_video.h (stills/, clips/, timelines/),
// packet_payload.h (unique names, evidence entries), packet_summary.h (summary.html); this unit
// assembles them into the bag, renames it into place, zips it and records it in the store.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "records/civil_time.h"
#include "records/status.h"
#include "records/store/audit_store.h"

namespace xk {

struct PacketRequest {
  std::vector<std::string> finding_ids;    // when given: exactly these findings (open or resolved)
  std::optional<std::string> institution;  // else: the open findings of this institution
  std::optional<std::string> period;       // "2022H1" (Jan-Jun) | "2022H2" (Jul-Dec); none = all
  std::filesystem::path archive_root;      // where the archive-relative paths in findings point
  std::filesystem::path out_dir;           // the bag (and zip) go here; created when missing
  bool zip = false;
  TimeZone zone;
  std::string source_organization = "xunkao";  // bag-info.txt Source-Organization
};

struct PacketResult {
  std::filesystem::path bag;                 // the bag folder
  std::optional<std::filesystem::path> zip;  // the zip, when asked for
  std::vector<std::string> finding_ids;      // what the packet holds, in packet order
  // Ok on success; a usage failure when the request selects nothing (an unknown id, no open
  // finding, a bad half-year); otherwise the bag could not be written. On failure nothing is left
  // behind, except when only the zip failed: then the finished bag stays (`bag` is set) and the
  // message names the zip.
  Status status;
};

PacketResult BuildPacket(store::AuditStore& store, const PacketRequest& request);

}  // namespace xk
