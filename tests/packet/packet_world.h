// A small real world for the packet tests, made once per test binary run: an archive folder with
// a GB18030 timetable (CRLF, one record spanning two lines), a timetable under a Chinese folder
// name, a file just outside the archive (and a symbolic link to it inside), two real H.264
// recordings of camera KS01 A-1 with a 6-second gap between them (the second with its lens
// covered for a while), and a SQLite store holding one completed run with hand-built findings and
// the media catalog of those files.
#pragma once

#include <filesystem>
#include <string>

#include "records/civil_time.h"
#include "records/store/audit_store.h"

namespace xk {

struct PacketWorld {
  std::filesystem::path root;     // a temporary folder holding everything below
  std::filesystem::path archive;  // root/archive
  std::filesystem::path db_path;  // root/xunkao.db
  TimeZone zone;

  std::string timetable = "training/PX01/sessions.csv";
  std::string timetable_bytes;  // exactly what was written
  std::string chinese_timetable = "training/班级/课表.csv";
  std::string video_before = "exams/KS01/video/A/1/20220415/090000.mp4";
  std::string video_after = "exams/KS01/video/A/1/20220415/090020.mp4";
  std::string outside_marker = "OUTSIDE-THE-ARCHIVE-7f3c";     // content of root/outside.csv
  std::string symlinked_timetable = "training/PX09/link.csv";  // a symbolic link to root/outside.csv

  Instant gap_start = 0, gap_end = 0;      // 09:00:14 - 09:00:20
  Instant black_start = 0, black_end = 0;  // 09:00:22 - 09:00:25

  std::string hours_id, gap_id, black_id, evil_id;
  std::string setup_error;  // "" when the world was built

  // Built on first use; removed at exit.
  static const PacketWorld& Get();
  // A fresh folder under root for one test's output.
  std::filesystem::path FreshDir(const std::string& name) const;
};

}  // namespace xk
