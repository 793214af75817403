#include "src/serve/finding_media.h"

#include <fmt/format.h>
#include <sys/stat.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <system_error>

#include "records/audit_config.h"
#include "records/finding_json.h"
#include "records/hashing.h"
#include "records/store/media_store.h"
#include "records/text_escape.h"
#include "src/packet/packet_video.h"
#include "src/packet/safe_path.h"
#include "src/serve/html_page.h"
#include "src/serve/sessions.h"

namespace xk::serve {

namespace fs = std::filesystem;

namespace {

constexpr const char* kMediaManifest = "media.json";  // in each media folder: what it holds, written last
constexpr size_t kMaxMediaLinksPerKind = 26;          // a download suffix is one letter a file
constexpr const char* kNoArchiveZh =
    "找不到档案目录（启动工作台时未给 --archive，最近一次完成的审查也没有留下可用的档案目录），无法显示录像截图、"
    "时间轴和片段。";
constexpr const char* kNoRecordingsZh = "审查编目的录像中没有这台摄像机的录像，无法显示录像截图、时间轴和片段。";

// What the media of `f` are made from (see the header): the finding as stored, the archive folder,
// the audit whose media catalog draws the timeline, and the recordings it names as they are on
// disk now.
std::string MediaKey(const Finding& f, const std::string& archive, const TimeZone& zone, int64_t catalog_run) {
  std::string facts = FindingToJson(f, zone).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  facts += "\n" + fs::absolute(archive).lexically_normal().string() + "\n" + zone.name;
  facts += fmt::format("\nrun {}", catalog_run);
  std::vector<std::string> named;
  if (f.file) named.push_back(*f.file);
  for (const Evidence& evidence : f.evidence) named.push_back(evidence.path);
  for (const std::string& path : named) {
    struct stat status;
    const auto absolute = ResolveUnder(archive, path);
    if (absolute && ::stat(absolute->c_str(), &status) == 0) {
      facts += fmt::format("\n{}\t{}\t{}.{:09}", path, status.st_size, status.st_mtim.tv_sec, status.st_mtim.tv_nsec);
    } else {
      facts += "\n" + path + "\t-";
    }
  }
  return Sha256Hex(facts);
}

const char* MediaContentType(const fs::path& file) {
  const std::string extension = file.extension().string();
  if (extension == ".mp4") return "video/mp4";
  if (extension == ".png") return "image/png";
  return "image/jpeg";
}

nlohmann::json MediaFilesJson(const std::vector<PacketFile>& files) {
  nlohmann::json list = nlohmann::json::array();
  for (const PacketFile& file : files) list.push_back({file.path, file.what});
  return list;
}

void RemoveMediaQuietly(const fs::path& path) {
  std::error_code ignored;
  fs::remove_all(path, ignored);
}

// Holds one of the semaphore's places for its lifetime.
class BuilderPlace {
 public:
  explicit BuilderPlace(std::counting_semaphore<2>& places) : places_(places) { places_.acquire(); }
  ~BuilderPlace() { places_.release(); }
  BuilderPlace(const BuilderPlace&) = delete;
  BuilderPlace& operator=(const BuilderPlace&) = delete;

