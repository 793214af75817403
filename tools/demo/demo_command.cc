#include "tools/demo/demo_command.h"

#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <thread>

#include "src/audit/audit_pipeline.h"
#include "src/audit/progress.h"
#include "src/cli/exit_code.h"
#include "tools/demo/accuracy.h"
#include "tools/demo/demo_archive.h"
#include "tools/demo/demo_cycle.h"

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
  if (!outcome.status.ok()) {
    fmt::print(stderr, "xunkao: {}\n", outcome.status.message);
    return ExitCode(outcome.status);
  }
  fmt::print("审查完成：共 {} 个问题。按规则：\n", outcome.findings);
  for (const auto& [rule, count] : outcome.by_rule) fmt::print("  {:<26} {}\n", rule, count);

  std::ifstream in(out / "findings.json", std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  AccuracyReport accuracy = ScoreFindings(key, text.str());
  fmt::print("\n与答案（{}）对照：\n{}", (archive / "key.json").string(), accuracy.Table());
  fmt::print("\n检查闭环（双随机抽取、交办、整改、复查）：\n");
  const DemoCycleOutcome cycle = RunDemoCycle(archive, out);
  fmt::print("{}", cycle.table);
  // The next nightly run: nothing in the archive changed, so it opens no recording again and
  // writes the report with the draw and the loop in it.
  audit.progress = false;
  AuditOutcome nightly = RunAudit(audit);
  if (!nightly.status.ok()) {
    fmt::print(stderr, "xunkao: {}\n", nightly.status.message);
    return ExitCode(nightly.status);
  }
  fmt::print("\n报告：{}\n", nightly.report.string());
  return accuracy.perfect() && cycle.as_expected ? 0 : 1;
}

AddedCommand AddDemoCommand(CLI::App& app) {
  struct State {
    DemoOptions options;
    std::string resolution;
    std::string lang = "zh";
    bool no_video = false;
  };
  auto state = std::make_shared<State>();
  CLI::App* demo_cmd = app.add_subcommand("demo", "生成带已知问题的演示档案（记录和真实录像）并审查它，与答案对照");
  demo_cmd->footer("规模选项只添加无问题的材料，评分始终有意义。 (The size options add clean material only.)");
  demo_cmd->add_option("DIR", state->options.dir, "演示档案和输出的目录 (default ./xunkao-demo)");
  demo_cmd->add_option("--seed", state->options.seed, "随机种子：同一种子生成同样的档案 (default 1)");
  demo_cmd
      ->add_option("--institutions,--scale", state->options.scale.extra_institutions,
                   "另加的无问题培训机构数 (default 0)")
      ->check(CLI::Range(0, 100000));
  demo_cmd->add_option("--classes", state->options.scale.classes_per_extra, "每个另加培训机构的班级数 (default 3)")
      ->check(CLI::Range(1, 1000));
  demo_cmd
      ->add_option("--exam-days", state->options.scale.extra_exam_days,
                   "另加的无问题考试日数：2022-04-18 起每天一场（考场 A，全部摄像机录像）(default 0)")
      ->check(CLI::Range(0, 1000));
  demo_cmd
      ->add_option("--cameras", state->options.scale.cameras_per_room,
                   "考场 A、B 各自的摄像机数，第 3 台起无问题 (default 2)")
      ->check(CLI::Range(2, 64));
  demo_cmd
      ->add_option("--exam-minutes", state->options.scale.exam_minutes,
                   "每场考试的时长（分钟），录像同长；前一天的场次 S0 至多 10 分钟 (default 30)")
      ->check(CLI::Range(5, 420));
  demo_cmd->add_option("--resolution", state->resolution, "录像分辨率 WIDTHxHEIGHT (default 320x180)")
      ->check(CLI::Validator(
          [](std::string& text) {
            int width = 0, height = 0;
            return ParseDemoResolution(text, &width, &height);
          },
          "WxH"));
  demo_cmd->add_option("--fps", state->options.scale.video_fps, "录像帧率 (default 5)")->check(CLI::Range(1, 60));
  demo_cmd->add_flag("--no-video", state->no_video, "不生成录像（只有记录；答案中每个应有的摄像机都记为没有录像）");
  demo_cmd->add_option("--lang", state->lang, "报告语言 zh|en")->check(CLI::IsMember({"zh", "en"}));

  return AddedCommand{demo_cmd, [state] {
                        state->options.chinese = state->lang == "zh";
                        state->options.scale.video = !state->no_video;
                        if (!state->resolution.empty()) {
                          ParseDemoResolution(state->resolution, &state->options.scale.video_width,
                                              &state->options.scale.video_height);
                        }
                        return RunDemoCommand(state->options);
                      }};
}

}  // namespace xk
