/// @file noun_learner.hpp
/// @brief Corpus-learned nouns, the L-R way (soynlp's noun extractor): every eojeol
/// (run of Hangul syllables) is split into a left part L and a right part R at each
/// position; a left part that is mostly followed by particles (josa), copula or 하다/되다
/// forms, with several different ones, is a noun; one followed by verb endings (혔다,
/// 고, 게 ...) is a verb stem.
///
/// Scores of a left part L (count = frequency of eojeols starting with L):
///  - positive: occurrences whose R is a particle/ending of the tokenizer's table that
///    may attach to L (이 after a final consonant, 가 after a vowel...);
///  - negative: occurrences whose R is a verb ending (다, 고, 게, 었다, 혔다...);
///  - branching entropy: entropy of the distribution of L's positive right parts (and
///    the bare eojeol), in nats: nouns take many different particles;
///  - cohesion: (count(L) / count(first syllable of L))^(1 / (len(L) - 1)), how strongly
///    the syllables of L stick together (soynlp's cohesion probability).
/// noun score = positive / (positive + negative + 1), damped when L was seen with fewer
/// than two different particles (three for one-syllable L). Evidence for L that belongs
/// to a longer noun (경기|도 inside 경기도) is removed in a second pass.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace kotext {

/// Options of the noun learner (Tokenizer::fit).
struct NounLearnerOptions {
  int min_count = 3;           ///< minimum frequency of a left part to be scored
  int max_length = 10;         ///< longest left part considered, in syllables
  double min_score = 0.5;      ///< noun threshold on the noun score
  int min_particle_count = 2;  ///< minimum count of occurrences followed by a particle
};

/// One scored left part.
struct NounCandidate {
  std::string word;        ///< the left part (UTF-8)
  double score = 0;        ///< noun score in [0, 1]
  std::int64_t count = 0;  ///< eojeols starting with it
  std::int64_t positive = 0;
  std::int64_t negative = 0;
  double entropy = 0;      ///< branching entropy of its right parts (nats)
  double cohesion = 0;     ///< cohesion probability
  bool noun = false;       ///< passes the noun criteria of the options
};

/// Eojeol (Hangul syllable run) frequencies of a corpus: everything the learner reads from
/// it. Counts of parts of a corpus add up to the counts of the whole (merge_eojeol_counts),
/// so partitions counted apart (Dask workers) learn the nouns of one fit over all of them.
struct EojeolCounts {
  std::vector<std::string> words;     ///< distinct eojeols (UTF-8), sorted bytewise
  std::vector<std::int64_t> counts;   ///< occurrences of each
};

/// Eojeol frequencies of @p texts (UTF-8), counted on @p n_jobs threads. Throws Utf8Error.
EojeolCounts count_eojeols(const std::vector<std::string_view>& texts, int n_jobs = 1);

/// The summed counts of several EojeolCounts (words sorted, each once).
EojeolCounts merge_eojeol_counts(const std::vector<const EojeolCounts*>& parts);

/// Scores the left parts of the eojeols counted in @p counts (see learn_nouns below).
/// Throws InvalidArgument for bad options or counts (unsorted words, negative counts).
std::vector<NounCandidate> learn_nouns(const EojeolCounts& counts,
                                       const NounLearnerOptions& options = {});

/// Scores the left parts of the eojeols of @p texts (UTF-8; Hangul syllable runs are the
/// eojeols; texts should be normalized the way they will be tokenized). Returns the
/// candidates seen at least min_count times with some positive or negative evidence,
/// sorted by word. Runs the counting on @p n_jobs threads. Throws Utf8Error.
std::vector<NounCandidate> learn_nouns(const std::vector<std::string_view>& texts,
                                       const NounLearnerOptions& options = {}, int n_jobs = 1);

}  // namespace kotext
