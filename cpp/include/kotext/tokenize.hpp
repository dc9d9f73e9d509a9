/// @file tokenize.hpp
/// @brief Korean tokenizer for analysis: content stems without particles (josa) and
/// verb endings, numbers with units, mixed Latin/Hangul words, code point offsets, news
/// stopwords, a user dictionary (multi-word terms too), token n-grams and corpus-learned
/// nouns (see noun_learner.hpp).
///
/// How one text is tokenized:
///  1. (option `normalize`) the text is normalized with kotext::normalize; token offsets
///     still point into the caller's original text through the normalizer's offset map.
///  2. The text is cut into runs of word characters: Hangul syllables, Latin letters,
///     digits (with '.' and ',' between digits, a '%' after them, '&' and '-' between
///     Latin letters/digits) and Hanja. A run is typed Hangul, Latin, Number (digits,
///     possibly followed by a Hangul unit: 120만, 2021년, 3.5%), Mixed (K패션, 5G,
///     3D프린팅) or Other (Hanja).
///  3. With a Lexicon (options.lexicon, mecab-ko-dic: the default of the Python API), the
///     Hangul part of a run is analysed by the dictionary (lexicon.hpp) and keeps its
///     nominal content: the longest prefix of nominal morphemes (compounds whole:
///     수석연구원; 하다/되다 nouns reduced to the noun: 출범했다 -> 출범), dropped when it is
///     bound nouns / numerals only (것, 수, 하나) unless it follows a number (3명, 2021년);
///     verbs, adjectives, adverbs and pronouns are dropped (or kept as lemmas with
///     `keep_lemmas`: 기쁜 -> 기쁘다). User words and learned nouns the dictionary
///     does not know are kept whole before a particle. Each distinct word is analysed
///     once (the Lexicon's memo).
///     Without a Lexicon (the rules backend), step 3':
///  3'. (option `strip_particles`) the Hangul tail of a run loses its particles and
///     endings: the longest known noun prefix (user words, learned nouns, built-in nouns)
///     followed by a valid particle/ending wins; otherwise the longest particle/ending in
///     the built-in table whose attachment agrees with the stem (이/을/은/과 after a final
///     consonant, 가/를/는/와 after a vowel) and leaves a plausible stem (two syllables or
///     more, or a known one-syllable noun such as 비 눈 옷 값 법) is cut. Words that only
///     end in a particle-like syllable (미국, 도로, 고가, 경기도) stay whole. Predicates
///     without a noun stem (밝혔다, 있는) are dropped when `drop_predicates` is set;
///     noun + 하다/되다 forms keep the noun (출범했다 -> 출범).
///     With `split_compounds`, a stem that splits completely into known nouns of two
///     syllables or more is emitted as those nouns (패션산업 -> 패션, 산업).
///  4. User multi-word terms ("디지털 전환") are merged into one token, stopwords are
///     removed, and n-grams (ngram_min..ngram_max, joined by one space) are formed.
///
/// Offsets: a token's [begin, end) spans its own text (the stem, not the particles after
/// it) in code points of the caller's text. When normalization cannot change any token
/// (plain NFC text), it is skipped and offsets are the identity; otherwise they come from
/// normalize_with_offsets' map.
///
/// A Tokenizer is immutable while tokenizing: tokenize() and tokenize_strings() are
/// thread-safe (word analyses are cached per thread, keyed by the tokenizer's state);
/// fit(), add_words(), set_stopwords() and import_state() are not and must not run
/// concurrently with tokenizing the same object (copies are independent: copy-on-write).
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "kotext/lexicon.hpp"
#include "kotext/normalize.hpp"
#include "kotext/text_view.hpp"
#include "kotext/noun_learner.hpp"

