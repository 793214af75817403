// The limits that keep an audit bounded whatever the archive holds. The archive is written by the
// institutions being audited; these caps are what an exported table, workbook or recording may
// claim before xunkao stops reading it and reports why (a load issue or EXM-VIDEO-UNREADABLE that
// names the limit). They live here and nowhere else: audit.toml may raise any of them in a
// [limits] table (keys as the member names), `xunkao rules` lists them with the values in force.
//
// The defaults hold a city's real exports with room to spare (the largest table of the province
// benchmark is 3 MiB, its largest row 200 bytes) and keep an audit with --jobs 2 under 2 GiB.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace xk {

// X(type, name, default, minimum, maximum, Chinese description, English description)
#define XK_INPUT_LIMITS(X)                                                                                           \
  X(int64_t, table_max_bytes, int64_t{256} << 20, 1024, int64_t{4} << 30, "一个表格文件的最大字节数",                \
    "bytes of one table file")                                                                                       \
  X(int64_t, line_max_bytes, int64_t{1} << 20, 256, int64_t{256} << 20, "表格中一行的最大字节数（超出部分不读）",    \
    "bytes of one line of a table (the rest is not read)")                                                           \
  X(int64_t, fields_max_per_row, 1000, 16, 1000000, "一行的最大字段数（超出部分不读）",                              \
    "fields of one row (the rest are not read)")                                                                     \
  X(int64_t, rows_max_per_table, 5000000, 1000, 1000000000, "一个表格的最大行数（超出部分不读）",                    \
    "rows of one table (the rest are not read)")                                                                     \
  X(int64_t, issues_max_per_file, 1000, 10, 10000000, "每个文件逐条列出的读取问题上限",                              \
    "load issues listed one by one per file")                                                                        \
  X(int64_t, xlsx_max_unpacked_bytes, int64_t{512} << 20, 1 << 20, int64_t{16} << 30,                                \
    "一个 Excel 工作簿全部部件解压后的最大字节数", "bytes of all parts of one workbook once unpacked")               \
  X(int64_t, xlsx_max_text_bytes, int64_t{256} << 20, 1 << 20, int64_t{4} << 30,                                     \
    "一个工作簿展开共享字符串后的最大文本字节数", "bytes of a workbook's text once its shared strings are expanded") \
  X(int64_t, config_max_bytes, int64_t{1} << 20, 1024, int64_t{256} << 20, "audit.toml 的最大字节数",                \
    "bytes of audit.toml")                                                                                           \
  X(int64_t, picture_max_width, 8192, 64, 65536, "录像画面的最大宽度（像素）", "picture width in pixels")            \
  X(int64_t, picture_max_height, 8192, 64, 65536, "录像画面的最大高度（像素）", "picture height in pixels")          \
  X(int64_t, picture_max_pixels, int64_t{8192} * 4320, 4096, int64_t{1} << 32, "录像画面的最大像素数",               \
    "pixels of one picture")                                                                                         \
  X(int64_t, streams_max_per_file, 32, 1, 10000, "一个录像文件的最大流数", "streams in one recording")               \
  X(int64_t, packets_max_per_file, 20000000, 1000, int64_t{1} << 40, "一个录像文件的最大数据包数",                   \
    "packets in one recording")                                                                                      \
  X(int64_t, duration_max_hours, 48, 1, 100000, "一个录像文件的最大时长（小时）", "hours of one recording")          \
  X(int64_t, worker_seconds_base, 120, 1, 864000, "分析一个录像的基本时限（秒）",                                    \
    "seconds allowed to analyse one recording (plus the per-GiB allowance)")                                         \
  X(int64_t, worker_seconds_per_gib, 600, 0, 864000, "每 GiB 录像另加的分析时限（秒）",                              \
    "seconds added per GiB of the recording")                                                                        \
  X(int64_t, worker_memory_mib, 768, 64, 65536, "一个录像分析进程的内存上限（MiB）",                                 \
    "memory of one analysis process in MiB")

struct InputLimits {
#define XK_LIMIT_MEMBER(type, name, def, lo, hi, zh, en) type name = def;
  XK_INPUT_LIMITS(XK_LIMIT_MEMBER)
#undef XK_LIMIT_MEMBER
};

// One limit as `xunkao rules` shows it.
struct InputLimitInfo {
  std::string name;
  int64_t value = 0;
  int64_t default_value = 0;
  int64_t minimum = 0;
  int64_t maximum = 0;
  std::string zh;
  std::string en;
};
std::vector<InputLimitInfo> DescribeInputLimits(const InputLimits& limits);

// Sets limit `name` to `value`. Returns "" or why not (unknown name, out of range), in Chinese
// and English, naming the valid range or the nearest valid name.
std::string SetInputLimit(InputLimits* limits, const std::string& name, double value);

// "在 audit.toml 的 [limits] 中设置 name (set name in audit.toml [limits])": what every message that
// stops at a limit appends, so the officer knows where it is set.
std::string LimitHint(const std::string& name);

// The valid name closest to `name` (edit distance), for "did you mean" messages.
std::string NearestName(const std::string& name, const std::vector<std::string>& valid);

}  // namespace xk
