// The tokenizer: a single left-to-right scan over the normalized code points that cuts
// word runs, then a table-driven stem analysis of each run's Hangul tail.
#include "kotext/tokenize.hpp"

#include <algorithm>
#include <atomic>
#include <unordered_map>
#include <unordered_set>

#include <utf8proc.h>

#include "korean_rules.hpp"
#include "word_cache.hpp"
#include "kotext/error.hpp"
#include "kotext/parallel.hpp"
#include "kotext/utf8.hpp"
#include "kotext/vocabulary.hpp"  // is_python_space

namespace kotext {
namespace {

using detail::is_hangul_syllable;
using detail::KoreanRules;

enum class CharClass : std::uint8_t { Sep, Hangul, Latin, Digit, Hanja };

inline CharClass classify(char32_t c) {
  if (c < 0x80) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) return CharClass::Latin;
    if (c >= '0' && c <= '9') return CharClass::Digit;
    return CharClass::Sep;
  }
  if (is_hangul_syllable(c)) return CharClass::Hangul;
  if ((c >= 0xC0 && c <= 0x24F && c != 0xD7 && c != 0xF7) || (c >= 0x370 && c <= 0x3FF) ||
      (c >= 0x400 && c <= 0x4FF) || (c >= 0x1E00 && c <= 0x1EFF)) {
    return CharClass::Latin;
  }
  if ((c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0xF900 && c <= 0xFAFF)) {
    return CharClass::Hanja;
  }
  return CharClass::Sep;
}

// Unicode simple lowercase mapping (utf8proc's, the one Python's str.lower applies letter
// by letter): RÉSUMÉ -> résumé, ΑΘΗΝΑ -> αθηνα.
inline char32_t lower(char32_t c) {
  if (c < 0x80) return (c >= 'A' && c <= 'Z') ? c + 32 : c;
  return static_cast<char32_t>(utf8proc_tolower(static_cast<utf8proc_int32_t>(c)));
}

// Units written right after a number (3.5%, 14.3㎞, 20℃, 5‰): part of the number token.
inline bool is_unit_symbol(char32_t c) {
  return c == U'%' || c == U'\u2030' /*‰*/ || c == U'\u2103' /*℃*/ || c == U'\u2109' /*℉*/ ||
         c == U'\u2113' /*ℓ*/ || (c >= 0x3380 && c <= 0x33DF) /*㎞ ㎏ ㎡ ...*/;
}

// Between two digits, these glue one number: decimals and thousands (3.5, 1,800), dates
// and ratios (5·18, 7ㆍ4), ranges and serials (1950~1960, 2-1, 13-1), times (10:30).
inline bool is_number_joiner(char32_t c) {
  return c == U'.' || c == U',' || c == U'\u00B7' /*·*/ || c == U'\u318D' /*ㆍ*/ || c == U'~' ||
         c == U'-' || c == U':';
}

// A token in normalized coordinates, before offsets are mapped back.
struct Raw {
  std::size_t s = 0;
  std::size_t len = 0;
  TokenType type = TokenType::Other;
  std::string text;
  bool user = false;  // a user word: exempt from stopwords
  const char* tag = "";  // Sejong tag with a Lexicon (a static string)
};

TokenType type_of(const char32_t* p, std::size_t n) {
  bool h = false, l = false, d = false, x = false;
  for (std::size_t i = 0; i < n; ++i) {
    switch (classify(p[i])) {
      case CharClass::Hangul: h = true; break;
      case CharClass::Latin: l = true; break;
      case CharClass::Digit: d = true; break;
      case CharClass::Hanja: x = true; break;
      default: break;
    }
  }
  if (x) return (h || l || d) ? TokenType::Mixed : TokenType::Other;
  if (d && !l && (!h || classify(p[0]) == CharClass::Digit)) return TokenType::Number;
  if (l && !h && !d) return TokenType::Latin;
  if (h && !l && !d) return TokenType::Hangul;
  return TokenType::Mixed;
}

// Quotes that normalize() maps to ' or " (curly, low-9, primes, corner brackets,
// full-width): whether one opens or closes is read from its position, never from its
// shape, so that a text and its normalization give the same tokens.
bool is_quote(char32_t c) {
  switch (c) {
    case U'\'': case U'"': case U'\u2018': case U'\u2019': case U'\u201A': case U'\u201B':
    case U'\u201C': case U'\u201D': case U'\u201E': case U'\u201F': case U'\u2032':
    case U'\u2033': case U'\u300C': case U'\u300D': case U'\u300E': case U'\u300F':
    case U'\uFF02': case U'\uFF07':
      return true;
    default:
      return false;
  }
}

bool is_closing(char32_t c) {
  switch (c) {
    case U'\'': case U'"': case U')': case U']': case U'}': case U'\u2019': case U'\u201D':
    case U'\u00BB': case U'\u300D': case U'\u300F': case U'\u3009': case U'\u300B':
    case U'\u3011': case U'>':
      return true;
    default:
      return false;
  }
}

// Whether normalize() would leave every word of @p cps as it is, so that tokenizing the
// text directly gives the same tokens (and offsets) as tokenizing its normalization.
// Conservative: only for NFC (or no Unicode form), without lowercasing or emoji removal,
// and only when every code point is one that normalize() leaves alone or maps to another
// separator: ASCII without control characters (an '&' only when it starts no HTML
// reference that decode_html decodes: keeps_references()), Hangul syllables and unified Hanja without over-long repeats, Latin-1 and
// Latin Extended letters, and punctuation / symbol blocks (spaces, quotes, dots, arrows,
// shapes, enclosed alphanumerics, CJK punctuation, compatibility jamo, emoji). Dashes,
// zero-width characters, soft hyphens, combining marks, conjoining jamo, width variants,
// compatibility ideographs and everything else take the full normalization. Spaces may
// differ (normalize() collapses them), which changes no token; quotes become ' or ",
// which the tokenizer reads by position alone (closes_before()), so that changes none.
// The test above, one code point at a time, so that it can run while decoding (see
// Tokenizer::Impl::decode_kept). Callers first check keeps_words_possible(). A Hangul or
// Hanja repeat run is broken by any other code point, spaces included, so runs never
// cross chunks.
bool keeps_words_possible(const NormalizeOptions& o) {
  return !(o.lowercase || o.strip_emoji || o.form == UnicodeForm::NFKC);
}

// The per-code-point steps of the counting path's decoding loops: forced inline, since
// the compiler keeps them out of line once there are four loops (UTF-8, Latin-1, UCS-2,
// UCS-4), and a call per code point cost a fifth of the counting time.
#if defined(__GNUC__) || defined(__clang__)
#define KOTEXT_HOT_INLINE inline __attribute__((always_inline))
#else
#define KOTEXT_HOT_INLINE inline
#endif

struct KeepsWords {
  const NormalizeOptions& o;
  char32_t prev = 0;
  int run = 0;
  bool ampersand = false;  // an '&' passed: see keeps_references()

  KOTEXT_HOT_INLINE bool ok(char32_t c) {
    if (c < 0x80) {
      if ((c < 0x20 && c != U'\n' && c != U'\t' && c != U'\r') || c == 0x7F) return false;
      ampersand |= c == U'&';
      prev = 0;
      return true;
    }
    if (is_hangul_syllable(c) || (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF)) {
      if (c == prev) {
        if (o.max_repeat > 0 && ++run > o.max_repeat) return false;
      } else {
        run = 1;
      }
      prev = c;
      return true;
    }
    prev = 0;
    if (c < 0xA0 || c == 0xAD) return false;            // C1 controls, soft hyphen
    if (c <= 0x24F) return true;                        // Latin-1, Latin Extended-A/B
    if (c >= 0x1E00 && c <= 0x1EFF) return true;        // Latin Extended Additional
    if (c >= 0x2000 && c <= 0x2BFF) {                   // punctuation, symbols, arrows, shapes
      return !((c >= 0x200B && c <= 0x200F) || (c >= 0x2010 && c <= 0x2015) || c == 0x2212 ||
               (c >= 0x2060 && c <= 0x206F) || (c >= 0x20D0 && c <= 0x20FF) || c == 0x2126 ||
               c == 0x212A || c == 0x212B);
    }
    if (c >= 0x3000 && c <= 0x303F) return true;        // CJK punctuation
    if (c >= 0x3131 && c <= 0x318E) return c != 0x318D;  // compatibility jamo (ㆍ -> ·)
    if (c >= 0x3200 && c <= 0x33FF) return true;        // enclosed CJK, CJK compatibility
    if (c >= 0x1F000 && c <= 0x1FAFF) return true;      // emoji and pictographs
    return false;
  }
};

