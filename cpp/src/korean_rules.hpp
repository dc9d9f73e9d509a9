// Internal: Hangul helpers and the particle / ending tables shared by the tokenizer and
// the noun learner. Not a public header.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

#include "flat_map.hpp"

namespace kotext::detail {

inline bool is_hangul_syllable(char32_t c) { return c >= 0xAC00 && c <= 0xD7A3; }

/// Final consonant (jongseong) index of a syllable: 0 = none, 8 = ㄹ, 20 = ㅆ, 18 = ㅄ.
inline int jongseong(char32_t c) { return is_hangul_syllable(c) ? static_cast<int>((c - 0xAC00) % 28) : -1; }

/// What the stem before a suffix must end in.
enum class Attach : std::uint8_t {
  Any,             // no condition (의, 에, 도, 만, 하다 forms...)
  Consonant,       // after a final consonant (이, 을, 은, 과, 으로...)
  Vowel,           // after no final consonant (가, 를, 는, 와...)
  VowelOrRieul,    // after a vowel or ㄹ (로, 로서...)
};

enum class SuffixKind : std::uint8_t {
  Josa,       // particles (and plural 들 + particle)
  Predicate,  // 하다 / 되다 / 시키다 / 받다 / 적 / 스럽다 ... forms after a noun
  Copula,     // 이다 forms
};

struct SuffixInfo {
  Attach attach = Attach::Any;
  SuffixKind kind = SuffixKind::Josa;
};

/// Whether a suffix with @p attach may follow a stem ending in code point @p last.
/// A stem ending in a non-Hangul character (K패션 -> 'K'?) accepts any attachment.
inline bool attach_ok(Attach attach, char32_t last) {
  int j = jongseong(last);
  if (j < 0) return true;
  switch (attach) {
    case Attach::Any: return true;
    case Attach::Consonant: return j != 0;
    case Attach::Vowel: return j == 0;
    case Attach::VowelOrRieul: return j == 0 || j == 8;
  }
  return true;
}

/// Flags of a built-in lexicon entry.
enum LexFlag : std::uint16_t {
  kSuffix = 1,           // a particle / ending (see LexEntry::suffix)
  kNoun = 2,             // a noun never cut (도로, 경기도)
  kNounEnding = 4,       // no cut may fall inside it (결과, 도로)
  kFunctionWord = 8,     // dropped with drop_predicates (위해, 대한)
  kVerbalEnding = 16,    // marks a predicate (게, 도록)
  kQuoteEnding = 32,     // follows 다 or a closing quote (는, 고, 며)
  kOneSyllableNoun = 64, // may stand as a stem before a particle (비, 눈)
  kStrongVerbalEnding = 128,  // marks a predicate before any particle rule (아우르는)
};

struct LexEntry {
  std::uint16_t flags = 0;
  SuffixInfo suffix;
};

/// The built-in lexicon: particles and endings with their attachment, and the word lists
/// used by the rules, in one table probed by (pointer, length). Built once, immutable,
/// thread-safe to read.
struct KoreanRules {
  FlatMap<LexEntry> table;
  std::size_t max_suffix = 0;
  std::size_t max_verbal_ending = 0;

  const LexEntry* lookup(const char32_t* p, std::size_t n) const { return table.find(p, n); }
  /// Per Hangul syllable: the OR of the flags of the entries starting with it (a cheap
  /// filter before the table probe).
  std::vector<std::uint16_t> initial_flags = std::vector<std::uint16_t>(11172, 0);

  bool may_start(LexFlag flag, char32_t c) const {
    return is_hangul_syllable(c) && (initial_flags[c - 0xAC00] & flag);
  }
  const SuffixInfo* find_suffix(const char32_t* p, std::size_t n) const {
    if (n == 0 || !may_start(kSuffix, p[0])) return nullptr;
    const LexEntry* e = table.find(p, n);
    return e && (e->flags & kSuffix) ? &e->suffix : nullptr;
  }
  bool has(LexFlag flag, const char32_t* p, std::size_t n) const {
    if (n == 0 || !may_start(flag, p[0])) return false;
    const LexEntry* e = table.find(p, n);
    return e && (e->flags & flag);
  }
  bool is_one_syllable_noun(char32_t c) const { return has(kOneSyllableNoun, &c, 1); }
};

const KoreanRules& korean_rules();

}  // namespace kotext::detail
