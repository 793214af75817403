// serve_bench: how fast the workbench's findings list answers (`xunkao serve`, issue #18 item 5).
// The target: with 100,000 findings in the store, /findings answers in under 200 ms at the 95th
// percentile with 50 concurrent clients on loopback. It prints whether it is met (a benchmark, not
// a test).
//
//   serve_bench DIR [--findings 100000] [--clients 50] [--requests 40] [--max-seconds 300] [--fresh-lists]
//                   [--port P] [--xunkao PATH]
//
// 1. The store (tools/bench/workbench_store.h): 100,000 open findings of 200 institutions and the
//    registry's rules, with case events, written once through the product's store API and reused.
// 2. The server: the real binary as a child process (`xunkao serve --db ... --users ... --listen
//    127.0.0.1:PORT`), an account made with `xunkao serve --add-user`, and every client logged in
//    through the login form with its CSRF token, as a browser does.
// 3. The load: first each kind of request alone (one client, the service time of each), then
//    `clients` threads at once, each with its own keep-alive connection and session, each sending
//    `requests` requests one after the other without pause (a closed loop: the harshest reading of
//    "50 concurrent clients"), cycling through the kinds from its own starting point; the run stops
//    after `max-seconds` whatever is left (bounded). Every latency is recorded.
// 4. Prints p50/p95/p99/max per kind and overall, requests/s, errors (not 200, or no page), the
//    server's peak RSS (wait4 after SIGTERM) and whether p95 < 200 ms is met, with the load average.
#include <arpa/inet.h>
#include <fcntl.h>
#include <fmt/format.h>
#include <httplib.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "tools/bench/bench_support.h"
#include "tools/bench/workbench_store.h"

namespace {

namespace fs = std::filesystem;
using xk::bench::Clock;
using xk::bench::SecondsSince;

constexpr double kTargetMs = 200.0;
constexpr const char* kAccount = "benchviewer";
constexpr const char* kPassword = "bench-password-18";

struct Options {
  fs::path dir;
  int findings = 100000;
  int clients = 50;
  int requests = 40;  // per client
  double max_seconds = 300;
  // Every request of the load asks for a list no one asked for before (a parameter the list
  // ignores, which the workbench's list cache keys on): what it costs when nothing is kept.
  bool fresh_lists = false;
  int port = 0;  // 0: a free one
  fs::path xunkao;
};

// ---------------------------------------------------------------- the server

int FreeLoopbackPort() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof address;
  int port = 0;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0 &&
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) == 0) {
    port = ntohs(address.sin_port);
  }
  ::close(fd);
  return port;
}

std::string ShellQuoted(const std::string& text) {
  std::string quoted = "'";
  for (char c : text) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return quoted + "'";
}

// `xunkao serve` in a child process, its output to `log`; -1 when it could not start.
pid_t StartServer(const Options& options, const fs::path& db, const fs::path& users, int port, const fs::path& log) {
  const pid_t child = ::fork();
  if (child != 0) return child;
  const int fd = ::open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (fd >= 0) {
    ::dup2(fd, 1);
    ::dup2(fd, 2);
  }
  const std::string listen = fmt::format("127.0.0.1:{}", port);
  ::execl(options.xunkao.c_str(), options.xunkao.c_str(), "serve", "--db", db.c_str(), "--users", users.c_str(),
          "--listen", listen.c_str(), static_cast<char*>(nullptr));
  ::_exit(127);
}

// A client as a browser is one: its own keep-alive connection and its session cookie.
class Browser {
 public:
  explicit Browser(int port) : client_("127.0.0.1", port) {
    client_.set_keep_alive(true);
    client_.set_tcp_nodelay(true);  // as browsers do
    client_.set_read_timeout(60, 0);
    client_.set_connection_timeout(10, 0);
  }

  httplib::Result Get(const std::string& path) {
    httplib::Headers headers;
    if (!cookie_.empty()) headers.emplace("Cookie", cookie_);
    auto result = client_.Get(path.c_str(), headers);
    Remember(result);
    return result;
  }

  // The login form with its CSRF token, as a browser sends it; true when a session was given.
  bool Login() {
    auto form = Get("/login");
    if (!form) return false;
    const std::string marker = "name=\"csrf\" value=\"";
    const size_t at = form->body.find(marker);
    if (at == std::string::npos) return false;
    const std::string token = form->body.substr(at + marker.size(), 64);
    httplib::Headers headers{{"Cookie", cookie_}};
    auto posted =
        client_.Post("/login", headers, httplib::Params{{"name", kAccount}, {"password", kPassword}, {"csrf", token}});
    const std::string before = cookie_;
    Remember(posted);
    return posted && posted->status == 303 && cookie_ != before;
  }