// KeepsWords::ok() as a table over the BMP for the branch-free loop of
// Tokenizer::Impl::units_kept: bit 0: the code point passes on its own; bit 1: it is one
// of the Hangul / Hanja code points whose repeats are limited; bit 2: '&', which passes
// unless decode_html finds a reference (the loop's caller checks). Built once (the other
// options ok() reads are applied by the loop); a second table, for text that is not
// normalized, flags only surrogates.
// Hangul runs longer than this take the rule analysis, not the dictionary's: no Korean word
// is that long (the longest mecab-ko-dic entries have about 20 syllables, so such a run is
// text with its spaces stripped, or noise), MeCab refuses long input ("too long sentence")
// and its lattice work grows faster than the run.
constexpr std::size_t kMaxDictionaryRun = 64;

constexpr std::uint8_t kKeepOk = 1, kKeepRepeatLimited = 2, kKeepAmpersand = 4, kChunkSpace = 8;

const std::uint8_t* keep_table(const NormalizeOptions* o) {
  auto build = [](const NormalizeOptions* opts) {
    auto* t = new std::uint8_t[0x10000];
    for (char32_t c = 0; c < 0x10000; ++c) {
      if (!opts) {
        t[c] = (c >= 0xD800 && c <= 0xDFFF) ? 0 : kKeepOk;
        if (c == U' ' || c == U'\n' || c == U'\t' || c == U'\r') t[c] |= kChunkSpace;
        continue;
      }
      KeepsWords fresh{*opts};
      const bool limited =
          is_hangul_syllable(c) || (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF);
      t[c] = static_cast<std::uint8_t>((fresh.ok(c) ? kKeepOk : 0) | (limited ? kKeepRepeatLimited : 0));
      // '&' passes, flagged: the text is then kept only if it holds no reference that
      // decode_html would decode (one in 30 news articles has an '&', few a reference).
      if (c == U'&') t[c] |= kKeepAmpersand;
      if (c == U' ' || c == U'\n' || c == U'\t' || c == U'\r') t[c] |= kChunkSpace;
    }
    return t;
  };
  if (!o) {
    static const std::uint8_t* const unchecked = build(nullptr);
    return unchecked;
  }
  static const std::uint8_t* const checked = [&] {  // built only when first asked for
    NormalizeOptions x;  // ok() reads no option but max_repeat, which the loop applies
    return build(&x);
  }();
  return checked;
}

// After a text passed KeepsWords: false when one of its '&' starts a reference that
// decode_html decodes (an '&' alone, as in R&D, is kept as it is).
bool keeps_references(std::u32string_view text, bool ampersand, const NormalizeOptions& o) {
  return !(ampersand && o.decode_html && holds_html_reference(text));
}

bool normalization_keeps_words(const std::u32string& cps, const NormalizeOptions& o) {
  if (!keeps_words_possible(o)) return false;
  KeepsWords keep{o};
  for (char32_t c : cps) {
    if (!keep.ok(c)) return false;
  }
  return keeps_references(cps, keep.ampersand, o);
}

std::u32string to_u32(std::string_view s) { return utf8::decode(s, utf8::ErrorMode::Replace); }

}  // namespace

const char* token_type_name(TokenType type) noexcept {
  switch (type) {
    case TokenType::Hangul: return "hangul";
    case TokenType::Latin: return "latin";
    case TokenType::Number: return "number";
    case TokenType::Mixed: return "mixed";
    case TokenType::Other: return "other";
    case TokenType::Ngram: return "ngram";
  }
  return "other";
}

const std::vector<std::string>& default_stopwords() {
  static const std::vector<std::string> words = {
      // bylines, agencies and the words of copyright notes that are never content. Nouns
      // that notes and promos also use but news is about (금지, 배포, 제공, 사진, 영상,
      // 댓글, 기사, 구독, 이용, 학습, 카카오톡, ...) are not here: the segmenter drops
      // those notes as boilerplate, and a stopword would drop the noun from every story.
      "기자", "특파원", "통신원", "객원기자", "인턴기자", "수습기자", "논설위원", "편집위원", "선임기자",
      "무단", "전재", "재배포", "저작권자", "연합뉴스", "뉴시스", "뉴스1", "머니투데이", "이데일리",
      "자료사진", "바로가기", "ⓒ", "copyright", "Copyright", "COPYRIGHT", "rights", "reserved",
      "Rights", "Reserved",
      // function words: bound nouns, pronouns, determiners, conjunctions and the
      // postposition-like verb forms; not the content nouns an annotator keeps (때, 경우,
      // 정도, 중, 이후, 현재, 일부: they carry time, quantity and circumstance)
      "것", "수", "등", "및", "데", "듯", "바", "터", "뿐", "만큼", "나름", "따름",
      "이", "그", "저", "이것", "그것", "저것", "여기", "거기", "통해", "위해", "대한", "대해",
      "또", "또한", "더", "약", "총", "각", "씨", "측", "때문", "우리", "저희", "자신", "모든",
  };
  return words;
}

std::uint64_t next_impl_id() {
  static std::atomic<std::uint64_t> counter{1};
  return counter.fetch_add(1, std::memory_order_relaxed);
}

// The per-thread cache of word analyses (word_cache.hpp): Korean news repeats its eojeols a
// lot (particles, frequent nouns), so most words skip the table probes. Its owner id is
// the tokenizer state's: every change of state takes a new id, so a stale entry never
// matches.
using StemCache = detail::WordCache<StemResult, 8192, 8>;

// Per-thread scratch of an analysis: the stem cache and reused buffers, reached through
// one thread_local lookup per call of the tokenizer instead of one per word (in a shared
// library every thread_local access is a call to __tls_get_addr: 4% of TF-IDF counting).
struct Scratch {
  StemCache cache;
  std::u32string low;
  std::vector<Raw> raws;  // chunk_tokens()
};

#if defined(__GNUC__) || defined(__clang__)
__attribute__((noinline))  // see thread_buffers() in word_counts.cpp
#endif
Scratch& thread_scratch() {
  thread_local Scratch scratch;
  return scratch;
}

struct Tokenizer::Impl {
  std::uint64_t id = 0;  // identity of this state for the stem cache
  const KoreanRules* rules = &detail::korean_rules();
  TokenizerOptions options;
  // plain state
  std::vector<std::string> user_words;
  std::vector<std::pair<std::string, double>> scored;
  double noun_threshold = 0.5;
  bool fitted = false;
  std::unordered_set<std::string> stopwords;
  detail::FlatMap<char> stop_index;  // stopwords as code points (lowercased with `lowercase`)
  // compiled from the plain state
  detail::FlatMap<char> user_single;
  detail::FlatMap<double> learned;
  std::unordered_map<std::string, std::vector<std::vector<std::string>>> multi;

  std::u32string normalize_word(const std::string& w) const {
    std::string s = options.normalize ? kotext::normalize(w, options.normalize_options) : w;
    std::u32string u = to_u32(s);
    if (options.lowercase) for (auto& c : u) c = lower(c);
    return u;
  }

  void compile_user() {
    user_single.clear();
    multi.clear();
    for (const std::string& w : user_words) {
      std::u32string u = normalize_word(w);
      // split on whitespace into parts
      std::vector<std::string> parts;
      std::u32string cur;
      for (char32_t c : u) {
        if (c == U' ' || c == U'\t' || c == U'\n') {
          if (!cur.empty()) parts.push_back(utf8::encode(cur)), cur.clear();
        } else {
          cur.push_back(c);
        }
      }
      if (!cur.empty()) parts.push_back(utf8::encode(cur));
      if (parts.empty()) continue;
      if (parts.size() == 1) {
        user_single[to_u32(parts[0])] = 1;
      } else {
        for (const auto& p : parts) user_single[to_u32(p)] = 1;
        auto& list = multi[parts[0]];
        if (std::find(list.begin(), list.end(), parts) == list.end()) list.push_back(parts);
        std::sort(list.begin(), list.end(),
                  [](const auto& a, const auto& b) { return a.size() > b.size(); });
      }
    }
  }

  void compile_stopwords() {
    stop_index.clear();
    for (const auto& w : stopwords) {
      std::u32string u = to_u32(w);
      if (options.lowercase) for (auto& c : u) c = lower(c);
      stop_index[u] = 1;
    }
  }

