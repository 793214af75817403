// report.html's people section: every person a finding names, followed from class to exam to
// certificate (src/person), so an officer reading a finding about a trainee sees at once the
// hours they signed in for, the exams they sat and the certificates they hold. Findings link to
// it through PersonAnchor.
#pragma once

#include <set>
#include <string>
#include <vector>

#include "src/report/report_page.h"

namespace xk {

// The people the report follows (their PersonKeys): everyone a reported finding names, at most
// kReportedPeople of them (the report stays readable; `xunkao person` reaches the rest). Sets
// `named` to how many the findings name in all.
inline constexpr size_t kReportedPeople = 2000;
std::set<std::string> ReportedPeople(const std::vector<store::StoredFinding>& findings, size_t* named);

// "p-" and the hex of the PersonKey: an id attribute safe whatever the archive wrote.
std::string PersonAnchor(const std::string& key);
// The people of a finding, each a link to their chain when the report has one.
std::string PeopleLinks(const ReportPage& page, const Finding& finding);
// "七、人员链条": its heading and PersonChains; nothing when no finding names anyone.
std::string PeopleSection(const ReportPage& page);
// Each person of `page.data.people` from class to exam to certificate, a folded entry each
// (`unfolded`: open), without a heading: the report's section and the workbench's person page.
std::string PersonChains(const ReportPage& page, bool unfolded);

}  // namespace xk
