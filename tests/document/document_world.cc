#include "tests/document/document_world.h"

#include <expat.h>
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>
#include <zip.h>

#include <array>
#include <cstdio>
#include <fstream>
#include <memory>
#include <sstream>

#include "detectors/rule_table.h"
#include "records/csv/encoding.h"
#include "records/store/audit_store.h"
#include "records/store/case_store.h"
#include "records/store/draw_store.h"
#include "records/text_escape.h"

namespace xk::doctest {

namespace {

namespace fs = std::filesystem;

void WriteBytes(const fs::path& path, const std::string& bytes) {
  fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary | std::ios::trunc) << bytes;
}

// PX03's name: 6,000 characters, more than a document shows.
std::string LongName() {
  std::string name;
  for (int i = 0; i < 1000; ++i) name += "超长名称测试";
  return name;
}

std::string InstitutionsCsv() {
  return std::string("机构编码,机构名称,机构类型,县市区,地址,法定代表人,联系电话\r\n") +
         "PX01,市安全培训中心,培训机构,朝阳区,长春市朝阳区人民大街100号,张建国,0431-88886666\r\n" + "PX02," +
         CsvEscape(kHostileName) + ",培训机构,南关区,<img src=x onerror=alert(1)>,O'Brien & 李,\r\n" + "PX03," +
         LongName() + ",培训机构,宽城区,,,\r\n" + "KS01,市安全生产考试中心,考试点,朝阳区,,,\r\n";
}

constexpr const char* kRoster =
    "inspector_id,name,cert_no,unit,recuse,active\n"
    "110101198001010011,王明,JZ-0011,市应急管理局,,yes\n"
    "110101198001010022,李华,JZ-0022,市应急管理局,,yes\n"
    "110101198001010033,赵强,JZ-0033,朝阳区应急管理局,,yes\n"
    "110101198001010055,周杰,JZ-0055,南关区应急管理局,,yes\n";

Finding HoursFinding() {
  Finding f = NewFinding(RuleId::kTrnHoursShort, "PX01", "class=C2022-01", DateFromYmd(2022, 4, 15));
  f.class_id = "C2022-01";
  f.measured = 32;
  f.required = 48;
  f.unit = "学时";
  f.start = ToInstant(DateFromYmd(2022, 4, 11), 8 * 3600, TimeZone{});
  f.end = ToInstant(DateFromYmd(2022, 4, 15), 17 * 3600, TimeZone{});
  f.summary_zh = "培训班 C2022-01 课程表支持 32 学时，大纲要求至少 48 学时";
  f.summary_en = "class C2022-01: 32 credited hours of 48";
  f.rows = {{"training/PX01/sessions.csv", 3}, {"training/PX01/sessions.csv", 5}};
  return f;
}

Finding ProxyFinding() {
  Finding f = NewFinding(RuleId::kTrnProxySignin, "PX01", "class=C2022-01|trainee=220102199001011234",
                         DateFromYmd(2022, 4, 12));
  f.summary_zh = "学员 220102199001011234 在两处同时签到";
  f.summary_en = "trainee signed in at two places at once";
  f.evidence = {{"training/PX01/attendance.csv", "", "sign-in rows"}};
  return f;
}

Finding HostileFinding() {
  Finding f = NewFinding(RuleId::kTrnAttendanceShort, "PX02", "class=<C1>&\"x\"", DateFromYmd(2022, 5, 1));
  f.summary_zh = std::string("出勤不足 </w:t></w:r><w:r><w:t>注入 ]]> \x02 & <b>粗体</b>");
  f.summary_en = "attendance short";
  return f;
}

store::DrawRecord Draw(const std::string& created, const std::vector<std::string>& codes,
                       const std::vector<std::array<std::string, 3>>& inspectors) {
  store::DrawRecord draw;
  draw.created = created;
  draw.period = "2022H2";
  draw.seed = created;
  draw.ratio = "0.3";
  draw.min_targets = 1;
  draw.pool_size = 4;
  draw.pool_sha256 = std::string(64, 'a');
  draw.pool_text = "xunkao-draw-pool 1\n";
  draw.archive = "/archive";
  draw.tool_version = "0.1.0";
  for (const auto& code : codes) {
    store::DrawTargetRow target{code, "drawn", "", std::string(64, 'b'), {}};
    for (const auto& [id, name, cert] : inspectors) {
      target.inspectors.push_back({id, name, cert, "市应急管理局", std::string(64, 'c')});
    }
    draw.targets.push_back(std::move(target));
  }
  return draw;
}

store::CaseEvent Event(const std::string& finding, store::CaseEventKind kind, const std::string& recorded) {
  store::CaseEvent event;
  event.finding_id = finding;
  event.kind = kind;
  event.recorded = recorded;
  event.officer = "教育训练科 刘洋";
  return event;
}

std::string ReadStream(FILE* file) {
  std::string text;
  std::rewind(file);
  std::array<char, 4096> buffer;
  size_t n;
  while ((n = std::fread(buffer.data(), 1, buffer.size(), file)) > 0) text.append(buffer.data(), n);
  return text;
}

struct XmlState {
  std::string text;
  bool in_text = false;
};

}  // namespace

