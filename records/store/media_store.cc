#include "records/store/media_store.h"

#include <cstring>
#include <nlohmann/json.hpp>
#include <unordered_set>

namespace xk::store {

namespace {

// The first format: t, black_ratio, mean_luma, diff_from_prev, fingerprint, 28 bytes a sample.
// The second adds the motion measure (4 bytes) after a 4-byte tag, the third the difference to
// the reference picture (4 bytes more) after its own tag; a first-format blob starts with the
// first sample's t (a double, 0 or a few seconds), never with a tag's bytes.
constexpr size_t kSampleBytes = 8 + 4 + 4 + 4 + 8;
constexpr size_t kSampleBytesV2 = kSampleBytes + 4;
constexpr size_t kSampleBytesV3 = kSampleBytesV2 + 4;
constexpr char kSamplesV2Magic[4] = {'X', 'K', 'S', '2'};
constexpr char kSamplesV3Magic[4] = {'X', 'K', 'S', '3'};

// Whether `blob` is a tagged format of `stride` bytes a sample.
bool Tagged(const std::string& blob, const char (&magic)[4], size_t stride) {
  return blob.size() >= sizeof magic && std::memcmp(blob.data(), magic, sizeof magic) == 0 &&
         (blob.size() - sizeof magic) % stride == 0;
}

// The columns of media_files in the order LoadMediaCatalog reads them and SaveMediaFacts writes
// them: those stored as they are first, then those stored through a conversion.
constexpr const char* kMediaColumns =
    "path, institution, room, camera, size, mtime_epoch, name_start_epoch, name_start_origin, claimed_end_epoch, "
    "reason, container, codec, width, height, fps, creation_epoch, duration, frames, from_index, analysed, "
    "thorough, sha256, truncated_frames, measured_with, unreadable, covered_json, samples, path_bytes";

UnreadableKind KindFromName(const std::string& name) {
  for (auto kind : {UnreadableKind::kNone, UnreadableKind::kEmpty, UnreadableKind::kNotVideo,
                    UnreadableKind::kTruncatedMp4, UnreadableKind::kCorrupt, UnreadableKind::kMissing}) {
    if (name == UnreadableKindName(kind)) return kind;
  }
  return UnreadableKind::kCorrupt;
}

}  // namespace

std::string PackSamples(const std::vector<PictureSample>& samples) {
  std::string blob(sizeof kSamplesV3Magic + samples.size() * kSampleBytesV3, '\0');
  std::memcpy(blob.data(), kSamplesV3Magic, sizeof kSamplesV3Magic);
  char* out = blob.data() + sizeof kSamplesV3Magic;
  for (const auto& s : samples) {
    std::memcpy(out, &s.t, 8);
    std::memcpy(out + 8, &s.black_ratio, 4);
    std::memcpy(out + 12, &s.mean_luma, 4);
    std::memcpy(out + 16, &s.diff_from_prev, 4);
    std::memcpy(out + 20, &s.fingerprint, 8);
    std::memcpy(out + 28, &s.motion, 4);
    std::memcpy(out + 32, &s.diff_from_reference, 4);
    out += kSampleBytesV3;
  }
  return blob;
}

std::vector<PictureSample> UnpackSamples(const std::string& blob) {
  const bool v3 = Tagged(blob, kSamplesV3Magic, kSampleBytesV3);
  const bool v2 = !v3 && Tagged(blob, kSamplesV2Magic, kSampleBytesV2);
  const size_t header = v2 || v3 ? sizeof kSamplesV2Magic : 0;
  const size_t stride = v3 ? kSampleBytesV3 : v2 ? kSampleBytesV2 : kSampleBytes;
  std::vector<PictureSample> samples((blob.size() - header) / stride);
  const char* in = blob.data() + header;
  for (auto& s : samples) {
    std::memcpy(&s.t, in, 8);
    std::memcpy(&s.black_ratio, in + 8, 4);
    std::memcpy(&s.mean_luma, in + 12, 4);
    std::memcpy(&s.diff_from_prev, in + 16, 4);
    std::memcpy(&s.fingerprint, in + 20, 8);
    if (v2 || v3) std::memcpy(&s.motion, in + 28, 4);  // else stays -1: not measured
    if (v3) std::memcpy(&s.diff_from_reference, in + 32, 4);
    in += stride;
  }
  return samples;
}

std::unordered_map<std::string, RecordingFacts> LoadMediaCatalog(Database& db) {
  std::unordered_map<std::string, RecordingFacts> out;
  Statement query(db, std::string("SELECT ") + kMediaColumns + " FROM media_files");
  while (query.Step()) {
    RecordingFacts r;
    MediaProbe& p = r.probe;
    query.ReadColumns(&r.path, &r.institution, &r.room, &r.camera, &r.size, &r.mtime, &r.name_start,
                      &r.name_start_origin, &r.claimed_end, &p.reason, &p.container, &p.codec, &p.width, &p.height,
                      &p.fps, &p.creation_time, &p.duration, &p.frames, &p.from_index, &p.analysed, &p.thorough,
                      &p.sha256, &p.truncated_frames, &p.measured_with);
    p.unreadable = KindFromName(query.Text(24));
    auto covered = nlohmann::json::parse(query.Text(25), nullptr, false);
    if (covered.is_array()) {
      for (const auto& interval : covered) {
        if (interval.is_array() && interval.size() == 2) {
          p.covered.push_back(MediaInterval{interval[0].get<double>(), interval[1].get<double>()});
        }
      }
    }
    p.samples = UnpackSamples(query.Blob(26));
    r.path_bytes = query.IsNull(27) ? r.path : query.Blob(27);
    r.start = r.name_start.value_or(p.creation_time.value_or(0));
    out.emplace(r.path, std::move(r));
  }
  return out;
}

int64_t MergeMediaFacts(Database& db, const std::string& shard_path) {
  static constexpr const char* kColumns =
      "path, path_bytes, institution, room, camera, size, mtime_epoch, name_start_epoch, name_start_origin, "
      "claimed_end_epoch, unreadable, reason, container, codec, width, height, fps, creation_epoch, duration, "
      "frames, from_index, covered_json, analysed, thorough, sha256, truncated_frames, measured_with, samples";
  {
    Statement attach(db, "ATTACH DATABASE ?1 AS shard");
    attach.Bind(1, shard_path).Run();
  }
  int64_t brought = 0;
  try {
    Transaction transaction(db);
    Statement count(db,
                    "SELECT count(*) FROM shard.media_files s WHERE NOT EXISTS (SELECT 1 FROM main.media_files m "
                    "WHERE m.path = s.path AND m.size = s.size AND m.mtime_epoch = s.mtime_epoch AND m.sha256 = "
                    "s.sha256)");
    if (count.Step()) brought = count.Int(0);
    Statement copy(db, std::string("INSERT OR REPLACE INTO main.media_files(") + kColumns +
                           ", catalogued_run) SELECT " + kColumns + ", NULL FROM shard.media_files");
    copy.Run();
    transaction.Commit();
  } catch (...) {
    db.Execute("DETACH DATABASE shard");
    throw;
  }
  db.Execute("DETACH DATABASE shard");
  return brought;
}

void SaveMediaFacts(Database& db, const std::vector<RecordingFacts>& recordings, int64_t run_id) {
  Transaction transaction(db);
  Statement upsert(db, std::string("INSERT OR REPLACE INTO media_files(") + kMediaColumns +
                           ", catalogued_run) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?17,?18,"
                           "?19,?20,?21,?22,?23,?24,?25,?26,?27,?28,?29)");
  for (const auto& r : recordings) {
    const MediaProbe& p = r.probe;
    nlohmann::json covered = nlohmann::json::array();
    for (const auto& interval : p.covered) covered.push_back({interval.start, interval.end});
    std::string samples = PackSamples(p.samples);
    upsert
        .BindAll(r.path, r.institution, r.room, r.camera, r.size, r.mtime, r.name_start, r.name_start_origin,
                 r.claimed_end, p.reason, p.container, p.codec, p.width, p.height, p.fps, p.creation_time, p.duration,
                 p.frames, p.from_index, p.analysed, p.thorough, p.sha256, p.truncated_frames, p.measured_with,
                 UnreadableKindName(p.unreadable), covered.dump())
        .BindBlob(27, samples.data(), samples.size());
    if (r.path_bytes.empty() || r.path_bytes == r.path) {
      upsert.BindNull(28);
    } else {
      upsert.BindBlob(28, r.path_bytes.data(), r.path_bytes.size());
    }
    upsert.Bind(29, run_id).Run();
  }
  transaction.Commit();
}

void ForgetMissingMedia(Database& db, const std::vector<std::string>& present_paths) {
  std::unordered_set<std::string> present(present_paths.begin(), present_paths.end());
  std::vector<std::string> gone;
  {
    Statement query(db, "SELECT path FROM media_files");
    while (query.Step()) {
      std::string path = query.Text(0);
      if (!present.count(path)) gone.push_back(std::move(path));
    }
  }
  if (gone.empty()) return;
  Transaction transaction(db);
  Statement remove(db, "DELETE FROM media_files WHERE path=?1");
  for (const auto& path : gone) remove.Bind(1, path).Run();
  transaction.Commit();
}

}  // namespace xk::store
