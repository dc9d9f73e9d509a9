// Korean text normalization. The rules of normalize.hpp run as four passes over code points
// that carry the index of the input code point they came from:
//   1. pass_clean: reads the input (UTF-8, UCS-2 or UTF-32) once and applies rules 1-3;
//   2. pass_unicode_form: rule 4, skipped when no code point needs it (most Korean text);
//   3. pass_lowercase: rule 5, only with `lowercase`;
//   4. pass_write: rules 6-8 and the output encoding, streamed in one loop.
// The order makes the result idempotent: every mapping whose output another pass could
// change again runs after that pass (punctuation after NFKC, repeats after spaces), and the
// whole sequence runs again in the rare case that the result still holds a reference.
#include "kotext/normalize.hpp"
#include "kotext/parallel.hpp"

#include <utf8proc.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <type_traits>

namespace kotext {
namespace {

struct Cp {
  char32_t cp;
  std::int64_t src;
  Cp() {}  // uninitialized on purpose: buffers are sized first, then written in one go
  Cp(char32_t c, std::int64_t s) : cp(c), src(s) {}
};
using Seq = std::vector<Cp>;

// The passes reuse per-thread buffers; one that grew for a huge document is given back
// rather than kept for the life of the thread.
template <class Buffer>
void release_if_large(Buffer& buffer) {
  if (buffer.capacity() > (std::size_t{1} << 22)) Buffer().swap(buffer);
}

// ---------------------------------------------------------------------------------------
// HTML character references
struct NamedRef {
  const char* name;
  char32_t cp;
};
// The references news pages actually carry; all numeric references are decoded too.
constexpr NamedRef kNamedRefs[] = {
    {"amp", '&'},        {"lt", '<'},         {"gt", '>'},         {"quot", '"'},
    {"apos", '\''},      {"nbsp", 0xA0},      {"middot", 0xB7},    {"hellip", 0x2026},
    {"lsquo", 0x2018},   {"rsquo", 0x2019},   {"ldquo", 0x201C},   {"rdquo", 0x201D},
    {"sbquo", 0x201A},   {"bdquo", 0x201E},   {"ndash", 0x2013},   {"mdash", 0x2014},
    {"bull", 0x2022},    {"copy", 0xA9},      {"reg", 0xAE},       {"trade", 0x2122},
    {"laquo", 0xAB},     {"raquo", 0xBB},     {"lsaquo", 0x2039},  {"rsaquo", 0x203A},
    {"times", 0xD7},     {"divide", 0xF7},    {"deg", 0xB0},       {"plusmn", 0xB1},
    {"sdot", 0x22C5},    {"prime", 0x2032},   {"Prime", 0x2033},   {"ensp", 0x2002},
    {"emsp", 0x2003},    {"thinsp", 0x2009},  {"zwnj", 0x200C},    {"zwj", 0x200D},
    {"lrm", 0x200E},     {"rlm", 0x200F},     {"shy", 0xAD},       {"euro", 0x20AC},
    {"yen", 0xA5},       {"pound", 0xA3},     {"cent", 0xA2},      {"sect", 0xA7},
    {"para", 0xB6},      {"micro", 0xB5},     {"frac12", 0xBD},    {"frac14", 0xBC},
    {"frac34", 0xBE},    {"sup1", 0xB9},      {"sup2", 0xB2},      {"sup3", 0xB3},
    {"larr", 0x2190},    {"rarr", 0x2192},    {"uarr", 0x2191},    {"darr", 0x2193},
    {"harr", 0x2194},    {"hyphen", 0x2010},  {"dash", 0x2010},    {"minus", 0x2212},
    {"quest", '?'},      {"excl", '!'},       {"num", '#'},        {"percnt", '%'},
    {"lpar", '('},       {"rpar", ')'},       {"comma", ','},      {"period", '.'},
    {"colon", ':'},      {"semi", ';'},       {"sol", '/'},        {"bsol", '\\'},
    {"lsqb", '['},       {"rsqb", ']'},       {"lowbar", '_'},     {"verbar", '|'},
    {"ast", '*'},        {"plus", '+'},       {"equals", '='},     {"Tab", '\t'},
    {"NewLine", '\n'},   {"dollar", '$'},     {"commat", '@'},     {"tilde", '~'},
};

inline bool is_ascii_alnum(char32_t c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

// HTML5 reads the numeric references &#128; to &#159; as windows-1252 bytes (pages written
// in that encoding use &#147; &#148; for curly quotes); 0 marks the five unassigned bytes.
constexpr char16_t kWindows1252[32] = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0,      0x017D, 0,      0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};

// Parses the reference whose name starts at in[j] (just after an '&'). On success returns
// true with the decoded code point and the index just past the ';'.
template <class Text>
bool parse_reference(const Text& in, std::size_t j, char32_t& out, std::size_t& end) {
  const std::size_t n = in.size();
  if (j >= n) return false;
  if (in[j] == '#') {
    std::size_t k = j + 1;
    bool hex = false;
    if (k < n && (in[k] == 'x' || in[k] == 'X')) { hex = true; ++k; }
    std::size_t digits_start = k;
    std::uint64_t value = 0;
    while (k < n && k - digits_start < 10) {
      char32_t c = in[k];
      int d;
      if (c >= '0' && c <= '9') d = static_cast<int>(c - '0');
      else if (hex && c >= 'a' && c <= 'f') d = static_cast<int>(c - 'a' + 10);
      else if (hex && c >= 'A' && c <= 'F') d = static_cast<int>(c - 'A' + 10);
      else break;
      value = value * (hex ? 16 : 10) + static_cast<std::uint64_t>(d);
      ++k;
    }
    if (k == digits_start || k >= n || in[k] != ';') return false;
    // Invalid scalar values decode to U+FFFD, as HTML5 specifies.
    if (value == 0 || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF)) out = 0xFFFD;
    else if (value >= 0x80 && value <= 0x9F && kWindows1252[value - 0x80] != 0)
      out = kWindows1252[value - 0x80];
    else out = static_cast<char32_t>(value);
    end = k + 1;
    return true;
  }
  char name[12];
  std::size_t len = 0;
  std::size_t k = j;
  while (k < n && len < sizeof(name) - 1 && is_ascii_alnum(in[k])) {
    name[len++] = static_cast<char>(in[k]);
    ++k;
  }
  if (len == 0 || k >= n || in[k] != ';') return false;
  name[len] = 0;
  for (const auto& ref : kNamedRefs) {
    if (std::strcmp(ref.name, name) == 0) {
      out = ref.cp;
      end = k + 1;
      return true;
    }
  }
  return false;
}

// ---------------------------------------------------------------------------------------
// Character classes
inline bool is_compat_jamo(char32_t c) { return c >= 0x3131 && c <= 0x318E; }
inline bool is_hangul_syllable(char32_t c) { return c >= 0xAC00 && c <= 0xD7A3; }

bool is_emoji(char32_t c) {
  return (c >= 0x1F000 && c <= 0x1FAFF) || (c >= 0x2600 && c <= 0x27BF) ||
         (c >= 0x2B05 && c <= 0x2B07) || (c >= 0x2B1B && c <= 0x2B1C) || c == 0x2B50 ||
         c == 0x2B55 || c == 0x231A || c == 0x231B || c == 0x2328 || c == 0x23CF ||
         (c >= 0x23E9 && c <= 0x23F3) || (c >= 0x23F8 && c <= 0x23FA) || c == 0x3030 ||
         c == 0x303D || c == 0x3297 || c == 0x3299;
}
// Code points that only make sense attached to an emoji: variation selectors, keycap,
// tag characters (flag sequences), and skin-tone modifiers (inside the emoji range already).
inline bool is_emoji_component(char32_t c) {
  return c == 0xFE0E || c == 0xFE0F || c == 0x20E3 || (c >= 0xE0020 && c <= 0xE007F);
}

// Invisible format characters that carry no text in news: removed.
inline bool is_invisible(char32_t c) {
  return c == 0x200B || c == 0x200C || c == 0x2060 || c == 0xFEFF || c == 0x00AD ||
         c == 0x200E || c == 0x200F || (c >= 0x202A && c <= 0x202E) ||
         (c >= 0x2066 && c <= 0x2069) || c == 0x180E;
}

inline bool is_space_variant(char32_t c) {
  return c == 0xA0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200A) || c == 0x202F ||
         c == 0x205F || c == 0x3000;
}

