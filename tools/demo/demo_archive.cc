// The fixed cast of the demo city and what is injected where (see demo_archive.h). Every
// injected violation is listed in the key; every clean subject too.
#include "tools/demo/demo_archive.h"

#include <fmt/format.h>

#include <fstream>

#include "records/resident_id.h"
#include "tools/demo/demo_builder.h"
#include "tools/demo/demo_certificates.h"
#include "tools/demo/demo_classroom.h"
#include "tools/demo/demo_exam_centre.h"
#include "tools/demo/demo_people.h"

namespace xk {

namespace fs = std::filesystem;

namespace {

using Match = std::vector<std::pair<std::string, std::string>>;

struct Cast {
  int next_person = 1;
  std::string Person() { return DemoResidentId(next_person++); }
};

void AddTrainees(TrainingFolder* f, const std::string& class_id, int count, Cast* cast, std::vector<std::string>* ids) {
  for (int i = 0; i < count; ++i) {
    int index = cast->next_person;
    DemoTrainee t{class_id, cast->Person(), DemoName(index), true};
    if (ids) ids->push_back(t.id);
    f->trainees.push_back(t);
  }
}

std::vector<std::string> ClassRow(const std::string& id, const std::string& category, const std::string& industry,
                                  const std::string& job_type, const std::string& cycle, DemoDate start, DemoDate end,
                                  const std::string& declared, int date_style) {
  return {id, category, industry, job_type, cycle, DateText(start, date_style), DateText(end, date_style), declared};
}

// bureau/: the section's own roster of inspectors (GB18030, Chinese headers, as saved from Excel
// on a bureau PC) with one who must recuse from PX01, and a priority target after a complaint.
void WriteDemoBureau(const std::filesystem::path& dir) {
  auto ValidId = [](const std::string& first17) { return first17 + ResidentIdCheckCharacter(first17); };
  CsvTableWriter inspectors({{"inspector_id", "身份证号"},
                             {"name", "姓名"},
                             {"cert_no", "执法证号"},
                             {"unit", "所属单位"},
                             {"recuse", "回避机构"},
                             {"active", "在岗"}},
                            {ExportEncoding::kGb18030, true, true});
  inspectors.AddRow({ValidId("43040219800315001"), "王明", "43040020001", "衡阳市应急管理局", "PX01", "是"});
  inspectors.AddRow({ValidId("43040219810722002"), "李华", "43040020002", "衡阳市应急管理局", "", "是"});
  inspectors.AddRow({ValidId("43040319820511003"), "赵强", "43040020003", "衡阳市应急管理局", "", "是"});
  inspectors.AddRow({ValidId("43040419830908004"), "孙丽", "43040020004", "蒸湘区应急管理局", "", "是"});
  inspectors.AddRow({ValidId("43040519791230005"), "周杰", "43040020005", "石鼓区应急管理局", "", "否"});
  inspectors.Write(dir / "bureau" / "inspectors.csv");
  CsvTableWriter priority({{"code", "机构编码"}, {"reason", "原因"}}, {ExportEncoding::kUtf8, true, false});
  priority.AddRow({"KS02", "群众投诉：考场无监控"});
  priority.Write(dir / "bureau" / "priority.csv");
}

}  // namespace

DemoKey WriteDemoArchive(const std::filesystem::path& dir, const DemoScale& scale, uint32_t seed) {
  std::filesystem::create_directories(dir);
  DemoKey key;
  Cast cast;
  cast.next_person = 1 + static_cast<int>(seed % 1000) * 1000;
  auto expect = [&](const std::string& rule, const std::string& institution, Match match, const std::string& note) {
    key.expected.push_back(ExpectedFinding{rule, institution, std::move(match), note});
  };
  auto clean = [&](const std::string& institution, Match match, const std::string& note) {
    key.clean.push_back(CleanSubject{institution, std::move(match), note});
  };
  const std::string qualified = "注册安全工程师";
  const DemoDate today = DemoToday();  // the review dates of the register are relative to it

  // ---- PX01: UTF-8, English headers, ISO dates. -------------------------------------------
  TrainingFolder px01{"PX01", "衡阳市安全技术培训学校", {ExportEncoding::kUtf8, false, false}};
  std::vector<std::string> t01;  // teachers
  for (int i = 0; i < 8; ++i) {
    t01.push_back(cast.Person());
    px01.teachers.push_back({t01.back(), DemoName(200 + i), qualified, "10"});
  }
  // C01: exactly at the minimum (48 学时 for a hazardous-chemicals safety manager): clean.
  px01.classes.push_back(
      ClassRow("C01", "safety_manager", "危险化学品", "", "initial", {2022, 4, 6}, {2022, 4, 11}, "48", 0));
  AddTimetable(&px01, "C01", {2022, 4, 6}, 6, StandardDay("theory", "危险化学品安全管理"), t01[0]);
  std::vector<std::string> c01_trainees;
  AddTrainees(&px01, "C01", 5, &cast, &c01_trainees);
  SignInAll(&px01, "C01");
  clean("PX01", {{"class_id", "C01"}}, "exactly 48 of 48 hours: must pass");

  // C02: compressed: 4 days (32 学时) for a 48-hour class, declared 48.
  px01.classes.push_back(
      ClassRow("C02", "safety_manager", "非煤矿山", "", "initial", {2022, 3, 7}, {2022, 3, 12}, "48", 0));
  AddTimetable(&px01, "C02", {2022, 3, 7}, 4, StandardDay("theory", "非煤矿山安全管理"), t01[1]);
  std::vector<std::string> c02_trainees;
  AddTrainees(&px01, "C02", 3, &cast, &c02_trainees);
  SignInAll(&px01, "C02");
  expect("TRN-HOURS-SHORT", "PX01", {{"class_id", "C02"}}, "32 of 48 hours backed");
  expect("TRN-HOURS-OVERCLAIM", "PX01", {{"class_id", "C02"}}, "declares 48, times hold 32");
  for (const auto& id : c02_trainees) {
    expect("TRN-ATTENDANCE-SHORT", "PX01", {{"class_id", "C02"}, {"trainee_id", id}}, "completed with 32 of 48");
  }

  // C03: mock exams in place of theory: a fifth day of question drilling on top of 32 学时.
  px01.classes.push_back(ClassRow("C03", "principal", "工贸", "", "initial", {2022, 3, 14}, {2022, 3, 18}, "32", 0));
  AddTimetable(&px01, "C03", {2022, 3, 14}, 4, StandardDay("theory", "安全生产法律法规"), t01[2]);
  AddTimetable(
      &px01, "C03", {2022, 3, 18}, 1,
      {{"08:30", "10:00", "theory", "考前冲刺：题库刷题", "2"}, {"10:15", "11:45", "mock_exam", "模拟考试", "2"}},
      t01[2]);
  AddTrainees(&px01, "C03", 3, &cast, nullptr);
  SignInAll(&px01, "C03");
  expect("TRN-MOCK-SUBSTITUTION", "PX01", {{"class_id", "C03"}}, "drilling and a mock exam counted as hours");

  // C04: 72 学时 "completed" in one day by new employees of a fireworks company.
  px01.classes.push_back(
      ClassRow("C04", "new_employee", "烟花爆竹", "", "initial", {2022, 3, 21}, {2022, 3, 21}, "72", 0));
  AddTimetable(&px01, "C04", {2022, 3, 21}, 1,
               {{"08:00", "10:00", "theory", "岗前安全培训", "12"},
                {"10:00", "12:00", "theory", "岗前安全培训", "12"},
                {"13:00", "15:00", "theory", "岗前安全培训", "12"},
                {"15:00", "17:00", "theory", "岗前安全培训", "12"},
                {"17:00", "19:00", "practical", "岗位实操", "12"},
                {"19:00", "23:00", "practical", "岗位实操", "12"}},
               t01[3]);
  std::vector<std::string> c04_trainees;
  AddTrainees(&px01, "C04", 3, &cast, &c04_trainees);
  SignInAll(&px01, "C04");
  expect("TRN-HOURS-SHORT", "PX01", {{"class_id", "C04"}}, "72 hours in one day");
  expect("TRN-HOURS-OVERCLAIM", "PX01", {{"class_id", "C04"}}, "declared and per-session claims beyond the times");
  expect("TRN-DAILY-OVERLOAD", "PX01", {{"class_id", "C04"}}, "over 8 学时 a day, teaching until 23:00");
  expect("TRN-SPAN-SHORT", "PX01", {{"class_id", "C04"}}, "a one-day class cannot hold 72 hours");
  for (const auto& id : c04_trainees) {
    expect("TRN-ATTENDANCE-SHORT", "PX01", {{"class_id", "C04"}, {"trainee_id", id}}, "completed far short");
  }

  // C05: low-voltage electricians: 148 学时 in all but only 20 practical (60 required).
  px01.classes.push_back(
      ClassRow("C05", "special_operation", "", "低压电工作业", "initial", {2022, 3, 1}, {2022, 3, 19}, "148", 0));
  AddTimetable(&px01, "C05", {2022, 3, 1}, 16, StandardDay("theory", "电工基础与安全技术"), t01[4]);
  AddTimetable(&px01, "C05", {2022, 3, 17}, 2, StandardDay("practical", "低压电工实操"), t01[4]);
  AddTimetable(
      &px01, "C05", {2022, 3, 19}, 1,
      {{"08:30", "10:00", "practical", "低压电工实操", "2"}, {"10:15", "11:45", "practical", "低压电工实操", "2"}},
      t01[4]);
  std::vector<std::string> c05_trainees;
  AddTrainees(&px01, "C05", 4, &cast, &c05_trainees);
  SignInAll(&px01, "C05");
  expect("TRN-PRACTICAL-SHORT", "PX01", {{"class_id", "C05"}}, "20 of 60 practical hours");
  // C08: the 8-学时 review class of C05's first electrician, 97 days before the demo is written
  // (the register records the review a week later: CRT-REVIEW-UNBACKED must stay silent).
  const DemoDate review_class = AddDays(today, -97);
  px01.classes.push_back(
      ClassRow("C08", "special_operation", "", "低压电工作业", "review", review_class, review_class, "8", 0));
  const std::vector<std::string> c08_sessions =
      AddTimetable(&px01, "C08", review_class, 1, StandardDay("theory", "低压电工复审培训"), t01[4]);
  for (const auto& t : px01.trainees) {
    if (t.class_id == "C05" && t.id == c05_trainees[0]) px01.trainees.push_back({"C08", t.id, t.name, true});
  }
  SignInAll(&px01, "C08");
  // Dated after 2024-07-01 in any year the demo is written, and its export leaves the room empty:
  // a session with no classroom cannot be matched to a camera, so each is unfilmed all the same.
  for (DemoSession& s : px01.sessions) {
    if (s.class_id == "C08") s.room_written = false;
  }
  for (const std::string& id : c08_sessions) {
    expect("TRN-VIDEO-MISSING", "PX01", {{"class_id", "C08"}, {"session_id", id}},
           "an offline review session after 2024-07-01 whose timetable row names no classroom");
  }
  clean("PX01", {{"class_id", "C08"}, {"rule", "TRN-HOURS-SHORT"}}, "a one-day review class of 8 学时");

  // C06: power-cable work in 2024-09, theory all online: offline theory 0 of 30% x 64. The share
  // exists only from 2024-07-01 (AQ 8011-2023): the same class in 2022 would not be flagged.
  px01.classes.push_back(
      ClassRow("C06", "special_operation", "", "电力电缆作业", "initial", {2024, 9, 2}, {2024, 9, 14}, "104", 0));
  AddTimetable(&px01, "C06", {2024, 9, 2}, 8,
               {{"09:00", "11:00", "online", "电力电缆安全技术（网络课程）", "4"},
                {"14:00", "16:00", "online", "电力电缆安全技术（网络课程）", "4"}},
               t01[5]);
  const std::vector<std::string> c06_practical =
      AddTimetable(&px01, "C06", {2024, 9, 10}, 5, StandardDay("practical", "电缆实操"), t01[5]);
  AddTrainees(&px01, "C06", 3, &cast, nullptr);
  SignInAll(&px01, "C06");
  expect("TRN-OFFLINE-THEORY-SHORT", "PX01", {{"class_id", "C06"}}, "all theory online, in 2024 (AQ 8011-2023)");
  // Its practical days are offline in Room 1 after 2024-07-01, and PX01 lists no classroom
  // camera and left no recording: each session is unfilmed (AQ 8011-2023).
  for (const std::string& id : c06_practical) {
    expect("TRN-VIDEO-MISSING", "PX01", {{"class_id", "C06"}, {"session_id", id}},
           "an offline practical session of 2024 in a classroom without camera or recording");
  }

  // C07: a principal's refresher declared at 10 学时 (12 required); the timetable holds 12.
  px01.classes.push_back(ClassRow("C07", "principal", "工贸", "", "refresher", {2022, 3, 28}, {2022, 3, 29}, "10", 0));
  AddTimetable(&px01, "C07", {2022, 3, 28}, 1, StandardDay("theory", "安全生产新法规"), t01[6]);
  AddTimetable(&px01, "C07", {2022, 3, 29}, 1,
               {{"08:30", "10:00", "theory", "事故案例", "2"}, {"10:15", "11:45", "theory", "事故案例", "2"}}, t01[6]);
  AddTrainees(&px01, "C07", 2, &cast, nullptr);
  SignInAll(&px01, "C07");
  expect("TRN-PLAN-HOURS", "PX01", {{"class_id", "C07"}}, "declares 10 of 12");

  // ---- PX02: GB18030, Chinese headers, 2022年3月7日 dates, CRLF. ------------------------------
  TrainingFolder px02{"PX02", "衡阳市应急安全培训中心", {ExportEncoding::kGb18030, true, true}};
  std::vector<std::string> t02;
  for (int i = 0; i < 6; ++i) {
    t02.push_back(cast.Person());
    px02.teachers.push_back({t02.back(), DemoName(300 + i), qualified, "8"});
  }
  px02.teachers.push_back({t01[4], DemoName(204), qualified, "10"});  // also teaches at PX01
  px02.teachers[3][3] = "3";                                          // K04's teacher: 3 years only
  // K01: coal-mine principals, clean.
  px02.classes.push_back(ClassRow("K01", "主要负责人", "煤矿", "", "初训", {2022, 4, 1}, {2022, 4, 6}, "48", 1));
  AddTimetable(&px02, "K01", {2022, 4, 1}, 6, StandardDay("theory", "煤矿安全管理"), t02[0]);
  AddTrainees(&px02, "K01", 4, &cast, nullptr);
  SignInAll(&px02, "K01");
  clean("PX02", {{"class_id", "K01"}}, "GB18030 export, clean class");
  // K02: its first session is taught by PX01's C05 teacher at the same hour (a clash).
  px02.classes.push_back(ClassRow("K02", "安全生产管理人员", "工贸", "", "初训", {2022, 3, 1}, {2022, 3, 4}, "32", 1));
  AddTimetable(&px02, "K02", {2022, 3, 1}, 4, StandardDay("theory", "工贸企业安全管理"), t02[1]);
  for (auto& s : px02.sessions) {
    if (s.class_id == "K02" && s.session_id == "K02-001") s.teacher_id = t01[4];
  }
  std::vector<std::string> k02_trainees;
  AddTrainees(&px02, "K02", 3, &cast, &k02_trainees);
  SignInAll(&px02, "K02");
  expect("TRN-TEACHER-CLASH", "PX01", {{"teacher_id", t01[4]}}, "teaches PX01 C05 and PX02 K02 at 08:30 on 2022-03-01");
  // K03: six trainees signed in within the same second (a proxy at the reader).
  px02.classes.push_back(ClassRow("K03", "安全生产管理人员", "工贸", "", "初训", {2022, 3, 7}, {2022, 3, 10}, "32", 1));
  AddTimetable(&px02, "K03", {2022, 3, 7}, 4, StandardDay("theory", "工贸企业安全管理"), t02[2]);
  std::vector<std::string> k03_trainees;
  AddTrainees(&px02, "K03", 6, &cast, &k03_trainees);
  SignInAll(&px02, "K03");
  for (auto& a : px02.sign_ins) {
    if (a.session_id == "K03-005") a.check_in = "2022年3月8日 08:25:13";
  }
  expect("TRN-PROXY-SIGNIN", "PX02", {{"class_id", "K03"}}, "6 check-ins at 08:25:13 on 2022-03-08");
  // K04: taught by a teacher with 3 years' practice.
  px02.classes.push_back(
      ClassRow("K04", "安全生产管理人员", "工贸", "", "初训", {2022, 3, 14}, {2022, 3, 17}, "32", 1));
  AddTimetable(&px02, "K04", {2022, 3, 14}, 4, StandardDay("theory", "工贸企业安全管理"), t02[3]);
  std::vector<std::string> k04_trainees;
  AddTrainees(&px02, "K04", 3, &cast, &k04_trainees);
  SignInAll(&px02, "K04");
  expect("TRN-TEACHER-UNQUALIFIED", "PX02", {{"teacher_id", t02[3]}}, "3 years' practice");
  // K05: no sign-in records at all.
  px02.classes.push_back(
      ClassRow("K05", "安全生产管理人员", "工贸", "", "初训", {2022, 3, 21}, {2022, 3, 24}, "32", 1));
  AddTimetable(&px02, "K05", {2022, 3, 21}, 4, StandardDay("theory", "工贸企业安全管理"), t02[4]);
  AddTrainees(&px02, "K05", 3, &cast, nullptr);
  expect("TRN-ARCHIVE-INCOMPLETE", "PX02", {{"class_id", "K05"}}, "no attendance rows");
  // K06: ends 2022-04-20, but one trainee sat the exam of 2022-04-15 (and signed in to class then).
  px02.classes.push_back(
      ClassRow("K06", "安全生产管理人员", "工贸", "", "初训", {2022, 4, 14}, {2022, 4, 20}, "32", 1));
  AddTimetable(&px02, "K06", {2022, 4, 14}, 2, StandardDay("theory", "工贸企业安全管理"), t02[5]);
  AddTimetable(&px02, "K06", {2022, 4, 19}, 2, StandardDay("theory", "工贸企业安全管理"), t02[5]);
  std::vector<std::string> k06_trainees;
  AddTrainees(&px02, "K06", 3, &cast, &k06_trainees);
  SignInAll(&px02, "K06");
  expect("TRN-EXAM-BEFORE-TRAINING", "PX02", {{"trainee_id", k06_trainees[0]}},
         "examined 2022-04-15, class ends 04-20");
  expect("TRN-PROXY-SIGNIN", "PX02", {{"trainee_id", k06_trainees[0]}}, "signed in to class while in the exam room");
  // K07: one trainee missed a whole day but is marked completed.
  px02.classes.push_back(
      ClassRow("K07", "安全生产管理人员", "工贸", "", "初训", {2022, 3, 28}, {2022, 3, 31}, "32", 1));
  auto k07_sessions = AddTimetable(&px02, "K07", {2022, 3, 28}, 4, StandardDay("theory", "工贸企业安全管理"), t02[0]);
  std::vector<std::string> k07_trainees;
  AddTrainees(&px02, "K07", 3, &cast, &k07_trainees);
  SignInAll(&px02, "K07", k07_trainees[1], {k07_sessions.begin() + 4, k07_sessions.begin() + 8});
  expect("TRN-ATTENDANCE-SHORT", "PX02", {{"trainee_id", k07_trainees[1]}}, "attended 24 of 32, marked completed");

  // ---- PX03: UTF-8 with BOM, Chinese headers, 2022/4/15 dates: clean, Yibin-style timetable. --
  TrainingFolder px03{"PX03", "衡阳县安全生产培训站", {ExportEncoding::kUtf8Bom, true, false}};
  std::string t03 = cast.Person();
  px03.teachers.push_back({t03, DemoName(400), qualified, "12"});
  px03.classes.push_back(ClassRow("P01", "主要负责人", "其他", "", "初训", {2022, 4, 4}, {2022, 4, 8}, "32", 2));
  AddTimetable(
      &px03, "P01", {2022, 4, 4}, 5,
      {{"09:00", "11:50", "theory", "安全生产基础知识", "4"}, {"13:00", "17:00", "theory", "安全生产基础知识", "4"}},
      t03);
  std::vector<std::string> p01_trainees;
  AddTrainees(&px03, "P01", 3, &cast, &p01_trainees);
  SignInAll(&px03, "P01");
  clean("PX03", {}, "Yibin-style timetable (170-minute block claims 4): within the 1-hour tolerance");

  // ---- PX04: tables saved from Excel as .xlsx workbooks; no teachers.csv (nor .xlsx). -------
  TrainingFolder px04{"PX04", "衡南县职业技能培训学校", {ExportEncoding::kXlsx, false, false}};
  px04.write_teachers = false;
  std::string t04 = cast.Person();
  px04.classes.push_back(ClassRow("W01", "principal", "工贸", "", "refresher", {2022, 4, 11}, {2022, 4, 12}, "12", 0));
  AddTimetable(&px04, "W01", {2022, 4, 11}, 1, StandardDay("theory", "安全生产法规"), t04);
  AddTimetable(&px04, "W01", {2022, 4, 12}, 1,
               {{"08:30", "10:00", "theory", "事故案例", "2"}, {"10:15", "11:45", "theory", "事故案例", "2"}}, t04);
  AddTrainees(&px04, "W01", 2, &cast, nullptr);
  SignInAll(&px04, "W01");
  expect("TRN-ARCHIVE-INCOMPLETE", "PX04", {{"file", "training/PX04/teachers.csv"}}, "no teachers.csv");

  // ---- PX05 and PX06: principals' classes, clean as training. Every one of PX05's trainees
  // passes the exam, few of PX06's do (EXM-PASS-RATE, in demo_exam_centre.cc). -------------
  TrainingFolder px05{"PX05", "衡阳市安达职业培训学校", {ExportEncoding::kUtf8, false, false}};
  std::string t05 = cast.Person();
  px05.teachers.push_back({t05, DemoName(410), qualified, "7"});
  px05.classes.push_back(ClassRow("F01", "principal", "工贸", "", "initial", {2022, 3, 21}, {2022, 3, 24}, "32", 0));
  AddTimetable(&px05, "F01", {2022, 3, 21}, 4, StandardDay("theory", "安全生产管理知识"), t05);
  std::vector<std::string> f01_trainees;
  AddTrainees(&px05, "F01", 12, &cast, &f01_trainees);
  SignInAll(&px05, "F01");
  clean("PX05", {{"class_id", "F01"}}, "a class of full hours: only its pass rate stands out");
  TrainingFolder px06{"PX06", "耒阳市安全生产培训中心", {ExportEncoding::kGb18030, true, true}};
  std::string t06 = cast.Person();
  px06.teachers.push_back({t06, DemoName(411), qualified, "15"});
  px06.classes.push_back(ClassRow("G01", "主要负责人", "工贸", "", "初训", {2022, 3, 28}, {2022, 3, 31}, "32", 1));
  AddTimetable(&px06, "G01", {2022, 3, 28}, 4, StandardDay("theory", "安全生产管理知识"), t06);
  std::vector<std::string> g01_trainees;
  AddTrainees(&px06, "G01", 14, &cast, &g01_trainees);
  SignInAll(&px06, "G01");
  clean("PX06", {{"class_id", "G01"}}, "a clean class whose trainees mostly fail");
  clean("PX06", {{"rule", "EXM-PASS-RATE"}}, "a low pass rate is no signal");

  // ---- PX07: classrooms filmed from 2024-07-01 (AQ 8011-2023): tools/demo/demo_classroom.cc. ----
  TrainingFolder px07{"PX07", "衡阳市安全生产培训学院", {ExportEncoding::kUtf8, false, false}};
  std::string t07 = cast.Person();
  px07.teachers.push_back({t07, DemoName(412), qualified, "12"});
  WriteDemoClassrooms(
      dir, scale, seed, t07,
      [&](const std::string& class_id, int count) { AddTrainees(&px07, class_id, count, &cast, nullptr); }, &px07,
      &key);

  std::vector<TrainingFolder> folders = {px01, px02, px03, px04, px05, px06, px07};

  // ---- KS01: the exam centre (GB18030, Chinese headers), with video. --------------------------
  DemoExamInputs exam;
  exam.px01_c01_trainees = c01_trainees;
  exam.px01_c05_trainees = c05_trainees;
  exam.px01_teacher_for_conflict = t01[7];
  exam.px02_k06_trainee = k06_trainees[0];
  exam.px03_p01_trainees = p01_trainees;
  exam.px02_k04_trainees = k04_trainees;
  exam.px05_f01_trainees = f01_trainees;
  exam.px06_g01_trainees = g01_trainees;
  std::string untrained;
  exam.untrained_candidate = &untrained;
  exam.next_person = &cast.next_person;
  // The examiner of S2 also teaches at PX01 (listed in its teachers.csv).
  WriteDemoExamCentre(dir, scale, seed, exam, &key);

  // ---- KS02: an exam point that exported only its plan and candidates: the rest is missing.
  // PX06's last trainee sat the principals' exam there too, the morning of KS01's S1. ----------
  {
    CsvTableWriter plan({{"session_id", "场次"},
                         {"date", "日期"},
                         {"start", "开始时间"},
                         {"end", "结束时间"},
                         {"room", "考场"},
                         {"mode", "考试方式"},
                         {"subject", "科目"}},
                        ExportStyle{});
    plan.AddRow({"N0", "2022-04-15", "09:00", "11:00", "A", "理论", "主要负责人"});
    plan.AddRow({"N1", "2022-05-10", "09:00", "11:00", "A", "理论", "安全生产管理人员"});
    fs::create_directories(dir / "exams" / "KS02");
    plan.Write(dir / "exams" / "KS02" / "plan.csv");
    CsvTableWriter candidates({{"session_id", "场次"},
                               {"candidate_id", "身份证号"},
                               {"name", "姓名"},
                               {"training_institution", "培训机构编码"},
                               {"class_id", "班级编号"},
                               {"score", "成绩"},
                               {"result", "结果"}},
                              ExportStyle{});
    candidates.AddRow({"N0", g01_trainees.back(), DemoName(799), "PX06", "G01", "85", "合格"});
    candidates.Write(dir / "exams" / "KS02" / "candidates.csv");
    for (const char* missing : {"sessions.csv", "cameras.csv", "staff.csv"}) {
      expect("EXM-ARCHIVE-INCOMPLETE", "KS02", {{"file", std::string("exams/KS02/") + missing}},
             "an exam point that exported only its plan and candidates");
    }
  }

  // ---- bureau/certificates.csv (its people numbered before the scale's, like the cast). ----------
  DemoCertificateInputs certificates;
  certificates.px01_c01_trainees = c01_trainees;
  certificates.px01_c05_trainees = c05_trainees;
  certificates.px02_k02_trainees = k02_trainees;
  certificates.px03_p01_trainees = p01_trainees;
  certificates.untrained_candidate = untrained;
  certificates.backed_review = AddDays(review_class, 7);
  certificates.next_person = &cast.next_person;
  WriteDemoCertificates(dir, certificates, today, &key);

  // ---- Scale: clean training institutions PX10, PX11, ... (numbered after the fixed cast, so
  // the cast is the same at any scale). ----------------------------------------------------------
  for (int e = 0; e < scale.extra_institutions; ++e) {
    TrainingFolder extra{fmt::format("PX{:02d}", 10 + e),
                         fmt::format("演示培训机构{}", e + 1),
                         {e % 2 ? ExportEncoding::kGb18030 : ExportEncoding::kUtf8, e % 2 == 1, e % 2 == 1}};
    std::string teacher = cast.Person();
    extra.teachers.push_back({teacher, DemoName(500 + e), qualified, "9"});
    for (int c = 0; c < scale.classes_per_extra; ++c) {
      std::string id = fmt::format("E{:02d}", c + 1);
      DemoDate start = AddDays({2022, 1, 3}, 7 * c);
      extra.classes.push_back(ClassRow(id, e % 2 ? "主要负责人" : "principal", "工贸", "", e % 2 ? "初训" : "initial",
                                       start, AddDays(start, 3), "32", e % 2));
      AddTimetable(&extra, id, start, 4, StandardDay("theory", "安全生产基础"), teacher);
      AddTrainees(&extra, id, 4, &cast, nullptr);
      SignInAll(&extra, id);
    }
    clean(extra.code, {}, "a clean institution added by the scale (--institutions, --classes)");
    folders.push_back(std::move(extra));
  }

  // The optional columns the inspection documents print: given for PX01 and KS01, left empty
  // (a line to fill by hand) for the others.
  CsvTableWriter institutions({{"code", "机构编码"},
                               {"name", "机构名称"},
                               {"kind", "机构类型"},
                               {"county", "县市区"},
                               {"address", "地址"},
                               {"legal_rep", "法定代表人"},
                               {"phone", "联系电话"}},
                              {ExportEncoding::kUtf8Bom, true, true});
  for (const auto& f : folders) {
    if (f.code == "PX01") {
      institutions.AddRow(
          {f.code, f.name, "培训机构", "衡阳市", "衡阳市蒸湘区解放大道 88 号", "刘建国", "0734-8220001"});
    } else {
      institutions.AddRow({f.code, f.name, "培训机构", "衡阳市", "", "", ""});
    }
  }
  institutions.AddRow(
      {"KS01", "衡阳市安全生产考试考核中心", "考试点", "衡阳市", "衡阳市石鼓区人民路 12 号", "陈志远", "0734-8220002"});
  institutions.AddRow({"KS02", "衡南县安全生产考试点", "考试点", "衡南县", "", "", ""});
  institutions.Write(dir / "institutions.csv");
  WriteDemoBureau(dir);
  for (const auto& f : folders) WriteTrainingFolder(dir, f);
  std::filesystem::path key_path = dir / "key.json";
  std::ofstream(key_path, std::ios::binary) << DemoKeyJson(key);
  return key;
}

}  // namespace xk
