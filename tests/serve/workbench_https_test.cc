// The workbench over HTTPS (--cert, --key): a self-signed certificate made with the openssl tool
// at test time, a page read through TLS, and the session cookie marked Secure.
#include <gtest/gtest.h>

#include <cstdlib>

#include "tests/serve/serve_world.h"

namespace xk::serve {
namespace {

TEST(WorkbenchHttpsTest, ServesOverTlsWithSecureCookies) {
  ServeWorld world;
  const std::string cert = (world.folder() / "cert.pem").string();
  const std::string key = (world.folder() / "key.pem").string();
  const std::string make = "openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=127.0.0.1 -keyout '" + key +
                           "' -out '" + cert + "' 2>/dev/null";
  ASSERT_EQ(std::system(make.c_str()), 0);
  WorkbenchOptions options;
  options.cert_file = cert;
  options.key_file = key;
  world.Start(options);
  httplib::SSLClient client("127.0.0.1", world.port());
  client.enable_server_certificate_verification(false);  // self-signed
  auto page = client.Get("/findings/" + world.plain_id());
  ASSERT_TRUE(page) << httplib::to_string(page.error());
  EXPECT_EQ(page->status, 200);
  EXPECT_NE(page->body.find("实际学时 32 学时"), std::string::npos);
  EXPECT_NE(page->get_header_value("Set-Cookie").find("; Secure"), std::string::npos);
  httplib::Client plain("127.0.0.1", world.port());
  auto refused = plain.Get("/");
  EXPECT_TRUE(!refused || refused->status != 200) << "plain HTTP is not served on the TLS port";
}

}  // namespace
}  // namespace xk::serve
