// Rule-based Korean sentence splitter. One pass pairs quotes and brackets (per line or per
// paragraph, so an unbalanced quote cannot swallow the rest of the text); a second pass
// proposes boundaries after terminal punctuation and after final endings and filters them
// with the context rules documented in sentences.hpp.
#include "kotext/sentences.hpp"
#include "kotext/parallel.hpp"

#include <algorithm>
#include <cstdint>

namespace kotext {
namespace {

// ---------------------------------------------------------------------------------------
// Character classes

// Exactly the characters Python's str.isspace() accepts: the gaps between sentences must be
// whitespace in the Python sense so that offsets round-trip.
bool is_ws(char32_t c) {
  if (c <= 0x20) return c == 0x20 || (c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x1F);
  if (c < 0x85) return false;
  return c == 0x85 || c == 0xA0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200A) ||
         c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x3000;
}

// Invisible format characters that behave like nothing (kept inside sentences).
bool is_invisible(char32_t c) {
  return c == 0x200B || c == 0x200C || c == 0x200D || c == 0x2060 || c == 0xFEFF || c == 0xAD;
}

bool is_space_like(char32_t c) { return is_ws(c) || is_invisible(c); }

bool is_newline(char32_t c) {
  return c == '\n' || c == '\r' || c == 0x0B || c == 0x0C || c == 0x85 || c == 0x2028 ||
         c == 0x2029 || c == 0x1C || c == 0x1D || c == 0x1E;
}

bool is_syllable(char32_t c) { return c >= 0xAC00 && c <= 0xD7A3; }
bool is_jamo(char32_t c) { return c >= 0x3131 && c <= 0x318E; }
bool is_digit(char32_t c) { return c >= '0' && c <= '9'; }
bool is_upper(char32_t c) { return c >= 'A' && c <= 'Z'; }
bool is_latin(char32_t c) { return (c >= 'a' && c <= 'z') || is_upper(c); }

// Letters that never start a rule (the bulk of any text): the scanning loops skip them.
inline bool is_plain(char32_t c) {
  return (c >= 0xAC00 && c <= 0xD7A3) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
         (c >= 0x4E00 && c <= 0x9FFF) || c == ',';
}

// Final consonant index of a Hangul syllable (0 = none, 8 = ㄹ, 17 = ㅂ, 20 = ㅆ).
int jong(char32_t c) { return is_syllable(c) ? static_cast<int>((c - 0xAC00) % 28) : -1; }

bool is_terminal(char32_t c) {
  switch (c) {
    case '.': case '!': case '?': case 0x3002: case 0xFF01: case 0xFF1F: case 0xFF0E:
    case 0x203C: case 0x2047: case 0x2048: case 0x2049: case 0x2026: case 0x22EF:
    case '~': case 0xFF5E:
      return true;
    default:
      return false;
  }
}

bool is_dot(char32_t c) { return c == '.' || c == 0xFF0E || c == 0x3002; }
bool is_ellipsis_char(char32_t c) { return c == 0x2026 || c == 0x22EF; }
bool is_tilde(char32_t c) { return c == '~' || c == 0xFF5E; }

// Opening and closing quotes/brackets. Symmetric quotes (" ' ＂ ＇) return themselves.
char32_t closer_of(char32_t c) {
  switch (c) {
    case '(': return ')';
    case '[': return ']';
    case '{': return '}';
    case '<': return '>';
    case 0x201C: return 0x201D;  // “ ”
    case 0x2018: return 0x2019;  // ‘ ’
    case 0x201E: return 0x201D;  // „
    case 0x00AB: return 0x00BB;  // « »
    case 0x3008: return 0x3009;  // 〈 〉
    case 0x300A: return 0x300B;  // 《 》
    case 0x300C: return 0x300D;  // 「 」
    case 0x300E: return 0x300F;  // 『 』
    case 0x3010: return 0x3011;  // 【 】
    case 0x3014: return 0x3015;  // 〔 〕
    case 0xFF08: return 0xFF09;  // （ ）
    case 0xFF3B: return 0xFF3D;  // ［ ］
    case 0xFF1C: return 0xFF1E;  // ＜ ＞
    case 0x2039: return 0x203A;  // ‹ ›
    default: return 0;
  }
}

bool is_symmetric_quote(char32_t c) { return c == '"' || c == '\'' || c == 0xFF02 || c == 0xFF07 || c == '`'; }

bool is_closer(char32_t c) {
  switch (c) {
    case ')': case ']': case '}': case '>': case 0x201D: case 0x2019: case 0x00BB: case 0x3009:
    case 0x300B: case 0x300D: case 0x300F: case 0x3011: case 0x3015: case 0xFF09: case 0xFF3D:
    case 0xFF1E: case 0x203A:
      return true;
    default:
      return is_symmetric_quote(c);
  }
}

bool is_opener(char32_t c) { return closer_of(c) != 0; }

// Laughter, crying and emoticon tails that may follow an ending ("좋아요ㅋㅋ", "했다ㅠㅠ").
bool is_tail_char(char32_t c) {
  if (is_jamo(c)) return true;  // ㅋ ㅎ ㅠ ㅜ ㄷ ...
  if (c >= 0x1F000 && c <= 0x1FAFF) return true;  // emoji and pictographs
  if (c >= 0x2600 && c <= 0x27BF) return true;    // misc symbols, dingbats
  if (c >= 0xFE00 && c <= 0xFE0F) return true;    // variation selectors
  switch (c) {
    case '^': case ';': case '~': case 0xFF5E: case '*': case 0x2665: case 0x2661: case 0x200D:
      return true;
    default:
      return false;
  }
}

// ---------------------------------------------------------------------------------------
// The decoded text

struct Text {
  std::u32string c;               // code points
  std::vector<std::size_t> byte;  // byte offset of each code point, plus the total size
  std::size_t n = 0;
  char32_t at(std::size_t i) const { return i < n ? c[i] : 0; }
  char32_t before(std::size_t i) const { return i > 0 && i <= n ? c[i - 1] : 0; }
};

Text decode_text(std::string_view s, utf8::ErrorMode mode) {
  Text t;
  t.c.reserve(s.size());
  t.byte.reserve(s.size() + 1);
  std::size_t pos = 0, steps = 0;
  while (pos < s.size()) {
    if ((++steps & 0xFFFF) == 0) check_interrupt();
    std::size_t start = pos;
    if (static_cast<unsigned char>(s[pos]) < 0x80) {  // ASCII fast path
      t.c.push_back(static_cast<char32_t>(s[pos]));
      t.byte.push_back(pos++);
      continue;
    }
    char32_t cp;
    std::size_t bad = 0;
    const char* reason = nullptr;
    if (!utf8::decode_one(s, pos, cp, bad, &reason)) {
      if (mode == utf8::ErrorMode::Strict) throw Utf8Error(pos, bad, reason);
      cp = 0xFFFD;  // one opaque character per invalid byte
      pos += 1;
    }
    t.c.push_back(cp);
    t.byte.push_back(start);
  }
  t.n = t.c.size();
  t.byte.push_back(s.size());
  return t;
}

// ---------------------------------------------------------------------------------------
// Korean endings

// Exact-match helper for a short run of syllables ending at `end` (exclusive).
bool word_is(const Text& t, std::size_t wb, std::size_t we, const char32_t* w) {
  std::size_t len = 0;
  while (w[len]) ++len;
  if (we - wb != len) return false;
  for (std::size_t k = 0; k < len; ++k)
    if (t.c[wb + k] != w[k]) return false;
  return true;
}

bool one_of(char32_t c, std::u32string_view set) { return set.find(c) != std::u32string_view::npos; }

// Whether the Hangul word t[wb, we) ends in a final (sentence-closing) ending. The rules are
// about the last two or three syllables, chosen to keep nouns and connective forms that end
// in the same syllable (바다, 보다, 마다, 필요, 주요, 여자, 기자, 책임...) out.
bool is_final_ending(const Text& t, std::size_t wb, std::size_t we) {
  if (we <= wb) return false;
  const std::size_t len = we - wb;
  const char32_t s1 = t.c[we - 1];
  if (!is_syllable(s1)) return false;
  const char32_t s2 = len >= 2 ? t.c[we - 2] : 0;
  const char32_t s3 = len >= 3 ? t.c[we - 3] : 0;
  const bool s2_hangul = is_syllable(s2);
  const int j2 = jong(s2);
  switch (s1) {
    case U'다':
      // 했다 / 한다 / 이다 / 없다 / 합니다; not 보다 (particle), 마다, 바다, 에다, 려다 (하려다).
      // Verb and adjective stems before 다 end in a final consonant (했다 한다 있다 같다 좋다)
      // or are one of a few open syllables (이다 니다 하다 되다 크다 다르다 바쁘다); other open
      // syllables are mostly nouns, particles and names (최다, 보다, 마다, 바다, 야마다).
      if (!s2_hangul) return false;
      if (one_of(s2, U"이니하되크르쁘프지뻐빠졌")) return true;
      switch (j2) {
        case 1: case 4: case 6: case 8: case 9: case 11: case 15: case 17: case 18: case 20:
        case 22: case 25: case 26: case 27:
          return true;
        default:
          return false;
      }
    case U'요':
      return s2_hangul && one_of(s2, U"어아해여워와에예세네데게죠지걸군나래대야가까니든고서면는은돼봐줘요구쥬잖랍답냐거죠용다려");
    case U'죠': case U'쥬':
      return s2_hangul;
    case U'까':
      return s2_hangul && (j2 == 8 || (s2 == U'니' && jong(s3) == 17));
    case U'네':
      return s2_hangul && (j2 == 20 || one_of(s2, U"하되좋같많없싶않이르크"));
    case U'군':
      return s2_hangul && one_of(s2, U"는었았였했겠");
    case U'나':  // 하는구나, 있나, 했나 (not 누구나)
      return (s2 == U'구' && s3 != U'누') || (s2_hangul && (j2 == 20 || s2 == U'긋'));
    case U'마':
      return s2 == U'지' && len >= 3;  // 하지마, 가까워지지마
    case U'께':  // 걸릴께 (promise; not 할게, which is mostly -게 되다); 냐니께 (dialect 니까)
      return s2_hangul && ((j2 == 8 && len >= 2) || (s1 == U'께' && s2 == U'니' && one_of(s3, U"냐다라")));
    case U'야':  // 인거야, 사실이야
      return s2 == U'거' || (s2 == U'이' && len >= 3);
    case U'먼':
      return s2 == U'구';  // 하는구먼
    case U'냐':
      return s2_hangul;
    case U'니':
      return s2_hangul && j2 == 20;  // 했니 / 있니 (not 하니, 했으니)
    case U'지':
      return s2_hangul && (j2 == 20 || s2 == U'겠' || s2 == U'잖');
    case U'걸':
      return s2_hangul && (j2 == 8 || j2 == 20);  // 할걸 / 했걸
    case U'라':
      return s2_hangul && one_of(s2, U"해마봐줘");  // imperative 해라, 마라 (not 사하라)
    case U'자':
      return s2_hangul && one_of(s2, U"먹보놀말해걷쉬듣읽쓰자");  // not 하자 / 여자 / 기자
    case U'대':
      return s2_hangul && (j2 == 20 || one_of(s2, U"는란단"));  // 했대 / 한다는대
    case U'용':
      return s2_hangul && one_of(s2, U"해어아에세네게죠지여워와예데나까");
    case U'유':
      return s2_hangul && (s2 == U'해' || (len >= 3 && one_of(s2, U"아어")));
    // Nominal endings used to close sentences in notes and reviews (있음, 추천함, 완료됨).
    case U'음':
      // 있음 / 찍음 / 않음; not 처음, 마음, 다음, 웃음, 얼음, 죽음, 걸음 ...
      // (stems in ㄹ nominalize without 음: 길음 is a place, not 길다)
      return s2_hangul && j2 > 0 && j2 != 8 && !one_of(s2, U"믿웃울얼죽걸놀물묶졸붙춤섞젊");
    case U'냄':  // 해냄, 보냄
      return s2_hangul;
    case U'김':  // 웃김
      return s2 == U'웃';
    case U'구':  // 하드라구, 한다구 (not 친구, 연구, 지구)
      return (s2 == U'라' || s2 == U'다') && jong(s3) != 8;  // not 쌓을라구 (= 쌓으려고)
    case U'재': case U'제':  // 없재, 싶았제 (not 문제, 경제, 축제)
      return s2_hangul && (j2 == 20 || s2 == U'없');
    case U'소':  // 했소, 없소, 한갑소 (not 장소, 주소)
      return s2_hangul && (j2 == 20 || s2 == U'없' || s2 == U'갑');
    case U'랑':  // 먹었걸랑
      return s2 == U'걸';
    case U'함':
      return s2_hangul && len >= 2 && s2 != U'포';
    case U'됨':
      return s2_hangul;
    case U'짐':
      return s2_hangul && one_of(s2, U"해아어워져러");
    case U'임':
      // 것임 / 사실임 / 때문임; not the Sino nouns in -임 (책임, 모임, 취임, 게임 ...).
      return s2_hangul && !one_of(s2, U"책모취사담부연재선신위일전후상퇴이유역방소직주차게타라지처도놓기싸");
    case U'줌':  // 해줌, 반겨줌
      return s2_hangul;
    case U'봄':  // 해봄, 먹어봄
      return s2_hangul && one_of(s2, U"해어아워");
    case U'옴':  // 나옴, 들어옴
      return s2_hangul && one_of(s2, U"나어아들돌따데");
    case U'당':  // 했당, 답니당: a playful 다
      return s2_hangul && (j2 == 20 || s2 == U'니' || s2 == U'이');
    case U'듯':
      return s2_hangul && (jong(s2) == 8 || jong(s2) == 4) && !word_is(t, wb, we, U"불현듯");  // 할듯 / 가는듯
    default:
      return false;
  }
}

// ---------------------------------------------------------------------------------------
// The splitter

class Splitter {
 public:
  Splitter(const Text& t, const SentenceOptions& o) : t_(t), o_(o) {}

