// The sweep the overlap rules share (TRN-TEACHER-CLASH: one teacher in two sessions at once;
// TRN-PROXY-SIGNIN (c): one trainee signed in at two places at once). Items sorted by owner and
// then start are walked once, each compared only with its owner's items still open when it
// starts, so every overlapping pair is found without comparing all pairs.
#pragma once

#include <cstddef>
#include <vector>

namespace xk {

// Calls visit(earlier, later) for every two items of one owner whose [start, end) overlap, in the
// order of the later one, then of the earlier. `items` are sorted by owner, then start;
// same_owner(a, b) says whether two neighbours have one owner. An item has `start` and `end`.
template <typename Item, typename SameOwner, typename Visit>
void ForEachOverlap(const std::vector<Item>& items, SameOwner same_owner, Visit visit) {
  std::vector<const Item*> open;  // the owner's items that end after the current one starts
  for (size_t i = 0; i < items.size(); ++i) {
    const Item& item = items[i];
    if (i == 0 || !same_owner(items[i - 1], item)) open.clear();
    std::erase_if(open, [&](const Item* earlier) { return earlier->end <= item.start; });
    for (const Item* earlier : open) visit(*earlier, item);
    open.push_back(&item);
  }
}

}  // namespace xk