World MakeWorld(const std::string& tag) {
  World world;
  world.dir = fs::path(::testing::TempDir()) / ("xunkao-doc-" + std::to_string(::getpid()) + "-" + tag + "-" +
                                                ::testing::UnitTest::GetInstance()->current_test_info()->name());
  fs::remove_all(world.dir);
  world.archive = world.dir / "archive";
  world.db = world.dir / "xunkao.db";
  WriteBytes(world.archive / "institutions.csv", Utf8ToGb18030(InstitutionsCsv()));
  WriteBytes(world.archive / "bureau/inspectors.csv", kRoster);

  store::AuditStore store(world.db.string());
  const int64_t run = store.BeginRun("2022-12-01T02:00:00+08:00", world.archive.string(), "{}");
  store::RunResults results;
  results.findings = {HoursFinding(), ProxyFinding(), HostileFinding()};
  results.finished = "2022-12-01T02:01:00+08:00";
  for (const auto& stored : store.CompleteRun(run, results, TimeZone{})) {
    if (stored.finding.rule == "TRN-HOURS-SHORT") world.hours_finding = stored.id;
    if (stored.finding.rule == "TRN-PROXY-SIGNIN") world.proxy_finding = stored.id;
    if (stored.finding.rule == "TRN-ATTENDANCE-SHORT") world.hostile_finding = stored.id;
  }
  {
    store::Transaction transaction(store.db());
    world.first_draw = store::SaveDraw(
        store.db(), Draw("2022-07-01T10:00:00+08:00", {"PX01", "PX02"},
                         {{"110101198001010011", "王明", "JZ-0011"}, {"110101198001010022", "李华", "JZ-0022"}}));
    world.second_draw = store::SaveDraw(
        store.db(), Draw("2022-08-01T10:00:00+08:00", {"PX01"},
                         {{"110101198001010033", "赵强", "JZ-0033"}, {"110101198001010055", "周杰", "JZ-0055"}}));
    transaction.Commit();
  }

  // The hours finding: handed over, rectified with an attachment, re-checked as failed, and that
  // re-check corrected to a pass (the correction stands in its place).
  store::CaseEvent handover = Event(world.hours_finding, store::CaseEventKind::kHandover, "2022-11-01T09:00:00+08:00");
  handover.handed_to = "市安全培训中心";
  handover.doc_no = "（朝）应急责改〔2022〕15号";
  handover.deadline = DateFromYmd(2022, 11, 30);
  store::CaseEvent rectified =
      Event(world.hours_finding, store::CaseEventKind::kRectified, "2022-11-20T09:00:00+08:00");
  rectified.event_date = DateFromYmd(2022, 11, 20);
  rectified.note = "已按大纲补足 16 学时的理论课程，补课签到表附后";
  rectified.attachments = {{"补课签到表.pdf", 20480, std::string("0123456789abcdef") + std::string(48, 'e')}};
  store::CaseEvent recheck = Event(world.hours_finding, store::CaseEventKind::kRecheck, "2022-12-03T09:00:00+08:00");
  recheck.event_date = DateFromYmd(2022, 12, 3);
  recheck.passed = false;
  recheck.inspectors = {"110101198001010033", "110101198001010099"};
  const auto ids = store::AppendCaseEvents(store.db(), {handover, rectified, recheck});
  store::CaseEvent corrected = recheck;
  corrected.recorded = "2022-12-03T15:00:00+08:00";
  corrected.corrects = ids.back();
  corrected.passed = true;
  store::AppendCaseEvents(store.db(), {corrected});
  return world;
}

DocumentOptions Options(const World& world, const std::string& kind, const std::string& institution,
                        const std::string& out) {
  DocumentOptions options;
  options.kind = kind;
  options.institution = institution;
  options.db = world.db.string();
  options.out = (world.dir / out).string();
  return options;
}

