// The word analyzer: tokenize + n-grams, with the chunk memo for unigram counting.
#include "kotext/word_counts.hpp"

#include <algorithm>
#include <string>

namespace kotext {
namespace {

inline bool has_ascii_upper(std::string_view s) noexcept {
  return std::any_of(s.begin(), s.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
}

inline void ascii_lower(std::string& s) noexcept {
  for (char& c : s) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
}

// Counts unigrams chunk by chunk: a chunk (eojeol) seen before by this thread adds its
// memoized columns, skipping its tokenization, the lowercasing and stop-word tests, and
// the vocabulary lookups of its tokens. Exact because a chunk's tokens depend on the chunk
// alone when Tokenizer::chunkable() (the tokenizer reports the exceptions as not
// memoizable) and everything after it (ASCII lowercasing, stop words, unigram counting) is
// per token. Korean news repeats its eojeols heavily, so most chunks hit.
class MemoCounter final : public ChunkVisitor {
 public:
  MemoCounter(FeatureSink& sink, ChunkMemo& memo, const WordAnalyzerOptions& options)
      : sink_(sink), memo_(memo), options_(options) {}

  bool known(std::u32string_view chunk) override {
    std::size_t n = 0;
    const std::int32_t* cols = memo_.find(chunk, n);
    if (!cols) return false;
    for (std::size_t k = 0; k < n; ++k) sink_.add_column(cols[k]);
    return true;
  }

  void tokens(std::u32string_view chunk, const std::vector<std::string>& tokens,
              bool memoizable) override {
    const auto* stops = options_.ngrams.stop_words;
    cols_.clear();
    for (const std::string& t : tokens) {
      std::string_view v(t);
      if (options_.lowercase && has_ascii_upper(t)) {
        low_ = t;
        ascii_lower(low_);
        v = low_;
      }
      if (stops && !stops->empty() && stops->count(v)) continue;
      const std::int32_t c = sink_.column(v);
      if (c < 0) continue;
      sink_.add_column(c);
      cols_.push_back(c);
    }
    if (memoizable) memo_.add(chunk, cols_);
  }

 private:
  FeatureSink& sink_;
  ChunkMemo& memo_;
  const WordAnalyzerOptions& options_;
  std::vector<std::int32_t> cols_;
  std::string low_;
};

}  // namespace

Analyzer word_analyzer(const std::vector<std::string_view>& docs, const Tokenizer& tokenizer,
                       const WordAnalyzerOptions& options) {
  // Unigram counting memoizes per chunk; n-grams join tokens across chunks and take the
  // general path.
  const bool memoize =
      tokenizer.chunkable() && options.ngrams.min_n == 1 && options.ngrams.max_n == 1;
  return [&docs, &tokenizer, &options, memoize](std::size_t d, FeatureSink& sink) {
    if (memoize && sink.memo()) {
      MemoCounter counter(sink, *sink.memo(), options);
      tokenizer.tokenize_chunks(docs[d], counter);
      return;
    }
    thread_local std::vector<std::string> tokens;
    thread_local std::vector<std::string_view> views;
    thread_local std::string scratch;
    tokens.clear();
    tokenizer.tokenize_strings(docs[d], tokens);
    views.clear();
    for (auto& t : tokens) {
      if (options.lowercase) ascii_lower(t);
      views.emplace_back(t);
    }
    word_ngrams(views.data(), views.size(), options.ngrams, sink, scratch);
  };
}

}  // namespace kotext
