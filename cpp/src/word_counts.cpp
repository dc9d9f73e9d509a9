// The word analyzer: tokenize + n-grams, with the chunk memo for unigram counting.
#include "kotext/word_counts.hpp"

#include <algorithm>
#include <atomic>
#include <string>

#include "kotext/parallel.hpp"

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

// Reused buffers of count_chunks(), one set per thread.
struct Buffers {
  std::u32string text;
  std::vector<TextChunk> chunks;
  std::vector<std::uint64_t> hashes;
  std::vector<std::string> tokens;
  std::vector<std::int32_t> columns;
  std::string lowered;
};

// Out of line on purpose: in a shared library a thread_local's address comes from a call
// to __tls_get_addr, which GCC repeats at every use inside a loop that makes other calls
// (4% of the counting time); a reference returned from here is an ordinary pointer.
#if defined(__GNUC__) || defined(__clang__)
__attribute__((noinline))
#endif
Buffers& thread_buffers() {
  thread_local Buffers buffers;
  return buffers;
}

// Counts the unigrams of one document chunk by chunk: a chunk (eojeol) seen before by
// this thread adds its memoized columns, skipping its tokenization, the lowercasing and
// stop-word tests, and the vocabulary lookups of its tokens. Exact because a chunk's tokens
// depend on the chunk alone when Tokenizer::chunkable() (split_chunks() marks the
// exceptions as not memoizable) and everything after it (ASCII lowercasing, stop words,
// unigram counting) is per token. Korean news repeats its eojeols heavily, so most chunks
// hit; the memo lookups are prefetched a few chunks ahead (ChunkMemo::prefetch_slot / prefetch_entry).
void count_piece(const TextView& doc, const Tokenizer& tokenizer,
                 const WordAnalyzerOptions& options, ChunkMemo& memo, FeatureSink& sink) {
  Buffers& buffers = thread_buffers();
  std::u32string& text = buffers.text;
  std::vector<TextChunk>& chunks = buffers.chunks;
  std::vector<std::uint64_t>& hashes = buffers.hashes;
  std::vector<std::string>& tokens = buffers.tokens;
  std::vector<std::int32_t>& columns = buffers.columns;
  std::string& lowered = buffers.lowered;
  tokenizer.split_chunks(doc, text, chunks);
  const std::size_t n = chunks.size();
  auto key = [&](std::size_t i) {
    return std::u32string_view(text.data() + chunks[i].begin, chunks[i].end - chunks[i].begin);
  };
  hashes.resize(n);
  for (std::size_t i = 0; i < n; ++i) hashes[i] = ChunkMemo::hash(key(i));
  // Slots 2 * kAhead chunks ahead, entries kAhead ahead: by the time a chunk is looked up,
  // both of its lines have been requested while earlier chunks were counted.
  constexpr std::size_t kAhead = 4;
  for (std::size_t i = 0; i < std::min(n, 2 * kAhead); ++i) memo.prefetch_slot(hashes[i]);
  const auto* stops = options.ngrams.stop_words;
  for (std::size_t i = 0; i < n; ++i) {
    if (i + 2 * kAhead < n) memo.prefetch_slot(hashes[i + 2 * kAhead]);
    if (i + kAhead < n) memo.prefetch_entry(hashes[i + kAhead]);
    const TextChunk& chunk = chunks[i];
    if (chunk.memoizable) {
      std::size_t m = 0;
      if (const std::int32_t* cols = memo.find(key(i), hashes[i], m)) {
        sink.add_columns(cols, m);
        continue;
      }
    }
    tokens.clear();
    tokenizer.chunk_tokens(text, chunk, tokens);
    columns.clear();
    for (const std::string& t : tokens) {
      std::string_view v(t);
      if (options.lowercase && has_ascii_upper(t)) {
        lowered = t;
        ascii_lower(lowered);
        v = lowered;
      }
      if (stops && !stops->empty() && stops->count(v)) continue;
      const std::int32_t c = sink.column(v);
      if (c < 0) continue;
      sink.add_column(c);
      columns.push_back(c);
    }
    if (chunk.memoizable) memo.add(key(i), hashes[i], columns);
  }
}

// A long document is counted piece by piece (Tokenizer::pieces: the same tokens), so the
// normalized text, chunks and hashes stay the size of a piece (a 100 MB page took 10x its
// size in them).
void count_chunks(const TextView& doc, const Tokenizer& tokenizer,
                  const WordAnalyzerOptions& options, ChunkMemo& memo, FeatureSink& sink) {
  for (const TextView& piece : tokenizer.pieces(doc)) {
    count_piece(piece, tokenizer, options, memo, sink);
  }
  // A thread keeps its buffers between documents, but not those of a huge one.
  Buffers& buffers = thread_buffers();
  if (buffers.text.capacity() > (std::size_t{1} << 22)) {
    std::u32string().swap(buffers.text);
    std::vector<TextChunk>().swap(buffers.chunks);
    std::vector<std::uint64_t>().swap(buffers.hashes);
  }
}