// Half-width Hangul (U+FFA0-FFDC) to Hangul compatibility jamo (U+3164-3163).
char32_t halfwidth_hangul_to_compat(char32_t c) {
  if (c == 0xFFA0) return 0x3164;
  if (c >= 0xFFA1 && c <= 0xFFBE) return 0x3131 + (c - 0xFFA1);
  if (c >= 0xFFC2 && c <= 0xFFC7) return 0x314F + (c - 0xFFC2);
  if (c >= 0xFFCA && c <= 0xFFCF) return 0x3155 + (c - 0xFFCA);
  if (c >= 0xFFD2 && c <= 0xFFD7) return 0x315B + (c - 0xFFD2);
  if (c >= 0xFFDA && c <= 0xFFDC) return 0x3161 + (c - 0xFFDA);
  return 0;
}

char32_t fullwidth_sign(char32_t c) {
  switch (c) {
    case 0xFFE0: return 0xA2;
    case 0xFFE1: return 0xA3;
    case 0xFFE2: return 0xAC;
    case 0xFFE3: return 0xAF;
    case 0xFFE4: return 0xA6;
    case 0xFFE5: return 0xA5;
    case 0xFFE6: return 0x20A9;
    default: return 0;
  }
}

// ---------------------------------------------------------------------------------------
// Unicode form helpers (pass 2), needed by pass 1 to tell whether pass 2 has work to do.
//
// A chunk is a starter followed by every code point that may combine with or reorder
// around it. Only chunks that are not already stable go through utf8proc, which keeps
// Hangul and ASCII text on a fast path and gives each output code point the input index
// of its chunk's starter. Feeding utf8proc one chunk at a time also keeps U+11A7 (a vowel
// jamo outside the syllable algorithm) out of any chunk that starts with a syllable, so
// utf8proc < 2.10's Hangul composition bug (it merged LV + U+11A7, fixed in utf8proc
// PR #317) cannot be reached.

