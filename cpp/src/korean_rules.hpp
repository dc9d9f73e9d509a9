// Internal: Hangul helpers and the particle / ending tables shared by the tokenizer and
// the noun learner. Not a public header.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

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

/// The built-in particle / ending table (u32 key -> info), its longest key, and the
/// word lists used by the rules. Built once, immutable, thread-safe to read.
struct KoreanRules {
  std::unordered_map<std::u32string, SuffixInfo> suffixes;
  std::size_t max_suffix = 0;
  std::unordered_set<std::u32string> one_syllable_nouns;  // 비 눈 옷 값 법 ...
  std::unordered_set<std::u32string> nouns;               // words never cut (도로, 경기도)
  std::unordered_set<std::u32string> noun_endings;        // cut never falls inside these word ends (결과, 도로)
  std::unordered_set<std::u32string> function_words;      // dropped with drop_predicates (위해, 대한)
  std::unordered_set<std::u32string> verbal_endings;      // endings that mark a predicate (게, 도록)
  std::size_t max_verbal_ending = 0;
  std::unordered_set<std::u32string> quote_endings;       // after 다 / a quote: 는 고 며 면 ...

  const SuffixInfo* find_suffix(const char32_t* p, std::size_t n) const;
  bool is_one_syllable_noun(char32_t c) const;
  bool in(const std::unordered_set<std::u32string>& set, const char32_t* p, std::size_t n) const;
};

const KoreanRules& korean_rules();

}  // namespace kotext::detail
