// Internal: a small open-addressing hash map from code point strings to values, looked
// up by (pointer, length) without building a key string. The tokenizer probes it a few
// dozen times per word, so it avoids allocation, node chasing and byte-wise hashing.
#pragma once
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace kotext::detail {

inline std::uint64_t hash_codepoints(const char32_t* p, std::size_t n) {
  std::uint64_t h = 0x9E3779B97F4A7C15ull ^ n;
  for (std::size_t i = 0; i < n; ++i) h = (h ^ p[i]) * 0x100000001B3ull;
  h ^= h >> 29;
  h *= 0xBF58476D1CE4E5B9ull;
  h ^= h >> 32;
  return h;
}

template <class V>
class FlatMap {
 public:
  /// Inserts or returns the existing value for @p key (invalidates find() results).
  V& operator[](const std::u32string& key) {
    if ((entries_.size() + 1) * 2 > slots_.size()) grow();
    std::uint64_t h = hash_codepoints(key.data(), key.size());
    std::size_t i = h & mask_;
    while (slots_[i] >= 0) {
      auto& e = entries_[static_cast<std::size_t>(slots_[i])];
      if (hashes_[i] == h && e.first == key) return e.second;
      i = (i + 1) & mask_;
    }
    slots_[i] = static_cast<std::int32_t>(entries_.size());
    hashes_[i] = h;
    entries_.emplace_back(key, V{});
    return entries_.back().second;
  }

  const V* find(const char32_t* p, std::size_t n) const {
    if (entries_.empty()) return nullptr;
    std::uint64_t h = hash_codepoints(p, n);
    std::size_t i = h & mask_;
    while (slots_[i] >= 0) {
      if (hashes_[i] == h) {
        const auto& e = entries_[static_cast<std::size_t>(slots_[i])];
        if (e.first.size() == n && std::char_traits<char32_t>::compare(e.first.data(), p, n) == 0) {
          return &e.second;
        }
      }
      i = (i + 1) & mask_;
    }
    return nullptr;
  }
  const V* find(const std::u32string& key) const { return find(key.data(), key.size()); }

  bool empty() const noexcept { return entries_.empty(); }
  std::size_t size() const noexcept { return entries_.size(); }
  void clear() {
    entries_.clear();
    slots_.clear();
    hashes_.clear();
    mask_ = 0;
  }
  const std::vector<std::pair<std::u32string, V>>& entries() const noexcept { return entries_; }

 private:
  void grow() {
    std::size_t cap = slots_.empty() ? 16 : slots_.size() * 2;
    slots_.assign(cap, -1);
    hashes_.assign(cap, 0);
    mask_ = cap - 1;
    for (std::size_t k = 0; k < entries_.size(); ++k) {
      std::uint64_t h = hash_codepoints(entries_[k].first.data(), entries_[k].first.size());
      std::size_t i = h & mask_;
      while (slots_[i] >= 0) i = (i + 1) & mask_;
      slots_[i] = static_cast<std::int32_t>(k);
      hashes_[i] = h;
    }
  }

  std::vector<std::pair<std::u32string, V>> entries_;
  std::vector<std::int32_t> slots_;
  std::vector<std::uint64_t> hashes_;
  std::size_t mask_ = 0;
};

}  // namespace kotext::detail
