/// @file normalize.hpp
/// @brief Korean text normalization: Unicode form, widths, quotes, dots, dashes, spaces,
/// HTML character references, control characters and repeated characters.
///
/// The rules, applied in this order to each input code point sequence:
///  1. HTML character references (&amp; &nbsp; &quot; &lt; &gt; &apos; &middot; &hellip;
///     &lsquo; &rsquo; &ldquo; &rdquo; &ndash; &mdash; &bull; &copy; &reg; &trade; &lt;...,
///     and every numeric &#NNN; / &#xHHHH;) are decoded (option `decode_html`).
///  2. Per code point: \r\n and \r become \n; other control characters (Cc other than \n
///     and \t, and U+0085) are removed; NBSP, ideographic space and the other Zs spaces become
///     ' '; U+2028/U+2029 become \n; zero-width space/non-joiner, word joiner, BOM and soft
///     hyphen are removed; a zero-width joiner is kept only between two emoji.
///  3. Width (option `width`): full-width ASCII (U+FF01-FF5E) to ASCII, half-width Hangul
///     (U+FFA0-FFDC) to compatibility jamo, full-width signs (U+FFE0-FFE6) to their normal
///     forms.
///  4. Punctuation (options `quotes`, `middle_dots`, `dashes`, `ellipsis`): ‘ ’ ‚ ‛ ′ 「 」
///     ＇ to '; “ ” „ ‟ ″ 『 』 ＂ to "; ‧ ・ ･ ∙ ⋅ ‧ and ㆍ (when not next to another
///     compatibility jamo) to ·; ‐ ‑ ‒ – — ― − ﹘ ﹣ － to -; … and ⋯ to "...".
///  5. Unicode form (option `form`): NFC (default) or NFKC via utf8proc; conjoining-jamo
///     (NFD) Hangul composes to the same syllables as precomposed input; Hangul
///     compatibility jamo (ㅋ ㅠ ㄱ, U+3131-318E) are never changed by any form.
///  6. Optional: Latin casefold (`lowercase`), emoji removal (`strip_emoji`).
///  7. Spaces: runs of spaces and tabs become one ' ' (one '\t' if the run holds a tab);
///     spaces at the start and end of each line are dropped; lines holding only spaces are
///     empty; runs of two or more '\n' become exactly "\n\n" (a paragraph break) or "\n" when
///     `keep_paragraphs` is false; the text is trimmed at both ends.
///  8. Repeats (`max_repeat` > 0): a run of more than max_repeat equal code points is cut to
///     max_repeat, except digits and Latin letters (1000000, www, III stay) and '.', whose runs
///     are cut to max(3, max_repeat) so that "..." survives.
///
/// Every output code point records the index (in code points) of the input code point it
/// came from, so later stages can point back into the original text.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "kotext/utf8.hpp"

namespace kotext {

/// Unicode normalization form applied by normalize().
enum class UnicodeForm { None, NFC, NFKC };

/// Options of normalize(); the defaults are the recommended setting for Korean news.
struct NormalizeOptions {
  UnicodeForm form = UnicodeForm::NFC;
  bool decode_html = true;      ///< decode HTML character references
  bool width = true;            ///< full-width ASCII / half-width Hangul to normal width
  bool quotes = true;           ///< curly quotes and corner brackets to ' and "
  bool middle_dots = true;      ///< middle-dot variants to U+00B7
  bool dashes = true;           ///< dash variants to '-'
  bool ellipsis = true;         ///< … to "..."
  bool keep_paragraphs = true;  ///< keep blank lines as "\n\n"
  bool lowercase = false;       ///< casefold Latin letters
  bool strip_emoji = false;     ///< remove emoji (pictographs, modifiers, flags, keycaps)
  int max_repeat = 2;           ///< cut runs of a repeated character to this length; 0 = off
  utf8::ErrorMode errors = utf8::ErrorMode::Strict;  ///< invalid UTF-8 handling
};

/// Result of normalize_with_offsets().
struct NormalizeResult {
  std::string text;                 ///< normalized UTF-8 text
  std::vector<std::int64_t> source;  ///< per output code point: index of its input code point
};

/// Normalizes UTF-8 @p text. Throws Utf8Error (with the byte offset) on invalid UTF-8 when
/// options.errors is Strict. Thread-safe.
std::string normalize(std::string_view text, const NormalizeOptions& options = {});

/// Like normalize(), also returning for each output code point the index of the input
/// code point it came from (indices count code points of the input, after invalid bytes
/// were replaced or dropped as options.errors says).
NormalizeResult normalize_with_offsets(std::string_view text, const NormalizeOptions& options = {});

/// Code-point level normalization: the work horse of the two functions above.
/// @p source receives one input index per output code point.
std::u32string normalize_codepoints(std::u32string_view input, const NormalizeOptions& options,
                                    std::vector<std::int64_t>* source);

}  // namespace kotext