  bool is_stopword(const char32_t* p, std::size_t n, Scratch& scratch) const {
    if (!options.use_stopwords || stop_index.empty()) return false;
    if (!options.lowercase) return stop_index.find(p, n) != nullptr;
    std::u32string& low = scratch.low;
    low.assign(p, n);
    for (auto& c : low) c = lower(c);
    return stop_index.find(low) != nullptr;
  }

  void compile_learned() {
    learned.clear();
    for (const auto& [w, s] : scored) learned[to_u32(w)] = s;
  }

  bool is_user(const char32_t* p, std::size_t n) const {
    return !user_single.empty() && user_single.find(p, n) != nullptr;
  }
  // -1: unknown, else learned score
  double learned_score(const char32_t* p, std::size_t n) const {
    if (learned.empty()) return -1;
    const double* s = learned.find(p, n);
    return s ? *s : -1;
  }
  bool known_noun(const char32_t* p, std::size_t n) const {
    const KoreanRules& r = *rules;
    return is_user(p, n) || learned_score(p, n) >= noun_threshold || r.has(detail::kNoun, p, n);
  }
  bool known_non_noun(const char32_t* p, std::size_t n) const {
    double s = learned_score(p, n);
    return s >= 0 && s < 0.2;
  }

  // Whether cutting @p w at @p i falls inside one of the protected nouns (연구결과를 is
  // not cut between 결 and 과).
  bool cuts_noun_ending(const char32_t* w, std::size_t n, std::size_t i) const {
    const KoreanRules& r = *rules;
    for (std::size_t a = i >= 3 ? i - 3 : 0; a < i; ++a) {
      for (std::size_t b = i + 1; b <= n && b <= a + 4; ++b) {
        if (b - a >= 2 && r.has(detail::kNounEnding, w + a, b - a)) return true;
      }
    }
    return false;
  }

  static bool has_past_syllable(const char32_t* w, std::size_t n) {
    for (std::size_t k = 0; k < n; ++k) {
      int j = detail::jongseong(w[k]);
      if (j == 20 || w[k] == U'\uC5C6' /*없*/) return true;  // ㅆ, ㅄ: 있, 했, 없
    }
    return false;
  }

  // Whether w[0:i] ends in a known noun of two syllables or more (한국패션산업협회|의).
  bool ends_with_known_noun(const char32_t* w, std::size_t i) const {
    for (std::size_t a = 0; a + 2 <= i; ++a) {
      if (known_noun(w + a, i - a)) return true;
    }
    return false;
  }

  bool valid_suffix(const char32_t* w, std::size_t n, std::size_t i) const {
    const KoreanRules& r = *rules;
    if (n - i > r.max_suffix) return false;
    const detail::SuffixInfo* info = r.find_suffix(w + i, n - i);
    return info && detail::attach_ok(info->attach, w[i - 1]);
  }

  // Whether the dictionary already reads @p word as a noun of its own: the whole word as
  // its nominal content (one noun or a compound: 정부, 블랙핑크 = 블랙 + 핑크), or its
  // nominal content followed by a particle or ending of the suffix table (정부가 as a left
  // part). Such a candidate of the noun learner is no new word; one the dictionary cuts
  // into pieces that do not make it up (누리도 -> 누리/VV + 도, 하루꼬 -> 하루 + 꼬) is.
  bool dictionary_knows(const Lexicon& lex, const std::string& word) const {
    const std::u32string u = utf8::decode(word, utf8::ErrorMode::Replace);
    const WordContent c = lex.content(u);
    if (c.keep == 0 || c.function_only) return false;
    return c.keep == u.size() || valid_suffix(u.data(), u.size(), c.keep);
  }

  // Longest known-noun prefix followed by a valid suffix; 0 if none.
  std::size_t known_prefix(const char32_t* w, std::size_t n) const {
    const KoreanRules& r = *rules;
    const std::size_t lo = n > r.max_suffix ? n - r.max_suffix : 1;
    for (std::size_t i = n - 1; i >= std::max<std::size_t>(lo, 1); --i) {
      if (valid_suffix(w, n, i) && known_noun(w, i)) return i;
      if (i == 1) break;
    }
    return 0;
  }

  StemResult stem(const char32_t* w, std::size_t n) const {
    const KoreanRules& r = *rules;
    StemResult res{n, false};
    if (n == 0) return res;
    if (is_user(w, n)) return res;
    if (options.drop_predicates && r.has(detail::kFunctionWord, w, n)) return StemResult{0, true};
    if (known_noun(w, n)) return res;
    if (n == 1) return res;
    if (std::size_t k = known_prefix(w, n)) return StemResult{k, false};
    // Quoted predicates (발표했다는, 한다고, 있다며): analyze the part up to 다.
    if (n >= 3) {
      for (std::size_t k = 1; k <= 2 && k + 1 < n; ++k) {
        const char32_t d = w[n - k - 1];
        if ((d == U'\uB2E4' /*다*/ || d == U'\uB0D0' /*냐*/) && r.has(detail::kQuoteEnding, w + n - k, k)) {
          if (d == U'\uB0D0') return StemResult{0, options.drop_predicates};
          return stem(w, n - k);
        }
      }
    }
    if (options.drop_predicates && n >= 3 && r.has(detail::kStrongVerbalEnding, w + n - 2, 2)) {
      return StemResult{0, true};
    }
    // Rule-based: the longest suffix leaving a plausible stem.
    const std::size_t max_len = std::min(r.max_suffix, n - 1);
    bool verb_stem = false;
    for (std::size_t len = max_len; len >= 1; --len) {
      const std::size_t i = n - len;
      const detail::SuffixInfo* info = r.find_suffix(w + i, len);
      if (!info || !detail::attach_ok(info->attach, w[i - 1])) continue;
      if (i == 1 && w[1] != U'\uC528' /*씨: 김씨는*/ &&
          (info->kind == detail::SuffixKind::Copula || !r.is_one_syllable_noun(w[0]))) {
        continue;
      }
      if (w[i - 1] == U'\uC73C' /*으*/) continue;  // 장으|로써: 으 belongs to the ending
      if (known_non_noun(w, i) || has_past_syllable(w, i) ||
          (info->kind == detail::SuffixKind::Copula && w[i - 1] == U'\uB2C8' /*니|다*/)) {
        verb_stem = true;
        continue;
      }
      if (cuts_noun_ending(w, n, i) && !ends_with_known_noun(w, i)) continue;
      if (options.drop_predicates && r.has(detail::kFunctionWord, w, i)) return StemResult{0, true};
      return StemResult{i, false};
    }
    if (!options.drop_predicates) return res;
    // Predicates: a past-tense (ㅆ) or 없 syllable, or a verbal ending.
    for (std::size_t k = 0; k < n; ++k) {
      int j = detail::jongseong(w[k]);
      if (j == 20 || w[k] == U'\uC5C6' /*없*/) {
        if (k >= 1 && (w[k] == U'\uD588' /*했*/ || w[k] == U'\uB410' /*됐*/) &&
            (k >= 2 || r.is_one_syllable_noun(w[0]))) {
          return StemResult{k, false};
        }
        return StemResult{0, true};
      }
    }
    for (std::size_t len = std::min(r.max_verbal_ending, n - 1); len >= 1; --len) {
      if (r.has(detail::kVerbalEnding, w + n - len, len)) return StemResult{0, true};
    }
    if (verb_stem || (fitted && known_non_noun(w, n))) return StemResult{0, true};
    return res;
  }

  StemResult cached_stem(const char32_t* w, std::size_t n, StemCache& cache) const {
    return cache.get(id, w, n, [&] { return stem(w, n); });
  }

  // Particle cut of a Hangul tail that follows Latin letters or digits (K패션의, 2021년에):
  // the tail may be a particle only, and a one-syllable stem (년, 월) is fine.
  std::size_t stem_anchored(const char32_t* w, std::size_t n, char32_t anchor) const {
    const KoreanRules& r = *rules;
    if (is_user(w, n) || known_noun(w, n)) return n;
    if (n >= 2) {
      if (std::size_t k = known_prefix(w, n)) return k;
    }
    const std::size_t max_len = std::min(r.max_suffix, n);
    for (std::size_t len = max_len; len >= 1; --len) {
      const std::size_t i = n - len;
      const detail::SuffixInfo* info = r.find_suffix(w + i, len);
      if (!info || info->kind == detail::SuffixKind::Predicate) {
        if (i == 0 && r.has(detail::kQuoteEnding, w, n)) return 0;
        continue;
      }
      char32_t prev = i == 0 ? anchor : w[i - 1];
      if (!detail::attach_ok(info->attach, prev)) continue;
      if (cuts_noun_ending(w, n, i)) continue;
      return i;
    }
    return n;
  }