namespace kotext {

/// Kind of a token, from the characters it is made of (after particle stripping).
enum class TokenType {
  Hangul,  ///< Hangul syllables only (패션산업)
  Latin,   ///< Latin letters only, possibly joined by '&' or '-' (AI, R&D)
  Number,  ///< digits, optionally with '.', ',', '%' and a Hangul unit (3.5%, 120만, 2021년)
  Mixed,   ///< Latin or digits together with Hangul or Latin with digits (K패션, 5G, 3D프린팅)
  Other,   ///< Hanja and other letters
  Ngram,   ///< an n-gram or multi-word term made of several tokens
};

/// Lower-case name of @p type ("hangul", "latin", "number", "mixed", "other", "ngram").
const char* token_type_name(TokenType type) noexcept;

/// One token. begin/end are code point offsets into the text passed to tokenize()
/// (half-open); text may be shorter than that span (particles cut) and is taken from the
/// normalized text.
struct Token {
  std::string text;
  std::int64_t begin = 0;
  std::int64_t end = 0;
  TokenType type = TokenType::Other;
  /// Sejong tag of the token's head morpheme with a Lexicon (NNG, NNP, NR, VV, VA...;
  /// "SN" for numbers, "SL" for Latin, "SH" for Hanja, "" for n-grams and without a
  /// Lexicon).
  std::string tag;
};

/// Options of a Tokenizer; the defaults suit Korean news analysis.
struct TokenizerOptions {
  bool normalize = true;             ///< normalize the input first (NFC, widths, quotes...)
  NormalizeOptions normalize_options{};  ///< used when `normalize` is set
  bool strip_particles = true;       ///< cut josa and endings from Hangul words
  bool drop_predicates = true;       ///< drop verbs/adjectives that have no noun stem
  /// Split compounds into known nouns (user, learned, built-in) of two syllables or more:
  /// 패션산업 -> 패션 산업 when both are known (finest complete split; off by default).
  bool split_compounds = false;
  bool use_stopwords = true;         ///< remove stopwords (default: Korean news list)
  bool keep_latin = true;            ///< emit Latin tokens
  bool keep_numbers = true;          ///< emit Number tokens
  bool keep_other = true;            ///< emit Other (Hanja...) tokens
  bool lowercase = false;            ///< lowercase Latin letters of token texts
  int min_length = 1;                ///< minimum token length in code points (unigrams)
  int ngram_min = 1;                 ///< smallest n of the emitted n-grams
  int ngram_max = 1;                 ///< largest n of the emitted n-grams
  /// Dictionary analysis (mecab-ko-dic); null: the rule tokenizer (no dictionary).
  std::shared_ptr<const Lexicon> lexicon;
  /// With a Lexicon: emit verbs and adjectives as lemmas (기쁜 -> 기쁘다, 먹고 -> 먹다)
  /// instead of dropping them.
  bool keep_lemmas = false;
  /// With a Lexicon: cut the plural suffix 들 (사람들 -> 사람). Off by default, as the
  /// content-token gold keeps it.
  bool strip_plural = false;
};

/// The learned and user state of a Tokenizer as plain data (for pickling and saving).
struct TokenizerState {
  std::vector<std::string> user_words;                  ///< add_words() entries, in order
  std::vector<std::string> stopwords;                   ///< the active stopword list
  /// Scored left parts from fit(): (word, noun score in [0, 1]). Words scoring at least
  /// noun_threshold are nouns; frequent words scoring below 0.2 are known non-nouns
  /// (verb stems), which lets predicates be dropped.
  std::vector<std::pair<std::string, double>> nouns;
  double noun_threshold = 0.5;
  bool fitted = false;                                  ///< fit() was called
};

/// The default Korean news stopword list (bylines, agency boilerplate, bound nouns,
/// determiners and other function words).
const std::vector<std::string>& default_stopwords();

/// Particle/ending analysis of one Hangul word, exposed for tests and tools.
struct StemResult {
  std::size_t stem_length = 0;  ///< stem length in code points (0 with `drop`)
  bool drop = false;            ///< a predicate without a noun stem
};

/// One whitespace-delimited chunk (eojeol) of a text prepared by Tokenizer::split_chunks:
/// code points [begin, end) of the prepared text, none of them a space, tab or line break.
struct TextChunk {
  std::size_t begin = 0;
  std::size_t end = 0;
  /// Its tokens depend on the chunk alone (false when its analysis looks at the next
  /// chunk: the X지 않다 negation rule, or at the one before: a particle detached from a
  /// closing quote, '...' 라고), so they may be memoized per distinct chunk.
  bool memoizable = true;
};

/// The tokenizer. Copyable; the heavy tables are shared read-only between copies.
class Tokenizer {
 public:
  explicit Tokenizer(TokenizerOptions options = {});
  Tokenizer(const Tokenizer&);
  Tokenizer& operator=(const Tokenizer&);
  Tokenizer(Tokenizer&&) noexcept;
  Tokenizer& operator=(Tokenizer&&) noexcept;
  ~Tokenizer();