// Starters (combining class 0) that still compose with what precedes them, or whose
// decomposition starts with a non-starter (checked against Python's unicodedata).
inline bool is_second_starter(char32_t c) {
  return (c >= 0x1161 && c <= 0x1175) || (c >= 0x11A8 && c <= 0x11C2) || c == 0x09BE ||
         c == 0x09D7 || c == 0x0B3E || c == 0x0B56 || c == 0x0B57 || c == 0x0BBE ||
         c == 0x0BD7 || c == 0x0CC2 || c == 0x0CD5 || c == 0x0CD6 || c == 0x0D3E ||
         c == 0x0D57 || c == 0x0DCF || c == 0x0DDF || c == 0x102E || c == 0x1B35 ||
         c == 0x0F73 || c == 0x0F75 || c == 0x0F81 || c == 0xFF9E || c == 0xFF9F ||
         c == 0x110BA || c == 0x11127 || c == 0x1133E || c == 0x11357 || c == 0x114B0 ||
         c == 0x114BA || c == 0x114BD || c == 0x115AF || c == 0x11930;
}

inline const utf8proc_property_t* property(char32_t c) {
  return utf8proc_get_property(static_cast<utf8proc_int32_t>(c));
}

inline int combining_class(char32_t c) { return property(c)->combining_class; }

inline bool continues_chunk(char32_t c) {
  if (c < 0x300) return false;
  if (is_hangul_syllable(c) || is_compat_jamo(c)) return false;
  // Half-width Hangul letters: NFKC makes them conjoining jamo, which compose with what
  // precedes them (ᄀ + ﾏ -> 가), so they belong to the chunk before them.
  if (c >= 0xFFA0 && c <= 0xFFDC) return true;
  return is_second_starter(c) || combining_class(c) != 0;
}

// True when a chunk of exactly this one code point is already in the requested form:
// it has no decomposition (NFKC), or no canonical one (NFC).
inline bool stable_alone(char32_t c, UnicodeForm form) {
  if (c < 0x80 || is_hangul_syllable(c) || is_compat_jamo(c)) return true;
  if (form == UnicodeForm::NFC && c < 0x300) return true;
  const utf8proc_property_t* p = property(c);
  if (p->decomp_seqindex == UINT16_MAX) return true;
  return form == UnicodeForm::NFC && p->decomp_type != 0;
}

inline bool needs_form(char32_t c, UnicodeForm form) {
  return !stable_alone(c, form) || continues_chunk(c);
}

// An emoji (or, before a joiner, an emoji component) that no normalization form changes.
inline bool joins_emoji(char32_t c, bool component_ok) {
  return (is_emoji(c) || (component_ok && is_emoji_component(c))) &&
         property(c)->decomp_seqindex == UINT16_MAX;
}

