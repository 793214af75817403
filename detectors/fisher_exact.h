// Fisher's exact test for a 2x2 table, one-sided: how likely a group does at least this well by
// chance when every candidate of the subject had the same chance to pass. Computed with
// log-factorials (std::lgamma), so tables of hundreds of thousands stay finite.
#pragma once

namespace xk {

// The table            passed  failed
//        this group      a       b
//        the rest        c       d
// P(X >= a) under the hypergeometric distribution with the margins fixed (the "greater"
// alternative: this group passes more often than the rest). 1 for an empty table. Counts must be
// non-negative.
double FisherExactGreater(long a, long b, long c, long d);

}  // namespace xk