  // Cuts word runs and stems them; tokens in normalized coordinates.
  void scan(const std::u32string& t, std::vector<Raw>& out, Scratch& scratch) const {
    scan(t, 0, t.size(), out, scratch);
  }

  // The same over t[begin, n) only, where t[n] (if any) is a separator: the runs and
  // their analyses are those of the whole text (emit_run still sees all of t).
  void scan(const std::u32string& t, std::size_t begin, std::size_t n, std::vector<Raw>& out,
            Scratch& scratch) const {
    std::size_t i = begin;
    while (i < n) {
      CharClass c = classify(t[i]);
      if (c == CharClass::Sep) { ++i; continue; }
      if (c == CharClass::Latin || c == CharClass::Digit) {
        if (std::size_t e = link_end(t, i, n)) {  // URLs, e-mails, B.C.: one token
          emit_piece(t, i, e - i, out, scratch, "SL");
          i = e;
          continue;
        }
      }
      std::size_t j = i + 1;
      CharClass prev = c;
      while (j < n) {
        CharClass cj = classify(t[j]);
        if (cj != CharClass::Sep) { prev = cj; ++j; continue; }
        char32_t ch = t[j];
        CharClass next = j + 1 < n ? classify(t[j + 1]) : CharClass::Sep;
        if (is_number_joiner(ch) && prev == CharClass::Digit && next == CharClass::Digit) { j += 1; continue; }
        if (is_unit_symbol(ch) && prev == CharClass::Digit) { ++j; prev = CharClass::Sep; continue; }
        if (ch == U'&' && prev == CharClass::Latin && next == CharClass::Latin) { ++j; continue; }
        // inside a domain-like Latin word (e-gima.com, node.js, snake_case)
        if ((ch == U'.' || ch == U'_') && prev == CharClass::Latin && next == CharClass::Latin) {
          ++j;
          continue;
        }
        if (ch == U'-' && (prev == CharClass::Latin || prev == CharClass::Digit) &&
            (next == CharClass::Latin || next == CharClass::Digit) &&
            (prev == CharClass::Latin || next == CharClass::Latin)) {
          ++j;
          continue;
        }
        break;
      }
      emit_run(t, i, j, out, scratch);
      i = j;
    }
  }

  // End of a URL (http://, https://, www.), an e-mail address or a dotted abbreviation
  // (B.C., U.S.) starting at t[i], within t[i, n); 0 when none starts there. Each stops
  // at whitespace, so a chunk's links are the same as in the whole text.
  static std::size_t link_end(const std::u32string& t, std::size_t i, std::size_t n) {
    auto starts = [&](std::u32string_view p) {
      return n - i >= p.size() && std::u32string_view(t.data() + i, p.size()) == p;
    };
    auto is_ascii_alnum = [](char32_t c) {
      return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    };
    std::size_t e = i;
    if (starts(U"http://") || starts(U"https://") || starts(U"www.")) {
      while (e < n && t[e] > U' ' && t[e] < 0x80 && t[e] != U'<' && t[e] != U'>' && t[e] != U'"' &&
             t[e] != U'\'' && t[e] != U'(' && t[e] != U')' && t[e] != U'[' && t[e] != U']') {
        ++e;
      }
      while (e > i && (t[e - 1] == U'.' || t[e - 1] == U',' || t[e - 1] == U';' ||
                       t[e - 1] == U':' || t[e - 1] == U'!' || t[e - 1] == U'?')) {
        --e;
      }
      return e;
    }
    // e-mail: local@domain.tld
    while (e < n && (is_ascii_alnum(t[e]) || t[e] == U'.' || t[e] == U'_' || t[e] == U'-' ||
                     t[e] == U'+')) {
      ++e;
    }
    if (e > i && e < n && t[e] == U'@') {
      std::size_t d = e + 1, last_dot = 0;
      while (d < n && (is_ascii_alnum(t[d]) || t[d] == U'.' || t[d] == U'-')) {
        if (t[d] == U'.') last_dot = d;
        ++d;
      }
      while (d > e + 1 && (t[d - 1] == U'.' || t[d - 1] == U'-')) --d;
      if (last_dot > e + 1 && last_dot + 1 < d) return d;
    }
    // dotted abbreviation of single capitals: B.C., U.S.A.
    e = i;
    while (e + 1 < n && t[e] >= U'A' && t[e] <= U'Z' && t[e + 1] == U'.') e += 2;
    if (e - i >= 4 && (e == n || classify(t[e]) != CharClass::Latin)) return e;
    return 0;
  }

  // The dictionary analysis of a run (options.lexicon): the nominal content of its Hangul
  // part. @p h is where the Hangul tail starts (s when the run is all Hangul).
  void emit_run_lexicon(const std::u32string& t, std::size_t s, std::size_t h, std::size_t e,
                        std::vector<Raw>& out, Scratch& scratch) const {
    const Lexicon& lex = *options.lexicon;
    const char32_t* w = t.data() + h;
    const std::size_t n = e - h;
    if (h > s) {
      // after digits or Latin (2021년에, K패션의, 30%까지): the tail's nominal prefix,
      // bound nouns and units included (3명, 23만). The dictionary sees the tail behind
      // one stand-in character of the head's class (1 or A: 1만 is a numeral, 만 alone
      // a particle), so that the analysis still depends on the tail alone. Digits after
      // a Latin letter belong to a name (G20서, MP3로: 서 the particle, not 20 of 서),
      // so a head with Latin in it stands for a Latin word.
      CharClass anchor = classify(t[h - 1]);
      if (anchor == CharClass::Digit && has_latin(t, s, h)) anchor = CharClass::Latin;
      std::size_t keep = 0;
      WordContent c;
      if (anchor == CharClass::Digit || anchor == CharClass::Latin) {
        std::u32string& key = scratch.low;
        key.assign(1, anchor == CharClass::Digit ? U'1' : U'A');
        key.append(w, n);
        c = lex.content(key);
        keep = c.keep > 0 ? c.keep - 1 : 0;
      } else {
        c = lex.content(std::u32string_view(w, n));
        keep = c.keep;
        // after a Hanja noun (中이란, 美러: headline abbreviations), as after a space
        if (keep == 0 && c.noun_if_initial && anchor == CharClass::Hanja) keep = n;
      }
      if (keep && options.strip_plural && c.plural) --keep;
      emit_piece(t, s, (h - s) + keep, out, scratch, nullptr);
      return;
    }
    if (is_user(w, n)) {
      emit_stem(t, s, n, out, scratch, "NNP");
      return;
    }
    WordContent c = lex.content(std::u32string_view(w, n));
    if (n > c.keep && learned_score(w, n) >= noun_threshold) {  // a learned noun, whole
      emit_stem(t, s, n, out, scratch, "NNP");
      return;
    }
    // a user word or a learned noun the dictionary does not know, before a particle or
    // ending (블랙핑크가 -> 블랙핑크): longest first
    // (the user's words win over the dictionary's longer nouns: 밸류체인|상의; a learned
    // noun only where it is longer than what the dictionary keeps)
    for (std::size_t i = n - 1; i >= 1; --i) {
      const bool user = is_user(w, i);
      if (!user && (i <= c.keep || learned_score(w, i) < noun_threshold)) continue;
      WordContent rest = lex.content(std::u32string_view(w + i, n - i));
      // what follows is a particle or ending: as the dictionary reads it, or as the suffix
      // table has it (a lone 이 or 가 is read as a pronoun or a verb, not as a particle)
      if ((rest.keep == 0 && rest.starts_function) || (user && n - i <= 2) || valid_suffix(w, n, i)) {
        emit_stem(t, s, i, out, scratch, "NNP");
        return;
      }
    }
    // X지 않다 / X지 못하다: X is a predicate, whatever the dictionary made of X지 alone
    // (그치지 않고); a noun before the negation needs a particle first. Only chunks ending
    // in 지 look at the next one (TextChunk::memoizable).
    if (c.keep == n && n >= 2 && w[n - 1] == U'\uC9C0' /*지*/ && negation_follows(t, e)) return;
    // Particles or endings alone where an eojeol begins (이란 외무, 한·러): the word the
    // dictionary also has (Lexicon::initial_noun). After a closing quote or bracket they
    // are particles ('...'이란, (...)을), as after a link (www.encar.com에서), and so
    // they are where text detaches them from the quote or unit they follow ('...' 라고,
    // 20 % 를: detached_after()).
    if (c.keep == 0 && c.noun_if_initial &&
        (s == 0 || (classify(t[s - 1]) == CharClass::Sep && !closes_before(t, s) && !detached_after(t, s)))) {
      emit_stem(t, s, n, out, scratch, tag_name(c.tag));
      return;
    }
    // A word joined to its neighbour by an interpunct (미·중, 한·미·일, 초·중·고교): the
    // interpunct coordinates nouns, so what the dictionary read there as a bound noun (중),
    // a numeral, a determiner (한) or an ending (러) is a noun. A longer word without
    // nominal content is a pronoun or predicate in a coordinated title (날개·나는).
    if (((c.keep == 0 && n == 1) || c.function_only) && interpunct_joined(t, s, e)) {
      emit_stem(t, s, c.keep ? c.keep : n, out, scratch, "NNP");
      return;
    }
    if (c.keep == 0 || c.function_only) {
      if (options.keep_lemmas && !c.lemma.empty()) {
        emit_text(t, s, n, c.lemma, c.tag == "VA" ? "VA" : "VV", out, scratch);
      } else if (!options.drop_predicates && c.keep == 0 && !c.starts_function) {
        emit_piece(t, s, n, out, scratch, nullptr);
      }
      return;
    }
    std::size_t keep = c.keep;
    if (options.strip_plural && c.plural && keep > 1) --keep;
    emit_stem(t, s, keep, out, scratch, tag_name(c.tag));
  }