 private:
  void Remember(const httplib::Result& result) {
    if (!result || !result->has_header("Set-Cookie")) return;
    const std::string cookie = result->get_header_value("Set-Cookie");
    cookie_ = cookie.substr(0, cookie.find(';'));
  }

  httplib::Client client_;
  std::string cookie_;
};

bool WaitUntilAnswering(int port, double seconds) {
  const auto start = Clock::now();
  while (SecondsSince(start) < seconds) {
    httplib::Client client("127.0.0.1", port);
    client.set_connection_timeout(0, 200000);
    if (auto answer = client.Get("/login"); answer && answer->status == 200) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return false;
}

// ---------------------------------------------------------------- the load

struct RequestKind {
  std::string name;
  std::vector<std::string> paths;  // one is chosen per request, in turn
};

std::vector<RequestKind> RequestKinds(const xk::bench::WorkbenchStore& facts) {
  const int pages = (facts.open + 49) / 50;
  std::vector<RequestKind> kinds;
  kinds.push_back({"first page", {"/findings"}});
  kinds.push_back({"deep page",
                   {fmt::format("/findings?page={}", pages / 2), fmt::format("/findings?page={}", pages),
                    fmt::format("/findings?page={}", pages * 9 / 10)}});
  RequestKind institution{"institution", {}};
  for (int i : {0, 3, 17, 60, 150, 185}) {
    institution.paths.push_back(fmt::format("/findings?institution={}", xk::bench::WorkbenchInstitutionCode(i)));
    institution.paths.push_back(fmt::format("/findings?institution={}&page=2", xk::bench::WorkbenchInstitutionCode(i)));
  }
  kinds.push_back(institution);
  kinds.push_back({"rule",
                   {"/findings?rule=TRN-HOURS-SHORT", "/findings?rule=EXM-VIDEO-GAP&page=3",
                    "/findings?rule=CRT-NO-EXAM&page=20", "/findings?rule=TRN-VIDEO-EMPTY-ROOM"}});
  kinds.push_back({"severity",
                   {"/findings?severity=high", fmt::format("/findings?severity=medium&page={}", pages / 4),
                    "/findings?severity=low&page=5"}});
  kinds.push_back({"combined",
                   {"/findings?institution=PX002&rule=TRN-PROXY-SIGNIN&severity=high",
                    "/findings?institution=PX010&severity=medium&period=2025H1",
                    "/findings?rule=TRN-HOURS-SHORT&period=2026H2&page=2", "/findings?period=2024H2&page=30"}});
  kinds.push_back({"state",
                   {"/findings?state=handed_over", "/findings?state=rectified", "/findings?state=closed",
                    "/findings?state=overdue", "/findings?state=open", "/findings?state=open&page=200",
                    "/findings?state=rechecked_failed&institution=PX001", "/findings?state=escalated"}});
  kinds.push_back({"search",
                   {"/findings?q=PX007-C", "/findings?q=%E5%BD%95%E5%83%8F",  // 录像
                    "/findings?q=CAM03&page=4", "/findings?q=430455"}});
  kinds.push_back({"person",
                   {fmt::format("/findings?person={}", xk::bench::WorkbenchPersonId(12345)),
                    fmt::format("/findings?person={}", xk::bench::WorkbenchPersonId(777))}});
  kinds.push_back({"all (with resolved)", {"/findings?all=1", "/findings?all=1&page=100"}});
  return kinds;
}

struct Sample {
  int kind = 0;
  double ms = 0;
  bool ok = false;
};

double Percentile(std::vector<double> values, double p) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  const size_t rank = static_cast<size_t>(std::ceil(p / 100.0 * static_cast<double>(values.size())));
  return values[std::min(values.size() - 1, rank == 0 ? 0 : rank - 1)];
}

bool IsListPage(const httplib::Result& result) {
  return result && result->status == 200 && result->body.find("个问题，第") != std::string::npos;
}

