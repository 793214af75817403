// Knock-on findings: a finding that follows from another one found in the same run names it as
// its cause (Finding::cause), so that reports and packets can show causes first and their
// knock-ons under them. Which rule follows from which, and on what they must agree, is the table
// in knock_on.cc.
#pragma once

#include <vector>

#include "records/finding.h"

namespace xk {

// Sets `cause` on every knock-on whose cause is among `findings`.
void LinkKnockOns(std::vector<Finding>* findings);

}  // namespace xk
