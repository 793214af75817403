// The video side of an evidence packet, for the findings of the video rules. A gap
// (EXM-VIDEO-GAP) gets a still of the last frame before it and of the first frame after it, and
// a clip of up to ~10 s on the recorded side of each edge; a black, frozen or replayed stretch
// gets stills a quarter, half and three quarters in. Then one coverage timeline (PNG) per
// institution, session and room of those findings: every camera of the room across the findings'
// time plus a margin, drawn from the catalog's covered intervals, the stretches found marked.
// Files go to data/stills, data/clips and data/timelines and become evidence of their finding;
// a frame or clip that could not be cut is a note on the finding, never a failed packet.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "records/civil_time.h"
#include "records/media_facts.h"
#include "src/packet/packet_payload.h"
#include "src/packet/packet_sources.h"
#include "src/packet/packet_summary.h"
#include "src/packet/video_evidence.h"

namespace xk {

// True for a finding PacketVideoEvidence makes stills (and clips) for: a gap, black, frozen or
// replayed stretch with its start and end. Whether it does also depends on the catalog.
bool HasVideoEvidence(const Finding& finding);

class PacketVideoEvidence {
 public:
  // `catalog`, `sources` and `payload` must outlive this object.
  PacketVideoEvidence(const PacketCatalog& catalog, PacketSources* sources, PacketPayload* payload,
                      const TimeZone& zone);

  // The stills and clips of one finding; nothing for a finding of another rule, without start and
  // end, or without catalogued recordings of its camera. `item` must stay where it is until
  // WriteTimelines. Returns "" or an error (the bag could not be written).
  std::string Add(PacketFinding* item);

  // The timelines of the findings given to Add; once, after the last Add. Returns "" or an error.
  std::string WriteTimelines();

 private:
  // The catalogued recordings of the finding's camera, by start time.
  std::vector<const RecordingFacts*> CameraRecordings(const Finding& f) const;
  // A still of `recording` at `time`. Problems become notes.
  std::string AddStill(PacketFinding* item, const RecordingFacts& recording, double time, FramePick pick,
                       const std::string& kind, const std::string& english, const std::string& chinese);
  // A clip of `recording` from `from` to `to` (seconds from its first frame). Problems become notes.
  std::string AddClip(PacketFinding* item, const RecordingFacts& recording, double from, double to,
                      const std::string& kind, const std::string& chinese);

  const PacketCatalog& catalog_;
  PacketSources* sources_;
  PacketPayload* payload_;
  TimeZone zone_;
  std::vector<PacketFinding*> video_items_;                // the findings Add found recordings for, in order
  std::map<std::string, int> still_counts_, clip_counts_;  // by finding id: numbers the files
};

// The stills, clips and timeline of one finding, made exactly as a packet of that finding alone
// makes them, written into `folder` (created here; it must not exist yet): the files under
// folder/data/ as in a bag (stills/, clips/, timelines/), without the bag's tag files. What was
// made (paths relative to folder/data/) and what could not be are in item->stills, clips,
// timelines and notes; a recording changed since the audit is a note too. Nothing is made for a
// finding HasVideoEvidence refuses or without catalogued recordings of its camera. Returns "" or
// an error (a file could not be written). For the workbench's finding page.
std::string WriteFindingVideoEvidence(const PacketCatalog& catalog, const std::filesystem::path& archive_root,
                                      const TimeZone& zone, const std::filesystem::path& folder, PacketFinding* item);

}  // namespace xk
