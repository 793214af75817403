#include "src/cli/serve_command.h"

#include <fmt/format.h>
#include <signal.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <iostream>
#include <memory>
#include <thread>

#include "src/cli/exit_code.h"
#include "src/serve/workbench_server.h"

namespace xk {

namespace {

struct ServeOptions {
  std::string db = "xunkao-out/xunkao.db";
  std::string archive;
  std::string listen = "127.0.0.1:8080";
  std::string users;
  std::string cert, key;
  int max_upload_mib = 64;
  std::string add_user;
  std::string role = "officer";
};

int Failed(const Status& status) {
  fmt::print(stderr, "xunkao serve: {}\n", status.message);
  return ExitCode(status);
}

int AddUser(const ServeOptions& options) {
  if (options.users.empty()) return Failed(Status::Usage("--add-user 需要 --users FILE"));
  if (::isatty(STDIN_FILENO)) fmt::print(stderr, "输入 {} 的密码（一行）：", options.add_user);
  std::string password;
  std::getline(std::cin, password);
  const Status added =
      serve::AddOfficerAccount(options.users, options.add_user, *serve::ParseRole(options.role), password);
  if (!added.ok()) return Failed(added);
  fmt::print("已添加账号 {}（{}）到 {}\n", options.add_user, options.role, options.users);
  return 0;
}

int Serve(const ServeOptions& options) {
  serve::WorkbenchOptions workbench_options;
  workbench_options.db = options.db;
  workbench_options.archive = options.archive;
  const auto listen = serve::ParseListenAddress(options.listen);
  if (!listen) return Failed(Status::Usage("--listen 应为 HOST:PORT，如 127.0.0.1:8080：" + options.listen));
  workbench_options.listen = *listen;
  workbench_options.users_file = options.users;
  workbench_options.cert_file = options.cert;
  workbench_options.key_file = options.key;
  workbench_options.max_upload_bytes = static_cast<size_t>(options.max_upload_mib) << 20;
  serve::Workbench workbench(workbench_options);
  if (Status opened = workbench.Open(); !opened.ok()) return Failed(opened);

  // SIGINT/SIGTERM stop the server cleanly: a thread waits for them and calls Stop().
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
  std::thread stopper([&] {
    int received = 0;
    sigwait(&stop_signals, &received);
    workbench.Stop();
  });
  fmt::print(stderr, "xunkao serve: 工作台 {}://{}:{}/ （数据库 {}；Ctrl-C 停止）\n",
             options.cert.empty() ? "http" : "https", listen->host, workbench.port(), options.db);
  const bool ran = workbench.Run();
  if (stopper.joinable()) {
    pthread_kill(stopper.native_handle(), SIGTERM);
    stopper.join();
  }
  return ran ? 0 : 3;
}

}  // namespace

AddedCommand AddServeCommand(CLI::App& app) {
  auto options = std::make_shared<ServeOptions>();
  CLI::App* command = app.add_subcommand(
      "serve", "执法人员工作台：在浏览器中查看检查总览、问题、人员链条，记录交办、整改、复查、立案、结案");
  command->add_option("--db", options->db, "数据库文件 (default ./xunkao-out/xunkao.db)");
  command->add_option("--archive", options->archive, "档案目录 (default 最近一次审查的档案)");
  command->add_option("--listen", options->listen,
                      "监听地址 HOST:PORT (default 127.0.0.1:8080；非本机地址须有 --users)");
  command->add_option("--users", options->users, "执法人员账号文件（格式见 README 的 Workbench 一节）");
  command->add_option("--cert", options->cert, "HTTPS 证书文件 (PEM)");
  command->add_option("--key", options->key, "HTTPS 私钥文件 (PEM)");
  command->add_option("--max-upload", options->max_upload_mib, "一次上传的上限，MiB (default 64)")
      ->check(CLI::Range(1, 512));
  command->add_option("--add-user", options->add_user, "向 --users 文件添加账号（密码从标准输入读一行）后退出");
  command->add_option("--role", options->role, "--add-user 的角色 officer|viewer (default officer)")
      ->check(CLI::IsMember({"officer", "viewer"}));
  return {command, [options] { return options->add_user.empty() ? Serve(*options) : AddUser(*options); }};
}

}  // namespace xk
