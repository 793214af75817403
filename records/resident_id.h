// Resident ID numbers (公民身份号码, GB 11643-1999): the check an exam centre's candidate list
// and a training roster must pass. An ID is 18 characters: a 6-digit area code, the birth date
// YYYYMMDD, a 3-digit sequence and a check digit (ISO 7064 MOD 11-2; "X" stands for 10, and "x"
// is read as "X"). The check works on the value as written: full-width digits and surrounding
// spaces are folded first (as PersonKey does), nothing is "repaired" — a number Excel turned into
// 4.30402E+17 is invalid, and the problem says why.
#pragma once

#include <string>
#include <string_view>

namespace xk {

struct IdCheck {
  bool valid = false;
  std::string problem_zh;  // empty when valid, e.g. "校验码应为 X，实为 5"
  std::string problem_en;  // empty when valid, e.g. "check digit should be X, is 5"
};

// Checks length (18), digits (17 digits then a digit or X), the birth date (a real calendar day
// in the years 1900-2099) and the MOD 11-2 check digit, in that order; the first failure is the
// problem reported.
IdCheck CheckResidentId(const std::string& id_as_written);

// True for a value a spreadsheet wrote as a number in scientific notation (4.30422E+17, 1E+17):
// an ID mangled so that it no longer tells people apart, since different people share it.
bool IsSpreadsheetNumber(std::string_view value);

// The check character ('0'-'9' or 'X') of the first 17 characters of `id`, which must be digits:
// ISO 7064 MOD 11-2 as GB 11643-1999 weighs them. For checking IDs and for generating valid ones.
char ResidentIdCheckCharacter(std::string_view id);

}  // namespace xk