void PrintTable(const std::vector<RequestKind>& kinds, const std::vector<Sample>& samples) {
  fmt::print("  {:<22} {:>6} {:>6} {:>9} {:>9} {:>9} {:>9}\n", "kind", "n", "errors", "p50 ms", "p95 ms", "p99 ms",
             "max ms");
  auto row = [](const std::string& name, const std::vector<double>& ms, int errors) {
    fmt::print("  {:<22} {:>6} {:>6} {:>9.1f} {:>9.1f} {:>9.1f} {:>9.1f}\n", name, ms.size(), errors,
               Percentile(ms, 50), Percentile(ms, 95), Percentile(ms, 99), Percentile(ms, 100));
  };
  std::vector<double> all;
  int all_errors = 0;
  for (size_t k = 0; k < kinds.size(); ++k) {
    std::vector<double> ms;
    int errors = 0;
    for (const Sample& s : samples) {
      if (s.kind != static_cast<int>(k)) continue;
      ms.push_back(s.ms);
      errors += s.ok ? 0 : 1;
    }
    if (ms.empty()) continue;
    row(kinds[k].name, ms, errors);
    all.insert(all.end(), ms.begin(), ms.end());
    all_errors += errors;
  }
  row("all", all, all_errors);
}

int Usage() {
  fmt::print(
      stderr,
      "usage: serve_bench DIR [--findings 100000] [--clients 50] [--requests 40] [--max-seconds 300] [--fresh-lists] "
      "[--port P] [--xunkao PATH]\n");
  return 2;
}