// The sink of feature_sequences(): appends each feature's id in the worker's vocabulary to
// the block, in order.
class SequenceSink final : public FeatureSink {
 public:
  SequenceSink(Vocabulary& vocab, ChunkMemo& memo, std::vector<std::int32_t>& ids)
      : vocab_(vocab), memo_(memo), ids_(ids) {}
  void add(std::string_view feature) override { ids_.push_back(vocab_.insert(feature)); }
  ChunkMemo* memo() override { return &memo_; }
  std::int32_t column(std::string_view feature) override { return vocab_.insert(feature); }
  void add_column(std::int32_t c) override { ids_.push_back(c); }
  void add_columns(const std::int32_t* columns, std::size_t n) override {
    ids_.insert(ids_.end(), columns, columns + n);
  }

 private:
  Vocabulary& vocab_;
  ChunkMemo& memo_;
  std::vector<std::int32_t>& ids_;
};

// Blocks per worker thread, taken dynamically: enough to balance long and short documents,
// few enough that the per-block bookkeeping does not matter.
constexpr std::size_t kBlocksPerThread = 4;

}  // namespace

FeatureSequences feature_sequences(std::size_t n_docs, const Analyzer& analyze, int n_jobs) {
  FeatureSequences out;
  const int threads = resolve_n_jobs(n_jobs, n_docs);
  const std::size_t n_blocks = std::max<std::size_t>(
      1, std::min(n_docs, threads == 1 ? 1 : static_cast<std::size_t>(threads) * kBlocksPerThread));
  out.blocks.resize(n_blocks);
  for (std::size_t b = 0; b < n_blocks; ++b) {
    out.blocks[b].begin = n_docs * b / n_blocks;
    out.blocks[b].end = n_docs * (b + 1) / n_blocks;
  }
  out.vocabularies.resize(static_cast<std::size_t>(threads));
  std::vector<ChunkMemo> memos(static_cast<std::size_t>(threads));
  // One item per worker, each taking blocks until none is left: a worker's vocabulary and
  // memo stay with it across its blocks (no lookup of the running thread needed).
  std::atomic<std::size_t> next{0};
  parallel_for(static_cast<std::size_t>(threads), threads, [&](std::size_t w) {
    for (std::size_t b; (b = next.fetch_add(1)) < n_blocks;) {
      FeatureSequences::Block& block = out.blocks[b];
      block.worker = w;
      block.offsets.reserve(block.end - block.begin + 1);
      block.offsets.push_back(0);
      SequenceSink sink(out.vocabularies[w], memos[w], block.ids);
      for (std::size_t d = block.begin; d < block.end; ++d) {
        check_interrupt();
        analyze(d, sink);
        block.offsets.push_back(block.ids.size());
      }
    }
  });
  return out;
}

bool word_analyzer_memoizes(const Tokenizer& tokenizer, const WordAnalyzerOptions& options) {
  // Unigram counting memoizes per chunk; n-grams join tokens across chunks and take the
  // general path.
  return tokenizer.chunkable() && options.ngrams.min_n == 1 && options.ngrams.max_n == 1;
}

std::shared_ptr<TermMemo> word_term_memo(const Tokenizer& tokenizer, const WordAnalyzerOptions& options) {
  if (!word_analyzer_memoizes(tokenizer, options)) return nullptr;
  // Everything the memoized columns of a chunk depend on: the tokenizer's state and the
  // analyzer's per-token steps (ASCII lowercasing, then the stop words, sorted).
  std::string key = "kotext word unigrams\n" + std::to_string(tokenizer.state_id()) + "\n" +
                    (options.lowercase ? "lowercase" : "as is");
  if (const auto* stops = options.ngrams.stop_words) {
    std::vector<std::string_view> sorted(stops->begin(), stops->end());
    std::sort(sorted.begin(), sorted.end());
    for (std::string_view w : sorted) {
      key += '\n';
      key.append(w);
    }
  }
  return term_memo(key);
}

Analyzer word_analyzer(const std::vector<TextView>& docs, const Tokenizer& tokenizer,
                       const WordAnalyzerOptions& options) {
  const bool memoize = word_analyzer_memoizes(tokenizer, options);
  return [&docs, &tokenizer, &options, memoize](std::size_t d, FeatureSink& sink) {
    if (memoize && sink.memo()) {
      count_chunks(docs[d], tokenizer, options, *sink.memo(), sink);
      return;
    }
    thread_local std::vector<std::string> tokens;
    thread_local std::vector<std::string_view> views;
    thread_local std::string scratch, utf8_buffer;
    tokens.clear();
    tokenizer.tokenize_strings(as_utf8(docs[d], utf8_buffer), tokens);
    views.clear();
    for (auto& t : tokens) {
      if (options.lowercase) ascii_lower(t);
      views.emplace_back(t);
    }
    word_ngrams(views.data(), views.size(), options.ngrams, sink, scratch);
  };
}

}  // namespace kotext
