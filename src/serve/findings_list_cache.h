// What the findings list keeps between requests while the store is unchanged: for each list (its
// filters, whatever the page) how many findings it holds, and for the lists that take a pass over
// every finding (a search text, a case state, a person) their ids in order, so that paging
// through them does not search again. All is forgotten when the store's change mark moves (a run
// began or ended, a case event was recorded: AuditStore::ChangeMark) or the day changes (which
// cases are overdue). Bounded in entries and in ids kept; thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace xk::serve {

class FindingsListCache {
 public:
  struct List {
    int64_t total = 0;
    // Every id in the list's order, when kept (shared: a request reads them while another replaces them).
    std::shared_ptr<const std::vector<std::string>> ids;
  };

  FindingsListCache(size_t max_lists, size_t max_ids) : max_lists_(max_lists), max_ids_(max_ids) {}

  // The list kept for `key` while the store's mark was `mark`.
  std::optional<List> Find(const std::string& mark, const std::string& key);
  // Keeps `list` for `key` under `mark` (forgetting everything kept under another mark). When the
  // bounds would be passed, what was kept is forgotten first; a list of more than max_ids ids is
  // kept by its total only.
  void Keep(const std::string& mark, const std::string& key, List list);

 private:
  const size_t max_lists_, max_ids_;
  std::mutex mutex_;
  std::string mark_;
  std::unordered_map<std::string, List> lists_;
  size_t ids_kept_ = 0;
};

}  // namespace xk::serve
