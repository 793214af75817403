#include "detectors/fisher_exact.h"

#include <algorithm>
#include <cmath>

namespace xk {

namespace {
double LogFactorial(long n) { return std::lgamma(static_cast<double>(n) + 1.0); }
double LogChoose(long n, long k) { return LogFactorial(n) - LogFactorial(k) - LogFactorial(n - k); }
}  // namespace

double FisherExactGreater(long a, long b, long c, long d) {
  const long group = a + b, passed = a + c, total = a + b + c + d;
  if (total == 0) return 1.0;
  const double log_all = LogChoose(total, group);
  const long most = std::min(group, passed);
  double p = 0;
  for (long x = a; x <= most; ++x) {
    if (group - x > total - passed) continue;  // more failures in the group than there are
    p += std::exp(LogChoose(passed, x) + LogChoose(total - passed, group - x) - log_all);
  }
  return std::min(1.0, p);
}

}  // namespace xk
