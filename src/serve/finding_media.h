// The video evidence on a finding's own page: for a finding of a video rule (a gap, a black, frozen
// or replayed stretch: HasVideoEvidence), its stills, its coverage timeline and its stream-copied
// clips, made by the packet's own code (WriteFindingVideoEvidence, as `xunkao packet` makes them)
// on the first view of the finding and kept on disk beside the store, in "<db>-media/<id>-<key>/".
//
// The key is a SHA-256 over what the media are made from: the finding as stored (its JSON: rule,
// times, camera, evidence with the audit's hashes), the archive folder, the time zone, the last
// completed audit (whose media catalog the coverage timeline is drawn from: another camera's
// recordings catalogued again show in it), and the size and modification time of each recording
// the finding names as they are on disk now; so a changed finding or recording, or a new audit,
// makes new media (and the finding's older folder is removed), while an unchanged one is served
// from the folder made before, also by another server. A folder is made
// under a hidden staging name and renamed into place, so two first views at once (in this server
// or another) never leave a half-written folder; builds are limited to two at a time.
//
// The files are served only by names this server gives (DownloadTable, 32 random bytes): no path
// from a request reaches the file system. Problems (no archive, no catalogued recording, a clip that
// cannot be cut) are sentences on the page, never a failed request.
#pragma once

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <semaphore>
#include <string>
#include <vector>

#include "records/store/audit_store.h"
#include "src/serve/downloads.h"

namespace xk::serve {

// One picture or clip of a finding, as the page links it.
struct MediaLink {
  std::string href;  // "/downloads/<name>"
  std::string what;  // the packet's Chinese caption
};

struct FindingMedia {
  bool video_rule = false;  // false: the finding's rule has no video evidence (the page shows nothing)
  std::vector<MediaLink> stills, clips, timelines;
  std::vector<std::string> notes;  // what could not be made, and why (Chinese sentences)
  std::string download_name;       // the DownloadTable name its links are made from ("": none)
};

class FindingMediaShelf {
 public:
  // "<db>-media"
  static std::filesystem::path FolderBeside(const std::string& db);
  // `downloads` must outlive this object.
  FindingMediaShelf(std::filesystem::path folder, DownloadTable* downloads)
      : folder_(std::move(folder)), downloads_(downloads) {}

  // The media of `stored`, made now when its folder does not exist yet. `archive` is the archive
  // folder the finding's paths are relative to ("" when there is none).
  FindingMedia MediaOf(store::AuditStore& store, const store::StoredFinding& stored, const std::string& archive);

  // How many times media were made (a folder written) since the server started: for tests.
  int64_t builds() const { return builds_; }

 private:
  // The folder's files made reachable under a new name, or nullopt when it holds no readable
  // media.json (not made, or made by hand).
  std::optional<FindingMedia> Register(const std::filesystem::path& folder);
  // Writes the media into a staging folder and renames it to `folder`; the finding's older folders go.
  FindingMedia Build(store::AuditStore& store, const store::StoredFinding& stored, const std::string& archive,
                     const std::filesystem::path& folder);
  // Lets go of kept media and the names their links were given (mutex_ held).
  void ForgetKeptLocked(std::map<std::string, FindingMedia>::iterator kept);
  void ForgetAllKeptLocked();

  std::filesystem::path folder_;
  DownloadTable* downloads_;
  std::mutex mutex_;
  // By folder name (finding id and key): what the page links to, while the server runs. Cleared past kMaxKept.
  static constexpr size_t kMaxKept = 4096;
  std::map<std::string, FindingMedia> kept_;
  // A finding without catalogued recordings (nothing on disk): by folder name, with the store's
  // change mark it was found under (an audit may catalog them).
  std::map<std::string, std::string> without_recordings_;
  std::map<std::string, std::shared_ptr<std::mutex>> building_;  // one builder a folder
  std::counting_semaphore<2> builders_{2};                       // at most two builds at a time
  std::atomic<int64_t> builds_{0};
};

// The finding page's section for `media` ("" for a finding of another rule): stills and timeline as
// pictures, clips in players, notes as sentences.
std::string FindingMediaHtml(const FindingMedia& media);

}  // namespace xk::serve
