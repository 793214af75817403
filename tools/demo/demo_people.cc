#include "tools/demo/demo_people.h"

#include <fmt/format.h>

#include <array>

#include "records/resident_id.h"

namespace xk {

std::string DemoResidentId(int index) {
  int year = 1970 + index % 30, month = 1 + index % 12, day = 1 + index % 28;
  int sequence = 100 + (index * 37) % 900;
  std::string body = fmt::format("430400{:04d}{:02d}{:02d}{:03d}", year, month, day, sequence);
  return body + ResidentIdCheckCharacter(body);
}

std::string DemoName(int index) {
  static const std::array<const char*, 16> kSurnames = {"王", "李", "张", "刘", "陈", "杨", "黄", "赵",
                                                        "周", "吴", "徐", "孙", "马", "朱", "胡", "郭"};
  static const std::array<const char*, 16> kGiven = {"伟", "芳", "娜", "秀英", "敏", "静", "丽", "强",
                                                     "磊", "军", "洋", "勇",   "艳", "杰", "涛", "明"};
  return std::string(kSurnames[static_cast<size_t>(index) % kSurnames.size()]) +
         kGiven[static_cast<size_t>(index / 16 + index * 7) % kGiven.size()];
}

}  // namespace xk
