#include "src/serve/findings_list_cache.h"

namespace xk::serve {

std::optional<FindingsListCache::List> FindingsListCache::Find(const std::string& mark, const std::string& key) {
  std::lock_guard lock(mutex_);
  if (mark != mark_) return std::nullopt;
  const auto it = lists_.find(key);
  if (it == lists_.end()) return std::nullopt;
  return it->second;
}

void FindingsListCache::Keep(const std::string& mark, const std::string& key, List list) {
  std::lock_guard lock(mutex_);
  if (mark != mark_) {
    lists_.clear();
    ids_kept_ = 0;
    mark_ = mark;
  }
  if (list.ids && list.ids->size() > max_ids_) list.ids.reset();
  const size_t ids = list.ids ? list.ids->size() : 0;
  if (lists_.size() >= max_lists_ || ids_kept_ + ids > max_ids_) {
    lists_.clear();
    ids_kept_ = 0;
  }
  if (auto it = lists_.find(key); it != lists_.end() && it->second.ids) ids_kept_ -= it->second.ids->size();
  ids_kept_ += ids;
  lists_[key] = std::move(list);
}

}  // namespace xk::serve
