// `xunkao serve` as the real binary: the listen rule and a missing store are usage errors (exit 2),
// a port already taken is exit 3, `--add-user` writes a hashed line from the password on stdin,
// and the binary answers pages on loopback until SIGTERM stops it (exit 0).
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <thread>

#include "tests/e2e/e2e_util.h"
#include "tests/serve/serve_world.h"

namespace xk::serve {
namespace {

using e2e::RunXunkao;

// A port nothing listens on now: the kernel picks one for a socket that is then closed.
int FreeLoopbackPort() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof address;
  ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address);
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
  ::close(fd);
  return ntohs(address.sin_port);
}

TEST(ServeCliTest, RefusesWhatItMustNotServe) {
  ServeWorld world;
  const std::string db = world.db();
  auto open = RunXunkao("serve --db '" + db + "' --listen 0.0.0.0:0");
  EXPECT_EQ(open.exit_code, 2) << open.output;
  EXPECT_NE(open.output.find("--users"), std::string::npos) << open.output;
  auto no_db = RunXunkao("serve --db '" + (world.folder() / "none.db").string() + "' --listen 127.0.0.1:0");
  EXPECT_EQ(no_db.exit_code, 2) << no_db.output;
  EXPECT_NE(no_db.output.find("找不到数据库"), std::string::npos) << no_db.output;
  auto bad_listen = RunXunkao("serve --db '" + db + "' --listen localhost");
  EXPECT_EQ(bad_listen.exit_code, 2) << bad_listen.output;

  world.Start();  // takes a port
  auto taken = RunXunkao("serve --db '" + db + "' --listen 127.0.0.1:" + std::to_string(world.port()));
  EXPECT_EQ(taken.exit_code, 3) << taken.output;
}

TEST(ServeCliTest, AddUserReadsThePasswordFromStdin) {
  ServeWorld world;
  const std::string users = (world.folder() / "users").string();
  const std::string password = (world.folder() / "password").string();
  std::ofstream(password) << "correct horse\n";
  auto added = RunXunkao("serve --add-user wangming --role viewer --users '" + users + "' < '" + password + "'");
  ASSERT_EQ(added.exit_code, 0) << added.output;
  const std::string line = e2e::ReadFile(users);
  EXPECT_EQ(line.rfind("wangming:viewer:pbkdf2-sha256:", 0), 0u) << line;
  EXPECT_EQ(line.find("correct horse"), std::string::npos);
  auto again = RunXunkao("serve --add-user wangming --users '" + users + "' < '" + password + "'");
  EXPECT_EQ(again.exit_code, 2) << again.output;
}

TEST(ServeCliTest, BinaryServesUntilTerminated) {
  ServeWorld world;
  const int port = FreeLoopbackPort();
  const pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    const std::string db = world.db();
    const std::string listen = "127.0.0.1:" + std::to_string(port);
    ::execl(XUNKAO_BINARY, XUNKAO_BINARY, "serve", "--db", db.c_str(), "--listen", listen.c_str(),
            static_cast<char*>(nullptr));
    ::_exit(127);
  }
  httplib::Client client("127.0.0.1", port);
  client.set_read_timeout(10);
  httplib::Result page = client.Get("/findings/" + world.plain_id());
  for (int i = 0; i < 300 && !page; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    page = client.Get("/findings/" + world.plain_id());
  }
  ASSERT_TRUE(page);
  EXPECT_EQ(page->status, 200);
  EXPECT_NE(page->body.find("实际学时 32 学时"), std::string::npos);
  ::kill(child, SIGTERM);
  int status = 0;
  ASSERT_EQ(::waitpid(child, &status, 0), child);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 0);
}

}  // namespace
}  // namespace xk::serve