  std::vector<std::size_t> cuts();  // sorted boundary positions (sentence ends)

 private:
  void pair_quotes();
  void mark_protected();
  bool forbidden(std::size_t p) const { return !protect_.empty() && protect_[p] > 0; }
  bool quoted(std::size_t p) const { return inside_[p] > 0; }
  std::size_t skip_space(std::size_t i) const {
    while (i < t_.n && is_space_like(t_.c[i])) ++i;
    return i;
  }
  bool space_has_newline(std::size_t a, std::size_t b) const {
    for (std::size_t k = a; k < b; ++k)
      if (is_newline(t_.c[k])) return true;
    return false;
  }
  // Start of the whitespace-delimited word ending at `end`, looking back at most kMaxWord
  // characters so that text without spaces stays linear.
  static constexpr std::size_t kMaxWord = 64;
  std::size_t word_start(std::size_t end) const {
    std::size_t b = end;
    const std::size_t stop = end > kMaxWord ? end - kMaxWord : 0;
    while (b > stop && !is_space_like(t_.c[b - 1])) --b;
    return b;
  }
  std::size_t word_end(std::size_t begin) const {
    std::size_t e = begin;
    const std::size_t stop = std::min(t_.n, begin + kMaxWord);
    while (e < stop && !is_space_like(t_.c[e])) ++e;
    return e;
  }
  bool line_start(std::size_t i) const {
    while (i > 0 && (t_.c[i - 1] == ' ' || t_.c[i - 1] == '\t' || is_invisible(t_.c[i - 1]))) --i;
    return i == 0 || is_newline(t_.c[i - 1]);
  }
  bool ends_with_ending(std::size_t wb, std::size_t we) const;
  bool ends_with_strong_ending(std::size_t wb, std::size_t we) const;
  bool continues_quote(std::size_t q) const;
  bool is_conjunction(std::size_t wb, std::size_t we) const;
  bool is_emoticon_end(std::size_t wb, std::size_t we) const {
    std::size_t e = we;
    while (e > wb && (is_jamo(t_.c[e - 1]) || t_.c[e - 1] >= 0x1F300 || (t_.c[e - 1] >= 0xFE00 && t_.c[e - 1] <= 0xFE0F)))
      --e;
    return e < we && e > wb && is_syllable(t_.c[e - 1]);
  }
  bool is_laughter(std::size_t wb, std::size_t we) const {
    if (we - wb < 2) return false;
    for (std::size_t m = wb; m < we; ++m)
      if (!one_of(t_.c[m], U"하호히헤흐크키허후깔껄낄") && !(m > wb + 1 && (is_terminal(t_.c[m]) || is_tail_char(t_.c[m]))))
        return false;
    return true;
  }
  bool punct_boundary(std::size_t i, std::size_t j, std::size_t kq, std::size_t k, std::size_t q) const;
  std::size_t attach_parenthetical(std::size_t k, std::size_t q) const;
  std::size_t attach_tails(std::size_t k) const;

