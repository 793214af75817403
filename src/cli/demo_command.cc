#include "src/cli/demo_command.h"

#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "src/audit/audit_pipeline.h"
#include "src/audit/progress.h"
#include "tools/demo/accuracy.h"
#include "tools/demo/demo_archive.h"

namespace xk {

std::string ParseDemoResolution(const std::string& text, int* width, int* height) {
  int w = 0, h = 0;
  char x = 0, rest = 0;
  std::istringstream in(text);
  if (!(in >> w >> x >> h) || (x != 'x' && x != 'X') || (in >> rest)) {
    return fmt::format("\"{}\": write the resolution as WIDTHxHEIGHT, e.g. 1280x720", text);
  }
  if (w < 16 || h < 16 || w > 3840 || h > 2160 || w % 2 || h % 2) {
    return fmt::format("\"{}\": width and height must be even, from 16x16 to 3840x2160", text);
  }
  *width = w;
  *height = h;
  return "";
}

int RunDemoCommand(const DemoOptions& options) {
  namespace fs = std::filesystem;
  fs::path dir = fs::absolute(options.dir);
  fs::path archive = dir / "archive";
  fs::path out = dir / "out";
  const DemoScale& scale = options.scale;
  fmt::print("生成演示档案：{}\n", archive.string());
  fmt::print("  另加培训机构 {} 个（每个 {} 个班），另加考试日 {} 天，每考场摄像机 {} 台，每场 {} 分钟，{}\n",
             scale.extra_institutions, scale.classes_per_extra, scale.extra_exam_days, scale.cameras_per_room,
             scale.exam_minutes,
             scale.video ? fmt::format("录像 {}x{} {} 帧/秒", scale.video_width, scale.video_height, scale.video_fps)
                         : std::string("不生成录像"));
  fs::remove_all(archive);
  fs::remove_all(out);
  DemoKey key = WriteDemoArchive(archive, scale, options.seed);

  AuditOptions audit;
  audit.archive = archive;
  audit.out = out;
  audit.jobs = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  audit.chinese = options.chinese;
  audit.progress = StderrIsTerminal();
  AuditOutcome outcome = RunAudit(audit);
  if (outcome.exit_code == 3) {
    fmt::print(stderr, "xunkao: {}\n", outcome.message);
    return 3;
  }
  fmt::print("审查完成：共 {} 个问题。按规则：\n", outcome.findings);
  for (const auto& [rule, count] : outcome.by_rule) fmt::print("  {:<26} {}\n", rule, count);

  std::ifstream in(out / "findings.json", std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  AccuracyReport accuracy = ScoreFindings(key, text.str());
  fmt::print("\n与答案（{}）对照：\n{}", (archive / "key.json").string(), accuracy.Table());
  fmt::print("\n报告：{}\n", outcome.report.string());
  return accuracy.perfect() ? 0 : 1;
}

}  // namespace xk