Outcome RunDocument(const DocumentOptions& options) {
  Outcome outcome;
  std::fflush(stdout);
  std::fflush(stderr);
  std::unique_ptr<FILE, int (*)(FILE*)> out(std::tmpfile(), &std::fclose), err(std::tmpfile(), &std::fclose);
  const int saved_out = ::dup(1), saved_err = ::dup(2);
  ::dup2(::fileno(out.get()), 1);
  ::dup2(::fileno(err.get()), 2);
  try {
    outcome.exit_code = RunDocumentCommand(options);
  } catch (const std::exception& error) {
    outcome.exit_code = 3;
    std::fprintf(stderr, "%s\n", error.what());
  }
  std::fflush(stdout);
  std::fflush(stderr);
  ::dup2(saved_out, 1);
  ::dup2(saved_err, 2);
  ::close(saved_out);
  ::close(saved_err);
  outcome.out = ReadStream(out.get());
  outcome.err = ReadStream(err.get());
  return outcome;
}

std::optional<std::map<std::string, std::string>> ReadZip(const fs::path& path) {
  int error = 0;
  std::unique_ptr<zip_t, void (*)(zip_t*)> archive(zip_open(path.c_str(), ZIP_RDONLY | ZIP_CHECKCONS, &error),
                                                   [](zip_t* z) { zip_discard(z); });
  if (!archive) return std::nullopt;
  std::map<std::string, std::string> entries;
  const zip_int64_t count = zip_get_num_entries(archive.get(), 0);
  for (zip_int64_t i = 0; i < count; ++i) {
    zip_stat_t stat;
    if (zip_stat_index(archive.get(), static_cast<zip_uint64_t>(i), 0, &stat) != 0) return std::nullopt;
    std::unique_ptr<zip_file_t, int (*)(zip_file_t*)> file(
        zip_fopen_index(archive.get(), static_cast<zip_uint64_t>(i), 0), &zip_fclose);
    if (!file) return std::nullopt;
    std::string content(stat.size, '\0');
    if (zip_fread(file.get(), content.data(), stat.size) != static_cast<zip_int64_t>(stat.size)) return std::nullopt;
    entries[stat.name] = std::move(content);
  }
  return entries;
}

ParsedXml ParseXml(const std::string& xml) {
  ParsedXml parsed;
  XmlState state;
  std::unique_ptr<XML_ParserStruct, void (*)(XML_Parser)> parser(XML_ParserCreate("UTF-8"), &XML_ParserFree);
  XML_SetUserData(parser.get(), &state);
  XML_SetElementHandler(
      parser.get(),
      [](void* data, const XML_Char* name, const XML_Char**) {
        auto* s = static_cast<XmlState*>(data);
        const std::string element = name;
        if (element == "w:t") s->in_text = true;
        if (element == "w:tab") s->text += '\t';
        if (element == "w:br") s->text += '\n';
      },
      [](void* data, const XML_Char* name) {
        auto* s = static_cast<XmlState*>(data);
        const std::string element = name;
        if (element == "w:t") s->in_text = false;
        if (element == "w:p") s->text += '\n';
      });
  XML_SetCharacterDataHandler(parser.get(), [](void* data, const XML_Char* text, int length) {
    auto* s = static_cast<XmlState*>(data);
    if (s->in_text) s->text.append(text, static_cast<size_t>(length));
  });
  if (XML_Parse(parser.get(), xml.data(), static_cast<int>(xml.size()), XML_TRUE) == XML_STATUS_ERROR) {
    parsed.error = std::string(XML_ErrorString(XML_GetErrorCode(parser.get()))) + " at line " +
                   std::to_string(XML_GetCurrentLineNumber(parser.get()));
    return parsed;
  }
  parsed.well_formed = true;
  parsed.text = std::move(state.text);
  return parsed;
}

std::string ReadText(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string Quote(const std::string& text) {
  std::string quoted = "'";
  for (char c : text) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return quoted + "'";
}

int RunShell(const std::string& command, int seconds, std::string* output) {
  const std::string line = "timeout -k 10 " + std::to_string(seconds) + " " + command + " 2>&1";
  output->clear();
  FILE* pipe = ::popen(line.c_str(), "r");
  if (pipe == nullptr) return -1;
  std::array<char, 4096> buffer;
  size_t n;
  while ((n = std::fread(buffer.data(), 1, buffer.size(), pipe)) > 0) output->append(buffer.data(), n);
  const int status = ::pclose(pipe);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

std::string WithoutSpace(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c != ' ' && c != '\n' && c != '\t' && c != '\r' && c != '\f') out.push_back(c);
  }
  return out;
}

}  // namespace xk::doctest
