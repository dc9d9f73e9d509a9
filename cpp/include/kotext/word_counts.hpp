/// @file word_counts.hpp
/// @brief The word analyzer of TfidfVectorizer in C++: tokenize documents with a kotext
/// Tokenizer and produce their word n-grams into a FeatureSink, with a per-thread memo of
/// chunks (eojeols) for unigram counting.
#pragma once
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

}  // namespace kotext
