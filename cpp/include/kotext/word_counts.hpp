/// @file word_counts.hpp
/// @brief The word analyzer of TfidfVectorizer in C++: tokenize documents with a kotext
/// Tokenizer and produce their word n-grams into a FeatureSink, with a per-thread memo of
/// chunks (eojeols) for unigram counting.
#pragma once
#include <cstddef>
#include <cstdint>
#include <deque>
#include <memory>
#include <string_view>
#include <vector>

#include "kotext/text_view.hpp"
#include "kotext/tokenize.hpp"
#include "kotext/vocabulary.hpp"

namespace kotext {

/// Options of @ref word_analyzer.
struct WordAnalyzerOptions {
  NgramOptions ngrams;     ///< n-gram range and stop words (applied after lowercasing)
  bool lowercase = true;   ///< ASCII letters of each token lowercased (scikit-learn's default)
};

/// An Analyzer over @p docs (UTF-8 or fixed-width code points, read in place) that tokenizes each document with @p tokenizer and
/// produces its word n-grams exactly as word_ngrams() does over tokenize_strings()' tokens.
/// For unigrams with a chunkable() tokenizer, and a sink that offers memo(), it counts
/// chunk by chunk: a chunk seen before by the same sink's thread adds its memoized columns
/// (see ChunkMemo), skipping its analysis. @p docs, @p tokenizer and @p options must
/// outlive the returned Analyzer. Throws Utf8Error on invalid UTF-8 and InvalidArgument on
/// a lone surrogate.
Analyzer word_analyzer(const std::vector<TextView>& docs, const Tokenizer& tokenizer,
                       const WordAnalyzerOptions& options);

/// Whether word_analyzer() counts chunk by chunk with a memo (unigrams, chunkable()).
bool word_analyzer_memoizes(const Tokenizer& tokenizer, const WordAnalyzerOptions& options);

/// The process's TermMemo (see vocabulary.hpp) for word_analyzer() with @p tokenizer in its
/// current state (Tokenizer::state_id(): add_words, fit, stop words and every other change
/// of state select another memo) and @p options (lowercase and the stop words are part of
/// the key), or null when word_analyzer() does not memoize. Give it to count_learn() /
/// count_fixed() with the analyzer: the chunks of earlier fits with the same settings are
/// then counted without being analysed again.
std::shared_ptr<TermMemo> word_term_memo(const Tokenizer& tokenizer, const WordAnalyzerOptions& options);

/// The features of each document, in order, as ids: what an Analyzer produces, with each
/// distinct feature stored once per worker thread instead of once per occurrence. The
/// bindings build Python lists of token strings from it, creating one str per distinct
/// token (news repeats its words: a tenth of the tokens of a corpus are distinct).
struct FeatureSequences {
  /// Documents [begin, end) of one block, produced by one worker: the ids of document
  /// begin + k are ids[offsets[k], offsets[k + 1]), indices into vocabularies[worker].
  struct Block {
    std::size_t begin = 0, end = 0, worker = 0;
    std::vector<std::size_t> offsets;
    std::vector<std::int32_t> ids;
  };
  std::vector<Block> blocks;             ///< in document order, covering [0, n_docs)
  std::deque<Vocabulary> vocabularies;   ///< one per worker
};

/// Runs @p analyze over documents [0, @p n_docs) on up to @p n_jobs threads and keeps the
/// features of each document in order (FeatureSequences). The sink each worker offers has
/// a chunk memo (FeatureSink::memo()), so word_analyzer() analyses each distinct chunk
/// once per worker. Errors of @p analyze propagate (the first one, as parallel_for).
FeatureSequences feature_sequences(std::size_t n_docs, const Analyzer& analyze, int n_jobs);

}  // namespace kotext
