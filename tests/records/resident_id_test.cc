#include "records/resident_id.h"

#include <gtest/gtest.h>

namespace xk {
namespace {

TEST(ResidentIdTest, AcceptsTheStandardExampleEndingInX) {
  IdCheck check = CheckResidentId("11010519491231002X");
  EXPECT_TRUE(check.valid);
  EXPECT_TRUE(check.problem_zh.empty());
  EXPECT_TRUE(check.problem_en.empty());
}

TEST(ResidentIdTest, LowerCaseXIsTheSameAsUpperCase) { EXPECT_TRUE(CheckResidentId("11010519491231002x").valid); }

TEST(ResidentIdTest, AcceptsAValidNumberEndingInADigit) {
  EXPECT_TRUE(CheckResidentId("430402198505120018").valid);
  EXPECT_TRUE(CheckResidentId("440306197511203319").valid);
}

TEST(ResidentIdTest, FullWidthDigitsAndSurroundingSpacesAreReadAsWritten) {
  // "１１０１０５１９４９１２３１００２Ｘ" with spaces around, as a Chinese IME may type it.
  EXPECT_TRUE(CheckResidentId(" \xEF\xBC\x91\xEF\xBC\x91\xEF\xBC\x90\xEF\xBC\x91\xEF\xBC\x90\xEF\xBC\x95"
                              "\xEF\xBC\x91\xEF\xBC\x99\xEF\xBC\x94\xEF\xBC\x99\xEF\xBC\x91\xEF\xBC\x92"
                              "\xEF\xBC\x93\xEF\xBC\x91\xEF\xBC\x90\xEF\xBC\x90\xEF\xBC\x92\xEF\xBC\xB8 ")
                  .valid);
}

TEST(ResidentIdTest, BirthDateMustBeARealDay) {
  // 1949-12-31 is a day; 1949-02-30 is not, although its check digit is right.
  EXPECT_TRUE(CheckResidentId("11010519491231002X").valid);
  IdCheck check = CheckResidentId("110105194902300020");
  EXPECT_FALSE(check.valid);
  EXPECT_NE(check.problem_zh.find("19490230"), std::string::npos) << check.problem_zh;
  EXPECT_NE(check.problem_en.find("birth date"), std::string::npos) << check.problem_en;
}

TEST(ResidentIdTest, LeapDayIsAcceptedOnlyInLeapYears) {
  EXPECT_TRUE(CheckResidentId("110105200002290048").valid);   // 2000 is a leap year
  EXPECT_FALSE(CheckResidentId("110105190002290041").valid);  // 1900 is not
}

TEST(ResidentIdTest, WrongCheckDigitSaysWhichItShouldBe) {
  IdCheck check = CheckResidentId("110105194912310021");
  EXPECT_FALSE(check.valid);
  EXPECT_EQ(check.problem_zh, "校验码应为 X，实为 1");
  EXPECT_EQ(check.problem_en, "check digit should be X, is 1");
}

TEST(ResidentIdTest, ExcelScientificNotationIsInvalidNotRepaired) {
  IdCheck check = CheckResidentId("4.30402E+17");
  EXPECT_FALSE(check.valid);
  EXPECT_NE(check.problem_zh.find("科学计数法"), std::string::npos);
}

TEST(ResidentIdTest, WrongLengthAndNonDigits) {
  EXPECT_FALSE(CheckResidentId("").valid);
  IdCheck old = CheckResidentId("110105491231002");
  EXPECT_FALSE(old.valid);
  EXPECT_NE(old.problem_zh.find("15 位"), std::string::npos);
  IdCheck longer = CheckResidentId("11010519491231002X1");
  EXPECT_EQ(longer.problem_zh, "长度为 19 位，应为 18 位");
  IdCheck letter = CheckResidentId("1101051949123100AX");
  EXPECT_EQ(letter.problem_zh, "第 17 位不是数字");
  IdCheck bad_last = CheckResidentId("11010519491231002Y");
  EXPECT_FALSE(bad_last.valid);
}

TEST(ResidentIdTest, SpreadsheetNumbersAreRecognisedAndRealIdsAreNot) {
  EXPECT_TRUE(IsSpreadsheetNumber("4.30422E+17"));
  EXPECT_TRUE(IsSpreadsheetNumber(" 4.30402e+17 "));
  EXPECT_TRUE(IsSpreadsheetNumber("1E+17"));
  EXPECT_TRUE(IsSpreadsheetNumber("4.3E17"));
  EXPECT_FALSE(IsSpreadsheetNumber("11010519491231002X"));
  EXPECT_FALSE(IsSpreadsheetNumber("110105194912310021"));
  EXPECT_FALSE(IsSpreadsheetNumber(""));
  EXPECT_FALSE(IsSpreadsheetNumber("E+17"));
  EXPECT_FALSE(IsSpreadsheetNumber("4.E+17"));
  EXPECT_FALSE(IsSpreadsheetNumber("4.3E+"));
  EXPECT_FALSE(IsSpreadsheetNumber("P1"));
}

}  // namespace
}  // namespace xk
