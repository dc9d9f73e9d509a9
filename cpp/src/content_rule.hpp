// The content-token rule: which leading morphemes of a Hangul word (as mecab-ko-dic
// analyses it) form the word's content token. Kept apart from the analysis engine
// (lexicon.cpp: the MeCab call, its contexts and the memo) so that either can change
// without the other: the rule sees only the morphemes.
#pragma once
#include <functional>
#include <string_view>
#include <vector>

#include "kotext/lexicon.hpp"

namespace kotext {

/// Whether the dictionary has an entry spelled exactly as the given syllables that may
/// follow a noun inside its eojeol (a particle, ending, copula or suffix).
using SurfaceTest = std::function<bool(std::u32string_view)>;

/// The content of @p word from its morphemes @p morphs (in order, offsets in @p word):
/// the rule of ../shared/data/README.md "Content tokens" (nominal prefix, fused entries,
/// modifier + noun, demonstrative roots, plural 들, the lemma of a leading predicate).
/// @p follows_noun (may be empty: then assumed false) tells an unknown word's tail read as
/// an adverb from a real suffix (word_inside_noun in content_rule.cpp).
WordContent content_of(std::u32string_view word, const std::vector<Morpheme>& morphs,
                       const SurfaceTest& follows_noun = {});

/// A verb or adjective morpheme, plain or fused (VV, VA, VV+EP, VA+ETM).
bool is_predicate_tag(std::string_view tag);

/// @p s cut at each @p sep (an empty string gives one empty piece).
std::vector<std::string_view> split_on(std::string_view s, char sep);

}  // namespace kotext