  // A Hangul stem, split into known nouns with `split_compounds`.
  void emit_stem(const std::u32string& t, std::size_t s, std::size_t len, std::vector<Raw>& out,
                 Scratch& scratch, const char* tag) const {
    if (options.split_compounds && len >= 4) {
      std::size_t cuts[16];
      std::size_t parts = split_compound(t.data() + s, len, cuts);
      if (parts >= 2) {
        std::size_t a = 0;
        for (std::size_t k = 0; k < parts; ++k) {
          emit_piece(t, s + a, cuts[k] - a, out, scratch, tag);
          a = cuts[k];
        }
        return;
      }
    }
    emit_piece(t, s, len, out, scratch, tag);
  }

  // The tag strings a Raw points to (static storage).
  static const char* tag_name(const std::string& tag) {
    static const char* const known[] = {"NNG", "NNP", "NNB", "NNBC", "NR", "XR", "XPN", "XSN",
                                        "SN", "SL", "SH", "VV", "VA"};
    for (const char* k : known) {
      if (tag == k) return k;
    }
    return "";
  }

  void emit_run(const std::u32string& t, std::size_t s, std::size_t e, std::vector<Raw>& out,
                Scratch& scratch) const {
    std::size_t len = e - s;
    // Hangul tail
    std::size_t h = e;
    while (h > s && is_hangul_syllable(t[h - 1])) --h;
    if (options.lexicon && options.strip_particles && h < e && e - h <= kMaxDictionaryRun) {
      emit_run_lexicon(t, s, h, e, out, scratch);
      return;
    }
    if (options.strip_particles && h < e) {
      if (h == s && s > 0 && closes_before(t, s)) {
        // right after a closing quote or bracket: 'K패션 포럼'을, "..."라고, ...)는
        len = stem_anchored(t.data() + s, len, t[s - 1]);
      } else if (h == s && options.drop_predicates && len >= 2 && t[e - 1] == U'\uC9C0' /*지*/ &&
                 negation_follows(t, e) && !known_noun(t.data() + s, len)) {
        return;  // X지 않다 / X지 못하다: a predicate (그치지 않고, 쉽지 않다)
      } else if (h == s) {
        StemResult st = cached_stem(t.data() + s, len, scratch.cache);
        if (st.drop) return;
        len = st.stem_length;
      } else {
        len = (h - s) + stem_anchored(t.data() + h, e - h, t[h - 1]);
      }
    }
    if (len == 0) return;
    if (h == s) {
      emit_stem(t, s, len, out, scratch, nullptr);
    } else {
      emit_piece(t, s, len, out, scratch, nullptr);
    }
  }

  // Splits a compound into known nouns of two syllables or more (패션산업 -> 패션 산업),
  // the finest complete split; returns the number of parts and their end positions.
  std::size_t split_compound(const char32_t* w, std::size_t n, std::size_t* cuts) const {
    if (n > 40 || is_user(w, n)) return 0;
    int best[41];
    std::size_t from[41];
    best[0] = 0;
    for (std::size_t i = 1; i <= n; ++i) {
      best[i] = -1;
      for (std::size_t j = (i > 10 ? i - 10 : 0); j + 2 <= i; ++j) {
        if (best[j] < 0 || best[j] + 1 <= best[i]) continue;
        if (known_noun(w + j, i - j)) {
          best[i] = best[j] + 1;
          from[i] = j;
        }
      }
    }
    if (best[n] < 2 || best[n] > 16) return 0;
    std::size_t k = static_cast<std::size_t>(best[n]);
    for (std::size_t i = n; i > 0; i = from[i]) cuts[--k] = i;
    return static_cast<std::size_t>(best[n]);
  }

  // A lemma token (기쁘다 for 기쁜): its own text, the span of the word.
  void emit_text(const std::u32string& t, std::size_t s, std::size_t len, const std::string& text,
                 const char* tag, std::vector<Raw>& out, Scratch& scratch) const {
    const std::u32string u = utf8::decode(text);
    if (static_cast<int>(u.size()) < options.min_length) return;
    if (is_stopword(u.data(), u.size(), scratch)) return;
    Raw raw;
    raw.s = s;
    raw.len = len;
    raw.type = TokenType::Hangul;
    raw.text = text;
    raw.tag = tag;
    (void)t;
    out.push_back(std::move(raw));
  }

  // @p tag: the Sejong tag with a Lexicon (nullptr: from the token type).
  void emit_piece(const std::u32string& t, std::size_t s, std::size_t len, std::vector<Raw>& out,
                  Scratch& scratch, const char* tag) const {
    TokenType type = type_of(t.data() + s, len);
    if ((type == TokenType::Latin && !options.keep_latin) ||
        (type == TokenType::Number && !options.keep_numbers) ||
        (type == TokenType::Other && !options.keep_other)) {
      return;
    }
    if (static_cast<int>(len) < options.min_length) return;
    Raw raw;
    raw.s = s;
    raw.len = len;
    raw.type = type;
    raw.user = is_user(t.data() + s, len);
    if (options.lexicon) {
      raw.tag = tag ? tag
                    : type == TokenType::Number ? "SN"
                    : type == TokenType::Latin  ? "SL"
                    : type == TokenType::Other  ? "SH"
                                                : "NNG";
    }
    if (!raw.user && is_stopword(t.data() + s, len, scratch)) return;
    raw.text.reserve(len * 3);
    for (std::size_t k = s; k < s + len; ++k) utf8::append(raw.text, options.lowercase ? lower(t[k]) : t[k]);
    out.push_back(std::move(raw));
  }

  // Whether the word at t[s] (s > 0) follows a closing quote or bracket: 'K패션 포럼'을,
  // "..."라고, ...)는. A quote closes when it follows something other than a space
  // (포럼'을) and opens after a space or at the start ("무엇보다), whatever its shape: a
  // text whose curly quotes normalize() straightens gives the same tokens. A quote
  // opening a chunk looks back at the separator before it, so chunks stay memoizable.
  static bool closes_before(const std::u32string& t, std::size_t s) {
    const char32_t q = t[s - 1];
    if (is_quote(q)) return s >= 2 && !is_python_space(t[s - 2]);
    return is_closing(q);
  }

  // Whether the word at t[s] follows a space after a closing quote or bracket or a unit
  // symbol ('...' 라고, 0.5 % 만이): a particle written apart from what it attaches to.
  // The only rule that looks back past a space: such chunks are not memoizable
  // (close_chunk()). @p s > 0.
  static bool detached_after(const std::u32string& t, std::size_t s) {
    if (s < 2 || (t[s - 1] != U' ' && t[s - 1] != U'\t')) return false;
    const char32_t p = t[s - 2];
    if (is_quote(p)) return s >= 3 && !is_python_space(t[s - 3]);
    return is_closing(p) || is_unit_symbol(p);
  }