  const Text& t_;
  const SentenceOptions& o_;
  std::vector<std::int32_t> inside_;   // per cut position: enclosing matched pairs
  std::vector<std::int64_t> opener_;   // per closing quote/bracket: its opener, or -1
  std::vector<std::int32_t> protect_;  // per cut position: caller's protected spans
};

void Splitter::pair_quotes() {
  const std::size_t n = t_.n;
  std::vector<std::int32_t> diff(n + 2, 0);
  opener_.assign(n, -1);
  struct Open { char32_t closer; std::size_t at; };
  std::vector<Open> stack;
  constexpr std::size_t kMaxDepth = 32;
  // A pair may not span a hard break: a line break (newline mode Always) or a blank line.
  for (std::size_t i = 0; i < n; ++i) {
    if ((i & 0xFFFF) == 0) check_interrupt();
    const char32_t c = t_.c[i];
    if (is_plain(c) || (c >= '0' && c <= '9') || c == ' ') continue;
    if (is_newline(c)) {
      bool hard = o_.newline == NewlineMode::Always;
      if (!hard) {
        std::size_t k = i + 1;
        while (k < n && is_ws(t_.c[k]) && !is_newline(t_.c[k])) ++k;
        hard = k < n && is_newline(t_.c[k]);
      }
      if (hard) stack.clear();
      continue;
    }
    if (is_symmetric_quote(c)) {
      const char32_t prev = t_.before(i), next = t_.at(i + 1);
      if (c == '\'' && is_latin(prev) && is_latin(next)) continue;  // don't, it's
      if (c == '\'' && is_digit(next) && (i == 0 || is_space_like(prev))) continue;  // '90s
      auto it = std::find_if(stack.rbegin(), stack.rend(), [&](const Open& o) { return o.closer == c; });
      const bool prev_open = i == 0 || is_space_like(prev) || is_opener(prev);
      const bool next_space = next == 0 || is_space_like(next);
      if (it != stack.rend() && (!prev_open || next_space)) {
        std::size_t o = it->at;
        diff[o + 1] += 1;
        diff[i + 1] -= 1;
        opener_[i] = static_cast<std::int64_t>(o);
        stack.erase(std::next(it).base(), stack.end());
        continue;
      }
      if (!prev_open && next_space) continue;  // a closing quote that was never opened
      if (stack.size() < kMaxDepth) stack.push_back({c, i});
      continue;
    }
    if (char32_t cl = closer_of(c)) {
      if (c == '<' && (is_space_like(t_.at(i + 1)) || t_.at(i + 1) == '=')) continue;  // a < b
      if (stack.size() < kMaxDepth) stack.push_back({cl, i});
      continue;
    }
    if (is_closer(c)) {
      auto it = std::find_if(stack.rbegin(), stack.rend(), [&](const Open& o) { return o.closer == c; });
      if (it == stack.rend()) continue;  // unmatched closer: ignore
      std::size_t o = it->at;
      diff[o + 1] += 1;
      diff[i + 1] -= 1;
      opener_[i] = static_cast<std::int64_t>(o);
      stack.erase(std::next(it).base(), stack.end());
    }
  }
  inside_.assign(n + 1, 0);
  std::int32_t run = 0;
  for (std::size_t p = 0; p <= n; ++p) {
    run += diff[p];
    inside_[p] = run;
  }
}

void Splitter::mark_protected() {
  const std::size_t n = t_.n;
  if (o_.protected_spans.empty() && o_.protected_byte_spans.empty()) return;
  protect_.assign(n + 2, 0);
  std::vector<std::int32_t> diff(n + 2, 0);
  auto add = [&](std::size_t b, std::size_t e) {
    e = std::min(e, n);
    if (b + 1 >= e) return;  // no cut position strictly inside
    diff[b + 1] += 1;
    diff[e] -= 1;
  };
  for (auto [b, e] : o_.protected_spans) add(b, e);
  for (auto [bb, be] : o_.protected_byte_spans) {
    auto to_cp = [&](std::size_t byte) {
      return static_cast<std::size_t>(std::lower_bound(t_.byte.begin(), t_.byte.end(), byte) - t_.byte.begin());
    };
    add(to_cp(bb), to_cp(be));
  }
  std::int32_t run = 0;
  for (std::size_t p = 0; p <= n; ++p) {
    run += diff[p];
    protect_[p] = run;
  }
}

// The word t[wb, we) ends in a final ending, possibly followed by laughter or emoji tails
// ("좋아요ㅋㅋ", "했다^^").
// The endings that close sentences in every register (다 / 요 / 죠 / 까); the others (nominal
// 함 / 음 / 임, colloquial 나 / 지 / 구, dialect forms) are weak and need more context.
bool Splitter::ends_with_strong_ending(std::size_t wb, std::size_t we) const {
  std::size_t e = we;
  while (e > wb && is_tail_char(t_.c[e - 1])) --e;
  if (e == wb || !is_final_ending(t_, wb, e)) return false;
  const char32_t s1 = t_.c[e - 1], s2 = e - wb >= 2 ? t_.c[e - 2] : 0;
  if (one_of(s1, U"다요죠쥬까냐")) return true;
  // Verb endings after a past or future marker are as reliable: 알겠지, 했네, 했니.
  return one_of(s1, U"지네니") && (jong(s2) == 20 || s2 == U'겠');
}

bool Splitter::ends_with_ending(std::size_t wb, std::size_t we) const {
  std::size_t e = we;
  while (e > wb && is_tail_char(t_.c[e - 1])) --e;
  if (e == wb) return false;
  return is_final_ending(t_, wb, e);
}

// Conjunctions and adverbs that a trailing-off ellipsis may follow without ending anything.
bool Splitter::is_conjunction(std::size_t wb, std::size_t we) const {
  static const char32_t* const kWords[] = {U"그런데", U"그리고", U"그러나", U"그래서", U"근데",
                                           U"그러면", U"그러니까", U"하지만", U"그렇지만", U"그러고",
                                           U"그런지", U"아무튼", U"그다지", U"그나마", U"다만",
                                           U"게다가", U"그러다가", nullptr};
  for (const char32_t* const* w = kWords; *w; ++w)
    if (word_is(t_, wb, we, *w)) return true;
  return false;
}

// After a closing quote and spaces at q: does a quoting verb or particle continue the
// sentence ("...다." 하며 / "...다" 라고 / 고 말했다)?
bool Splitter::continues_quote(std::size_t q) const {
  if (q >= t_.n || !is_syllable(t_.c[q])) return false;
  const std::size_t we = word_end(q);
  static const char32_t* const kPrefixes[] = {U"라고", U"라며", U"라는", U"라면", U"하며", U"하고",
                                              U"하는", U"하면", U"하자", U"하니", U"하여", U"하던",
                                              U"하더", U"하겠", U"하곤", U"이러면", U"이러며", U"이러고", U"이러는", U"이라고", U"이라며", U"이라는", nullptr};
  if (we - q >= 3 && t_.c[q] == U'하' && t_.c[q + 1] == U'고' && one_of(t_.c[q + 2], U"나서"))
    return false;  // 하고나서는: a new sentence ("after doing ...")
  for (const char32_t* const* p = kPrefixes; *p; ++p) {
    std::size_t len = 0;
    while ((*p)[len]) ++len;
    if (we - q >= len && std::equal(*p, *p + len, t_.c.begin() + static_cast<std::ptrdiff_t>(q))) return true;
  }
  return word_is(t_, q, we, U"고") || word_is(t_, q, we, U"며") || word_is(t_, q, we, U"란") ||
         word_is(t_, q, we, U"는");
}

// Decides a boundary after the terminal run t[i, j) and the closers t[j, k); q is the first
// non-space position after k.
// Words made only of laughter, crying or emoji after a sentence end (좋아요 😀 / 했다 ㅋㅋㅋ)
// belong to that sentence: returns the cut moved past them (on the same line).
std::size_t Splitter::attach_tails(std::size_t k) const {
  const std::size_t n = t_.n;
  std::size_t cut = k;
  for (;;) {
    const std::size_t q = skip_space(cut);
    if (q >= n || space_has_newline(cut, q)) return cut;
    const std::size_t e = word_end(q);
    std::size_t m = q;
    while (m < e && is_tail_char(t_.c[m]) && t_.c[m] != '*') ++m;
    if (m == q || (t_.c[q] == '^' && t_.c[e - 1] == '^' && e - q <= 6)) {
      if (is_laughter(q, e) || (t_.c[q] == '^' && t_.c[e - 1] == '^' && e - q >= 2 && e - q <= 6)) {
        cut = e;
        continue;
      }
      return cut;
    }
    if (m < e && !is_syllable(t_.c[m])) {  // "^^.." / "ㅋㅋ!!"
      std::size_t x = m;
      while (x < e && (is_terminal(t_.c[x]) || is_tail_char(t_.c[x]))) ++x;
      if (x == e) {
        cut = e;
        continue;
      }
    }
    // Emoji glued to the next word ("요. 😲😲동그라미") still close this sentence.
    if (m < e) {
      bool emoji = false, jamo = true;
      for (std::size_t x = q; x < m; ++x) {
        emoji |= !is_jamo(t_.c[x]) && t_.c[x] >= 0x2600;
        jamo &= is_jamo(t_.c[x]);
      }
      return (emoji || (jamo && m - q >= 2)) && is_syllable(t_.c[m]) ? m : cut;
    }
    cut = e;
  }
}

// A short parenthetical note right after a sentence ("...이다. (6회 우승) 또한", "(2021년 3월)")
// belongs to that sentence when more text follows it.
std::size_t Splitter::attach_parenthetical(std::size_t k, std::size_t q) const {
  const std::size_t n = t_.n;
  if (q >= n || (t_.c[q] != '(' && t_.c[q] != 0xFF08) || space_has_newline(k, q)) return k;
  const char32_t close = closer_of(t_.c[q]);
  std::size_t m = q + 1;
  while (m < n && m - q <= 24 && t_.c[m] != close && !is_newline(t_.c[m]) && !is_terminal(t_.c[m]) &&
         !is_opener(t_.c[m]))
    ++m;
  if (m >= n || t_.c[m] != close || m == q + 1) return k;
  const std::size_t after = skip_space(m + 1);
  if (after >= n || after == m + 1 || space_has_newline(m + 1, after)) return k;
  return m + 1;
}

bool Splitter::punct_boundary(std::size_t i, std::size_t j, std::size_t kq, std::size_t k,
                              std::size_t q) const {
  const std::size_t n = t_.n;
  if (q >= n) return true;
  const char32_t prev = t_.before(i);
  const char32_t next = t_.c[q];
  const bool spaced = q > k;
  bool has_bang = false, has_dot = false, has_ellipsis = false, has_tilde = false;
  std::size_t dots = 0;
  for (std::size_t m = i; m < j; ++m) {
    char32_t c = t_.c[m];
    if (c == '!' || c == '?' || c == 0xFF01 || c == 0xFF1F || (c >= 0x203C && c <= 0x2049)) has_bang = true;
    else if (is_dot(c)) { has_dot = true; ++dots; }
    else if (is_ellipsis_char(c)) has_ellipsis = true;
    else if (is_tilde(c)) has_tilde = true;
  }
  if (dots >= 2) has_ellipsis = true;
  const bool closed = kq > j;
  const bool footnote = k > kq;
  // "(?)", "(!)", "[...]": punctuation as the whole content of brackets is a comment.
  if (i > 0 && is_opener(prev)) return false;
  // Emphasis dots between single syllables: 전.부.다.요, 반.전.매.력
  if (has_dot && !has_ellipsis && j == i + 1 && !closed && is_syllable(prev) && is_syllable(next) &&
      (i < 2 || !is_syllable(t_.c[i - 2]))) {
    // ... also spaced: "전. 부. 다. 요!!!"
    const bool prev_single = i >= 2 ? (is_dot(t_.c[i - 2]) || is_space_like(t_.c[i - 2])) : true;
    const bool next_single = q + 1 < n && (is_dot(t_.c[q + 1]) || is_terminal(t_.c[q + 1]));
    bool chain = !spaced && ((i >= 2 && is_dot(t_.c[i - 2])) || next_single);
    if (spaced && prev_single && next_single) {
      std::size_t b = i - 1;
      while (b > 0 && is_space_like(t_.c[b - 1])) --b;
      chain = (b > 0 && is_dot(t_.c[b - 1]) && b >= 2 && is_syllable(t_.c[b - 2]) &&
               (b < 3 || !is_syllable(t_.c[b - 3]))) || (q + 1 < n && is_dot(t_.c[q + 1]));
    }
    if (chain) return false;
  }
  // An aside in brackets glued to a word ("있는 곳이라면(가능한!) 어디든") does not end the
  // sentence around it.
  if (closed) {
    for (std::size_t m = j; m < kq; ++m) {
      const char32_t cl = t_.c[m];
      if (cl == ')' || cl == ']' || cl == 0xFF09 || cl == 0xFF3D) {
        const std::int64_t o = opener_[m];
        if (o > 0 && !is_space_like(t_.c[static_cast<std::size_t>(o) - 1])) return false;
      }
    }
  }

  // A closing quote followed by a quoting particle or verb continues the sentence.
  if (closed && !footnote) {
    if (!spaced) return is_opener(next) && !is_symmetric_quote(next);
    if (continues_quote(q)) return false;
  }
  // No space after the punctuation: only Hangul on both sides splits (했다.그리고), never
  // numbers, URLs, e-mails, file names or abbreviations.
  if (!spaced && footnote) return is_syllable(next) || is_opener(next);
  if (!spaced && !closed) {
    if (!is_syllable(prev)) return false;
    const bool ending = ends_with_ending(word_start(i), i);
    if (is_digit(next)) return (has_bang || has_dot) && ending;
    if (!(is_syllable(next) || is_opener(next) || is_symmetric_quote(next))) return false;
    // An ellipsis or tilde glued to the next word splits only after an ending: the headline
    // "방향 논의…산업부" stays whole, "좋겠다......예뻤어" does not.
    if (one_of(next, U"는고며라란")) return false;  // 감돌았다…는 것은
    if (has_ellipsis || has_tilde || has_dot) return ending;
    return true;
  }
  const std::size_t wb = word_start(i);
  if (has_bang) {
    // 이게 뭐지?? 하고 검색했다 / 중독이 되나? 싶었는데
    if (closed) return true;
    if (continues_quote(q)) return false;
    return !(t_.c[q] == U'싶' && q + 1 < n && is_syllable(t_.c[q + 1]));
  }
  if (has_ellipsis || (has_tilde && !has_dot)) {
    // Trailing-off ellipsis or tilde: a boundary after a final ending (or a trailing
    // connective such as 같고..), not after an adverb, noun or interjection (그런데..... 양이....).
    if (closed) return true;
    if (continues_quote(q)) return false;  // 순대 먹자~ 하면
    if (ends_with_ending(wb, i)) return true;
    // A clause trailing off (했던… / 모르겠지만.. / 같고..), not a conjunction (그런데...).
    if (has_ellipsis && i - wb >= 2 && one_of(t_.c[i - 1], U"던고까게며지네나") &&
        !is_conjunction(wb, i))
      return true;
    return false;
  }
  // A single full stop.
  if (closed) return true;
  if (is_digit(prev)) {
    // Decimals split by a space are rare; dates "2010. 01. 01." and numbered lists are not.
    if (is_digit(next)) return false;
    // The last part of a date: digits preceded by "digits. "
    std::size_t d = i;
    while (d > wb && is_digit(t_.c[d - 1])) --d;
    if (d == wb && wb >= 2) {
      std::size_t p = wb;
      while (p > 0 && is_space_like(t_.c[p - 1])) --p;
      if (p < wb && p > 0 && is_dot(t_.c[p - 1]) && p >= 2 && is_digit(t_.c[p - 2])) return false;
    }
    // Bullet "1." at a line start, or a standalone list number mid-line ("사과 2. 배"):
    // Korean sentences do not end in a bare one- or two-digit number.
    if (d == wb && i - d <= 3 && line_start(wb)) return false;
    if (d == wb && i - d <= 2) return false;
    // A list number right after a sentence end ("거든요?1.마라", "했다. 2. 다음", "했어요2.시그").
    if (i - d <= 2 && d > 0) {
      std::size_t b = d;
      while (b > 0 && is_space_like(t_.c[b - 1])) --b;
      if (b > 0 && (is_terminal(t_.c[b - 1]) || is_closer(t_.c[b - 1]) ||
                    (is_syllable(t_.c[b - 1]) && ends_with_ending(word_start(b), b))))
        return false;
    }
  }
  if (is_latin(prev)) {
    // Initials (J. K. Rowling), dotted abbreviations (U.S., Ph.D., e.g.), and titles.
    std::size_t lb = i;
    while (lb > wb && (is_latin(t_.c[lb - 1]) || is_dot(t_.c[lb - 1]))) --lb;
    const std::size_t len = i - lb;
    if (len == 1 && is_upper(prev)) return false;
    bool dotted = false;
    for (std::size_t m = lb; m < i; ++m) dotted |= is_dot(t_.c[m]);
    if (dotted && len <= 6) return false;
    static const char32_t* const kAbbrev[] = {U"Mr", U"Mrs", U"Ms", U"Dr", U"Prof", U"St", U"Jr",
                                              U"Sr", U"vs", U"cf", U"No", U"Vol", U"vol", U"pp",
                                              U"Fig", U"fig", U"Jan", U"Feb", U"Mar", U"Apr",
                                              U"Jun", U"Jul", U"Aug", U"Sep", U"Sept", U"Oct",
                                              U"Nov", U"Dec", U"Inc", U"Co", U"Corp", U"Ltd",
                                              U"approx", U"ca", U"Gen", U"Lt", U"Col", U"Sgt",
                                              U"Rep", U"Sen", U"Gov", U"Mt", U"p", nullptr};
    for (const char32_t* const* a = kAbbrev; *a; ++a)
      if (word_is(t_, lb, i, *a) && (lb == wb || !is_latin(t_.c[lb - 1]))) return false;
  }
  // Bullet "가." / "A." / "ㄱ." at a line start.
  if (i - wb == 1 && line_start(wb) &&
      (one_of(prev, U"가나다라마바사아자차카타파하") || is_jamo(prev) || is_upper(prev)))
    return false;
  return true;
}

std::vector<std::size_t> Splitter::cuts() {
  pair_quotes();
  mark_protected();
  const std::size_t n = t_.n;
  std::vector<std::size_t> out;
  auto emit = [&](std::size_t p) {
    if (p == 0 || p >= n || forbidden(p)) return;
    if (!out.empty() && out.back() >= p) return;
    out.push_back(p);
  };
  std::size_t i = 0, steps = 0;
  while (i < n) {
    if ((++steps & 0xFFFF) == 0) check_interrupt();  // one huge text stays stoppable
    const char32_t c = t_.c[i];
    if (is_plain(c)) {
      ++i;
      continue;
    }
    if (is_terminal(c)) {
      std::size_t j = i;
      while (j < n && (is_terminal(t_.c[j]) || (is_tail_char(t_.c[j]) && j > i)))
        ++j;
      std::size_t k = j;
      std::size_t kq = j;  // end of the closing quotes/brackets (before any footnote mark)
      for (bool first = true;; first = false) {
        while (k < n && is_closer(t_.c[k])) ++k;
        if (first) kq = k;
        // Footnote marks glued to the end belong to the sentence: 이다.[16][17] / 했다.[참고 2]
        if (k < n && t_.c[k] == '[') {
          std::size_t m = k + 1;
          // Footnote marks are short and carry no Latin words: [3], [참고 2], [*], [출처 필요].
          while (m < n && m - k <= 8 && t_.c[m] != ']' && t_.c[m] != '[' && !is_newline(t_.c[m]) &&
                 !is_latin(t_.c[m]))
            ++m;
          if (m < n && t_.c[m] == ']' && m > k + 1) {
            k = m + 1;
            continue;
          }
        }
        break;
      }
      // Closers that were never opened in this stretch are not closing anything we track,
      // but still belong to the sentence; the cut goes after them.
      const std::size_t q = skip_space(k);
      if (!quoted(k) && punct_boundary(i, j, kq, k, q)) emit(attach_tails(attach_parenthetical(k, q)));
      i = k;
      continue;
    }
    if (is_digit(c) && i > 0 && is_syllable(t_.c[i - 1]) && o_.split_unpunctuated_endings) {
      // A list number glued to an ending starts a new item: "없어졌어요2.시그".
      std::size_t j = i;
      while (j < n && is_digit(t_.c[j])) ++j;
      if (j - i <= 2 && j + 1 < n && (is_dot(t_.c[j]) || t_.c[j] == ')') && !is_digit(t_.c[j + 1]) &&
          !quoted(i) && ends_with_strong_ending(word_start(i), i))
        emit(i);
      i = j;
      continue;
    }
    if (is_tail_char(c) && i > 0 && is_syllable(t_.c[i - 1])) {
      // "해볼게요^^로마" / "좋아요ㅋㅋ그래서": tails glued between an ending and a new word.
      std::size_t j = i;
      while (j < n && is_tail_char(t_.c[j])) ++j;
      if (j < n && is_syllable(t_.c[j]) && !quoted(j) && o_.split_unpunctuated_endings &&
          (j - i >= 2 || t_.c[i] >= 0x2600) && ends_with_ending(word_start(i), i))
        emit(j);
      i = j;
      continue;
    }
    if (is_space_like(c)) {
      const std::size_t sb = i;
      std::size_t se = i;
      while (se < n && is_space_like(t_.c[se])) ++se;
      bool newline = false, blank = false;
      {
        int lines = 0;
        for (std::size_t m = sb; m < se; ++m) {
          if (t_.c[m] == '\r' && m + 1 < se && t_.c[m + 1] == '\n') continue;
          if (is_newline(t_.c[m])) ++lines;
        }
        newline = lines >= 1;
        blank = lines >= 2;
      }
      if (sb > 0 && se < n) {
        const std::size_t wb = word_start(sb);
        if (blank || (newline && o_.newline == NewlineMode::Always)) {
          emit(sb);
        } else {
          // Closing quotes/brackets of pairs that closed are transparent for the ending test:
          // "(...하더라구요ㅋㅋ) 마지막", "“...합니다” 피터 리".
          std::size_t we = sb;
          bool quote_closed = false;
          bool aside_after_ending = false;
          while (we > wb && is_closer(t_.c[we - 1]) && opener_[we - 1] >= 0) {
            const std::size_t o = static_cast<std::size_t>(opener_[we - 1]);
            const char32_t cl = t_.c[we - 1];
            const bool bracket = cl == ')' || cl == ']' || cl == 0xFF09 || cl == 0xFF3D;
            if (bracket && o > 0 && !is_space_like(t_.c[o - 1]) && !is_terminal(t_.c[o - 1])) {
              // An aside glued to a sentence end: "카운터였음(테라스가 바로 옆) 들을라고".
              if (o - 1 >= wb || word_start(o) < o) {
                const std::size_t ob = word_start(o);
                if (ends_with_strong_ending(ob, o) || (ends_with_ending(ob, o) && ob > wb)) {
                  aside_after_ending = true;
                }
              }
              break;
            }
            quote_closed |= !bracket;
            --we;
          }
          bool ending = ends_with_ending(wb, we) || aside_after_ending;
          // Weak endings need a sentence of two words or more and no closing bracket between:
          // "천안함 침몰", "볶음 우동", "(하나뿐임) 사이즈" are not sentence ends.
          if (ending && !ends_with_strong_ending(wb, we)) {
            const std::size_t start = skip_space(out.empty() ? 0 : out.back());
            ending = we == sb && wb > start;
          }
          // Laughter or emoji closing a word ("웃음지뢰ㅋㅋㅋ 다음", "후회중ㅋ 좋아하는").
          if (!ending && we == sb && we - wb >= 2 && is_emoticon_end(wb, we)) ending = true;
          // A sentence never starts with a closing quote or bracket ("'한심하다 ', ...").
          if (ending && se < n && is_closer(t_.c[se]) &&
              (!is_symmetric_quote(t_.c[se]) || se + 1 >= n || !is_syllable(t_.c[se + 1])))
            ending = false;
          if (ending && quote_closed) {
            std::size_t e = we;
            while (e > wb && is_tail_char(t_.c[e - 1])) --e;
            const char32_t last = t_.c[e - 1];
            ending = (last == U'다' && e - wb >= 2 && t_.c[e - 2] == U'니') || last == U'요' || last == U'죠';
          }
          // Inside quotes only the formal -니다 ending splits without punctuation.
          if (quoted(sb))
            ending = ending && we == sb && we - wb >= 2 && t_.c[we - 1] == U'다' && t_.c[we - 2] == U'니';
          if (newline && o_.newline == NewlineMode::Ending) {
            const char32_t last = t_.c[sb - 1];
            if (!quoted(sb) && (ending || is_terminal(last) || is_closer(last))) emit(sb);
          } else if (ending && o_.split_unpunctuated_endings && !continues_quote(se)) {
            // "...했다 그리고": not before a negation (하지 않다) or 보니/보면 (하다 보니).
            const std::size_t ne = word_end(se);
            bool glued = false;
            static const char32_t* const kNext[] = {U"않", U"못", U"보니", U"보면", U"보며", U"말고",
                                                    U"싶", U"생각", U"줬", U"주었", U"드렸", U"없이", U"외에",
                                                    U"하드", nullptr};
            // An embedded question: 될까 두려웠다, 할까 봐, 갈까 말까, 할까 한다.
            static const char32_t* const kAfterQuestion[] = {
                U"봐", U"보", U"하는", U"한다", U"해", U"하고", U"하다", U"했", U"하며", U"두려", U"걱정",
                U"말", U"고민", U"생각", U"싶", U"궁금", nullptr};
            if (one_of(t_.c[we - 1], U"까냐지나"))
              for (const char32_t* const* p = kAfterQuestion; *p && !glued; ++p) {
                std::size_t len = 0;
                while ((*p)[len]) ++len;
                glued = ne - se >= len && std::equal(*p, *p + len, t_.c.begin() + static_cast<std::ptrdiff_t>(se));
              }
            for (const char32_t* const* p = kNext; *p && !glued; ++p) {
              std::size_t len = 0;
              while ((*p)[len]) ++len;
              glued = ne - se >= len && std::equal(*p, *p + len, t_.c.begin() + static_cast<std::ptrdiff_t>(se));
            }
            if (!glued) emit(attach_tails(attach_parenthetical(sb, se)));
          }
        }
      }
      i = se;
      continue;
    }
    ++i;
  }
  return out;
}

}  // namespace

std::vector<SentenceSpan> split_sentences(std::string_view utf8_text, const SentenceOptions& options) {
  const Text t = decode_text(utf8_text, options.errors);
  std::vector<SentenceSpan> spans;
  if (t.n == 0) return spans;
  Splitter splitter(t, options);
  std::vector<std::size_t> cuts = splitter.cuts();
  cuts.push_back(t.n);
  std::size_t start = 0;
  for (std::size_t cut : cuts) {
    std::size_t b = start, e = cut;
    while (b < e && is_ws(t.c[b])) ++b;
    while (e > b && is_ws(t.c[e - 1])) --e;
    if (e > b) spans.push_back({b, e, t.byte[b], t.byte[e]});
    start = cut;
  }
  return spans;
}

}  // namespace kotext
