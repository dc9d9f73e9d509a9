// Korean text normalization. The passes run in a fixed order (see normalize.hpp) over
// code points that carry the index of the input code point they came from; the order is
// chosen so that the result is idempotent: every mapping whose output another pass could
// change again runs after that pass (punctuation after NFKC, repeats after spaces).
#include "kotext/normalize.hpp"

#include <utf8proc.h>

#include <algorithm>
#include <array>
#include <cstring>

namespace kotext {
namespace {

struct Cp {
  char32_t cp;
  std::int64_t src;
};
using Seq = std::vector<Cp>;

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

inline char32_t fold_fullwidth_ascii(char32_t c, bool width) {
  return (width && c >= 0xFF01 && c <= 0xFF5E) ? c - 0xFF01 + 0x21 : c;
}

inline bool is_ascii_alnum(char32_t c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

// Parses the reference whose name starts at in[j] (just after an '&'). On success returns
// true with the decoded code point and the index just past the ';'.
bool parse_reference(std::u32string_view in, std::size_t j, bool width, char32_t& out,
                     std::size_t& end) {
  auto at = [&](std::size_t k) { return fold_fullwidth_ascii(in[k], width); };
  const std::size_t n = in.size();
  if (j >= n) return false;
  if (at(j) == '#') {
    std::size_t k = j + 1;
    bool hex = false;
    if (k < n && (at(k) == 'x' || at(k) == 'X')) { hex = true; ++k; }
    std::size_t digits_start = k;
    std::uint64_t value = 0;
    while (k < n && k - digits_start < 10) {
      char32_t c = at(k);
      int d;
      if (c >= '0' && c <= '9') d = static_cast<int>(c - '0');
      else if (hex && c >= 'a' && c <= 'f') d = static_cast<int>(c - 'a' + 10);
      else if (hex && c >= 'A' && c <= 'F') d = static_cast<int>(c - 'A' + 10);
      else break;
      value = value * (hex ? 16 : 10) + static_cast<std::uint64_t>(d);
      ++k;
    }
    if (k == digits_start || k >= n || at(k) != ';') return false;
    // Invalid scalar values decode to U+FFFD, as HTML5 specifies.
    if (value == 0 || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF)) out = 0xFFFD;
    else out = static_cast<char32_t>(value);
    end = k + 1;
    return true;
  }
  char name[12];
  std::size_t len = 0;
  std::size_t k = j;
  while (k < n && len < sizeof(name) - 1 && is_ascii_alnum(at(k))) {
    name[len++] = static_cast<char>(at(k));
    ++k;
  }
  if (len == 0 || k >= n || at(k) != ';') return false;
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
// Pass 1: references, line breaks, control and invisible characters, spaces, widths.
void pass_clean(std::u32string_view in, const NormalizeOptions& o, Seq& out) {
  out.clear();
  out.reserve(in.size());
  const std::size_t n = in.size();
  for (std::size_t i = 0; i < n; ++i) {
    char32_t c = in[i];
    const auto src = static_cast<std::int64_t>(i);
    std::size_t next = i;  // last input index consumed by this code point
    if (c == '&' && o.decode_html) {
      // A decoded '&' may start another reference ("&amp;lt;" -> "<"): decoding until the
      // result stops changing keeps normalize() idempotent on double-escaped pages.
      char32_t decoded;
      std::size_t end, pos = i + 1;
      bool any = false;
      while (parse_reference(in, pos, o.width, decoded, end)) {
        any = true;
        c = decoded;
        next = end - 1;
        if (decoded != '&') break;
        pos = end;
      }
      if (!any) c = '&';
    }
    i = next;
    if (c == '\r') {
      if (i + 1 < n && in[i + 1] == '\n') ++i;
      c = '\n';
    } else if (c == 0x85 || c == 0x2028 || c == 0x2029) {
      c = '\n';
    }
    if ((c < 0x20 && c != '\n' && c != '\t') || (c >= 0x7F && c < 0xA0)) continue;
    if (is_invisible(c)) continue;
    if (c == 0x200D) {
      // Zero-width joiner: kept only inside emoji sequences (👨‍👩‍👧), removed elsewhere.
      bool prev_emoji = !out.empty() && (is_emoji(out.back().cp) || is_emoji_component(out.back().cp));
      bool next_emoji = i + 1 < n && is_emoji(in[i + 1]);
      if (!(prev_emoji && next_emoji)) continue;
    }
    if (is_space_variant(c)) c = ' ';
    if (o.width) {
      if (c >= 0xFF01 && c <= 0xFF5E) c = c - 0xFF01 + 0x21;
      else if (c >= 0xFFA0 && c <= 0xFFDC) {
        char32_t j = halfwidth_hangul_to_compat(c);
        if (j) c = j;
      } else if (c >= 0xFFE0 && c <= 0xFFE6) c = fullwidth_sign(c);
    }
    out.push_back({c, src});
  }
}

// ---------------------------------------------------------------------------------------
// Pass 2: Unicode normalization form, chunk by chunk.
//
// A chunk is a starter followed by every code point that may combine with or reorder
// around it. Only chunks that are not already stable go through utf8proc, which keeps
// Hangul and ASCII text on a fast path and gives each output code point the input index
// of its chunk's starter.

// Starters (combining class 0) that still compose with what precedes them.
inline bool is_second_starter(char32_t c) {
  return (c >= 0x1161 && c <= 0x1175) || (c >= 0x11A8 && c <= 0x11C2) || c == 0x09BE ||
         c == 0x09D7 || c == 0x0B3E || c == 0x0B56 || c == 0x0B57 || c == 0x0BBE ||
         c == 0x0BD7 || c == 0x0CC2 || c == 0x0CD5 || c == 0x0CD6 || c == 0x0D3E ||
         c == 0x0D57 || c == 0x0DCF || c == 0x0DDF || c == 0x102E || c == 0x1B35 ||
         c == 0x0F73 || c == 0x0F75 || c == 0x0F81 || c == 0xFF9E || c == 0xFF9F ||
         c == 0x110BA || c == 0x11127 || c == 0x1133E || c == 0x11357 || c == 0x114B0 ||
         c == 0x114BA || c == 0x114BD || c == 0x115AF || c == 0x11930;
}

inline bool continues_chunk(char32_t c) {
  if (c < 0x300) return false;
  if (is_hangul_syllable(c) || is_compat_jamo(c)) return false;
  if (is_second_starter(c)) return true;
  return utf8proc_get_property(static_cast<utf8proc_int32_t>(c))->combining_class != 0;
}

// True when a chunk of exactly this one code point is already in the requested form.
inline bool stable_alone(char32_t c, UnicodeForm form) {
  if (c < 0x80 || is_hangul_syllable(c) || is_compat_jamo(c)) return true;
  if (form == UnicodeForm::NFC) {
    if (c < 0x300) return true;
    // CJK ideographs have no decomposition (the compatibility ones do and are excluded).
    if (c >= 0x4E00 && c <= 0x9FFF) return true;
  } else if (c >= 0x4E00 && c <= 0x9FFF) {
    return true;
  }
  return false;
}

void pass_unicode_form(const Seq& in, UnicodeForm form, Seq& out,
                       std::vector<utf8proc_int32_t>& buffer) {
  out.clear();
  out.reserve(in.size() + in.size() / 8);
  if (form == UnicodeForm::None) {
    out = in;
    return;
  }
  const utf8proc_option_t decompose_options = static_cast<utf8proc_option_t>(
      UTF8PROC_STABLE | UTF8PROC_DECOMPOSE | (form == UnicodeForm::NFKC ? UTF8PROC_COMPAT : 0));
  const utf8proc_option_t compose_options = static_cast<utf8proc_option_t>(
      UTF8PROC_STABLE | UTF8PROC_COMPOSE | (form == UnicodeForm::NFKC ? UTF8PROC_COMPAT : 0));
  const std::size_t n = in.size();
  std::size_t i = 0;
  while (i < n) {
    std::size_t end = i + 1;
    // Compatibility jamo are never touched: NFKC would turn ㅋ into a conjoining ᄏ.
    if (!is_compat_jamo(in[i].cp)) {
      while (end < n && continues_chunk(in[end].cp)) ++end;
    }
    if (end == i + 1 && stable_alone(in[i].cp, form)) {
      out.push_back(in[i]);
      i = end;
      continue;
    }
    if (is_compat_jamo(in[i].cp)) {  // followed by nothing that combines (see above)
      out.push_back(in[i]);
      i = end;
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
    // The chunk holds one starter, so every piece of it is combined here; starters that a
    // decomposition produced in the middle (NFKC "㈜" -> "(주)") compose on their own.
    utf8proc_ssize_t len = utf8proc_normalize_utf32(
        buffer.data(), static_cast<utf8proc_ssize_t>(buffer.size()), compose_options);
    const std::int64_t src = in[i].src;
    for (utf8proc_ssize_t k = 0; k < len; ++k)
      out.push_back({static_cast<char32_t>(buffer[static_cast<std::size_t>(k)]), src});
    i = end;
  }
}

// ---------------------------------------------------------------------------------------
// Pass 3: punctuation, case, emoji.
void pass_punctuation(const Seq& in, const NormalizeOptions& o, Seq& out) {
  out.clear();
  out.reserve(in.size() + 8);
  const std::size_t n = in.size();
  for (std::size_t i = 0; i < n; ++i) {
    char32_t c = in[i].cp;
    const std::int64_t src = in[i].src;
    if (o.strip_emoji && (is_emoji(c) || is_emoji_component(c) || c == 0x200D)) continue;
    if (o.quotes) {
      if (c == 0x2018 || c == 0x2019 || c == 0x201A || c == 0x201B || c == 0x2032 ||
          c == 0x300C || c == 0x300D || c == 0xFF07)
        c = '\'';
      else if (c == 0x201C || c == 0x201D || c == 0x201E || c == 0x201F || c == 0x2033 ||
               c == 0x300E || c == 0x300F || c == 0xFF02)
        c = '"';
    }
    if (o.middle_dots) {
      if (c == 0x2027 || c == 0x30FB || c == 0xFF65 || c == 0x2219 || c == 0x22C5) {
        c = 0xB7;
      } else if (c == 0x318D) {
        // ㆍ (arae-a) is a vowel letter only next to other jamo; in news it separates words.
        bool jamo_before = i > 0 && is_compat_jamo(in[i - 1].cp) && in[i - 1].cp != 0x318D;
        bool jamo_after = i + 1 < n && is_compat_jamo(in[i + 1].cp) && in[i + 1].cp != 0x318D;
        if (!jamo_before && !jamo_after) c = 0xB7;
      }
    }
    if (o.dashes && ((c >= 0x2010 && c <= 0x2015) || c == 0x2212 || c == 0xFE58 ||
                     c == 0xFE63 || c == 0xFF0D))
      c = '-';
    if (o.ellipsis && (c == 0x2026 || c == 0x22EF)) {
      out.push_back({'.', src});
      out.push_back({'.', src});
      c = '.';
    }
    if (o.lowercase && ((c >= 'A' && c <= 'Z') || (c >= 0xC0 && c < 0x250) ||
                        (c >= 0x1E00 && c <= 0x1EFF)))
      c = static_cast<char32_t>(utf8proc_tolower(static_cast<utf8proc_int32_t>(c)));
    out.push_back({c, src});
  }
}

// ---------------------------------------------------------------------------------------
// Pass 4: spaces and line breaks.
void pass_spaces(const Seq& in, bool keep_paragraphs, Seq& out) {
  out.clear();
  out.reserve(in.size());
  const std::size_t n = in.size();
  std::size_t i = 0;
  int pending_newlines = 0;  // line breaks seen since the last content
  std::int64_t newline_src = 0;
  bool have_content = false;  // any content emitted yet (leading breaks are dropped)
  bool line_has_content = false;
  while (i < n) {
    char32_t c = in[i].cp;
    if (c == '\n') {
      if (pending_newlines == 0) newline_src = in[i].src;
      ++pending_newlines;
      line_has_content = false;
      ++i;
      continue;
    }
    if (c == ' ' || c == '\t') {
      std::size_t j = i;
      bool tab = false;
      while (j < n && (in[j].cp == ' ' || in[j].cp == '\t')) tab |= in[j++].cp == '\t';
      // A run is kept only between two pieces of content on the same line.
      if (line_has_content && j < n && in[j].cp != '\n') out.push_back({tab ? U'\t' : U' ', in[i].src});
      i = j;
      continue;
    }
    if (pending_newlines > 0 && have_content) {
      out.push_back({'\n', newline_src});
      if (pending_newlines >= 2 && keep_paragraphs) out.push_back({'\n', newline_src});
    }
    pending_newlines = 0;
    out.push_back(in[i]);
    have_content = true;
    line_has_content = true;
    ++i;
  }
}

// ---------------------------------------------------------------------------------------
// Pass 5: repeated characters.
inline bool never_squeezed(char32_t c) {
  if (c == ' ' || c == '\t' || c == '\n') return true;
  if (c < 0x80) return is_ascii_alnum(c);
  if (c < 0x250 || (c >= 0x1E00 && c <= 0x1EFF)) {
    auto cat = utf8proc_category(static_cast<utf8proc_int32_t>(c));
    return cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO;
  }
  if (c >= 0x300 && !is_hangul_syllable(c) && !is_compat_jamo(c))
    return utf8proc_category(static_cast<utf8proc_int32_t>(c)) == UTF8PROC_CATEGORY_ND;
  return false;
}

void pass_repeats(const Seq& in, int max_repeat, std::u32string& out,
                  std::vector<std::int64_t>* source) {
  out.clear();
  out.reserve(in.size());
  const std::size_t limit_default = static_cast<std::size_t>(max_repeat);
  const std::size_t limit_dots = std::max<std::size_t>(3, limit_default);
  std::size_t run = 0;
  char32_t prev = 0;
  for (const Cp& x : in) {
    run = (x.cp == prev) ? run + 1 : 1;
    prev = x.cp;
    if (max_repeat > 0 && !never_squeezed(x.cp) &&
        run > (x.cp == '.' ? limit_dots : limit_default))
      continue;
    out.push_back(x.cp);
    if (source) source->push_back(x.src);
  }
}

}  // namespace

std::u32string normalize_codepoints(std::u32string_view input, const NormalizeOptions& options,
                                    std::vector<std::int64_t>* source) {
  if (options.max_repeat < 0) throw InvalidArgument("max_repeat must be >= 0");
  // Buffers are reused across calls on the same thread: normalize() runs once per
  // document in batch calls, and allocation would otherwise dominate short documents.
  thread_local Seq a, b;
  thread_local std::vector<utf8proc_int32_t> buffer;
  pass_clean(input, options, a);
  pass_unicode_form(a, options.form, b, buffer);
  pass_punctuation(b, options, a);
  pass_spaces(a, options.keep_paragraphs, b);
  std::u32string out;
  if (source) source->clear();
  pass_repeats(b, options.max_repeat, out, source);
  return out;
}

std::string normalize(std::string_view text, const NormalizeOptions& options) {
  std::u32string cps = utf8::decode(text, options.errors);
  return utf8::encode(normalize_codepoints(cps, options, nullptr));
}

NormalizeResult normalize_with_offsets(std::string_view text, const NormalizeOptions& options) {
  NormalizeResult result;
  std::u32string cps = utf8::decode(text, options.errors);
  result.text = utf8::encode(normalize_codepoints(cps, options, &result.source));
  return result;
}

}  // namespace kotext