  static bool has_latin(const std::u32string& t, std::size_t a, std::size_t b) {
    for (std::size_t k = a; k < b; ++k) {
      if (classify(t[k]) == CharClass::Latin) return true;
    }
    return false;
  }

  // Interpuncts between coordinated words (미·중): the middle dot, its compatibility-jamo
  // and katakana look-alikes.
  static bool is_interpunct(char32_t c) {
    return c == U'\u00B7' || c == U'\u318D' || c == U'\u30FB' || c == U'\u2027';
  }

  // Whether the run t[s, e) touches an interpunct on either side with a Hangul syllable
  // beyond it (미·중: both runs), inside one chunk (no space in between).
  static bool interpunct_joined(const std::u32string& t, std::size_t s, std::size_t e) {
    return (s >= 2 && is_interpunct(t[s - 1]) && is_hangul_syllable(t[s - 2])) ||
           (e + 1 < t.size() && is_interpunct(t[e]) && is_hangul_syllable(t[e + 1]));
  }

  // Whether the next word after position @p e starts with 않 or 못하 (negation).
  // Any whitespace counts (no-break spaces, CR), as normalize() makes it a space.
  static bool negation_follows(const std::u32string& t, std::size_t e) {
    std::size_t k = e;
    while (k < t.size() && is_python_space(t[k])) ++k;
    if (k == e || k >= t.size()) return false;
    if (t[k] == U'\uC54A' /*않*/) return true;
    return t[k] == U'\uBABB' /*못*/ && k + 1 < t.size() && t[k + 1] == U'\uD558' /*하*/;
  }

  static bool only_space(const std::u32string& t, std::size_t a, std::size_t b) {
    if (b <= a) return b == a;
    for (std::size_t k = a; k < b; ++k) {
      if (t[k] != U' ' && t[k] != U'\t' && t[k] != U'\n') return false;
    }
    return true;
  }

  // User multi-word terms, then stopwords.
  void post(const std::u32string& t, std::vector<Raw>& raws) const {
    if (!multi.empty()) {
      std::vector<Raw> merged;
      merged.reserve(raws.size());
      for (std::size_t i = 0; i < raws.size();) {
        auto it = multi.find(raws[i].text);
        std::size_t used = 0;
        if (it != multi.end()) {
          for (const auto& parts : it->second) {
            if (i + parts.size() > raws.size()) continue;
            bool ok = true;
            for (std::size_t k = 1; k < parts.size() && ok; ++k) {
              const Raw& a = raws[i + k - 1];
              const Raw& b = raws[i + k];
              ok = b.text == parts[k] && only_space(t, a.s + a.len, b.s);
            }
            if (ok) { used = parts.size(); break; }
          }
        }
        if (used >= 2) {
          Raw m;
          m.s = raws[i].s;
          const Raw& last = raws[i + used - 1];
          m.len = last.s + last.len - m.s;
          m.type = TokenType::Ngram;
          m.user = true;
          for (std::size_t k = 0; k < used; ++k) {
            if (k) m.text.push_back(' ');
            m.text += raws[i + k].text;
          }
          merged.push_back(std::move(m));
          i += used;
        } else {
          merged.push_back(std::move(raws[i]));
          ++i;
        }
      }
      raws.swap(merged);
    }
  }

  // Normalized code points of the input, the source map and the input length.
  void prepare(std::string_view text, std::u32string& norm, std::vector<std::int64_t>* src,
               std::int64_t& input_length) const {
    if (options.normalize) {
      std::u32string cps = utf8::decode(text, options.normalize_options.errors);
      input_length = static_cast<std::int64_t>(cps.size());
      if (normalization_keeps_words(cps, options.normalize_options)) {
        norm = std::move(cps);  // identity offsets: src stays empty
        if (src) src->clear();
      } else {
        norm = normalize_codepoints(cps, options.normalize_options, src);
      }
    } else {
      norm = utf8::decode(text);
      input_length = static_cast<std::int64_t>(norm.size());
    }
  }

  // Writes code points into a reused buffer and records the chunks (runs without spaces,
  // tabs or line breaks) as it goes.
  struct ChunkWriter {
    char32_t* const base;
    char32_t* w;
    std::vector<TextChunk>& chunks;
    std::size_t begin = 0;
    bool in_chunk = false;

    KOTEXT_HOT_INLINE void push(char32_t c) {
      if (is_chunk_space(c)) {
        if (in_chunk) close();
        in_chunk = false;
      } else if (!in_chunk) {
        begin = static_cast<std::size_t>(w - base);
        in_chunk = true;
      }
      *w++ = c;
    }
    std::size_t finish() {
      if (in_chunk) close();
      return static_cast<std::size_t>(w - base);
    }
    void close() { close_chunk(chunks, base, begin, w); }
  };

  // prepare() and the chunk split for split_chunks(), in one pass: decodes @p text into
  // @p out (a reused buffer, so no allocation per document), runs the normalization-skip
  // check on each code point and records the chunks as it goes. Returns false when the
  // text is not valid UTF-8 or normalization might change a word; the caller then takes
  // prepare(), which reports the error or normalizes. Decoding into a fresh string and
  // scanning it twice more (check, chunks) was about a third of the word counting time.
  bool decode_kept(std::string_view text, std::u32string& out, std::vector<TextChunk>& chunks) const {
    const bool check = options.normalize;
    if (check && !keeps_words_possible(options.normalize_options)) return false;
    KeepsWords keep{options.normalize_options};
    out.resize(text.size());  // at least as many bytes as code points
    chunks.clear();
    ChunkWriter writer{out.data(), out.data(), chunks};
    const auto* p = reinterpret_cast<const unsigned char*>(text.data());
    const std::size_t n = text.size();
    std::size_t pos = 0;
    while (pos < n) {
      char32_t c = p[pos];
      if (c < 0x80) {
        ++pos;
      } else if ((c & 0xF0) == 0xE0 && pos + 2 < n) {  // Hangul and CJK: inline
        const unsigned char b1 = p[pos + 1], b2 = p[pos + 2];
        const unsigned char lo = c == 0xE0 ? 0xA0 : 0x80, hi = c == 0xED ? 0x9F : 0xBF;
        if (b1 < lo || b1 > hi || (b2 & 0xC0) != 0x80) return false;
        c = ((c & 0x0F) << 12) | (static_cast<char32_t>(b1 & 0x3F) << 6) | (b2 & 0x3F);
        pos += 3;
      } else {
        std::size_t bad = 0;
        if (!utf8::decode_one(text, pos, c, bad)) return false;
      }
      if (check && !keep.ok(c)) return false;
      writer.push(c);
    }
    out.resize(writer.finish());
    return !check || keeps_references(out, keep.ampersand, options.normalize_options);
  }

  // The same for fixed-width code points (Latin-1, UCS-2, UCS-4): no decoding, and no
  // branch per code point (the UTF-8 loop above mispredicts at every chunk boundary and
  // at every switch between Hangul and ASCII, about a third of the counting time): the
  // check is a table lookup OR-ed into one flag, chunk boundaries are written
  // unconditionally and counted by comparison. Returns false on a lone surrogate too
  // (the caller's UTF-8 conversion reports it).
  template <class Unit>
  bool units_kept(const Unit* p, std::size_t n, std::u32string& out,
                  std::vector<TextChunk>& chunks) const {
    const bool check = options.normalize;
    if (check && !keeps_words_possible(options.normalize_options)) return false;
    const std::uint8_t* table = keep_table(check ? &options.normalize_options : nullptr);
    const int max_repeat = check && options.normalize_options.max_repeat > 0
                               ? options.normalize_options.max_repeat
                               : INT32_MAX;
    out.resize(n);
    chunks.clear();
    char32_t* const o = out.data();
    // Chunk boundaries (begin, end, begin, ...) of one block of code points at a time, so
    // that this scratch stays small whatever the length of the text.
    constexpr std::size_t kBlock = 2048;
    std::size_t bd[kBlock + 1];
    bool in_chunk = false;
    std::size_t chunk_begin = 0;
    unsigned bad = 0, seen = 0;
    int run = 0;
    char32_t prev = 0;
    unsigned prev_space = 1;
    for (std::size_t block = 0; block < n; block += kBlock) {
      const std::size_t stop = std::min(n, block + kBlock);
      std::size_t nb = 0;
      for (std::size_t i = block; i < stop; ++i) {
        const char32_t c = p[i];
        unsigned flags;
        if constexpr (sizeof(Unit) == 4) {
          flags = c < 0x10000 ? table[c] : (check && fresh_ok(c) ? kKeepOk : (check ? 0 : c <= 0x10FFFF));
        } else {
          flags = table[c];
        }
        run = c == prev ? run + 1 : 1;
        prev = c;
        seen |= flags;
        bad |= (~flags & kKeepOk) | ((flags >> 1) & static_cast<unsigned>(run > max_repeat));
        const unsigned space = (flags >> 3) & 1u;  // kChunkSpace: no branch on the code point
        bd[nb] = i;
        nb += space ^ prev_space;
        prev_space = space;
        o[i] = c;
      }
      // Boundaries alternate: (end of the chunk left open,) begin, end, ..., (begin).
      std::size_t k = 0;
      if (in_chunk && nb > 0) {
        close_chunk(chunks, o, chunk_begin, o + bd[0]);
        in_chunk = false;
        k = 1;
      }
      for (; k + 1 < nb; k += 2) close_chunk(chunks, o, bd[k], o + bd[k + 1]);
      if (k < nb) {
        chunk_begin = bd[k];
        in_chunk = true;
      }
    }
    if (bad) return false;
    if (check && !keeps_references(std::u32string_view(o, n), (seen & kKeepAmpersand) != 0,
                                   options.normalize_options)) {
      return false;
    }
    if (in_chunk) close_chunk(chunks, o, chunk_begin, o + n);
    return true;
  }