 private:
  std::counting_semaphore<2>& places_;
};

}  // namespace

fs::path FindingMediaShelf::FolderBeside(const std::string& db) { return fs::path(db + "-media"); }

FindingMedia FindingMediaShelf::MediaOf(store::AuditStore& store, const store::StoredFinding& stored,
                                        const std::string& archive) {
  FindingMedia media;
  const Finding& f = stored.finding;
  if (!HasVideoEvidence(f)) return media;
  media.video_rule = true;
  std::error_code ec;
  if (archive.empty() || !fs::is_directory(archive, ec)) {
    media.notes.push_back(kNoArchiveZh);
    return media;
  }
  std::vector<LoadIssue> ignored;
  const TimeZone zone = LoadAuditConfig(archive, std::nullopt, &ignored).policy.zone;
  const std::optional<store::RunSummary> audit = store.LastCompletedRun();
  const std::string name =
      SafeComponent(stored.id, 40) + "-" + MediaKey(f, archive, zone, audit ? audit->id : 0).substr(0, 32);
  const fs::path folder = folder_ / name;
  const std::string mark = store.ChangeMark();
  auto known = [&]() -> std::optional<FindingMedia> {
    std::lock_guard lock(mutex_);
    if (auto it = kept_.find(name); it != kept_.end()) {
      if (fs::is_directory(folder, ec)) return it->second;
      ForgetKeptLocked(it);  // removed by hand: made again
    }
    if (auto it = without_recordings_.find(name); it != without_recordings_.end() && it->second == mark) {
      FindingMedia none;
      none.video_rule = true;
      none.notes.push_back(kNoRecordingsZh);
      return none;
    }
    return std::nullopt;
  };
  if (auto found = known()) return *found;

  std::shared_ptr<std::mutex> builder;
  {
    std::lock_guard lock(mutex_);
    auto& slot = building_[name];
    if (!slot) slot = std::make_shared<std::mutex>();
    builder = slot;
  }
  std::lock_guard building(*builder);
  if (auto found = known()) return *found;              // made while this request waited
  std::optional<FindingMedia> made = Register(folder);  // made before this server started
  bool keep = made.has_value(), no_recordings = false;
  if (!made) {
    BuilderPlace place(builders_);
    made = Build(store, stored, archive, folder);
    keep = fs::exists(folder / kMediaManifest, ec);
    no_recordings = !keep && made->notes.empty();
    if (no_recordings) made->notes.push_back(kNoRecordingsZh);
  }
  std::lock_guard lock(mutex_);
  if (kept_.size() >= kMaxKept) ForgetAllKeptLocked();
  if (without_recordings_.size() >= kMaxKept) without_recordings_.clear();
  if (building_.size() >= kMaxKept) building_.clear();  // held builders keep their mutex alive
  if (keep) kept_[name] = *made;
  if (no_recordings) without_recordings_[name] = mark;
  return *made;
}

std::optional<FindingMedia> FindingMediaShelf::Register(const fs::path& folder) {
  std::ifstream in(folder / kMediaManifest, std::ios::binary);
  if (!in) return std::nullopt;
  const nlohmann::json manifest = nlohmann::json::parse(in, nullptr, false);
  if (!manifest.is_object()) return std::nullopt;
  FindingMedia media;
  media.video_rule = true;
  const std::string token = RandomToken();
  media.download_name = token;
  struct Kind {
    const char* key;
    const char* suffix;
    std::vector<MediaLink>* links;
  };
  for (const Kind& kind : {Kind{"stills", "still", &media.stills}, Kind{"clips", "clip", &media.clips},
                           Kind{"timelines", "timeline", &media.timelines}}) {
    const auto list = manifest.find(kind.key);
    if (list == manifest.end() || !list->is_array()) return std::nullopt;
    for (const auto& entry : *list) {
      if (!entry.is_array() || entry.size() != 2 || !entry[0].is_string() || !entry[1].is_string()) return std::nullopt;
      const std::string relative = entry[0].get<std::string>();
      std::error_code ec;
      const fs::path file = folder / "data" / relative;
      if (!IsSafeRelativePath(relative) || !fs::is_regular_file(file, ec)) return std::nullopt;
      if (kind.links->size() == kMaxMediaLinksPerKind) continue;
      const std::string suffix = kind.suffix + std::string(1, static_cast<char>('a' + kind.links->size()));
      const std::string link =
          downloads_->Add(token, suffix, {file, file.filename().string(), std::string(MediaContentType(file))});
      kind.links->push_back({"/downloads/" + link, entry[1].get<std::string>()});
    }
  }
  if (const auto notes = manifest.find("notes"); notes != manifest.end() && notes->is_array()) {
    for (const auto& note : *notes) {
      if (note.is_string()) media.notes.push_back(note.get<std::string>());
    }
  }
  return media;
}

void FindingMediaShelf::ForgetKeptLocked(std::map<std::string, FindingMedia>::iterator kept) {
  if (!kept->second.download_name.empty()) downloads_->Forget(kept->second.download_name);
  kept_.erase(kept);
}

void FindingMediaShelf::ForgetAllKeptLocked() {
  while (!kept_.empty()) ForgetKeptLocked(kept_.begin());
}

FindingMedia FindingMediaShelf::Build(store::AuditStore& store, const store::StoredFinding& stored,
                                      const std::string& archive, const fs::path& folder) {
  FindingMedia media;
  media.video_rule = true;
  std::vector<LoadIssue> ignored;
  const TimeZone zone = LoadAuditConfig(archive, std::nullopt, &ignored).policy.zone;
  const std::string id_prefix = folder.filename().string().substr(0, folder.filename().string().rfind('-') + 1);
  // Hidden and unique: another builder (another server on the same store) writes its own.
  const fs::path staging = folder_ / ("." + folder.filename().string() + "." + RandomToken().substr(0, 16));
  PacketFinding item;
  item.stored = stored;
  std::string error;
  try {
    std::error_code ec;
    fs::create_directories(folder_, ec);
    // The recordings of the finding's institution: all the packet's video code looks at for it.
    PacketCatalog catalog;
    for (auto& [path, facts] : store::LoadMediaCatalog(store.db())) {
      if (facts.institution == stored.finding.institution) catalog.emplace(path, std::move(facts));
    }
    error = WriteFindingVideoEvidence(catalog, archive, zone, staging, &item);
    if (error.empty() && item.stills.empty() && item.clips.empty() && item.timelines.empty() && item.notes.empty()) {
      RemoveMediaQuietly(staging);  // no catalogued recording of its camera: nothing to keep
      return media;
    }
    if (error.empty()) {
      const nlohmann::json manifest = {{"stills", MediaFilesJson(item.stills)},
                                       {"clips", MediaFilesJson(item.clips)},
                                       {"timelines", MediaFilesJson(item.timelines)},
                                       {"notes", item.notes}};
      std::ofstream out(staging / kMediaManifest, std::ios::binary);
      out << manifest.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
      out.close();
      if (!out) error = (staging / kMediaManifest).string() + ": cannot be written";
    }
    if (error.empty()) {
      fs::rename(staging, folder, ec);
      const std::optional<FindingMedia> there = ec ? Register(folder) : std::nullopt;
      if (there) downloads_->Forget(there->download_name);  // only looked at
      if (ec && !there) {                                   // a folder left broken (no media.json): replaced
        RemoveMediaQuietly(folder);
        fs::rename(staging, folder, ec);
      }
      RemoveMediaQuietly(staging);  // when another builder's folder was there first
      if (ec && !fs::exists(folder / kMediaManifest)) error = folder.string() + ": " + ec.message();
    }
  } catch (const std::exception& failure) {
    error = failure.what();
  }
  if (!error.empty()) {
    RemoveMediaQuietly(staging);
    media.notes.push_back("未能生成录像证据：" + error);
    return media;
  }
  ++builds_;
  // The finding's media made from what it was before (a changed finding or recording) go.
  std::error_code ec;
  std::vector<std::string> replaced;
  for (fs::directory_iterator it(folder_, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string other = it->path().filename().string();
    if (other != folder.filename().string() && other.rfind(id_prefix, 0) == 0) {
      RemoveMediaQuietly(it->path());
      replaced.push_back(other);
    }
  }
  {
    std::lock_guard lock(mutex_);
    for (const std::string& name : replaced) {
      if (auto it = kept_.find(name); it != kept_.end()) ForgetKeptLocked(it);
    }
  }
  auto registered = Register(folder);
  if (!registered) {
    media.notes.push_back("未能读取刚生成的录像证据：" + folder.string());
    return media;
  }
  return *registered;
}

std::string FindingMediaHtml(const FindingMedia& media) {
  if (!media.video_rule) return "";
  std::string h = "<h2>录像证据</h2>";
  auto figure = [&h](const std::string& inner, const std::string& what) {
    h += fmt::format("<figure class=\"media\">{}<figcaption>{}</figcaption></figure>", inner, HtmlEscape(what));
  };
  for (const MediaLink& still : media.stills) {
    figure(fmt::format("<img src=\"{}\" alt=\"{}\" width=\"480\">", HtmlEscape(still.href), HtmlEscape(still.what)),
           still.what);
  }
  for (const MediaLink& clip : media.clips) {
    figure(fmt::format("<video controls preload=\"metadata\" width=\"480\" src=\"{}\"></video>", HtmlEscape(clip.href)),
           clip.what);
  }
  for (const MediaLink& timeline : media.timelines) {
    figure(fmt::format("<img class=\"timeline\" src=\"{}\" alt=\"{}\">", HtmlEscape(timeline.href),
                       HtmlEscape(timeline.what)),
           timeline.what);
  }
  if (!media.notes.empty()) {
    h += "<ul class=\"meta\">";
    for (const std::string& note : media.notes) h += "<li>" + HtmlEscape(note) + "</li>";
    h += "</ul>";
  }
  return h;
}

}  // namespace xk::serve
