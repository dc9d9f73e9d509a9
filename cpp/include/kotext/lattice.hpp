/// @file lattice.hpp
/// @brief kotext's own Viterbi search over a MeCab dictionary (mecab_dictionary.hpp): the
/// same lattice and costs as MeCab 0.996's tokenizer.cpp / viterbi.cpp, with the words
/// around the analysed one reduced to fixed boundary costs.
///
/// MeCab scores a whole sentence from BOS to EOS. kotext analyses one eojeol between fixed
/// context words (lexicon.cpp: "이는 " + word + " 사람"). Unknown-word groups stop at a
/// space and dictionary surfaces do not start with one, so the best path through the
/// sentence splits at the word's edges: the left context contributes, for each left id a word-initial morpheme can
/// have, the cheapest cost of any path from BOS through the left words plus the connection
/// into that id (Boundary::enter); the right context contributes, for each right id a
/// word-final morpheme can have, the cheapest connection plus path on to EOS
/// (Boundary::leave). Both are computed once per context; each word then costs one lattice
/// over its own bytes, with no allocation once the per-thread buffers have grown.
///
/// Same analyses as MeCab (tests/cpp/test_lattice.cpp, every distinct word of the UD dev
/// splits and of 300 knews8 articles, both contexts), with one known difference: a few
/// mecab-ko-dic surfaces END in a space ("내셔날 "); MeCab matched them across the word's
/// end into the right context, and the word's analysis then lost its tail (인터내셔날 words:
/// 4 of 167,902 word analyses of knews8-train). Here the word is read alone and its
/// morphemes always cover it.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "kotext/mecab_dictionary.hpp"

namespace kotext::mecab {

/// The fixed costs around a word (see the file comment).
struct Boundary {
  std::vector<std::int64_t> enter;  ///< by lc_attr
  std::vector<std::int64_t> leave;  ///< by rc_attr
  /// A sentence of its own: BOS on the left, EOS on the right.
  static Boundary sentence(const Dictionary& dic);
  /// Between @p left and @p right (UTF-8 text without the separating spaces; either may
  /// be empty: BOS / EOS).
  static Boundary between(const Dictionary& dic, std::string_view left, std::string_view right);
};

/// One morpheme of the best path.
struct PathNode {
  std::uint32_t begin = 0;  ///< byte offsets of the surface in the text
  std::uint32_t end = 0;
  const Token* token = nullptr;
  std::uint16_t lc_attr = 0;  ///< copies of the token's ids and cost: the search reads
  std::uint16_t rc_attr = 0;  ///< them for every pair of nodes, the token table is cold
  std::int16_t wcost = 0;
  bool unknown = false;     ///< from unk.dic (MeCab's MECAB_UNK_NODE)
};

/// Reusable search buffers: one per thread.
class Lattice {
 public:
  /// The best path through @p text (UTF-8) between the costs of @p boundary.
  /// Returns false when the text is empty.
  bool best(const Dictionary& dic, std::string_view text, const Boundary& boundary,
            std::vector<PathNode>& out);

  /// Forward pass only: the (rc_attr, cost) of every node ending at the end of @p text,
  /// in MeCab's end-list order (BOS before the text).
  void ends(const Dictionary& dic, std::string_view text,
            std::vector<std::pair<std::uint16_t, std::int64_t>>& out);

  /// The candidate nodes MeCab's lookup gives at byte @p pos of @p text, in its bnext
  /// order (the order connect() visits them).
  void lookup(const Dictionary& dic, std::string_view text, std::size_t pos,
              std::vector<PathNode>& out) const;

 private:
  struct Node {
    PathNode p;
    std::int64_t cost = 0;
    std::int32_t prev = -1;
    std::int32_t enext = -1;
  };
  // forward pass with word-initial costs from @p enter; nodes_ / end_head_ hold the result
  void forward(const Dictionary& dic, std::string_view text, const std::vector<std::int64_t>& enter);
  std::vector<Node> nodes_;
  std::vector<std::int32_t> end_head_;
  std::vector<PathNode> found_;
  struct Entry {  // the best left node for one left id at the current position
    std::uint16_t lc_attr;
    std::int64_t cost;
    std::int32_t prev;
  };
  std::vector<Entry> entries_;
};

}  // namespace kotext::mecab