  bool fresh_ok(char32_t c) const {
    KeepsWords fresh{options.normalize_options};
    return fresh.ok(c);
  }

  static bool is_chunk_space(char32_t c) noexcept {
    return c == U' ' || c == U'\n' || c == U'\t' || c == U'\r';
  }

  static void close_chunk(std::vector<TextChunk>& chunks, const char32_t* base, std::size_t begin,
                          const char32_t* end) {
    const auto e = static_cast<std::size_t>(end - base);
    // A chunk ending in 지 may be the X of X지 않다, whose rule looks at the next chunk
    // (past any whitespace, no-break spaces included, which chunks can end with).
    std::size_t last = e - 1;
    while (last > begin && is_python_space(base[last])) --last;
    // A chunk starting with a Hangul word after "closing quote or bracket, space" may be
    // a detached particle, which looks back (detached_after()).
    const bool looks_back = begin >= 2 && is_hangul_syllable(base[begin]) &&
                            (base[begin - 1] == U' ' || base[begin - 1] == U'\t') &&
                            (is_quote(base[begin - 2]) || is_closing(base[begin - 2]) ||
                             is_unit_symbol(base[begin - 2]));
    chunks.push_back(TextChunk{begin, e, base[last] != U'\uC9C0' && !looks_back});
  }

  template <class Emit>
  void ngrams(const std::vector<Raw>& raws, Emit&& emit) const {
    for (int n = options.ngram_min; n <= options.ngram_max; ++n) {
      const std::size_t un = static_cast<std::size_t>(n);
      if (raws.size() < un) break;
      for (std::size_t i = 0; i + un <= raws.size(); ++i) emit(i, un);
    }
  }
};

Tokenizer::Tokenizer(TokenizerOptions options) {
  if (options.ngram_min < 1 || options.ngram_max < options.ngram_min) {
    throw InvalidArgument("ngram range must satisfy 1 <= ngram_min <= ngram_max");
  }
  if (options.min_length < 0) throw InvalidArgument("min_length must be >= 0");
  auto impl = std::make_shared<Impl>();
  impl->id = next_impl_id();
  impl->options = options;
  for (const auto& w : default_stopwords()) impl->stopwords.insert(w);
  impl->compile_stopwords();
  impl_ = std::move(impl);
}
Tokenizer::Tokenizer(const Tokenizer&) = default;
Tokenizer& Tokenizer::operator=(const Tokenizer&) = default;
Tokenizer::Tokenizer(Tokenizer&&) noexcept = default;
Tokenizer& Tokenizer::operator=(Tokenizer&&) noexcept = default;
Tokenizer::~Tokenizer() = default;

Tokenizer::Impl& Tokenizer::mutable_impl() {
  if (impl_.use_count() > 1) impl_ = std::make_shared<Impl>(*impl_);
  Impl& im = const_cast<Impl&>(*impl_);
  im.id = next_impl_id();  // the state changes: cached analyses of the old id are stale
  return im;
}

const TokenizerOptions& Tokenizer::options() const noexcept { return impl_->options; }
std::uint64_t Tokenizer::state_id() const noexcept { return impl_->id; }

std::vector<Token> Tokenizer::tokenize(std::string_view utf8_text) const {
  const Impl& im = *impl_;
  std::u32string norm;
  std::vector<std::int64_t> src;
  std::int64_t input_length = 0;
  im.prepare(utf8_text, norm, im.options.normalize ? &src : nullptr, input_length);
  std::vector<Raw> raws;
  raws.reserve(norm.size() / 4 + 4);
  im.scan(norm, raws, thread_scratch());
  im.post(norm, raws);
  auto begin_of = [&](std::size_t s) -> std::int64_t {
    return src.empty() ? static_cast<std::int64_t>(s) : src[s];
  };
  auto end_of = [&](std::size_t s, std::size_t e) -> std::int64_t {
    if (src.empty()) return static_cast<std::int64_t>(e);
    std::int64_t end = e < src.size() ? src[e] : input_length;
    return std::max(end, src[e - 1] + 1) < begin_of(s) + 1 ? begin_of(s) + 1 : std::max(end, src[e - 1] + 1);
  };
  std::vector<Token> out;
  out.reserve(raws.size());
  im.ngrams(raws, [&](std::size_t i, std::size_t n) {
    Token tok;
    const Raw& a = raws[i];
    const Raw& b = raws[i + n - 1];
    if (n == 1) {
      tok.text = a.text;
      tok.type = a.type;
      tok.tag = a.tag;
    } else {
      tok.type = TokenType::Ngram;
      for (std::size_t k = 0; k < n; ++k) {
        if (k) tok.text.push_back(' ');
        tok.text += raws[i + k].text;
      }
    }
    tok.begin = begin_of(a.s);
    tok.end = end_of(a.s, b.s + b.len);
    out.push_back(std::move(tok));
  });
  return out;
}

void Tokenizer::tokenize_strings(std::string_view utf8_text, std::vector<std::string>& out) const {
  const Impl& im = *impl_;
  std::u32string norm;
  std::int64_t input_length = 0;
  im.prepare(utf8_text, norm, nullptr, input_length);
  std::vector<Raw> raws;
  raws.reserve(norm.size() / 4 + 4);
  im.scan(norm, raws, thread_scratch());
  im.post(norm, raws);
  if (im.options.ngram_min == 1 && im.options.ngram_max == 1) {
    for (auto& r : raws) out.push_back(std::move(r.text));
    return;
  }
  im.ngrams(raws, [&](std::size_t i, std::size_t n) {
    if (n == 1) { out.push_back(raws[i].text); return; }
    std::string s;
    for (std::size_t k = 0; k < n; ++k) {
      if (k) s.push_back(' ');
      s += raws[i + k].text;
    }
    out.push_back(std::move(s));
  });
}

bool Tokenizer::chunkable() const noexcept {
  return impl_->multi.empty() && impl_->options.ngram_min == 1 && impl_->options.ngram_max == 1;
}

// Why chunks can be memoized: runs never span a space (spaces are separators, and the
// run rules only look one character ahead), a run's analysis looks back at most at the
// character before it inside the same chunk (a closing quote), and only the negation
// rule (X지 않다) looks forward across a space, which only a chunk ending in 지 can hit.
// Multi-word terms and n-grams join tokens across chunks: chunkable() excludes them.
void Tokenizer::split_chunks(const TextView& input, std::u32string& text,
                             std::vector<TextChunk>& chunks) const {
  const Impl& im = *impl_;
  bool done = false;
  switch (input.encoding) {
    case TextEncoding::Utf8:
      done = im.decode_kept(std::string_view(static_cast<const char*>(input.data), input.length),
                            text, chunks);
      break;
    case TextEncoding::Latin1:
      done = im.units_kept(static_cast<const unsigned char*>(input.data), input.length, text, chunks);
      break;
    case TextEncoding::Ucs2:
      done = im.units_kept(static_cast<const char16_t*>(input.data), input.length, text, chunks);
      break;
    case TextEncoding::Ucs4:
      done = im.units_kept(static_cast<const char32_t*>(input.data), input.length, text, chunks);
      break;
  }
  if (done) return;
  thread_local std::string utf8_buffer;
  const std::string_view utf8_text = as_utf8(input, utf8_buffer);
  std::int64_t input_length = 0;
  im.prepare(utf8_text, text, nullptr, input_length);
  chunks.clear();
  const std::size_t n = text.size();
  std::size_t a = 0;
  while (a < n) {
    if (Impl::is_chunk_space(text[a])) { ++a; continue; }
    std::size_t b = a + 1;
    while (b < n && !Impl::is_chunk_space(text[b])) ++b;
    Impl::close_chunk(chunks, text.data(), a, text.data() + b);
    a = b;
  }
}

