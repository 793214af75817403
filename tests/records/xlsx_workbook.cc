#include "tests/records/xlsx_workbook.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "tools/demo/xlsx_package.h"

namespace xk {

std::string XlsxWorkbook(const std::string& rows, const std::vector<std::string>& shared_strings, bool date1904) {
  namespace fs = std::filesystem;
  const fs::path path =
      fs::path(::testing::TempDir()) / ("xlsx-" + std::to_string(::getpid()) + "-" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name() + ".xlsx");
  EXPECT_NO_THROW(WriteXlsxPackage(path, rows, shared_strings, date1904));
  std::ifstream in(path, std::ios::binary);
  std::stringstream bytes;
  bytes << in.rdbuf();
  fs::remove(path);
  return bytes.str();
}

}  // namespace xk
