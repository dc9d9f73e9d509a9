/// @file word_pattern.hpp
/// @brief scikit-learn's default word analyzer in C++: the tokens of the regular
/// expression `(?u)\b\w\w+\b` over text lowercased with Python's `str.lower`, read in
/// place from UTF-8 or fixed-width code points.
///
/// `\w` and `str.lower` depend on the Unicode version of the Python that runs: the
/// character tables are therefore data (@ref UnicodeTables), built from utf8proc by
/// default and, from the Python bindings, from the running Python's own `re` and
/// `str.lower` so that the tokens are exactly `re.findall`'s.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "kotext/text_view.hpp"
#include "kotext/vocabulary.hpp"

namespace kotext {

/// Per code point character classes for the word pattern and for lowercasing.
struct UnicodeTables {
  /// Number of code points covered (U+0000 .. U+10FFFF).
  static constexpr std::size_t kCodePoints = 0x110000;
  /// What a code point is for the Final_Sigma rule of `str.lower`.
  enum CaseClass : std::uint8_t { Other = 0, CaseIgnorable = 1, Cased = 2 };

  std::vector<std::uint64_t> word;        ///< bit per code point: `\w` (alnum or '_')
  std::vector<char32_t> lower;            ///< one-to-one lowercase of each code point
  std::vector<std::uint8_t> case_class;   ///< CaseClass per code point

  /// True when @p c matches `\w`.
  bool is_word(char32_t c) const noexcept {
    return c < kCodePoints && ((word[c >> 6] >> (c & 63)) & 1u) != 0;
  }

  /// Tables from utf8proc's Unicode data (letters, digits and numbers, '_'; simple
  /// lowercase mapping): the default for C++ callers. Its Unicode version can differ from
  /// a given Python's; the Python bindings build their tables from Python instead.
  static const UnicodeTables& builtin();
};

/// Appends @p text[0, n) lowercased exactly as Python's `str.lower` does to @p out:
/// the one-to-one mapping of @p tables, U+0130 to "i" + U+0307, and capital sigma to
/// final sigma at the end of a word (the Final_Sigma context).
void python_lower(const char32_t* text, std::size_t n, const UnicodeTables& tables,
                  std::u32string& out);

/// The code points of @p text (Utf8Error on invalid UTF-8) into @p out (replaced).
void decode_text(const TextView& text, std::u32string& out);

/// Options of @ref regex_word_analyzer.
struct RegexWordOptions {
  NgramOptions ngrams;    ///< word n-grams and stop words, as word_ngrams()
  bool lowercase = true;  ///< `str.lower` first (scikit-learn's lowercase=True)
};

/// The tokens of `(?u)\b\w\w+\b` in @p text (maximal runs of two or more `\w` code
/// points), lowercased first when @p lowercase: UTF-8 bytes in @p bytes, token i is
/// [offsets[i], offsets[i + 1]). Throws Utf8Error on invalid UTF-8.
void regex_word_tokens(const TextView& text, bool lowercase, const UnicodeTables& tables,
                       std::string& bytes, std::vector<std::size_t>& offsets);

/// An Analyzer over @p docs giving scikit-learn's word features: regex_word_tokens()
/// then word_ngrams(). @p docs, @p tables and @p options must outlive it.
Analyzer regex_word_analyzer(const std::vector<TextView>& docs, const UnicodeTables& tables,
                             const RegexWordOptions& options);

}  // namespace kotext
