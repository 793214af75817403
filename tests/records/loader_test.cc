// Loading the training records: both encodings, both header languages, and the bad inputs an
// officer meets in practice, each with a message naming file, line and column.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "records/archive_loader.h"
#include "records/csv/encoding.h"
#include "tests/records/archive_folder_test.h"
#include "tests/records/xlsx_workbook.h"

namespace xk {
namespace {

namespace fs = std::filesystem;

class TrainingLoader : public ArchiveFolderTest {
 protected:
  TrainingLoader() : ArchiveFolderTest("loader") {}
  void SetUp() override {
    ArchiveFolderTest::SetUp();
    std::filesystem::create_directories(root_ / "training/PX01");
    Write("institutions.csv", "code,name,kind\nPX01,培训学校,training\n");
  }

  ArchiveModel Load() { return LoadArchiveRecords(root_, policy_); }
};

const char* kClassesEnglish =
    "class_id,category,industry,job_type,cycle,start_date,end_date,declared_hours\n"
    "C01,safety_manager,危险化学品,,initial,2022-04-06,2022-04-11,48\n"
    "C02,special_operation,,低压电工作业,initial,2022-03-01,2022-03-19,148\n";
const char* kClassesChinese =
    "班级编号,培训类别,行业,作业类别,培训性质,开班日期,结业日期,申报学时\r\n"
    "C01,安全生产管理人员,危险化学品,,初训,2022年4月6日,2022年4月11日,48\r\n"
    "C02,特种作业人员,,低压电工作业,初训,2022/3/1,2022/3/19,148\r\n";

TEST_F(TrainingLoader, Gb18030ChineseTwinLoadsToTheSameModel) {
  Write("training/PX01/classes.csv", kClassesEnglish);
  ArchiveModel utf8 = Load();
  Write("training/PX01/classes.csv", Utf8ToGb18030(kClassesChinese));
  ArchiveModel gb = Load();
  ASSERT_EQ(utf8.classes.size(), 2u);
  ASSERT_EQ(gb.classes.size(), 2u);
  for (size_t i = 0; i < 2; ++i) {
    EXPECT_EQ(utf8.classes[i].class_id, gb.classes[i].class_id);
    EXPECT_EQ(utf8.classes[i].category, gb.classes[i].category);
    EXPECT_EQ(utf8.classes[i].industry, gb.classes[i].industry);
    EXPECT_EQ(utf8.classes[i].job_type, gb.classes[i].job_type);
    EXPECT_EQ(utf8.classes[i].cycle, gb.classes[i].cycle);
    EXPECT_EQ(utf8.classes[i].start_date, gb.classes[i].start_date);
    EXPECT_EQ(utf8.classes[i].end_date, gb.classes[i].end_date);
    EXPECT_EQ(utf8.classes[i].declared_hours, gb.classes[i].declared_hours);
  }
  EXPECT_EQ(gb.classes[0].industry, "危险化学品");
}

TEST_F(TrainingLoader, MissingFilesAreRecordedNotFatal) {
  ArchiveModel m = Load();
  EXPECT_EQ(m.missing_files.size(), 5u);  // classes, sessions, attendance, trainees, teachers
}

TEST_F(TrainingLoader, EmptyFileAndHeaderOnly) {
  Write("training/PX01/classes.csv", "");
  Write("training/PX01/sessions.csv", "class_id,session_id,date,start,end,mode\n");
  ArchiveModel m = Load();
  EXPECT_TRUE(HasIssue(m, "training/PX01/classes.csv", 0, ""));
  EXPECT_TRUE(m.sessions.empty());
}

TEST_F(TrainingLoader, UnknownColumnsAreIgnoredAndMissingRequiredColumnIsNamed) {
  Write("training/PX01/classes.csv",
        "备注,class_id,category,cycle,start_date,end_date\nx,C01,principal,initial,2022-04-06,2022-04-07\n");
  Write("training/PX01/trainees.csv", "class_id,name\nC01,张三\n");
  ArchiveModel m = Load();
  ASSERT_EQ(m.classes.size(), 1u);
  bool named = false;
  for (const auto& i : m.issues) {
    if (i.file == "training/PX01/trainees.csv" && i.message_en.find("trainee_id") != std::string::npos) named = true;
  }
  EXPECT_TRUE(named);
}

TEST_F(TrainingLoader, BadDateNamesLineAndColumnAndTheRestLoads) {
  Write("training/PX01/classes.csv",
        "class_id,category,cycle,start_date,end_date\n"
        "C01,principal,initial,2022-02-30,2022-03-01\n"
        "C02,principal,initial,2022-03-01,2022-03-02\n");
  ArchiveModel m = Load();
  ASSERT_EQ(m.classes.size(), 1u);
  EXPECT_EQ(m.classes[0].class_id, "C02");
  EXPECT_TRUE(HasIssue(m, "training/PX01/classes.csv", 2, "start_date"));
}

TEST_F(TrainingLoader, Gb18030WithAStrayInvalidByteStillLoads) {
  std::string bytes = Utf8ToGb18030(kClassesChinese);
  bytes.insert(bytes.find("C02"), "\x80");  // 0x80 is invalid in GB18030
  Write("training/PX01/classes.csv", bytes);
  ArchiveModel m = Load();
  EXPECT_EQ(m.classes.size(), 2u);
  EXPECT_TRUE(HasIssue(m, "training/PX01/classes.csv", 3, ""));
  EXPECT_EQ(m.classes[0].industry, "危险化学品");
}

TEST_F(TrainingLoader, SessionsAttendanceTraineesTeachers) {
  Write("training/PX01/sessions.csv",
        "班级编号,课次,日期,开始时间,结束时间,授课方式,课程内容,教师身份证号,学时\n"
        "C01,1,2022-04-06,０８：３０,10:00,理论,\"法规, 标准\",11010519491231002x,2\n"
        "C01,2,2022-04-06,10:00,09:00,理论,倒置,11010519491231002X,2\n");
  Write("training/PX01/attendance.csv",
        "class_id,session_id,trainee_id,check_in,check_out,method\n"
        "C01,1,11010519491231002X,2022-04-06 08:25:00,2022-04-06T10:01:00,人脸\n");
  Write("training/PX01/trainees.csv", "班级编号,身份证号,姓名,是否结业\nC01,11010519491231002X,张三,是\n");
  Write("training/PX01/teachers.csv", "身份证号,姓名,资格,从业年限\n11010519491231002X,李四,注册安全工程师,10\n");
  ArchiveModel m = Load();
  ASSERT_EQ(m.sessions.size(), 1u);
  EXPECT_EQ(m.sessions[0].topic, "法规, 标准");
  EXPECT_EQ(m.sessions[0].end - m.sessions[0].start, 90 * 60);
  EXPECT_EQ(PersonKey(m.sessions[0].teacher_id), "11010519491231002X");
  EXPECT_TRUE(HasIssue(m, "training/PX01/sessions.csv", 3, "结束时间"));
  ASSERT_EQ(m.attendance.size(), 1u);
  EXPECT_EQ(m.attendance[0].method, SignInMethod::kFace);
  ASSERT_TRUE(m.attendance[0].check_out);
  ASSERT_EQ(m.trainees.size(), 1u);
  EXPECT_TRUE(m.trainees[0].completed);
  ASSERT_EQ(m.teachers.size(), 1u);
  EXPECT_EQ(m.teachers[0].years, 10.0);
}

// A sign-in to a session the timetable does not list is said once for the file, with the count
// and the first lines; a session listed with bad times is still listed.
TEST_F(TrainingLoader, SignInsToSessionsNotInTheTimetableAreSaidOnce) {
  Write("training/PX01/sessions.csv",
        "class_id,session_id,date,start,end,mode\n"
        "C01,1,2022-04-06,08:30,10:00,理论\n"
        "C01,2,2022-04-06,10:00,09:00,理论\n");
  std::string attendance = "class_id,session_id,trainee_id,check_in\n";
  attendance += "C01,1,11010519491231002X,2022-04-06 08:25\n";                              // line 2: listed
  attendance += "C01,2,11010519491231002X,2022-04-06 10:00\n";                              // line 3: listed, bad times
  for (int i = 0; i < 7; ++i) attendance += "C01,9,11010519491231002X,2022-04-07 08:25\n";  // lines 4-10
  attendance += "C02,1,11010519491231002X,2022-04-06 08:25\n";                              // line 11: other class
  Write("training/PX01/attendance.csv", attendance);
  ArchiveModel m = Load();
  EXPECT_EQ(m.attendance.size(), 10u) << "the sign-ins are kept";
  int said = 0;
  for (const auto& issue : m.issues) {
    if (issue.file != "training/PX01/attendance.csv") continue;
    ++said;
    EXPECT_EQ(issue.line, 4);
    EXPECT_EQ(issue.column, "session_id");
    EXPECT_NE(issue.message_zh.find("8 条签到记录"), std::string::npos) << issue.message_zh;
    EXPECT_NE(issue.message_en.find("(lines 4, 5, 6, 7, 8 …)"), std::string::npos) << issue.message_en;
  }
  EXPECT_EQ(said, 1);
}

TEST_F(TrainingLoader, NoTimetableMeansNoSignInIssue) {
  Write("training/PX01/attendance.csv",
        "class_id,session_id,trainee_id,check_in\nC01,9,11010519491231002X,2022-04-07 08:25\n");
  ArchiveModel m = Load();
  for (const auto& issue : m.issues) EXPECT_NE(issue.file, "training/PX01/attendance.csv") << issue.message_en;
}

// classes.xlsx stands in for classes.csv: the same classes, and a bad date named by its Excel row.
TEST_F(TrainingLoader, ClassesFromAWorkbookLoadLikeTheCsv) {
  const std::vector<std::string> strings = {"班级编号", "培训类别",         "培训性质", "开班日期", "结业日期",
                                            "C01",      "安全生产管理人员", "初训",     "某天"};
  const std::string rows =
      R"(<row r="1"><c t="s"><v>0</v></c><c t="s"><v>1</v></c><c t="s"><v>2</v></c><c t="s"><v>3</v></c><c t="s"><v>4</v></c></row>)"
      R"(<row r="2"><c t="s"><v>5</v></c><c t="s"><v>6</v></c><c t="s"><v>7</v></c><c s="1"><v>44657</v></c><c s="1"><v>44662</v></c></row>)"
      R"(<row r="5"><c t="inlineStr"><is><t>C02</t></is></c><c t="s"><v>6</v></c><c t="s"><v>7</v></c><c t="s"><v>8</v></c><c s="1"><v>44662</v></c></row>)";
  Write("training/PX01/classes.xlsx", XlsxWorkbook(rows, strings));
  ArchiveModel m = Load();
  ASSERT_EQ(m.classes.size(), 1u);
  EXPECT_EQ(m.classes[0].class_id, "C01");
  EXPECT_EQ(m.classes[0].category, Category::kSafetyManager);
  EXPECT_EQ(m.classes[0].start_date, DateFromYmd(2022, 4, 6));
  EXPECT_EQ(m.classes[0].end_date, DateFromYmd(2022, 4, 11));
  EXPECT_EQ(std::string(m.classes[0].source.file), "training/PX01/classes.xlsx");
  EXPECT_EQ(m.classes[0].source.line, 2);
  bool named = false;
  for (const auto& issue : m.issues) {
    if (issue.file == "training/PX01/classes.xlsx" && issue.line == 5 && issue.column == "开班日期") named = true;
  }
  EXPECT_TRUE(named) << "the bad date is named by its Excel row and header";
  for (const auto& missing : m.missing_files) EXPECT_NE(missing.file, "training/PX01/classes.csv");
}

TEST_F(TrainingLoader, AWorkbookSavedUnderACsvNameAndABrokenOne) {
  const std::string rows =
      R"(<row r="1"><c t="inlineStr"><is><t>code</t></is></c><c t="inlineStr"><is><t>name</t></is></c><c t="inlineStr"><is><t>kind</t></is></c></row>)"
      R"(<row r="2"><c t="inlineStr"><is><t>PX01</t></is></c><c t="inlineStr"><is><t>培训学校</t></is></c><c t="inlineStr"><is><t>培训机构</t></is></c></row>)";
  Write("institutions.csv", XlsxWorkbook(rows, {}));
  Write("training/PX01/classes.xlsx", std::string("PK\x03\x04", 4) + "not really a zip");
  ArchiveModel m = Load();
  ASSERT_EQ(m.institutions.size(), 1u);
  EXPECT_EQ(m.institutions[0].name, "培训学校");
  bool said = false;
  for (const auto& issue : m.issues) {
    if (issue.file == "training/PX01/classes.xlsx" && issue.message_zh.find("无法读取 Excel 工作簿") == 0) said = true;
  }
  EXPECT_TRUE(said);
}

}  // namespace
}  // namespace xk
