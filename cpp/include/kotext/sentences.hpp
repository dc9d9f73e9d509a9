/// @file sentences.hpp
/// @brief Korean sentence splitting by rules: returns spans into the input, never rewrites it.
///
/// split_sentences() scans the text once and decides, at each candidate position, whether a
/// sentence ends there. Candidates and the rules that accept or reject them:
///  - Terminal punctuation (. ! ? and their full-width forms, 。 ‼ ⁇ … and runs such as "?!",
///    "...", "~~"), optionally followed by closing quotes and brackets, footnote marks
///    ("이다.[16][17]"), laughter or emoji ("좋아요! ㅋㅋ", "요. 😲"), then whitespace or the
///    start of a new sentence. Rejected inside quotes and brackets (tracked by depth, paired
///    per line or paragraph so that an unbalanced quote is dropped instead of swallowing the
///    rest of the text), when a quote is followed by a quoting particle or verb (“...했다”며,
///    “...한다”고, "..." 하며), in decimals and dates (0.1%, 2010. 01. 01.), after initials
///    and abbreviations (J. K. Rowling, U.S., Ph.D., Mr.), inside URLs and e-mail addresses
///    (no split without a following space unless Hangul is on both sides), after list
///    numbers and bullets (가. / 1. / 1) / ㄱ)), for emphasis dots (전.부.다), for punctuation
///    as the whole content of brackets ("(?)"), for asides in brackets glued to a word, and
///    after an ellipsis or tilde that is not preceded by an ending (a headline such as
///    "방향 논의…산업부" stays whole).
///  - Korean final endings without punctuation (했다 / 해요 / 합니다 / 했죠 / 할까 / 알겠지,
///    colloquial and dialect endings such as 했네, 하는구나, 걸릴께, 인거야, 없재, and nominal
///    endings used in notes and reviews: 있음, 추천함, 완료됨) followed by whitespace and a
///    new word, unless the next word continues the clause (하지 않다, 하다 보니, 될까 봐,
///    ...다 하며, 뻑뻑함 없이). Weak endings (nominal and colloquial ones) never end a
///    one-word sentence ("천안함 침몰", "볶음 우동"). Inside quotes only -니다 splits.
///  - Line breaks (see SentenceOptions::newline) and blank lines (always a boundary).
///  - Spans the caller protects (SentenceOptions::protected_spans) never contain a boundary;
///    they override every other rule, blank lines included.
///
/// Every returned sentence is exactly the input between its begin and end offsets; the
/// whitespace between sentences (and at both ends) belongs to no sentence, and nothing else
/// is dropped: concatenating the sentences gives the text minus that whitespace.
/// Invalid UTF-8 throws Utf8Error (Strict) or is treated as single opaque characters.
#pragma once
#include <cstddef>
#include <string_view>
#include <utility>
#include <vector>

#include "kotext/utf8.hpp"

namespace kotext {

/// One sentence: [begin, end) in code points and in bytes of the input.
struct SentenceSpan {
  std::size_t begin = 0;       ///< first code point of the sentence
  std::size_t end = 0;         ///< one past its last code point
  std::size_t byte_begin = 0;  ///< byte offset of begin in the UTF-8 input
  std::size_t byte_end = 0;    ///< byte offset of end in the UTF-8 input
  friend bool operator==(const SentenceSpan& a, const SentenceSpan& b) {
    return a.begin == b.begin && a.end == b.end && a.byte_begin == b.byte_begin &&
           a.byte_end == b.byte_end;
  }
};

/// How a single line break (not a blank line) is treated.
enum class NewlineMode {
  Always,  ///< every line break ends a sentence (text dumps with one paragraph per line)
  Ending,  ///< a line break ends a sentence only after an ending or terminal punctuation
           ///< (hard-wrapped text)
  Never    ///< a line break is like a space (blank lines still split)
};

/// Options of split_sentences().
struct SentenceOptions {
  /// Do-not-split ranges [first, second) in code points of the input; a boundary falling
  /// strictly inside one is dropped. Any order, may overlap; out-of-range ends are clipped.
  std::vector<std::pair<std::size_t, std::size_t>> protected_spans;
  /// Same as protected_spans, in bytes of the input (for C++ callers that work in bytes).
  std::vector<std::pair<std::size_t, std::size_t>> protected_byte_spans;
  NewlineMode newline = NewlineMode::Always;
  /// Split after Korean final endings that carry no punctuation ("...했다 그리고 ...").
  bool split_unpunctuated_endings = true;
  /// Invalid UTF-8: Strict throws Utf8Error; Replace/Ignore treat each bad byte as one
  /// opaque code point (so offsets still count it as one character).
  utf8::ErrorMode errors = utf8::ErrorMode::Strict;
};

/// Splits UTF-8 @p utf8_text into sentences. Thread-safe; never aborts on any input.
/// @return spans in input order, non-empty, non-overlapping, without surrounding whitespace.
std::vector<SentenceSpan> split_sentences(std::string_view utf8_text,
                                          const SentenceOptions& options = {});

}  // namespace kotext
