// scikit-learn's default token pattern without a regex engine: `\b\w\w+\b` matches
// exactly the maximal runs of two or more word characters (a run is bounded by non-word
// characters or the text's ends, and `\w+` is greedy), so one pass over the code points
// finds them. Lowercasing comes first, as scikit-learn's preprocessor runs before its
// tokenizer, and follows str.lower (which can change a token: U+0130 becomes "i" plus a
// combining dot, which is not a word character).
#include "kotext/word_pattern.hpp"

#include <utf8proc.h>

#include <initializer_list>

#include "kotext/error.hpp"
#include "kotext/utf8.hpp"

namespace kotext {

namespace {
constexpr char32_t kCapitalI_Dot = 0x130;
constexpr char32_t kCapitalSigma = 0x3A3;
constexpr char32_t kSmallSigma = 0x3C3;
constexpr char32_t kFinalSigma = 0x3C2;
constexpr char32_t kCombiningDot = 0x307;

UnicodeTables make_builtin() {
  UnicodeTables t;
  t.word.assign(UnicodeTables::kCodePoints / 64, 0);
  t.lower.resize(UnicodeTables::kCodePoints);
  t.case_class.assign(UnicodeTables::kCodePoints, UnicodeTables::Other);
  for (std::size_t c = 0; c < UnicodeTables::kCodePoints; ++c) {
    const auto cp = static_cast<utf8proc_int32_t>(c);
    const utf8proc_category_t cat = utf8proc_category(cp);
    bool word = c == '_';
    switch (cat) {
      case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL: case UTF8PROC_CATEGORY_LT:
      case UTF8PROC_CATEGORY_LM: case UTF8PROC_CATEGORY_LO: case UTF8PROC_CATEGORY_ND:
      case UTF8PROC_CATEGORY_NL: case UTF8PROC_CATEGORY_NO:
        word = true;
        break;
      default:
        break;
    }
    if (word) t.word[c >> 6] |= std::uint64_t{1} << (c & 63);
    t.lower[c] = static_cast<char32_t>(utf8proc_tolower(cp));
    // Case_Ignorable (approximated by category, plus the word-break apostrophes and
    // middle dots) and Cased (letters with a case, or a case mapping).
    if (cat == UTF8PROC_CATEGORY_MN || cat == UTF8PROC_CATEGORY_ME ||
        cat == UTF8PROC_CATEGORY_CF || cat == UTF8PROC_CATEGORY_LM ||
        cat == UTF8PROC_CATEGORY_SK) {
      t.case_class[c] = UnicodeTables::CaseIgnorable;
    } else if (cat == UTF8PROC_CATEGORY_LU || cat == UTF8PROC_CATEGORY_LL ||
               cat == UTF8PROC_CATEGORY_LT || utf8proc_tolower(cp) != cp ||
               utf8proc_toupper(cp) != cp) {
      t.case_class[c] = UnicodeTables::Cased;
    }
  }
  for (char32_t c : {0x27, 0x2E, 0x3A, 0xB7, 0x387, 0x55F, 0x5F4, 0x2018, 0x2019, 0x2024,
                     0x2027, 0xFE13, 0xFE52, 0xFE55, 0xFF07, 0xFF0E, 0xFF1A}) {
    t.case_class[c] = UnicodeTables::CaseIgnorable;
  }
  return t;
}

// CPython's handle_capital_sigma: final when a cased letter precedes (skipping
// case-ignorable ones) and none follows (likewise).
char32_t lower_sigma(const char32_t* text, std::size_t n, std::size_t i, const UnicodeTables& t) {
  auto cls = [&](char32_t c) {
    return c < UnicodeTables::kCodePoints ? t.case_class[c] : std::uint8_t{UnicodeTables::Other};
  };
  std::size_t j = i;
  std::uint8_t c = UnicodeTables::Other;
  bool found = false;
  while (j > 0) {
    c = cls(text[--j]);
    if (c != UnicodeTables::CaseIgnorable) { found = true; break; }
  }
  bool final_sigma = found && c == UnicodeTables::Cased;
  if (final_sigma && i + 1 < n) {
    std::size_t k = i + 1;
    for (; k < n; ++k) {
      c = cls(text[k]);
      if (c != UnicodeTables::CaseIgnorable) break;
    }
    final_sigma = k == n || c != UnicodeTables::Cased;
  }
  return final_sigma ? kFinalSigma : kSmallSigma;
}
}  // namespace

const UnicodeTables& UnicodeTables::builtin() {
  static const UnicodeTables tables = make_builtin();
  return tables;
}

void python_lower(const char32_t* text, std::size_t n, const UnicodeTables& t, std::u32string& out) {
  for (std::size_t i = 0; i < n; ++i) {
    const char32_t c = text[i];
    if (c < 0x80) {
      out.push_back(c >= 'A' && c <= 'Z' ? c + 32 : c);
    } else if (c == kCapitalI_Dot) {
      out.push_back(U'i');
      out.push_back(kCombiningDot);
    } else if (c == kCapitalSigma) {
      out.push_back(lower_sigma(text, n, i, t));
    } else {
      out.push_back(c < UnicodeTables::kCodePoints ? t.lower[c] : c);
    }
  }
}

void decode_text(const TextView& text, std::u32string& out) {
  out.resize(text.length);
  switch (text.encoding) {
    case TextEncoding::Latin1: {
      const auto* p = static_cast<const unsigned char*>(text.data);
      for (std::size_t i = 0; i < text.length; ++i) out[i] = p[i];
      return;
    }
    case TextEncoding::Ucs2: {
      const auto* p = static_cast<const char16_t*>(text.data);
      for (std::size_t i = 0; i < text.length; ++i) out[i] = p[i];
      return;
    }
    case TextEncoding::Ucs4: {
      const auto* p = static_cast<const char32_t*>(text.data);
      for (std::size_t i = 0; i < text.length; ++i) out[i] = p[i];
      return;
    }
    case TextEncoding::Utf8: {
      const std::string_view s(static_cast<const char*>(text.data), text.length);
      std::size_t n = 0, pos = 0;
      while (pos < s.size()) {
        char32_t cp;
        std::size_t bad = 0;
        const char* reason = nullptr;
        const std::size_t at = pos;
        if (!utf8::decode_one(s, pos, cp, bad, &reason)) throw Utf8Error(at, bad, reason);
        out[n++] = cp;
      }
      out.resize(n);
      return;
    }
  }
}

namespace {
constexpr char32_t kHangulFirst = 0xAC00, kHangulLast = 0xD7A3;  // syllables: \w, no case

// One pass over the text's own units: classify, lowercase and encode each code point,
// appending runs of two or more word characters as tokens. Hangul syllables and ASCII,
// nearly all of Korean news, skip the tables. Returns false, having produced nothing
// usable, when the text holds U+0130 or capital sigma, whose lowercase needs the context
// (the caller then lowercases the whole text first).
template <class Unit>
bool scan_units(const Unit* p, std::size_t n, bool lowercase, const UnicodeTables& t,
                std::string& bytes, std::vector<std::size_t>& offsets) {
  std::size_t run = 0;  // word characters in the current run
  std::size_t run_start = 0;
  auto end_run = [&] {
    if (run >= 2) offsets.push_back(bytes.size());
    else bytes.resize(run_start);
    run = 0;
  };
  for (std::size_t i = 0; i < n; ++i) {
    char32_t c = p[i];
    bool word;
    if (c < 0x80) {
      if (lowercase && c >= 'A' && c <= 'Z') c += 32;
      word = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' ||
             (c >= 'A' && c <= 'Z');
    } else if (c >= kHangulFirst && c <= kHangulLast) {
      word = true;
    } else {
      if (lowercase) {
        if (c == kCapitalI_Dot || c == kCapitalSigma) return false;
        if (c < UnicodeTables::kCodePoints) c = t.lower[c];
      }
      word = t.is_word(c);
    }
    if (!word) {
      if (run) end_run();
      continue;
    }
    if (run++ == 0) run_start = bytes.size();
    utf8::append(bytes, c);
  }
  if (run) end_run();
  return true;
}
}  // namespace

void regex_word_tokens(const TextView& text, bool lowercase, const UnicodeTables& tables,
                       std::string& bytes, std::vector<std::size_t>& offsets) {
  bytes.clear();
  offsets.assign(1, 0);
  bool done = false;
  switch (text.encoding) {
    case TextEncoding::Latin1:
      done = scan_units(static_cast<const unsigned char*>(text.data), text.length, lowercase,
                        tables, bytes, offsets);
      break;
    case TextEncoding::Ucs2:
      done = scan_units(static_cast<const char16_t*>(text.data), text.length, lowercase,
                        tables, bytes, offsets);
      break;
    case TextEncoding::Ucs4:
      done = scan_units(static_cast<const char32_t*>(text.data), text.length, lowercase,
                        tables, bytes, offsets);
      break;
    case TextEncoding::Utf8:
      break;
  }
  if (done) return;
  // UTF-8 input, or a lowercase that depends on context: decode (and lowercase) first.
  thread_local std::u32string decoded, lowered;
  decode_text(text, decoded);
  const std::u32string* cps = &decoded;
  if (lowercase) {
    lowered.clear();
    python_lower(decoded.data(), decoded.size(), tables, lowered);
    cps = &lowered;
  }
  bytes.clear();
  offsets.assign(1, 0);
  scan_units(cps->data(), cps->size(), false, tables, bytes, offsets);
}

Analyzer regex_word_analyzer(const std::vector<TextView>& docs, const UnicodeTables& tables,
                             const RegexWordOptions& options) {
  return [&docs, &tables, &options](std::size_t d, FeatureSink& sink) {
    thread_local std::string bytes, scratch;
    thread_local std::vector<std::size_t> offsets;
    thread_local std::vector<std::string_view> tokens;
    regex_word_tokens(docs[d], options.lowercase, tables, bytes, offsets);
    tokens.clear();
    for (std::size_t k = 0; k + 1 < offsets.size(); ++k) {
      tokens.emplace_back(bytes.data() + offsets[k], offsets[k + 1] - offsets[k]);
    }
    word_ngrams(tokens.data(), tokens.size(), options.ngrams, sink, scratch);
  };
}

}  // namespace kotext