// ---------------------------------------------------------------------------------------
// Pass 1: text to code points, with references, line breaks, control and invisible
// characters, spaces, widths and emoji. The input is read once, as UTF-8 (Unit = char) or
// as one code point per unit (char16_t: UCS-2 without surrogates, char32_t: UTF-32, the
// ways CPython stores str). Printable ASCII and Hangul syllables, most of a Korean news
// text, take the short paths at the top of the loop. Returns whether pass 2 has work.
// Error positions are reported as @p unit_base + their offset in @p text (text may be a
// piece of a longer input); @p code_points receives the number of input code points read.
template <class Unit>
bool pass_clean(std::basic_string_view<Unit> text, const NormalizeOptions& o, Seq& out,
                std::size_t unit_base, std::int64_t& code_points) {
  constexpr bool kUtf8 = std::is_same_v<Unit, char>;
  out.resize(text.size());  // never more code points than units
  Cp* const begin = out.data();
  Cp* w = begin;
  const std::size_t n = text.size();
  std::size_t pos = 0;
  std::int64_t index = 0;  // code point index of the input at pos
  bool form_work = false;
  // A '\r' became '\n'; a '\n' right after it (in decoded code points: ignored invalid
  // bytes between them do not count) belongs to the same line break.
  bool after_cr = false;
  // The code point at pos (advancing pos), or false for an invalid one that is skipped.
  auto next_code_point = [&](char32_t& c) -> bool {
    if constexpr (kUtf8) {
      std::size_t bad = 0;
      const char* reason = nullptr;
      if (utf8::decode_one(text, pos, c, bad, &reason)) return true;
      if (o.errors == utf8::ErrorMode::Strict) throw Utf8Error(unit_base + pos, bad, reason);
      pos += bad;
    } else {
      c = static_cast<char32_t>(text[pos]);
      if (c < 0xD800 || (c > 0xDFFF && c <= 0x10FFFF)) {
        ++pos;
        return true;
      }
      if (o.errors == utf8::ErrorMode::Strict)
        throw InvalidArgument("lone surrogate or invalid code point at character " +
                              std::to_string(unit_base + pos));
      ++pos;
    }
    if (o.errors == utf8::ErrorMode::Ignore) return false;
    c = 0xFFFD;
    return true;
  };
  while (pos < n) {
    const auto u = static_cast<std::make_unsigned_t<Unit>>(text[pos]);
    if (u >= 0x20 && u < 0x7F && u != '&') {
      after_cr = false;
      *w++ = Cp(u, index++);
      ++pos;
      continue;
    }
    if constexpr (kUtf8) {
      if (u >= 0xEA && u <= 0xED && pos + 2 < n) {  // U+AC00-D7A3 is EA B0 80 - ED 9E A3
        const unsigned b1 = static_cast<unsigned char>(text[pos + 1]);
        const unsigned b2 = static_cast<unsigned char>(text[pos + 2]);
        if ((b1 & 0xC0) == 0x80 && (b2 & 0xC0) == 0x80) {
          const char32_t c = ((u & 0x0Fu) << 12) | ((b1 & 0x3Fu) << 6) | (b2 & 0x3Fu);
          if (is_hangul_syllable(c)) {
            after_cr = false;
            *w++ = Cp(c, index++);
            pos += 3;
            continue;
          }
        }
      }
    } else if (is_hangul_syllable(u)) {
      after_cr = false;
      *w++ = Cp(u, index++);
      ++pos;
      continue;
    }
    char32_t c;
    if (!next_code_point(c)) continue;
    const std::int64_t src = index++;
    if (c == '&' && o.decode_html) {
      // References are ASCII, so units and code points agree inside them. A decoded '&'
      // may start another reference ("&amp;lt;" is "<" on double-escaped pages).
      char32_t decoded;
      std::size_t end, at = pos;
      while (parse_reference(text, at, decoded, end)) {
        c = decoded;
        index += static_cast<std::int64_t>(end - at);
        pos = at = end;
        if (decoded != '&') break;
      }
    }
    const bool lf_of_crlf = after_cr && c == '\n';
    after_cr = c == '\r';
    if (lf_of_crlf) continue;
    if (c == '\r') {
      c = '\n';
    } else if (c == 0x85 || c == 0x2028 || c == 0x2029) {
      c = '\n';
    }
    if ((c < 0x20 && c != '\n' && c != '\t') || (c >= 0x7F && c < 0xA0)) continue;
    if (is_invisible(c)) continue;
    if (c == 0x200D) {
      // Zero-width joiner: kept only inside emoji sequences (👨‍👩‍👧), removed elsewhere.
      // Its neighbours must be emoji that no form changes (NFKC turns 🈀 into "ほか"), or
      // removing it later would join text the form pass has already seen.
      bool prev_emoji = w > begin && joins_emoji(w[-1].cp, true);
      char32_t next = 0;
      if (prev_emoji && pos < n) {
        if constexpr (kUtf8) {
          std::size_t next_pos = pos, bad = 0;
          if (!utf8::decode_one(text, next_pos, next, bad)) next = 0;
        } else {
          next = static_cast<char32_t>(text[pos]);
        }
      }
      if (!(prev_emoji && joins_emoji(next, false))) continue;
    }
    if (is_space_variant(c)) c = ' ';
    if (o.width) {
      if (c >= 0xFF01 && c <= 0xFF5E) c = c - 0xFF01 + 0x21;
      else if (c >= 0xFFA0 && c <= 0xFFDC) {
        char32_t j = halfwidth_hangul_to_compat(c);
        if (j) c = j;
      } else if (c >= 0xFFE0 && c <= 0xFFE6) c = fullwidth_sign(c);
    }
    if (o.strip_emoji && (is_emoji(c) || is_emoji_component(c) || c == 0x200D)) continue;
    form_work = form_work || (o.form != UnicodeForm::None && needs_form(c, o.form));
    *w++ = Cp(c, src);
  }
  out.resize(static_cast<std::size_t>(w - begin));
  code_points = index;
  return form_work;
}

