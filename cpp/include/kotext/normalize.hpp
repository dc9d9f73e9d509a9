/// @file normalize.hpp
/// @brief Korean text normalization: Unicode form, widths, quotes, dots, dashes, spaces,
/// HTML character references, control characters and repeated characters.
///
/// The rules, applied in this order:
///  1. HTML character references are decoded (option `decode_html`): '&', then a name from
///     the table (amp lt gt quot apos nbsp middot hellip lsquo rsquo ldquo rdquo sbquo bdquo
///     ndash mdash bull copy reg trade laquo raquo times deg hyphen minus ... : 1-11 ASCII
///     letters or digits, case-sensitive) or '#' and 1-10 decimal digits or '#x' / '#X'
///     and 1-10 hex digits, then ';'. Numeric references 0x80-0x9F mean their
///     windows-1252 characters (&#147; is “), as in HTML5; 0, surrogates and values above
///     0x10FFFF give U+FFFD. Anything else (no ';', unknown name) is left as it is.
///  2. Per code point: \r\n and \r become \n; U+0085, U+2028 and U+2029 become \n; other
///     control characters (Cc other than \n and \t) are removed; NBSP, ideographic space
///     and the other Zs spaces become ' '; zero-width space and non-joiner, word joiner,
///     BOM, soft hyphen, Mongolian vowel separator and the bidi marks and embeddings
///     (U+200E-200F, U+202A-202E, U+2066-2069) are removed; a zero-width joiner is kept
///     only right after an emoji or emoji component and right before an emoji, both
///     without a decomposition (👨‍👩‍👧 keeps its joiners; NFKC would turn 🈀 into text).
///  3. Width (option `width`): full-width ASCII (U+FF01-FF5E) to ASCII, half-width Hangul
///     (U+FFA0-FFDC) to compatibility jamo, full-width signs (U+FFE0-FFE6) to their normal
///     forms. Then emoji are removed when `strip_emoji` is set (U+1F000-1FAFF, U+2600-27BF
///     and the other emoji-presentation symbols, variation selectors, keycap, tags, ZWJ).
///  4. Unicode form (option `form`): NFC (default) or NFKC via utf8proc; conjoining-jamo
///     (NFD) Hangul composes to the same syllables as precomposed input; Hangul
///     compatibility jamo (ㅋ ㅠ ㄱ, U+3131-318E) are never changed by any form (the text
///     between them is normalized piece by piece). U+11A7 after a syllable stays a separate
///     jamo on every utf8proc version (older ones merged it, see utf8proc PR #317).
///  5. Optional (`lowercase`): Latin letters (A-Z, U+00C0-024F, U+1E00-1EFF) get their
///     simple lowercase mapping; where that changed a letter the form of rule 4 is applied
///     again (a lowercase letter may compose with a following mark).
///  6. Punctuation (options `quotes`, `middle_dots`, `dashes`, `ellipsis`): ‘ ’ ‚ ‛ ′ 「 」
///     ＇ to '; “ ” „ ‟ ″ 『 』 ＂ to "; ‧ ・ ･ ∙ ⋅ and ㆍ (U+318D, when neither neighbour
///     is a compatibility jamo other than ㆍ) to · (U+00B7); ‐ ‑ ‒ – — ― − ﹘ ﹣ － to -;
///     … and ⋯ to "...".
///  7. Spaces: runs of spaces and tabs become one ' ' (one '\t' if the run holds a tab);
///     spaces at the start and end of each line are dropped; lines holding only spaces are
///     empty; runs of two or more '\n' become exactly "\n\n" (a paragraph break) or "\n"
///     when `keep_paragraphs` is false; the text is trimmed at both ends.
///  8. Repeats (`max_repeat` > 0): a run of more than max_repeat equal code points is cut to
///     max_repeat, except digits (Unicode Nd) and Latin letters (letters below U+0250 and in
///     U+1E00-1EFF), so 1000000, www, III stay, and spaces and line breaks (already
///     collapsed by rule 7), and '.', whose runs are cut to max(3, max_repeat) so that "..."
///     survives.
///  While the result still holds a reference that rule 1 decodes (double-escaped
///  "&amp;lt;", or a reference completed by other rules, e.g. "&am\u200Bp;" or full-width
///  "＆ａｍｐ；"), all the rules run again on the result. So normalize() is idempotent:
///  normalize(normalize(x)) == normalize(x).
///
/// Every output code point records the index (in code points) of the input code point it
/// came from: a decoded reference maps to its '&', a composed syllable or any other
/// normalization chunk to its first code point, "..." from … to the …, a collapsed space or
/// line-break run to its first character. The indices never decrease.
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
  /// Inputs longer than this (in units: bytes of UTF-8, code points otherwise) are
  /// normalized piece by piece, cut only where the result does not change (between Hangul
  /// syllables): memory stays about the input plus the output, and a long call can be
  /// interrupted between pieces (check_interrupt in parallel.hpp). 2^18 units keep a
  /// piece's scratch buffers (about 48 bytes per code point) in the few-MB range.
  std::size_t piece_units = std::size_t{1} << 18;
};

/// Result of normalize_with_offsets().
struct NormalizeResult {
  std::string text;                 ///< normalized UTF-8 text
  std::vector<std::int64_t> source;  ///< per output code point: index of its input code point
};

/// Normalizes UTF-8 @p text. Throws Utf8Error (with the byte offset) on invalid UTF-8 when
/// options.errors is Strict. Thread-safe.
std::string normalize(std::string_view text, const NormalizeOptions& options = {});

/// Whether @p text holds an HTML character reference (&amp;, &#39;, &#x2F;...) that
/// normalize() decodes when NormalizeOptions::decode_html is set.
bool holds_html_reference(std::u32string_view text);

/// Like normalize(), also returning for each output code point the index of the input
/// code point it came from (indices count code points of the input, after invalid bytes
/// were replaced or dropped as options.errors says).
NormalizeResult normalize_with_offsets(std::string_view text, const NormalizeOptions& options = {});

/// Code point form of normalize_with_offsets(), without a UTF-8 round trip: @p input holds
/// one code point per unit (UTF-32), the result too. Surrogates and values above 0x10FFFF
/// follow options.errors: InvalidArgument naming the position (Strict), U+FFFD (Replace),
/// dropped (Ignore). @p source, when not null, receives one input index per output code
/// point.
std::u32string normalize_codepoints(std::u32string_view input, const NormalizeOptions& options,
                                    std::vector<std::int64_t>* source = nullptr);

/// Same for UCS-2 input (one code point per 16-bit unit, no surrogate pairs: CPython's
/// storage of a str whose characters are all in the BMP).
std::u32string normalize_codepoints(std::u16string_view input, const NormalizeOptions& options,
                                    std::vector<std::int64_t>* source = nullptr);

}  // namespace kotext
