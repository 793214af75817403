#include "src/audit/recording_name.h"

#include <fmt/format.h>

#include <array>
#include <string_view>

namespace xk {

namespace {

// The named fields; a field's capture is slots 2 * field (first byte) and 2 * field + 1 (past
// its last byte).
enum Field { kRoom, kCamera, kDate, kTime, kStart, kEnd, kFieldCount };
constexpr int kSlotCount = 2 * kFieldCount;

struct FieldSpec {
  const char* name;
  size_t digits;  // 0: one or more characters other than '/'
};
constexpr std::array<FieldSpec, kFieldCount> kFields = {
    {{"room", 0}, {"camera", 0}, {"date", 8}, {"time", 6}, {"start", 14}, {"end", 14}}};

using Captures = std::array<int, kSlotCount>;

}  // namespace

// The instructions of the Pike VM (outside the anonymous namespace: CompiledRecordingPattern,
// declared in the header, holds them).
enum class PatternOp {
  kByte,      // the byte `byte`
  kNotSlash,  // any byte but '/'
  kDigit,     // '0'..'9'
  kSplit,     // go on at `next` and, with lower priority, at `alternative`
  kSave,      // the position into capture slot `slot`
  kMatch,     // the pattern is done: a match when the path is too
};

struct PatternInstruction {
  PatternOp op;
  char byte = 0;
  int next = 0;
  int alternative = 0;
  int slot = 0;
};

struct CompiledRecordingPattern {
  std::vector<PatternInstruction> program;
};

namespace {

std::string UnknownFieldError(const std::string& pattern, const std::string& name) {
  return fmt::format(
      "录像文件名模式 \"{0}\" 含未知字段 {{{1}}}，可用的字段为 {{room}} {{camera}} {{date}} {{time}} {{start}} "
      "{{end}} 和 * (recording name pattern \"{0}\" has an unknown field {{{1}}}; the fields are {{room}} "
      "{{camera}} {{date}} {{time}} {{start}} {{end}} and *)",
      pattern, name);
}

// The 1-based number of the UTF-8 character starting at byte `at`, as a person counts.
size_t CharacterNumber(const std::string& text, size_t at) {
  size_t number = 1;
  for (size_t i = 0; i < at; ++i) number += (static_cast<unsigned char>(text[i]) & 0xC0) != 0x80;
  return number;
}

// Compiles `pattern` into `out`. Returns nullopt, or what is wrong with the pattern.
//
// The program for * and the text fields is "[save] any-but-slash; split(exit, back) [save]": one
// byte, then the exit is preferred over another byte, so the field is as short as the rest of the
// pattern allows. A digit field is its digits.
std::optional<std::string> Compile(const std::string& pattern, CompiledRecordingPattern* out) {
  if (pattern.empty()) return "录像文件名模式为空 (a recording name pattern is empty)";
  std::vector<PatternInstruction>& program = out->program;
  program.clear();
  std::array<bool, kFieldCount> seen{};
  auto emit = [&](PatternInstruction instruction) { program.push_back(instruction); };
  auto emit_text = [&]() {
    const int loop = static_cast<int>(program.size());
    emit({PatternOp::kNotSlash});
    emit({PatternOp::kSplit, 0, loop + 2, loop});
  };
  for (size_t i = 0; i < pattern.size(); ++i) {
    const char c = pattern[i];
    if (c == '*') {
      emit_text();
      continue;
    }
    if (c != '{') {
      emit({PatternOp::kByte, c});
      continue;
    }
    const size_t close = pattern.find('}', i);
    if (close == std::string::npos) {
      return fmt::format(
          "录像文件名模式 \"{0}\" 第 {1} 个字符的 {{ 没有对应的 }} (recording name pattern \"{0}\": the {{ at "
          "character {1} is never closed)",
          pattern, CharacterNumber(pattern, i));
    }
    const std::string name = pattern.substr(i + 1, close - i - 1);
    i = close;
    if (name == "*") {
      emit_text();
      continue;
    }
    int field = 0;
    while (field < kFieldCount && name != kFields[field].name) ++field;
    if (field == kFieldCount) return UnknownFieldError(pattern, name);
    if (seen[field]) {
      return fmt::format(
          "录像文件名模式 \"{0}\" 中字段 {{{1}}} 出现了不止一次 (recording name pattern \"{0}\" uses the field {{{1}}} "
          "more than once)",
          pattern, name);
    }
    seen[field] = true;
    emit({PatternOp::kSave, 0, 0, 0, 2 * field});
    if (kFields[field].digits == 0) {
      emit_text();
    } else {
      for (size_t d = 0; d < kFields[field].digits; ++d) emit({PatternOp::kDigit});
    }
    emit({PatternOp::kSave, 0, 0, 0, 2 * field + 1});
  }
  for (int field : {kRoom, kCamera}) {
    if (!seen[field]) {
      return fmt::format(
          "录像文件名模式 \"{0}\" 缺少 {{{1}}}，无法判断{2} (recording name pattern \"{0}\" has no {{{1}}})", pattern,
          kFields[field].name, field == kRoom ? "考场" : "摄像机");
    }
  }
  emit({PatternOp::kMatch});
  return std::nullopt;
}

// The threads alive at one position of the path, in priority order, each with its captures: a
// sparse set of program counters, so adding is O(1) and each counter is there at most once.
class ThreadList {
 public:
  explicit ThreadList(size_t program_size) : index_(program_size), captures_(program_size) {}

  bool Contains(int pc) const {
    const size_t at = index_[pc];
    return at < pcs_.size() && pcs_[at] == pc;
  }
  void Add(int pc, const Captures& captures) {
    index_[pc] = pcs_.size();
    pcs_.push_back(pc);
    captures_[pc] = captures;
  }
  void Clear() { pcs_.clear(); }
  const std::vector<int>& pcs() const { return pcs_; }
  const Captures& captures(int pc) const { return captures_[pc]; }

