#include "tests/media/media_samples.h"

#include <gtest/gtest.h>

#include <fstream>
#include <iterator>
#include <map>
#include <mutex>

#include "tests/media/media_temp_dir.h"

namespace xk {

namespace {

CctvScript Base(double seconds) {
  CctvScript script;
  script.duration_s = seconds;
  script.osd_start = kSampleStart;
  script.creation_time = kSampleStart;
  return script;
}

struct SampleStore {
  MediaTempDir directory;
  std::map<std::string, std::string> made;
  std::mutex mutex;
  int scratch_count = 0;
};

SampleStore& Store() {
  static SampleStore store;
  return store;
}

}  // namespace

CctvScript SampleScript(const std::string& name) {
  if (name == "clean.mp4") return Base(60);  // 60 s, H.264 in MP4, moov at the end
  if (name == "hole.mp4") {                  // 60 s with nothing recorded from 20 s to 40 s
    CctvScript script = Base(60);
    script.holes = {{20, 40}};
    return script;
  }
  if (name == "short.mp4") return Base(20);
  if (name == "hikvision.mp4") {  // MPEG-PS under an MP4 name
    CctvScript script = Base(30);
    script.container = "mpegps";
    return script;
  }
  if (name == "hole.ps") {  // MPEG-PS, 50 s with nothing from 15 s to 35 s
    CctvScript script = Base(50);
    script.container = "mpegps";
    script.holes = {{15, 35}};
    return script;
  }
  if (name == "clip.ts") {
    CctvScript script = Base(30);
    script.container = "mpegts";
    script.holes = {{10, 15}};
    return script;
  }
  if (name == "clip.mkv") {
    CctvScript script = Base(30);
    script.container = "matroska";
    return script;
  }
  if (name == "hevc.mp4") {
    CctvScript script = Base(10);
    script.codec = "hevc";
    return script;
  }
  if (name == "hevc_ps.mp4") {
    CctvScript script = Base(10);
    script.codec = "hevc";
    script.container = "mpegps";
    return script;
  }
  ADD_FAILURE() << "no sample recording named " << name;
  return Base(1);
}

std::string SamplePath(const std::string& name) {
  SampleStore& store = Store();
  std::lock_guard<std::mutex> lock(store.mutex);
  auto found = store.made.find(name);
  if (found != store.made.end()) return found->second;
  std::string path = store.directory.File(name);
  std::string error = WriteCctvVideo(path, SampleScript(name));
  EXPECT_EQ(error, "") << "generating sample " << name;
  if (error.empty()) store.made[name] = path;
  return path;
}

std::string ScratchPath(const std::string& name) {
  SampleStore& store = Store();
  std::lock_guard<std::mutex> lock(store.mutex);
  return store.directory.File(std::to_string(++store.scratch_count) + "_" + name);
}

std::string ReadFileBytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

}  // namespace xk