// ---------------------------------------------------------------------------------------
// Pass 2: Unicode normalization form, chunk by chunk (see the helpers above pass 1).

// utf8proc_decompose_char does not put combining marks of consecutive code points into
// canonical order (utf8proc_decompose does it over a whole buffer): sort each run of
// non-starters by combining class, stably, as the Unicode canonical ordering algorithm says.
// Each run is sorted with std::stable_sort: hostile text (one letter and a million
// alternating marks) would make an insertion sort quadratic.
void canonical_order(std::vector<utf8proc_int32_t>& b) {
  auto cc_of = [](utf8proc_int32_t c) { return combining_class(static_cast<char32_t>(c)); };
  for (std::size_t k = 0; k < b.size();) {
    if (cc_of(b[k]) == 0) {
      ++k;
      continue;
    }
    std::size_t end = k + 1;
    while (end < b.size() && cc_of(b[end]) != 0) ++end;
    if (end - k > 1) {
      std::stable_sort(b.begin() + static_cast<std::ptrdiff_t>(k),
                       b.begin() + static_cast<std::ptrdiff_t>(end),
                       [&](utf8proc_int32_t x, utf8proc_int32_t y) { return cc_of(x) < cc_of(y); });
    }
    k = end;
  }
}

void pass_unicode_form(const Seq& in, UnicodeForm form, Seq& out,
                       std::vector<utf8proc_int32_t>& buffer) {
  out.clear();
  out.reserve(in.size() + in.size() / 8);
  const utf8proc_option_t decompose_options = static_cast<utf8proc_option_t>(
      UTF8PROC_STABLE | UTF8PROC_DECOMPOSE | (form == UnicodeForm::NFKC ? UTF8PROC_COMPAT : 0));
  const utf8proc_option_t compose_options =
      static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPOSE);
  const std::size_t n = in.size();
  std::size_t i = 0;
  while (i < n) {
    // Compatibility jamo are never touched (NFKC would turn ㅋ into a conjoining ᄏ), and
    // nothing composes with them: combining marks after one form a chunk of their own.
    if (is_compat_jamo(in[i].cp)) {
      out.push_back(in[i++]);
      continue;
    }
    std::size_t end = i + 1;
    while (end < n && continues_chunk(in[end].cp)) ++end;
    if (end == i + 1 && stable_alone(in[i].cp, form)) {
      out.push_back(in[i++]);
      continue;
    }
    buffer.clear();
    for (std::size_t k = i; k < end; ++k) {
      utf8proc_int32_t tmp[32];
      int last_boundclass = 0;
      utf8proc_ssize_t got = utf8proc_decompose_char(static_cast<utf8proc_int32_t>(in[k].cp), tmp,
                                                     32, decompose_options, &last_boundclass);
      if (got < 0 || got > 32) {  // cannot happen for valid scalar values; keep the input
        buffer.push_back(static_cast<utf8proc_int32_t>(in[k].cp));
      } else {
        buffer.insert(buffer.end(), tmp, tmp + got);
      }
    }
    canonical_order(buffer);
    // The chunk holds one starter, so every piece of it is combined here; starters that a
    // decomposition produced in the middle (NFKC "㈜" -> "(주)") compose on their own.
    utf8proc_ssize_t len = utf8proc_normalize_utf32(
        buffer.data(), static_cast<utf8proc_ssize_t>(buffer.size()), compose_options);
    const std::int64_t src = in[i].src;
    for (utf8proc_ssize_t k = 0; k < len; ++k)
      out.emplace_back(static_cast<char32_t>(buffer[static_cast<std::size_t>(k)]), src);
    i = end;
  }
}

// ---------------------------------------------------------------------------------------
// Pass 3 (in place, only with `lowercase`): Latin lowercase. Returns true when the form
// must be applied again: a lowercase letter may compose with a following mark where its
// uppercase did not ("W" + U+030A stays, "w" + U+030A is "ẘ").
bool pass_lowercase(Seq& s, UnicodeForm form) {
  bool form_work = false;
  for (Cp& x : s) {
    const char32_t c = x.cp;
    if ((c >= 'A' && c <= 'Z') || (c >= 0xC0 && c < 0x250) || (c >= 0x1E00 && c <= 0x1EFF)) {
      auto lower = static_cast<char32_t>(utf8proc_tolower(static_cast<utf8proc_int32_t>(c)));
      form_work = form_work || (lower != c && form != UnicodeForm::None);
      x.cp = lower;
    }
  }
  if (!form_work) return false;
  for (const Cp& x : s)
    if (needs_form(x.cp, form)) return true;
  return false;
}

