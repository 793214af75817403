// The style every page made to be printed on A4 starts from (the draw's public list, a packet's
// summary): page size and margins, the Chinese font stack, body text and bordered tables. Each page
// appends its own rules after it.
#pragma once

namespace xk {

inline constexpr const char* kA4PrintStyle = R"(
@page { size: A4; margin: 16mm 14mm; }
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", "SimSun", sans-serif;
       font-size: 10.5pt; line-height: 1.5; color: #111; max-width: 182mm; margin: 0 auto; }
table { border-collapse: collapse; width: 100%; margin: 4pt 0; }
th, td { border: 1px solid #999; padding: 2pt 4pt; text-align: left; vertical-align: top; overflow-wrap: anywhere; }
th { background: #eee; }
)";

}  // namespace xk