int Main(int argc, char** argv) {
  Options options;
  options.xunkao = xk::bench::XunkaoBesideThisProgram();
  std::vector<std::string> args(argv + 1, argv + argc);
  for (size_t i = 0; i < args.size(); ++i) {
    auto value = [&]() -> std::string { return i + 1 < args.size() ? args[++i] : ""; };
    if (args[i] == "--findings") {
      options.findings = std::atoi(value().c_str());
    } else if (args[i] == "--clients") {
      options.clients = std::atoi(value().c_str());
    } else if (args[i] == "--requests") {
      options.requests = std::atoi(value().c_str());
    } else if (args[i] == "--fresh-lists") {
      options.fresh_lists = true;
    } else if (args[i] == "--max-seconds") {
      options.max_seconds = std::atof(value().c_str());
    } else if (args[i] == "--port") {
      options.port = std::atoi(value().c_str());
    } else if (args[i] == "--xunkao") {
      options.xunkao = value();
    } else if (!args[i].starts_with("--") && options.dir.empty()) {
      options.dir = args[i];
    } else {
      return Usage();
    }
  }
  if (options.dir.empty() || options.findings <= 0 || options.clients <= 0 || options.requests <= 0) return Usage();
  fs::create_directories(options.dir);
  fmt::print("serve_bench: load average {} at start\n", xk::bench::LoadAverage());

  const xk::bench::WorkbenchStore facts = xk::bench::MakeWorkbenchStore(options.dir, options.findings);
  fmt::print("store {}: {} findings ({} open), {} handed over, {} case events; {} in {:.1f} s\n", facts.db.string(),
             facts.findings_in_store, facts.open, facts.handed_over, facts.events, facts.reused ? "reused" : "written",
             facts.seconds);

  const fs::path users = options.dir / "users";
  fs::remove(users);
  const fs::path password = options.dir / "password";
  xk::bench::WriteText(password, std::string(kPassword) + "\n");
  const auto added = xk::bench::RunChild(
      {"/bin/sh", "-c",
       fmt::format("{} serve --add-user {} --role viewer --users {} < {}", ShellQuoted(options.xunkao.string()),
                   kAccount, ShellQuoted(users.string()), ShellQuoted(password.string()))});
  if (added.exit_code != 0) {
    fmt::print(stderr, "serve_bench: xunkao serve --add-user failed (exit {})\n", added.exit_code);
    return 1;
  }
  const int port = options.port ? options.port : FreeLoopbackPort();
  const fs::path log = options.dir / "serve.log";
  const pid_t server = StartServer(options, facts.db, users, port, log);
  if (server < 0 || !WaitUntilAnswering(port, 30)) {
    fmt::print(stderr, "serve_bench: xunkao serve did not answer on port {}; see {}\n", port, log.string());
    if (server > 0) ::kill(server, SIGKILL);
    return 1;
  }
  fmt::print("xunkao serve (pid {}) on 127.0.0.1:{}, log {}\n", server, port, log.string());

  const std::vector<RequestKind> kinds = RequestKinds(facts);
  int exit_code = 0;
  {
    // Each kind alone, one client: what a request costs with nothing else waiting.
    Browser alone(port);
    if (!alone.Login()) {
      fmt::print(stderr, "serve_bench: login failed\n");
      exit_code = 1;
    }
    // Round 0: the first request of each path since the server started, nothing kept of its list;
    // round 1: the same again, the list's total (or ids) kept while the store is unchanged.
    std::vector<Sample> samples[2];
    for (int round = 0; round < 2 && exit_code == 0; ++round) {
      for (size_t k = 0; k < kinds.size(); ++k) {
        for (const std::string& path : kinds[k].paths) {
          const auto start = Clock::now();
          const auto result = alone.Get(path);
          const double ms = SecondsSince(start) * 1000;
          samples[round].push_back({static_cast<int>(k), ms, IsListPage(result)});
        }
      }
    }
    if (exit_code == 0) {
      fmt::print("\none client, the first time each path is asked for since the server started:\n");
      PrintTable(kinds, samples[0]);
      fmt::print("\none client, each path again (the list's count, or its ids, kept while the store is unchanged):\n");
      PrintTable(kinds, samples[1]);
    }
  }

  std::vector<Sample> samples;
  double load_seconds = 0;
  int logged_in = 0;
  if (exit_code == 0) {
    std::vector<std::unique_ptr<Browser>> browsers;
    const auto login_start = Clock::now();
    for (int c = 0; c < options.clients; ++c) {
      browsers.push_back(std::make_unique<Browser>(port));
      if (browsers.back()->Login()) ++logged_in;
    }
    fmt::print("\n{} of {} clients logged in through the form ({:.1f} s, PBKDF2 on the server)\n", logged_in,
               options.clients, SecondsSince(login_start));
    std::mutex mutex;
    std::atomic<bool> out_of_time{false};
    const auto start = Clock::now();
    std::vector<std::thread> threads;
    for (int c = 0; c < options.clients; ++c) {
      threads.emplace_back([&, c] {
        std::vector<Sample> mine;
        for (int r = 0; r < options.requests; ++r) {
          if (SecondsSince(start) > options.max_seconds) {
            out_of_time = true;
            break;
          }
          const int kind = (c + r) % static_cast<int>(kinds.size());
          const auto& paths = kinds[static_cast<size_t>(kind)].paths;
          std::string path = paths[static_cast<size_t>(c * 7 + r) % paths.size()];
          if (options.fresh_lists)
            path +=
                fmt::format("{}fresh={}", path.find('?') == std::string::npos ? '?' : '&', c * options.requests + r);
          const auto sent = Clock::now();
          const auto result = browsers[static_cast<size_t>(c)]->Get(path);
          mine.push_back({kind, SecondsSince(sent) * 1000, IsListPage(result)});
        }
        std::lock_guard lock(mutex);
        samples.insert(samples.end(), mine.begin(), mine.end());
      });
    }
    for (std::thread& thread : threads) thread.join();
    load_seconds = SecondsSince(start);
    fmt::print("\n{} clients at once, {} requests each without pause{}{}: {} requests in {:.1f} s, {:.1f} requests/s\n",
               options.clients, options.requests,
               options.fresh_lists ? ", every list asked for once (--fresh-lists)" : "",
               out_of_time ? " (stopped at --max-seconds)" : "", samples.size(), load_seconds,
               static_cast<double>(samples.size()) / load_seconds);
    PrintTable(kinds, samples);
  }
  const std::string load_after = xk::bench::LoadAverage();

  ::kill(server, SIGTERM);
  int status = 0;
  rusage usage{};
  ::wait4(server, &status, 0, &usage);
  fmt::print("\nserver: peak RSS {:.0f} MiB, CPU {:.1f} s, exit {}\n", static_cast<double>(usage.ru_maxrss) / 1024,
             xk::bench::CpuSeconds(usage), WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status));
  if (exit_code != 0 || samples.empty()) return exit_code ? exit_code : 1;
  std::vector<double> all;
  int errors = 0;
  for (const Sample& s : samples) {
    all.push_back(s.ms);
    errors += s.ok ? 0 : 1;
  }
  const double p95 = Percentile(all, 95);
  fmt::print("load average {} at the end\n", load_after);
  fmt::print("target: p95 {:.1f} ms < {:.0f} ms with {} clients, no errors: {}\n", p95, kTargetMs, options.clients,
             xk::bench::Verdict(p95 < kTargetMs && errors == 0 && logged_in == options.clients));
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return Main(argc, argv);
  } catch (const std::exception& e) {
    fmt::print(stderr, "serve_bench: {}\n", e.what());
    return 1;
  }
}