std::vector<TextView> Tokenizer::pieces(const TextView& doc, std::size_t min_units) const {
  if (!chunkable() || doc.length <= min_units || min_units == 0) return {doc};
  // Code unit i as a code point (UTF-8: a byte; '\n' and the bytes of 지 are found as such).
  auto unit = [&](std::size_t i) -> char32_t {
    switch (doc.encoding) {
      case TextEncoding::Utf8: return static_cast<const unsigned char*>(doc.data)[i];
      case TextEncoding::Latin1: return static_cast<const unsigned char*>(doc.data)[i];
      case TextEncoding::Ucs2: return static_cast<const char16_t*>(doc.data)[i];
      default: return static_cast<const char32_t*>(doc.data)[i];
    }
  };
  // Characters that may separate chunks (ASCII controls and spaces, Unicode spaces) leave
  // the state alone: the line ends in 지 when its last other character is 지 (U+C9C0).
  auto may_be_space = [](char32_t c) {
    return c <= 0x20 || c == 0x85 || c == 0xA0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200A) ||
           c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x3000 || c == 0xFEFF;
  };
  // The code point starting at unit @p i (UTF-8: decoded at its lead byte; -1 for a
  // continuation byte, which belongs to the character before it).
  auto code_point = [&](std::size_t i) -> std::int64_t {
    const char32_t c = unit(i);
    if (doc.encoding != TextEncoding::Utf8 || c < 0x80) return c;
    if ((c & 0xC0) == 0x80) return -1;
    const std::size_t n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
    std::int64_t cp = c & (0xFF >> (n + 1));
    for (std::size_t k = 1; k < n && i + k < doc.length; ++k) cp = (cp << 6) | (unit(i + k) & 0x3F);
    return cp;
  };
  auto unit_size = [&] {
    switch (doc.encoding) {
      case TextEncoding::Utf8: case TextEncoding::Latin1: return std::size_t{1};
      case TextEncoding::Ucs2: return std::size_t{2};
      default: return std::size_t{4};
    }
  }();
  std::vector<TextView> out;
  std::size_t begin = 0;
  bool line_ends_in_ji = false;  // the last non-space character so far is 지
  for (std::size_t i = 0; i < doc.length; ++i) {
    const std::int64_t c = code_point(i);
    if (c < 0) continue;
    if (!may_be_space(static_cast<char32_t>(c))) {
      line_ends_in_ji = c == 0xC9C0;
      continue;
    }
    if (c != '\n' || i + 1 - begin < min_units || line_ends_in_ji) continue;
    out.emplace_back(static_cast<const char*>(doc.data) + begin * unit_size, i + 1 - begin,
                     doc.encoding);
    begin = i + 1;
  }
  out.emplace_back(static_cast<const char*>(doc.data) + begin * unit_size, doc.length - begin,
                   doc.encoding);
  return out;
}

void Tokenizer::chunk_tokens(const std::u32string& text, const TextChunk& chunk,
                             std::vector<std::string>& out) const {
  Scratch& scratch = thread_scratch();
  std::vector<Raw>& raws = scratch.raws;
  raws.clear();
  impl_->scan(text, chunk.begin, chunk.end, raws, scratch);
  for (auto& r : raws) out.push_back(std::move(r.text));
}

StemResult Tokenizer::stem(std::u32string_view word) const {
  for (char32_t c : word) {
    if (!is_hangul_syllable(c)) throw InvalidArgument("stem() takes Hangul syllables only");
  }
  if (impl_->options.lexicon && word.size() <= kMaxDictionaryRun) {
    std::vector<Raw> raws;
    const std::u32string w(word);
    impl_->emit_run_lexicon(w, 0, 0, w.size(), raws, thread_scratch());
    if (raws.empty() || raws[0].text != utf8::encode(w.substr(0, raws[0].len))) return StemResult{0, true};
    return StemResult{raws[0].len, false};
  }
  return impl_->stem(word.data(), word.size());
}

EojeolCounts Tokenizer::count_eojeols(const std::vector<std::string_view>& texts,
                                       int n_jobs) const {
  if (!impl_->options.normalize) return kotext::count_eojeols(texts, n_jobs);
  std::vector<std::string> norm(texts.size());
  const NormalizeOptions nopts = impl_->options.normalize_options;
  parallel_for(texts.size(), n_jobs, [&](std::size_t i) { norm[i] = normalize(texts[i], nopts); });
  std::vector<std::string_view> views(norm.begin(), norm.end());
  return kotext::count_eojeols(views, n_jobs);
}

void Tokenizer::fit(const std::vector<std::string_view>& texts, const NounLearnerOptions& options,
                    int n_jobs) {
  fit(count_eojeols(texts, n_jobs), options);
}

void Tokenizer::fit(const EojeolCounts& counts, const NounLearnerOptions& options) {
  std::vector<NounCandidate> cands = learn_nouns(counts, options);
  Impl& im = mutable_impl();
  const Lexicon* lex = im.options.lexicon.get();
  im.scored.clear();
  im.scored.reserve(cands.size());
  for (auto& c : cands) {
    // Nouns keep their score; candidates failing the criteria (too few particles) are
    // kept only as strong non-nouns. With a dictionary, nouns it already knows are left
    // out: the learned nouns are the corpus's new words.
    double s = c.noun ? c.score : std::min(c.score, options.min_score * 0.99);
    if (!c.noun && s >= 0.2) continue;
    if (c.noun && lex && im.dictionary_knows(*lex, c.word)) continue;
    im.scored.emplace_back(std::move(c.word), s);
  }
  im.noun_threshold = options.min_score;
  im.fitted = true;
  im.compile_learned();
}

void Tokenizer::add_words(const std::vector<std::string>& words) {
  Impl& im = mutable_impl();
  for (const auto& w : words) {
    utf8::decode(w);  // validates (throws Utf8Error)
    im.user_words.push_back(w);
  }
  im.compile_user();
}

void Tokenizer::set_stopwords(const std::vector<std::string>& words) {
  Impl& im = mutable_impl();
  im.stopwords.clear();
  for (const auto& w : words) im.stopwords.insert(w);
  im.compile_stopwords();
}

void Tokenizer::add_stopwords(const std::vector<std::string>& words) {
  Impl& im = mutable_impl();
  for (const auto& w : words) im.stopwords.insert(w);
  im.compile_stopwords();
}

std::vector<std::string> Tokenizer::stopwords() const {
  std::vector<std::string> out(impl_->stopwords.begin(), impl_->stopwords.end());
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<std::pair<std::string, double>> Tokenizer::learned_nouns() const {
  std::vector<std::pair<std::string, double>> out;
  for (const auto& p : impl_->scored) {
    if (p.second >= impl_->noun_threshold) out.push_back(p);
  }
  std::sort(out.begin(), out.end());
  return out;
}

bool Tokenizer::fitted() const noexcept { return impl_->fitted; }

TokenizerState Tokenizer::export_state() const {
  TokenizerState st;
  st.user_words = impl_->user_words;
  st.stopwords = stopwords();
  st.nouns = impl_->scored;
  std::sort(st.nouns.begin(), st.nouns.end());
  st.noun_threshold = impl_->noun_threshold;
  st.fitted = impl_->fitted;
  return st;
}

void Tokenizer::import_state(const TokenizerState& state) {
  Impl& im = mutable_impl();
  im.user_words = state.user_words;
  im.stopwords.clear();
  for (const auto& w : state.stopwords) im.stopwords.insert(w);
  im.compile_stopwords();
  im.scored = state.nouns;
  im.noun_threshold = state.noun_threshold;
  im.fitted = state.fitted;
  im.compile_user();
  im.compile_learned();
}

}  // namespace kotext