// ---------------------------------------------------------------------------------------
// Pass 4: punctuation, spaces and line breaks, repeats and UTF-8 encoding, in one loop.

// Rule 6 for one code point; @p before / @p after are its neighbours (0 at the ends).
inline char32_t punctuation(char32_t c, char32_t before, char32_t after, const NormalizeOptions& o) {
  if (o.quotes) {
    if (c == 0x2018 || c == 0x2019 || c == 0x201A || c == 0x201B || c == 0x2032 ||
        c == 0x300C || c == 0x300D || c == 0xFF07)
      return '\'';
    if (c == 0x201C || c == 0x201D || c == 0x201E || c == 0x201F || c == 0x2033 ||
        c == 0x300E || c == 0x300F || c == 0xFF02)
      return '"';
  }
  if (o.middle_dots) {
    if (c == 0x2027 || c == 0x30FB || c == 0xFF65 || c == 0x2219 || c == 0x22C5) return 0xB7;
    if (c == 0x318D) {
      // ㆍ (arae-a) is a vowel letter only next to other jamo; in news it separates words.
      bool jamo_before = is_compat_jamo(before) && before != 0x318D;
      bool jamo_after = is_compat_jamo(after) && after != 0x318D;
      return (jamo_before || jamo_after) ? c : 0xB7;
    }
  }
  if (o.dashes && ((c >= 0x2010 && c <= 0x2015) || c == 0x2212 || c == 0xFE58 || c == 0xFE63 ||
                   c == 0xFF0D))
    return '-';
  return c;
}

inline bool never_squeezed(char32_t c) {
  if (c == ' ' || c == '\t' || c == '\n') return true;
  if (c < 0x80) return is_ascii_alnum(c);
  if (is_hangul_syllable(c) || is_compat_jamo(c)) return false;
  if (c < 0x250 || (c >= 0x1E00 && c <= 0x1EFF)) {
    auto cat = utf8proc_category(static_cast<utf8proc_int32_t>(c));
    return cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO;
  }
  return c >= 0x300 && utf8proc_category(static_cast<utf8proc_int32_t>(c)) == UTF8PROC_CATEGORY_ND;
}

inline char32_t* write_unit(char32_t* w, char32_t c) {
  *w++ = c;
  return w;
}