  const TokenizerOptions& options() const noexcept;
  /// Identity of this tokenizer's state: copies share it, and every change of state
  /// (fit, add_words, stop words, import_state) takes a new one, never reused in the
  /// process. What caches of tokens (TF-IDF's TermMemo) are keyed by.
  std::uint64_t state_id() const noexcept;

  /// Tokens of UTF-8 @p utf8_text, offsets in code points of @p utf8_text.
  /// Throws Utf8Error on invalid UTF-8. Thread-safe.
  std::vector<Token> tokenize(std::string_view utf8_text) const;

  /// Fast path: appends the token texts of @p utf8_text to @p out (no offsets).
  void tokenize_strings(std::string_view utf8_text, std::vector<std::string>& out) const;

  /// Whether split_chunks() / chunk_tokens() apply: no multi-word user terms and no
  /// n-grams, the options under which the tokens of a text are the tokens of its chunks in
  /// order.
  bool chunkable() const noexcept;

  /// Decodes and normalizes @p input into @p text (a reused buffer) and splits it into
  /// @p chunks on spaces, tabs and line breaks. The tokens of the chunks, in order
  /// (chunk_tokens()), are tokenize_strings() of the same text in UTF-8. Requires
  /// chunkable(). Throws Utf8Error on invalid UTF-8, InvalidArgument on a lone surrogate
  /// in fixed-width input. Thread-safe.
  void split_chunks(const TextView& input, std::u32string& text,
                    std::vector<TextChunk>& chunks) const;

  /// Cuts @p doc into pieces that tokenize exactly like the whole, for long documents:
  /// each piece but the last holds at least @p min_units units and ends with a line break
  /// whose line does not end in 지 (the one rule that looks across a space, X지 않다, starts
  /// there). Tokenizing piece by piece keeps the working buffers (the normalized UTF-32
  /// text, the chunks and token vectors: about 12x the UTF-8 size) the size of a piece.
  /// One piece, the whole, when chunkable() is false (multi-word terms and n-grams join
  /// tokens across lines) or when no such line break exists.
  std::vector<TextView> pieces(const TextView& doc, std::size_t min_units = kPieceUnits) const;

  /// The piece size of long documents (pieces()): 1M units keep a piece's buffers near
  /// 16 MB while a piece is still hundreds of thousands of tokens (per-piece costs vanish).
  static constexpr std::size_t kPieceUnits = std::size_t{1} << 20;

  /// Appends the token texts of @p chunk of @p text (both from split_chunks()) to @p out.
  void chunk_tokens(const std::u32string& text, const TextChunk& chunk,
                    std::vector<std::string>& out) const;

  /// Stem analysis of one Hangul word (syllables only), using the current dictionaries.
  StemResult stem(std::u32string_view word) const;

  /// Learns nouns from a corpus (L-R statistics of eojeols; see noun_learner.hpp) and
  /// replaces the previously learned nouns. Runs on @p n_jobs threads.
  void fit(const std::vector<std::string_view>& texts, const NounLearnerOptions& options = {},
           int n_jobs = 1);
  /// The eojeol counts fit() learns from (of the texts normalized as this tokenizer
  /// normalizes): count parts of a corpus apart, merge_eojeol_counts, then fit(counts).
  EojeolCounts count_eojeols(const std::vector<std::string_view>& texts, int n_jobs = 1) const;
  /// fit() from eojeol counts (the same nouns as fit on the texts counted).
  void fit(const EojeolCounts& counts, const NounLearnerOptions& options = {});

  /// Adds user words: single words are kept whole and cut before particles
  /// (디지털화가 -> 디지털화); words with spaces ("디지털 전환") are multi-word terms
  /// emitted as one token when their parts follow each other.
  void add_words(const std::vector<std::string>& words);

  /// Replaces the stopword list.
  void set_stopwords(const std::vector<std::string>& words);
  /// Adds to the stopword list.
  void add_stopwords(const std::vector<std::string>& words);
  /// The active stopword list (sorted).
  std::vector<std::string> stopwords() const;

  /// Learned nouns (word, score), sorted by word.
  std::vector<std::pair<std::string, double>> learned_nouns() const;
  /// Whether fit() (or import_state of a fitted state) happened.
  bool fitted() const noexcept;

  /// State as plain data, and back.
  TokenizerState export_state() const;
  void import_state(const TokenizerState& state);

 private:
  struct Impl;
  std::shared_ptr<const Impl> impl_;
  Impl& mutable_impl();  // copy-on-write
};

}  // namespace kotext
