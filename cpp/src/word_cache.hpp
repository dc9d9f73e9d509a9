// A per-thread, direct-mapped cache of a value per short word (code points), in front of
// a slower analysis: a hit costs a hash and a compare, no lock and no allocation (news
// repeats its eojeols: most lookups hit). Each entry carries the id of the state that
// made it (a Lexicon, a tokenizer state): a new state, even at the address of a freed
// one, takes a new id and never sees the old entries. The lexicon's word contents and
// the rule tokenizer's stems both sit behind one.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "flat_map.hpp"

namespace kotext::detail {

template <class Value, std::size_t Slots, std::size_t MaxLen>
class WordCache {
  static_assert((Slots & (Slots - 1)) == 0, "a power of two: the slot is the hash's low bits");

 public:
  static constexpr std::size_t kMaxLen = MaxLen;  ///< longer words are not cached

  /// The cached value of @p w, or make() remembered; words longer than kMaxLen are made
  /// every time.
  template <class Make>
  Value get(std::uint64_t owner, const char32_t* w, std::size_t n, Make&& make) {
    if (n > MaxLen) return make();
    const std::uint64_t h = hash_codepoints(w, n);
    Slot& s = slots_[h & (Slots - 1)];
    if (s.owner == owner && s.hash == h && s.len == n &&
        std::char_traits<char32_t>::compare(s.word, w, n) == 0) {
      return s.value;
    }
    Value v = make();
    s.owner = owner;
    s.hash = h;
    s.len = static_cast<std::uint8_t>(n);
    std::char_traits<char32_t>::copy(s.word, w, n);
    s.value = v;
    return v;
  }

 private:
  struct Slot {
    std::uint64_t owner = 0;  // 0: never a state's id
    std::uint64_t hash = 0;
    std::uint8_t len = 0;
    char32_t word[MaxLen];
    Value value;
  };
  std::vector<Slot> slots_ = std::vector<Slot>(Slots);
};

}  // namespace kotext::detail