inline char* write_unit(char* w, char32_t c) {
  if (c < 0x80) {
    *w++ = static_cast<char>(c);
  } else if (c < 0x800) {
    *w++ = static_cast<char>(0xC0 | (c >> 6));
    *w++ = static_cast<char>(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    *w++ = static_cast<char>(0xE0 | (c >> 12));
    *w++ = static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    *w++ = static_cast<char>(0x80 | (c & 0x3F));
  } else {
    *w++ = static_cast<char>(0xF0 | (c >> 18));
    *w++ = static_cast<char>(0x80 | ((c >> 12) & 0x3F));
    *w++ = static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    *w++ = static_cast<char>(0x80 | (c & 0x3F));
  }
  return w;
}

// Writes UTF-8 (Out = char) or code points (Out = char32_t).
template <class Out>
void pass_write(const Seq& in, const NormalizeOptions& o, std::basic_string<Out>& out,
                std::vector<std::int64_t>* source) {
  const std::size_t n = in.size();
  // Every code point of @p in gives at most 4 units ("…" gives "...", a line-break run at
  // most as many '\n' as it holds), so the scratch buffer is written without checks.
  thread_local std::basic_string<Out> scratch;
  if (scratch.size() < 4 * n) scratch.resize(4 * n);
  Out* const begin = scratch.data();
  Out* w = begin;
  if (source) {
    source->clear();
    source->reserve(n);
  }

  // Rule 8: drops code points beyond max_repeat in a run, then encodes.
  const std::size_t limit = static_cast<std::size_t>(o.max_repeat);
  const std::size_t limit_dots = std::max<std::size_t>(3, limit);
  char32_t prev = 0;
  std::size_t run = 0;
  auto emit = [&](char32_t c, std::int64_t src) {
    run = (c == prev) ? run + 1 : 1;
    prev = c;
    if (limit > 0 && run > limit && run > (c == '.' ? limit_dots : limit) && !never_squeezed(c))
      return;
    w = write_unit(w, c);
    if (source) source->push_back(src);
  };

  // Rule 7: a run of spaces and tabs is kept (as one ' ' or '\t') only between two pieces
  // of content on one line; line breaks are held back until content follows them.
  enum Pending { None, Space, Tab };
  int newlines = 0;  // line breaks since the last content
  std::int64_t newline_src = 0, space_src = 0;
  Pending space = None;  // a run of spaces/tabs since the last content on this line
  bool have_content = false, line_has_content = false;
  auto put = [&](char32_t c, std::int64_t src) {
    if (c == '\n') {
      if (newlines == 0) newline_src = src;
      ++newlines;
      space = None;
      line_has_content = false;
    } else if (c == ' ' || c == '\t') {
      if (space == None) space_src = src;
      if (c == '\t') space = Tab;
      else if (space == None) space = Space;
    } else {
      if (newlines > 0 && have_content) {
        emit('\n', newline_src);
        if (newlines >= 2 && o.keep_paragraphs) emit('\n', newline_src);
      } else if (space != None && line_has_content) {
        emit(space == Tab ? U'\t' : U' ', space_src);
      }
      newlines = 0;
      space = None;
      have_content = line_has_content = true;
      emit(c, src);
    }
  };

  const bool punct = o.quotes || o.middle_dots || o.dashes;
  for (std::size_t i = 0; i < n; ++i) {
    char32_t c = in[i].cp;
    const std::int64_t src = in[i].src;
    // Punctuation to rewrite lies in U+2010-318D and U+FE58-FF65 (not among syllables).
    if (c >= 0x2010 && (c <= 0x318D || c >= 0xFE58)) {
      // The ㆍ rule looks at the neighbours as they were: only compatibility jamo other
      // than ㆍ count, and this loop never writes one.
      if (punct)
        c = punctuation(c, i > 0 ? in[i - 1].cp : 0, i + 1 < n ? in[i + 1].cp : 0, o);
      if (o.ellipsis && (c == 0x2026 || c == 0x22EF)) {
        for (int k = 0; k < 3; ++k) put('.', src);
        continue;
      }
    }
    put(c, src);
  }
  out.assign(begin, static_cast<std::size_t>(w - begin));
  release_if_large(scratch);
}

// One application of every rule.
template <class Unit, class Out>
void normalize_once(std::basic_string_view<Unit> text, const NormalizeOptions& o,
                    std::basic_string<Out>& out, std::vector<std::int64_t>* source,
                    std::size_t unit_base, std::int64_t& code_points) {
  // Buffers are reused across calls on the same thread: normalize() runs once per
  // document in batch calls, and allocation would otherwise dominate short documents.
  thread_local Seq a, b;
  thread_local std::vector<utf8proc_int32_t> buffer;
  Seq* cur = &a;
  Seq* other = &b;
  if (pass_clean(text, o, *cur, unit_base, code_points)) {
    pass_unicode_form(*cur, o.form, *other, buffer);
    std::swap(cur, other);
  }
  if (o.lowercase && pass_lowercase(*cur, o.form)) {
    pass_unicode_form(*cur, o.form, *other, buffer);
    std::swap(cur, other);
  }
  pass_write(*cur, o, out, source);
  release_if_large(a);
  release_if_large(b);
}

// True when @p text holds a reference that pass_clean decodes.
template <class Out>
bool holds_reference(std::basic_string_view<Out> text) {
  for (std::size_t at = text.find(Out('&')); at != std::basic_string_view<Out>::npos;
       at = text.find(Out('&'), at + 1)) {
    char32_t decoded;
    std::size_t end;
    if (parse_reference(text, at + 1, decoded, end)) return true;
  }
  return false;
}

// Every rule on one piece of the input (all of it, or a piece cut by split_point).
template <class Unit, class Out>
void normalize_piece(std::basic_string_view<Unit> text, const NormalizeOptions& o,
                     std::basic_string<Out>& out, std::vector<std::int64_t>* source,
                     std::size_t unit_base, std::int64_t& code_points) {
  normalize_once(text, o, out, source, unit_base, code_points);
  // The rules run again while the result still holds a reference: one that other rules
  // completed (removed characters inside it, width or NFKC mapped its letters to ASCII) or
  // that a decoded reference spelled out. Each round decodes at least one reference, so
  // this ends; for almost every text it is a single memchr over the output.
  while (o.decode_html && holds_reference(std::basic_string_view<Out>(out))) {
    std::basic_string<Out> again;
    std::vector<std::int64_t> again_source;
    std::int64_t unused = 0;
    normalize_once(std::basic_string_view<Out>(out), o, again, source ? &again_source : nullptr,
                   0, unused);
    if (source) {
      for (auto& s : again_source) s = (*source)[static_cast<std::size_t>(s)];
      source->swap(again_source);
    }
    out.swap(again);
  }
}

// ---------------------------------------------------------------------------------------
// Long inputs are normalized piece by piece (NormalizeOptions::piece_units): the passes'
// buffers (16 bytes per code point each) then stay the size of a piece, and Ctrl-C is
// checked between pieces. A piece ends only between two different Hangul syllables that a
// third one follows: there no rule looks across (no reference, chunk of the Unicode form,
// pending space or line break, or run of repeats spans it, and the second syllable cannot
// compose with what follows), so the pieces' results concatenate to the whole result.

// The Hangul syllable whose units start at text[p] (0 if none), and its length in units.
template <class Unit>
char32_t syllable_at(std::basic_string_view<Unit> text, std::size_t p, std::size_t& len) {
  if constexpr (std::is_same_v<Unit, char>) {
    len = 3;
    if (p + 3 > text.size()) return 0;
    const unsigned b0 = static_cast<unsigned char>(text[p]);
    const unsigned b1 = static_cast<unsigned char>(text[p + 1]);
    const unsigned b2 = static_cast<unsigned char>(text[p + 2]);
    if (b0 < 0xEA || b0 > 0xED || (b1 & 0xC0) != 0x80 || (b2 & 0xC0) != 0x80) return 0;
    const char32_t c = ((b0 & 0x0Fu) << 12) | ((b1 & 0x3Fu) << 6) | (b2 & 0x3Fu);
    return is_hangul_syllable(c) ? c : 0;
  } else {
    len = 1;
    if (p >= text.size()) return 0;
    const auto c = static_cast<char32_t>(text[p]);
    return is_hangul_syllable(c) ? c : 0;
  }
}

// The first place at or after @p from where a piece may end, or text.size() if none.
template <class Unit>
std::size_t split_point(std::basic_string_view<Unit> text, std::size_t from) {
  std::size_t len = 0;
  syllable_at(text, 0, len);  // the units of one syllable
  for (std::size_t p = std::max(from, len); p + 2 * len <= text.size(); ++p) {
    std::size_t l = 0;
    const char32_t before = syllable_at(text, p - len, l);
    if (before == 0) continue;
    const char32_t at = syllable_at(text, p, l);
    if (at == 0 || at == before || syllable_at(text, p + len, l) == 0) continue;
    return p;
  }
  return text.size();
}

template <class Unit, class Out>
void normalize_impl(std::basic_string_view<Unit> text, const NormalizeOptions& o,
                    std::basic_string<Out>& out, std::vector<std::int64_t>* source) {
  if (o.max_repeat < 0) throw InvalidArgument("max_repeat must be >= 0");
  if (o.piece_units == 0) throw InvalidArgument("piece_units must be >= 1");
  std::int64_t code_points = 0;
  const std::size_t first_end =
      text.size() > o.piece_units ? split_point(text, o.piece_units) : text.size();
  if (first_end == text.size()) {
    normalize_piece(text, o, out, source, 0, code_points);
    return;
  }
  out.clear();
  out.reserve(text.size());
  if (source) {
    source->clear();
    source->reserve(text.size());
  }
  std::basic_string<Out> piece;
  std::vector<std::int64_t> piece_source;
  std::int64_t base = 0;  // input code points before the piece
  for (std::size_t begin = 0, end = first_end; begin < text.size();) {
    normalize_piece(text.substr(begin, end - begin), o, piece, source ? &piece_source : nullptr,
                    begin, code_points);
    out += piece;
    if (source) {
      for (std::int64_t s : piece_source) source->push_back(base + s);
    }
    base += code_points;
    begin = end;
    end = text.size() - begin > o.piece_units ? split_point(text, begin + o.piece_units)
                                              : text.size();
    check_interrupt();
  }
}

}  // namespace

bool holds_html_reference(std::u32string_view text) { return holds_reference(text); }

std::string normalize(std::string_view text, const NormalizeOptions& options) {
  std::string out;
  normalize_impl(text, options, out, nullptr);
  return out;
}

NormalizeResult normalize_with_offsets(std::string_view text, const NormalizeOptions& options) {
  NormalizeResult result;
  normalize_impl(text, options, result.text, &result.source);
  return result;
}

std::u32string normalize_codepoints(std::u32string_view input, const NormalizeOptions& options,
                                    std::vector<std::int64_t>* source) {
  std::u32string out;
  normalize_impl(input, options, out, source);
  return out;
}

std::u32string normalize_codepoints(std::u16string_view input, const NormalizeOptions& options,
                                    std::vector<std::int64_t>* source) {
  std::u32string out;
  normalize_impl(input, options, out, source);
  return out;
}

}  // namespace kotext