 private:
  std::vector<int> pcs_;
  std::vector<size_t> index_;
  std::vector<Captures> captures_;
};

// Follows splits and saves from `pc` (at path position `position`) and adds the threads that
// wait for a byte, or the match, to `list`, higher priority first. A counter already there was
// reached with higher priority, so the later arrival is dropped: that bounds the work per
// position by the program's size. The recursion is as deep as a chain of splits and saves, at
// most a few per field, and a compiled pattern has each named field once.
void AddThread(const std::vector<PatternInstruction>& program, ThreadList* list, int pc, Captures* captures,
               int position) {
  if (list->Contains(pc)) return;
  const PatternInstruction& instruction = program[pc];
  switch (instruction.op) {
    case PatternOp::kSplit:
      list->Add(pc, *captures);  // marks the counter; a split thread consumes nothing
      AddThread(program, list, instruction.next, captures, position);
      AddThread(program, list, instruction.alternative, captures, position);
      return;
    case PatternOp::kSave: {
      list->Add(pc, *captures);
      const int saved = (*captures)[instruction.slot];
      (*captures)[instruction.slot] = position;
      AddThread(program, list, pc + 1, captures, position);
      (*captures)[instruction.slot] = saved;
      return;
    }
    default:
      list->Add(pc, *captures);
      return;
  }
}

bool Accepts(const PatternInstruction& instruction, char c) {
  switch (instruction.op) {
    case PatternOp::kByte:
      return c == instruction.byte;
    case PatternOp::kNotSlash:
      return c != '/';
    case PatternOp::kDigit:
      return c >= '0' && c <= '9';
    default:
      return false;
  }
}

// The captures of the highest-priority way `program` matches the whole of `text`, or nullopt.
// Each byte of the text is looked at once per live thread: O(text size x program size).
std::optional<Captures> Run(const std::vector<PatternInstruction>& program, std::string_view text) {
  ThreadList current(program.size()), next(program.size());
  Captures captures;
  captures.fill(-1);
  AddThread(program, &current, 0, &captures, 0);
  for (size_t position = 0; position <= text.size(); ++position) {
    if (current.pcs().empty()) return std::nullopt;
    next.Clear();
    for (int pc : current.pcs()) {
      const PatternInstruction& instruction = program[pc];
      if (instruction.op == PatternOp::kMatch) {
        // Threads after this one have lower priority; those before it wanted another byte.
        if (position == text.size()) return current.captures(pc);
        continue;
      }
      if (position == text.size() || !Accepts(instruction, text[position])) continue;
      captures = current.captures(pc);
      AddThread(program, &next, pc + 1, &captures, static_cast<int>(position + 1));
    }
    std::swap(current, next);
  }
  return std::nullopt;
}

int Num(const std::string& s, size_t pos, size_t len) { return std::stoi(s.substr(pos, len)); }

std::optional<Instant> Compose(const std::string& ymd, const std::string& hms, const TimeZone& zone) {
  int y = Num(ymd, 0, 4), mo = Num(ymd, 4, 2), d = Num(ymd, 6, 2);
  int h = Num(hms, 0, 2), mi = Num(hms, 2, 2), s = Num(hms, 4, 2);
  if (!IsValidYmd(y, mo, d) || h > 23 || mi > 59 || s > 59) return std::nullopt;
  return ToInstant(DateFromYmd(y, mo, d), h * 3600 + mi * 60 + s, zone);
}

}  // namespace

std::optional<std::string> RecordingPatternError(const std::string& pattern) {
  CompiledRecordingPattern unused;
  return Compile(pattern, &unused);
}

RecordingNameMatcher::RecordingNameMatcher(const std::vector<std::string>& patterns) {
  for (const auto& pattern : patterns) {
    CompiledRecordingPattern compiled;
    if (!Compile(pattern, &compiled)) compiled_.push_back(std::move(compiled));
  }
}

RecordingNameMatcher::~RecordingNameMatcher() = default;
RecordingNameMatcher::RecordingNameMatcher(RecordingNameMatcher&&) noexcept = default;
RecordingNameMatcher& RecordingNameMatcher::operator=(RecordingNameMatcher&&) noexcept = default;

std::optional<RecordingName> RecordingNameMatcher::Match(const std::string& path, const TimeZone& zone) const {
  for (const auto& pattern : compiled_) {
    std::optional<Captures> captures = Run(pattern.program, path);
    if (!captures) continue;
    auto field = [&](Field f) -> std::optional<std::string> {
      const int begin = (*captures)[2 * f], end = (*captures)[2 * f + 1];
      if (begin < 0 || end < begin) return std::nullopt;
      return path.substr(begin, end - begin);
    };
    RecordingName name;
    name.room = field(kRoom).value_or("");
    name.camera = field(kCamera).value_or("");
    if (auto start = field(kStart)) name.start = Compose(start->substr(0, 8), start->substr(8), zone);
    if (auto end = field(kEnd)) name.end = Compose(end->substr(0, 8), end->substr(8), zone);
    auto date = field(kDate), time = field(kTime);
    if (date && time) name.start = Compose(*date, *time, zone);
    if (name.room.empty() || name.camera.empty()) continue;
    return name;
  }
  return std::nullopt;
}

std::optional<RecordingName> MatchRecordingName(const std::string& path, const std::vector<std::string>& patterns,
                                                const TimeZone& zone) {
  return RecordingNameMatcher(patterns).Match(path, zone);
}

}  // namespace xk
