/// @file lexicon.hpp
/// @brief Dictionary analysis of Korean words with mecab-ko-dic, through the MeCab library.
///
/// Design note (own lattice over mecab-ko-dic's files, MeCab kept as the reference; the
/// measurements are in docs/tokenizer.md): the dictionary's compiled files are MeCab's
/// binary format, read here as they are (mecab_dictionary.hpp), and the search is MeCab
/// 0.996's (lattice.hpp). Linking MeCab cost about 18 us per distinct word, 75 % of it in
/// MeCab's lattice over "그리고 " + word + " 사람" (the contexts then; they triple the sentence);
/// the own lattice reduces the context words to fixed boundary costs and runs 2-2.5 times
/// faster with the same morphemes. MeCab stays linked for analyze_mecab(), the reference
/// the tests compare against, and is loaded only when that is called.
///
/// A Lexicon is immutable and thread-safe: the dictionary files are shared, each thread keeps
/// its own search buffers, and the word memo is a sharded,
/// lock-protected map bounded in size.
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace kotext {
namespace mecab {
struct Boundary;
}

/// One morpheme of a dictionary analysis; begin/end are code point offsets in the word.
struct Morpheme {
  std::size_t begin = 0;
  std::size_t end = 0;
  std::string tag;     ///< Sejong tag of mecab-ko-dic (NNG, VV, JKS...; VV+EP for a fused entry)
  std::string lemma;   ///< stem of a verb/adjective (기쁘 for 기쁜), else empty
  /// The parts of a fused entry (했 = "하/VV/*+았/EP/*"), else empty.
  std::string parts;
  bool unknown = false;  ///< not in the dictionary (MeCab's unknown-word model)
  int cost = 0;          ///< the dictionary's word cost (lower: a likelier word)
};

/// The content analysis of one Hangul word: the nominal prefix the content-token rule
/// keeps (longest prefix of morphemes tagged NNG NNP NNB NR XR XPN XSN), or why nothing.
struct WordContent {
  std::uint32_t keep = 0;       ///< code points kept from the start of the word (0: none)
  /// The prefix is made of bound nouns / numerals / affixes only (것, 수, 하나, 들):
  /// dropped alone, kept after a number (3명, 2021년).
  bool function_only = false;
  /// The word starts with a function morpheme (a particle, ending, copula or suffix:
  /// 에서, 이다, 하고): what follows a known noun or a number.
  bool starts_function = false;
  /// The word starts with a verb or adjective (먹고, 기쁜): its lemma, else empty.
  std::string lemma;
  /// The tag of the last kept morpheme (the head of a compound: 연구원 NNG), or of the
  /// predicate for a lemma (VV, VA).
  std::string tag;
  /// The word ends in plural 들 (XSN) inside the kept prefix.
  bool plural = false;
  /// Read as particles / endings only (keep 0), but the dictionary also has the whole
  /// word as a noun of two syllables or more (이란: JX and the country, NNP), or as
  /// endings only (러: no particle reading): the word when it begins an eojeol, where
  /// Korean spacing allows no particle or ending (@ref tag holds the noun's tag).
  bool noun_if_initial = false;
};

/// mecab-ko-dic loaded through MeCab.
class Lexicon {
 public:
  /// Opens the compiled dictionary in @p directory (the folder holding sys.dic,
  /// matrix.bin, char.bin, unk.dic and dicrc). Throws InvalidArgument naming the folder
  /// and MeCab's message when it cannot be loaded. Folders already open are shared.
  static std::shared_ptr<const Lexicon> open(const std::string& directory);

  ~Lexicon();
  Lexicon(const Lexicon&) = delete;
  Lexicon& operator=(const Lexicon&) = delete;

  /// The dictionary folder given to open().
  const std::string& directory() const noexcept;
  /// A fingerprint of the dictionary files (sizes and sampled bytes of sys.dic and
  /// matrix.bin, hex): what a pickle records to check it is read back with the same
  /// dictionary.
  const std::string& checksum() const noexcept;

  /// The words a word is analysed between (lexicon.cpp: kLeftContext, kBoundNounContext).
  enum class Context { neutral, after_modifier };

  /// Morphemes of @p word (any text without line breaks), in order: kotext's own lattice
  /// over the dictionary files (lattice.hpp). Thread-safe.
  void analyze(std::u32string_view word, std::vector<Morpheme>& out,
               Context context = Context::neutral) const;
  /// The same analysis through the MeCab library (loaded on first call): the reference
  /// analyze() is tested against. Thread-safe.
  void analyze_mecab(std::u32string_view word, std::vector<Morpheme>& out,
                     Context context = Context::neutral) const;

  /// Content analysis of the Hangul word @p word, memoized per distinct word. Thread-safe.
  WordContent content(std::u32string_view word) const;

 private:
  Lexicon();
  static std::shared_ptr<const Lexicon> load(const std::string& directory);
  void analyze_in(std::u32string_view word, const mecab::Boundary& around,
                  std::vector<Morpheme>& out) const;
  void analyze_mecab_in(std::u32string_view word, std::string_view left, std::string_view right,
                        std::vector<Morpheme>& out) const;
  WordContent content_uncached(std::u32string_view word) const;  // the shared memo, else analysed
  void initial_noun(std::u32string_view word, WordContent& c) const;  // sets noun_if_initial
  bool follows_noun(std::u32string_view surface) const;  // content_rule.hpp SurfaceTest
  // f(tag) for each dictionary entry spelled @p surface; false when there is none
  template <class F>
  bool for_each_entry(std::u32string_view surface, F&& f) const;
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace kotext
