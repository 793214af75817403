// cameras.csv and recordings.csv -> the model, for an exam centre's rooms (exams/<code>) and a
// training institution's classrooms (training/<code>, AQ 8011-2023): the same columns, with the
// room as 考场 or 教室.
#include "records/archive_loader.h"
#include "records/table_opener.h"

namespace xk {

namespace {

const TableSpec kCamerasSpec = {"摄像机",
                                {{"room", "考场", true, {"教室", "房间"}},
                                 {"camera", "摄像机", true, {"摄像头", "通道"}},
                                 {"position", "位置", false, {}}}};

const TableSpec kRecordingsSpec = {"录像索引",
                                   {{"file", "文件", true, {"文件名", "路径"}},
                                    {"room", "考场", true, {"教室", "房间"}},
                                    {"camera", "摄像机", true, {"通道"}},
                                    {"start", "开始时间", false, {}},
                                    {"end", "结束时间", false, {}}}};

}  // namespace

void LoadCameraTables(const std::filesystem::path& root, const std::string& folder, const std::string& code,
                      bool cameras_required, const AuditPolicy& policy, ArchiveModel* model) {
  if (auto table = OpenInstitutionTable(root, folder, "cameras.csv", code, kCamerasSpec, cameras_required,
                                        policy.limits, model)) {
    for (size_t i = 0; i < table->row_count(); ++i) {
      RowReader row(*table, i, &model->issues);
      Camera c;
      c.institution = code;
      c.room = row.Text("room", true);
      c.camera = row.Text("camera", true);
      c.position = row.Text("position");
      c.source = row.source();
      if (row.ok()) model->cameras.push_back(std::move(c));
    }
  }

  if (auto table =
          OpenInstitutionTable(root, folder, "recordings.csv", code, kRecordingsSpec, false, policy.limits, model)) {
    for (size_t i = 0; i < table->row_count(); ++i) {
      RowReader row(*table, i, &model->issues);
      RecordingIndexEntry r;
      r.institution = code;
      r.file = row.Text("file", true);
      r.room = row.Text("room", true);
      r.camera = row.Text("camera", true);
      r.start = row.DateTimeValue("start", false, policy.zone);
      r.end = row.DateTimeValue("end", false, policy.zone);
      r.source = row.source();
      if (r.file.find("..") != std::string::npos || (!r.file.empty() && r.file[0] == '/')) {
        row.Report("file", r.file, "指向档案目录之外，已忽略", "points outside the archive; ignored", true);
      }
      if (row.ok()) model->recording_index.push_back(std::move(r));
    }
  }
}

}  // namespace xk
