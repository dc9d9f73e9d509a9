// Counting features into CSR. Learning a vocabulary in parallel: documents are cut into
// a few blocks per thread; each thread counts with its own vocabulary (no locks), then
// the thread vocabularies are merged once, sorted, and the local ids remapped in parallel.
#include "kotext/vocabulary.hpp"

#include <algorithm>
#include <climits>
#include <cstring>
#include <deque>
#include <mutex>
#include <shared_mutex>
#include <thread>
#include <numeric>
#include <utility>

#include <utf8proc.h>

#include "kotext/error.hpp"
#include "kotext/parallel.hpp"
#include "kotext/utf8.hpp"
#include "kotext/word_pattern.hpp"

namespace kotext {

using detail::hash_bytes;

Vocabulary::Vocabulary(const std::vector<std::string>& terms) {
  for (const auto& t : terms) {
    std::size_t before = size();
    if (static_cast<std::size_t>(insert(t)) != before) {
      throw InvalidArgument("duplicate term in vocabulary: '" + t + "'");
    }
  }
}

std::int32_t Vocabulary::find(std::string_view term) const noexcept {
  if (slots_.empty()) return -1;
  const std::uint64_t h = hash_bytes(term.data(), term.size());
  const auto tag = static_cast<std::uint32_t>(h >> 32);
  for (std::size_t i = h & mask_;; i = (i + 1) & mask_) {
    const Slot s = slots_[i];
    if (s.id < 0) return -1;
    if (s.tag == tag && this->term(static_cast<std::size_t>(s.id)) == term) return s.id;
  }
}

std::int32_t Vocabulary::insert(std::string_view term) {
  if ((size() + 1) * 2 > slots_.size()) grow();
  const std::uint64_t h = hash_bytes(term.data(), term.size());
  const auto tag = static_cast<std::uint32_t>(h >> 32);
  std::size_t i = h & mask_;
  for (;; i = (i + 1) & mask_) {
    const Slot s = slots_[i];
    if (s.id < 0) break;
    if (s.tag == tag && this->term(static_cast<std::size_t>(s.id)) == term) return s.id;
  }
  if (size() >= static_cast<std::size_t>(INT32_MAX)) {
    throw InvalidArgument("vocabulary larger than 2^31 - 1 terms");
  }
  const auto id = static_cast<std::int32_t>(size());
  arena_.append(term.data(), term.size());
  offsets_.push_back(arena_.size());
  slots_[i] = Slot{tag, id};
  return id;
}

void Vocabulary::grow() {
  const std::size_t cap = slots_.empty() ? 64 : slots_.size() * 2;
  std::vector<Slot> slots(cap, Slot{0, -1});
  const std::size_t mask = cap - 1;
  for (std::size_t id = 0; id < size(); ++id) {
    const std::string_view t = term(id);
    const std::uint64_t h = hash_bytes(t.data(), t.size());
    std::size_t i = h & mask;
    while (slots[i].id >= 0) i = (i + 1) & mask;
    slots[i] = Slot{static_cast<std::uint32_t>(h >> 32), static_cast<std::int32_t>(id)};
  }
  slots_.swap(slots);
  mask_ = mask;
}

bool ChunkMemo::add(std::u32string_view key, const std::vector<std::int32_t>& columns) {
  return add(key, hash(key), columns);
}

bool ChunkMemo::add(std::u32string_view key, std::uint64_t h,
                    const std::vector<std::int32_t>& columns) {
  const auto tag = static_cast<std::uint32_t>(h >> 32);
  if (!slots_.empty()) {
    for (std::size_t i = h & mask_; slots_[i].entry != 0; i = (i + 1) & mask_) {
      if (slots_[i].tag == tag && entry_is(data_.data() + (slots_[i].entry - 1), key)) return true;
    }
  }
  // The table keeps a load factor <= 3/4 (8 slots to a cache line: a lookup still reads
  // one line or two, and the table of a memo the process keeps is half the size it is at
  // 1/2); it starts at 32768 slots (256 KB), the entries at 4 MB (a month of Korean news
  // has about a million distinct chunks' worth: growing from empty copied every entry
  // again about ten times). The entries grow by half, the table doubles, within the cap.
  // (A small cap starts both smaller: at most a quarter of it each.)
  std::size_t first_slots = std::size_t{1} << 15, first_words = std::size_t{1} << 20;
  while (first_slots > 16 && first_slots * sizeof(Slot) > cap_bytes_ / 4) first_slots /= 2;
  first_words = std::min(first_words, cap_bytes_ / 4 / sizeof(std::uint32_t));
  const std::size_t need = 2 + key.size() + columns.size();
  const bool grow_slots = (size_ + 1) * 4 > slots_.size() * 3;
  const std::size_t slot_bytes =
      (grow_slots ? std::max(first_slots, slots_.size() * 2) : slots_.size()) * sizeof(Slot);
  if (data_.size() + need > data_.capacity()) {
    const std::size_t room = cap_bytes_ > slot_bytes ? (cap_bytes_ - slot_bytes) / sizeof(std::uint32_t) : 0;
    const std::size_t words = std::min(room, std::max({data_.capacity() + data_.capacity() / 2, data_.size() + need, first_words}));
    if (words < data_.size() + need) {
      full_ = true;
      return false;
    }
    data_.reserve(words);
  } else if (grow_slots && data_.capacity() * sizeof(std::uint32_t) + slot_bytes > cap_bytes_) {
    full_ = true;
    return false;
  }
  if (grow_slots) {
    const std::size_t cap = slot_bytes / sizeof(Slot);
    std::vector<Slot> slots(cap, Slot{0, 0});
    for (const Slot& s : slots_) {
      if (s.entry == 0) continue;
      const std::uint32_t* e = data_.data() + (s.entry - 1);
      const std::uint64_t eh = hash(std::u32string_view(
          reinterpret_cast<const char32_t*>(e + 2), e[0]));
      std::size_t i = eh & (cap - 1);
      while (slots[i].entry != 0) i = (i + 1) & (cap - 1);
      slots[i] = s;
    }
    slots_.swap(slots);
    mask_ = cap - 1;
  }
  std::size_t i = h & mask_;
  while (slots_[i].entry != 0) i = (i + 1) & mask_;
  const auto at = static_cast<std::uint32_t>(data_.size());
  data_.push_back(static_cast<std::uint32_t>(key.size()));
  data_.push_back(static_cast<std::uint32_t>(columns.size()));
  data_.insert(data_.end(), key.begin(), key.end());
  for (std::int32_t c : columns) data_.push_back(static_cast<std::uint32_t>(c));
  slots_[i] = Slot{tag, at + 1};
  ++size_;
  return true;
}

bool is_python_space(char32_t c) noexcept {
  if (c <= 0x20) return c == 0x20 || (c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x1F);
  if (c < 0x85) return false;
  return c == 0x85 || c == 0xA0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 ||
         c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x3000;
}

void check_ngram_range(long long min_n, long long max_n) {
  if (min_n > max_n) {
    throw InvalidArgument("Invalid value for ngram_range=(" + std::to_string(min_n) + ", " +
                          std::to_string(max_n) +
                          ") lower boundary larger than the upper boundary.");
  }
  if (min_n < 1) {
    throw InvalidArgument("Invalid value for ngram_range=(" + std::to_string(min_n) + ", " +
                          std::to_string(max_n) + "): n-gram lengths must be >= 1.");
  }
}

void word_ngrams(const std::string_view* tokens, std::size_t n_tokens, const NgramOptions& options,
                 FeatureSink& sink, std::string& scratch) {
  std::vector<std::string_view> kept;
  if (options.stop_words && !options.stop_words->empty()) {
    kept.reserve(n_tokens);
    for (std::size_t i = 0; i < n_tokens; ++i) {
      if (!options.stop_words->count(tokens[i])) kept.push_back(tokens[i]);
    }
    tokens = kept.data();
    n_tokens = kept.size();
  }
  int min_n = options.min_n;
  if (options.max_n == 1 || min_n == 1) {
    for (std::size_t i = 0; i < n_tokens; ++i) sink.add(tokens[i]);
    if (options.max_n == 1) return;
    min_n = 2;
  }
  const auto max_n = std::min<std::size_t>(static_cast<std::size_t>(options.max_n), n_tokens);
  for (std::size_t n = static_cast<std::size_t>(min_n); n <= max_n; ++n) {
    for (std::size_t i = 0; i + n <= n_tokens; ++i) {
      scratch.assign(tokens[i]);
      for (std::size_t k = 1; k < n; ++k) {
        scratch.push_back(' ');
        scratch.append(tokens[i + k]);
      }
      sink.add(scratch);
    }
  }
}

namespace {

// Text after scikit-learn's preprocessing for char analyzers (lowercase, then runs of two
// or more whitespace characters -> one space), with the byte offset of every code point.
struct CharText {
  std::string bytes;
  std::vector<std::size_t> starts;  // starts[i] = byte offset of code point i; one extra at end
  std::vector<bool> space;          // per code point: Python whitespace
  std::u32string cps;               // the code points themselves (memo keys of char_wb)
};

void prepare_char_text(const TextView& text, bool lowercase, const UnicodeTables* tables,
                       CharText& out) {
  out.bytes.clear();
  out.starts.clear();
  out.space.clear();
  out.cps.clear();
  thread_local std::u32string decoded, lowered;
  decode_text(text, decoded);  // read in place: no UTF-8 copy of the caller's str
  if (text.encoding != TextEncoding::Utf8) {  // fixed-width input may hold lone surrogates
    for (std::size_t i = 0; i < decoded.size(); ++i) {
      if (decoded[i] >= 0xD800 && decoded[i] <= 0xDFFF) {
        throw InvalidArgument("contains a lone surrogate at character " + std::to_string(i) +
                              " and cannot be encoded as UTF-8");
      }
    }
  }
  const std::u32string* cps = &decoded;
  if (lowercase) {  // str.lower first, then whitespace runs, as scikit-learn does
    lowered.clear();
    python_lower(decoded.data(), decoded.size(), tables ? *tables : UnicodeTables::builtin(),
                 lowered);
    cps = &lowered;
  }
  std::size_t run = 0;  // length of the current whitespace run
  char32_t run_first = 0;
  auto push = [&](char32_t cp, bool space) {
    out.starts.push_back(out.bytes.size());
    out.space.push_back(space);
    out.cps.push_back(cp);
    utf8::append(out.bytes, cp);
  };
  auto flush_run = [&]() {
    if (run == 0) return;
    push(run == 1 ? run_first : U' ', true);
    run = 0;
  };
  for (char32_t cp : *cps) {
    if (is_python_space(cp)) {
      if (run++ == 0) run_first = cp;
      continue;
    }
    flush_run();
    push(cp, false);
  }
  flush_run();
  out.starts.push_back(out.bytes.size());
}

}  // namespace

void char_ngrams(const TextView& text, const NgramOptions& options, bool lowercase,
                 FeatureSink& sink, const UnicodeTables* tables) {
  thread_local CharText t;
  prepare_char_text(text, lowercase, tables, t);
  const std::size_t len = t.space.size();
  std::string_view b(t.bytes);
  const std::size_t max_n = std::min<std::size_t>(static_cast<std::size_t>(options.max_n), len);
  for (std::size_t n = static_cast<std::size_t>(options.min_n); n <= max_n; ++n) {
    for (std::size_t i = 0; i + n <= len; ++i) {
      sink.add(b.substr(t.starts[i], t.starts[i + n] - t.starts[i]));
    }
  }
}

void char_wb_ngrams(const TextView& text, const NgramOptions& options, bool lowercase,
                    FeatureSink& sink, const UnicodeTables* tables) {
  thread_local CharText t;
  thread_local std::string word;
  thread_local std::vector<std::size_t> starts;
  thread_local std::vector<std::int32_t> columns;
  prepare_char_text(text, lowercase, tables, t);
  // A word's n-grams depend on the word alone: with a sink that offers a memo, a word seen
  // before adds its memoized columns instead of building and looking up each n-gram.
  ChunkMemo* const memo = sink.memo();
  auto emit = [&](std::string_view feature) {
    if (!memo) {
      sink.add(feature);
      return;
    }
    const std::int32_t c = sink.column(feature);
    if (c < 0) return;
    sink.add_column(c);
    columns.push_back(c);
  };
  const std::size_t len = t.space.size();
  std::size_t i = 0;
  while (i < len) {
    if (t.space[i]) { ++i; continue; }
    std::size_t j = i;
    while (j < len && !t.space[j]) ++j;
    const std::u32string_view key(t.cps.data() + i, j - i);
    std::uint64_t hash = 0;
    if (memo) {
      hash = ChunkMemo::hash(key);
      std::size_t m = 0;
      if (const std::int32_t* known = memo->find(key, hash, m)) {
        sink.add_columns(known, m);
        i = j;
        continue;
      }
      columns.clear();
    }
    // padded word " w " and its code point starts
    word.assign(" ");
    starts.assign(1, 0);
    for (std::size_t k = i; k < j; ++k) starts.push_back(1 + t.starts[k] - t.starts[i]);
    word.append(t.bytes, t.starts[i], t.starts[j] - t.starts[i]);
    starts.push_back(word.size());
    word.push_back(' ');
    starts.push_back(word.size());
    const std::size_t w_len = j - i + 2;
    std::string_view w(word);
    for (std::size_t n = static_cast<std::size_t>(options.min_n);
         n <= static_cast<std::size_t>(options.max_n); ++n) {
      std::size_t offset = 0;
      std::size_t stop = std::min(n, w_len);
      emit(w.substr(starts[0], starts[stop] - starts[0]));
      while (offset + n < w_len) {
        ++offset;
        emit(w.substr(starts[offset], starts[offset + n] - starts[offset]));
      }
      if (offset == 0) break;
    }
    if (memo) memo->add(key, hash, columns);
    i = j;
  }
}

namespace {

// The TermMemo of a fit while it counts (held shared: nothing writes it): its terms and
// chunks, and `base`, their number, from which the ids of a worker's own new terms start.
struct SharedView {
  const Vocabulary* terms = nullptr;
  const ChunkMemo* chunks = nullptr;
  std::int32_t base = 0;
};

// What one thread keeps across the blocks it counts: its vocabulary (learn mode: the ids
// of its blocks are ids in it; with a TermMemo: the terms the memo lacks, id base + i)
// and its chunk memo, valid for all its blocks because the ids are. Per thread rather
// than per block, so the memo warms up once per thread, and aligned so that two threads'
// counters never share a cache line.
struct alignas(64) Worker {
  Vocabulary vocab;  // learn mode, or any mode with a TermMemo
  ChunkMemo memo;
  // Per column: the document being counted when it was last seen, and its count there;
  // side by side so that counting a column touches one cache line.
  struct Cell {
    std::uint32_t stamp;
    std::int32_t count;
  };
  std::vector<Cell> cells;
  std::uint32_t stamp = 0;  // of the document being counted (0: never)
  // Fixed mode with a TermMemo: id -> column of the fixed vocabulary (-1: not in it,
  // kUnknownColumn: not looked up yet).
  std::vector<std::int32_t> fixed_of;
};

constexpr std::int32_t kUnknownColumn = -2;

// Rows of one block of documents, with worker-local (learn) or global (fixed) column ids.
struct Block {
  std::size_t begin = 0, end = 0;
  std::size_t worker = 0;             // whose vocabulary the ids refer to (learn mode)
  std::vector<std::int64_t> row_nnz;  // per document
  std::vector<std::uint64_t> entries;  // per stored value: id << 32 | count
};

// Counts one document's features into the block, id per distinct feature.
class BlockCounter final : public FeatureSink {
 public:
  BlockCounter(Block& block, Worker& worker, const Vocabulary* fixed, const SharedView* shared)
      : block_(block), worker_(worker), fixed_(fixed), shared_(shared) {}
  void add(std::string_view feature) override { add_column(column(feature)); }
  std::int32_t column(std::string_view feature) override {
    if (!shared_) return fixed_ ? fixed_->find(feature) : worker_.vocab.insert(feature);
    // The memo's id when it knows the term, else one of this worker's own.
    const std::int32_t known = shared_->terms->find(feature);
    if (known >= 0) return known;
    const std::int32_t own = worker_.vocab.insert(feature);
    if (own > INT32_MAX - shared_->base) throw InvalidArgument("vocabulary larger than 2^31 - 1 terms");
    return shared_->base + own;
  }
  ChunkMemo* memo() override { return &worker_.memo; }
  void add_columns(const std::int32_t* columns, std::size_t n) override {
    for (std::size_t k = 0; k < n; ++k) count_column(columns[k]);
  }
  void add_column(std::int32_t id) override { count_column(id); }
  void count_column(std::int32_t id) {
    if (id < 0) return;
    auto u = static_cast<std::size_t>(id);
    auto& cells = worker_.cells;
    if (u >= cells.size()) cells.resize(std::max(u + 1, cells.size() * 2), Worker::Cell{0, 0});
    Worker::Cell& cell = cells[u];
    if (cell.stamp != worker_.stamp) {
      cell.stamp = worker_.stamp;
      cell.count = 0;
      touched_.push_back(id);
    }
    ++cell.count;
  }
  void start() {
    if (++worker_.stamp == 0) {  // wrapped after 2^32 - 1 documents: forget old stamps
      for (auto& cell : worker_.cells) cell.stamp = 0;
      worker_.stamp = 1;
    }
    touched_.clear();
  }
  void finish_row() {
    if (fixed_ && shared_) {  // memo ids -> the fixed vocabulary's columns, sorted
      const std::size_t first = block_.entries.size();
      for (std::int32_t id : touched_) {
        const std::int32_t c = fixed_column(id);
        if (c < 0) continue;
        block_.entries.push_back(
            (std::uint64_t{static_cast<std::uint32_t>(c)} << 32) |
            static_cast<std::uint32_t>(worker_.cells[static_cast<std::size_t>(id)].count));
      }
      std::sort(block_.entries.begin() + static_cast<std::ptrdiff_t>(first), block_.entries.end());
      block_.row_nnz.push_back(static_cast<std::int64_t>(block_.entries.size() - first));
      return;
    }
    if (fixed_) std::sort(touched_.begin(), touched_.end());
    for (std::int32_t id : touched_) {
      block_.entries.push_back(
          (std::uint64_t{static_cast<std::uint32_t>(id)} << 32) |
          static_cast<std::uint32_t>(worker_.cells[static_cast<std::size_t>(id)].count));
    }
    block_.row_nnz.push_back(static_cast<std::int64_t>(touched_.size()));
  }

 private:
  std::int32_t fixed_column(std::int32_t id) {
    auto& map = worker_.fixed_of;
    const auto u = static_cast<std::size_t>(id);
    if (u >= map.size()) map.resize(std::max(u + 1, map.size() * 2), kUnknownColumn);
    if (map[u] == kUnknownColumn) {
      map[u] = fixed_->find(id < shared_->base
                                ? shared_->terms->term(u)
                                : worker_.vocab.term(u - static_cast<std::size_t>(shared_->base)));
    }
    return map[u];
  }
  Block& block_;
  Worker& worker_;
  const Vocabulary* fixed_;
  const SharedView* shared_;
  std::vector<std::int32_t> touched_;
};

std::vector<Block> count_blocks(std::size_t n_docs, const Analyzer& analyze,
                                const Vocabulary* fixed, const SharedView* shared, int n_jobs,
                                std::deque<Worker>& workers) {
  const int threads = resolve_n_jobs(n_jobs, n_docs);
  // A few blocks per thread, taken dynamically, balance long and short documents.
  std::size_t n_blocks = threads == 1 ? 1 : static_cast<std::size_t>(threads) * 4;
  n_blocks = std::max<std::size_t>(1, std::min(n_blocks, n_docs));
  std::vector<Block> blocks(n_blocks);
  for (std::size_t b = 0; b < n_blocks; ++b) {
    blocks[b].begin = n_docs * b / n_blocks;
    blocks[b].end = n_docs * (b + 1) / n_blocks;
  }
  // The worker of the calling thread (one lookup per block; deque: stable references).
  std::mutex mutex;
  std::vector<std::thread::id> owners;
  auto worker_of = [&]() -> std::size_t {
    std::lock_guard<std::mutex> lock(mutex);
    const auto me = std::this_thread::get_id();
    for (std::size_t w = 0; w < owners.size(); ++w) {
      if (owners[w] == me) return w;
    }
    owners.push_back(me);
    workers.emplace_back();
    if (shared) workers.back().memo.set_parent(shared->chunks);
    return owners.size() - 1;
  };
  parallel_for(n_blocks, threads, [&](std::size_t b) {
    Block& block = blocks[b];
    block.worker = worker_of();
    Worker* worker;
    {
      std::lock_guard<std::mutex> lock(mutex);
      worker = &workers[block.worker];
    }
    BlockCounter counter(block, *worker, fixed, shared);
    block.row_nnz.reserve(block.end - block.begin);
    for (std::size_t d = block.begin; d < block.end; ++d) {
      counter.start();
      analyze(d, counter);
      counter.finish_row();
    }
  });
  return blocks;
}

// Sorts @p n keys (column << 32 | count) by column, least significant byte first, with
// @p tmp as scratch; the result ends in @p a. A comparison sort of the rows was a tenth
// of the counting time, mostly branch mispredictions; this has none. Short rows take an
// insertion sort.
void sort_row(std::uint64_t* a, std::size_t n, std::uint64_t* tmp, int column_bytes) {
  if (n < 24) {
    for (std::size_t i = 1; i < n; ++i) {
      const std::uint64_t v = a[i];
      std::size_t j = i;
      for (; j > 0 && a[j - 1] > v; --j) a[j] = a[j - 1];
      a[j] = v;
    }
    return;
  }
  std::uint64_t* src = a;
  std::uint64_t* dst = tmp;
  for (int byte = 0; byte < column_bytes; ++byte) {
    const int shift = 32 + 8 * byte;
    std::size_t count[256] = {};
    for (std::size_t i = 0; i < n; ++i) ++count[(src[i] >> shift) & 0xFF];
    if (count[(src[0] >> shift) & 0xFF] == n) continue;  // one digit: already in order
    std::size_t sum = 0;
    for (std::size_t& c : count) {
      const std::size_t k = c;
      c = sum;
      sum += k;
    }
    for (std::size_t i = 0; i < n; ++i) dst[count[(src[i] >> shift) & 0xFF]++] = src[i];
    std::swap(src, dst);
  }
  if (src != a) std::copy(src, src + n, a);
}

// Concatenates the blocks into one CSR; remap[w] (if given) maps the ids of worker w to columns.
CsrMatrix assemble(std::vector<Block>& blocks, std::size_t n_docs, std::int64_t n_cols,
                   const std::vector<std::vector<std::int32_t>>* remap, int n_jobs) {
  CsrMatrix m;
  m.n_rows = static_cast<std::int64_t>(n_docs);
  m.n_cols = n_cols;
  m.indptr.assign(n_docs + 1, 0);
  for (const Block& block : blocks) {
    for (std::size_t k = 0; k < block.row_nnz.size(); ++k) {
      m.indptr[block.begin + k + 1] = block.row_nnz[k];
    }
  }
  std::partial_sum(m.indptr.begin(), m.indptr.end(), m.indptr.begin());
  const auto nnz = static_cast<std::size_t>(m.indptr.back());
  m.indices.resize(nnz);
  m.data.resize(nnz);
  parallel_for(blocks.size(), n_jobs, [&](std::size_t b) {
    Block& block = blocks[b];
    std::vector<std::uint64_t> row, scratch;
    int column_bytes = 1;
    while (column_bytes < 4 && (n_cols - 1) >> (8 * column_bytes) != 0) ++column_bytes;
    std::size_t src = 0;
    for (std::size_t k = 0; k < block.row_nnz.size(); ++k) {
      const auto dst = static_cast<std::size_t>(m.indptr[block.begin + k]);
      const auto len = static_cast<std::size_t>(block.row_nnz[k]);
      if (remap) {
        const auto& map = (*remap)[block.worker];
        row.resize(len);
        for (std::size_t t = 0; t < len; ++t) {
          const std::uint64_t e = block.entries[src + t];
          const auto col = static_cast<std::uint32_t>(map[static_cast<std::size_t>(e >> 32)]);
          row[t] = (std::uint64_t{col} << 32) | (e & 0xFFFFFFFFu);
        }
        scratch.resize(len);
        sort_row(row.data(), len, scratch.data(), column_bytes);
        for (std::size_t t = 0; t < len; ++t) {
          m.indices[dst + t] = static_cast<std::int32_t>(row[t] >> 32);
          m.data[dst + t] = static_cast<std::uint32_t>(row[t]);
        }
      } else {
        for (std::size_t t = 0; t < len; ++t) {
          m.indices[dst + t] = static_cast<std::int32_t>(block.entries[src + t] >> 32);
          m.data[dst + t] = static_cast<std::uint32_t>(block.entries[src + t]);
        }
      }
      src += len;
    }
    std::vector<std::uint64_t>().swap(block.entries);
  });
  return m;
}

// A term's first 8 bytes as a big-endian integer (zero-padded): a < b for the integers
// implies a < b for the strings, so sorting compares strings only on equal keys.
struct KeyedTerm {
  std::uint64_t key;
  std::int32_t id;
};

std::uint64_t prefix_key(std::string_view t) noexcept {
  std::uint64_t k = 0;
  const std::size_t n = std::min<std::size_t>(8, t.size());
  for (std::size_t i = 0; i < n; ++i) k |= std::uint64_t{static_cast<unsigned char>(t[i])} << (56 - 8 * i);
  return k;
}

// The terms of one vocabulary, sorted, for the k-way merge that numbers the columns of a
// learned vocabulary; `column` maps an id of `vocab` to its column.
struct SortedTerms {
  const Vocabulary* vocab = nullptr;
  std::vector<KeyedTerm> order;
  std::vector<std::int32_t> column;
};

// Comparisons go by the first 8 bytes as one integer (most Korean terms differ there)
// and only fall back to the strings on a tie.
void sort_terms(SortedTerms& list) {
  const Vocabulary& v = *list.vocab;
  std::sort(list.order.begin(), list.order.end(), [&](const KeyedTerm& a, const KeyedTerm& b) {
    return a.key != b.key ? a.key < b.key : v.term(static_cast<std::size_t>(a.id)) <
                                                v.term(static_cast<std::size_t>(b.id));
  });
}

SortedTerms all_terms_sorted(const Vocabulary& vocab) {
  SortedTerms list;
  list.vocab = &vocab;
  list.order.resize(vocab.size());
  for (std::size_t i = 0; i < vocab.size(); ++i) {
    list.order[i] = KeyedTerm{prefix_key(vocab.term(i)), static_cast<std::int32_t>(i)};
  }
  sort_terms(list);
  return list;
}

// k-way merge of sorted lists (k = threads + 1, small: a linear scan for the smallest
// head), numbering each distinct term once: returns the terms in column order and fills
// each list's `column`.
std::vector<std::string> merge_sorted(std::vector<SortedTerms>& lists) {
  std::vector<std::size_t> pos(lists.size(), 0);
  std::vector<std::size_t> live;  // lists with terms left
  std::size_t total = 0;
  for (std::size_t l = 0; l < lists.size(); ++l) {
    lists[l].column.assign(lists[l].vocab->size(), -1);
    if (!lists[l].order.empty()) live.push_back(l);
    total += lists[l].order.size();
  }
  std::vector<std::string> terms;
  terms.reserve(total);
  auto head = [&](std::size_t l) -> const KeyedTerm& { return lists[l].order[pos[l]]; };
  auto head_term = [&](std::size_t l) {
    return lists[l].vocab->term(static_cast<std::size_t>(head(l).id));
  };
  std::int32_t next = -1;
  std::uint64_t last_key = 0;
  std::string_view last;
  while (!live.empty()) {
    std::size_t best = 0;
    for (std::size_t k = 1; k < live.size(); ++k) {
      const KeyedTerm& a = head(live[k]);
      const KeyedTerm& b = head(live[best]);
      if (a.key < b.key || (a.key == b.key && head_term(live[k]) < head_term(live[best]))) best = k;
    }
    const std::size_t l = live[best];
    const KeyedTerm& h = head(l);
    const std::string_view t = head_term(l);
    if (next < 0 || h.key != last_key || t != last) {
      ++next;
      terms.emplace_back(t);
      last = t;
      last_key = h.key;
    }
    lists[l].column[static_cast<std::size_t>(h.id)] = next;
    if (++pos[l] == lists[l].order.size()) live.erase(live.begin() + static_cast<std::ptrdiff_t>(best));
  }
  return terms;
}

}  // namespace

// The counting side of a TermMemo (a friend of it).
struct TermMemoAccess {
  static SharedView view(const TermMemo& m) {
    return SharedView{&m.terms_, &m.chunks_, static_cast<std::int32_t>(m.terms_.size())};
  }
  static std::shared_mutex& mutex(TermMemo& m) { return m.mutex_; }

  // The memo's terms a fit saw (ids below view.base in its workers' cells), in term order:
  // the memo keeps its terms sorted (order_), so this is one pass, no sort.
  static SortedTerms seen_terms(const TermMemo& m, const std::deque<Worker>& workers,
                                std::int32_t base) {
    std::vector<std::uint8_t> seen(static_cast<std::size_t>(base), 0);
    for (const Worker& w : workers) {
      const std::size_t n = std::min(w.cells.size(), seen.size());
      for (std::size_t id = 0; id < n; ++id) seen[id] |= w.cells[id].stamp != 0;
    }
    SortedTerms list;
    list.vocab = &m.terms_;
    for (std::int32_t id : m.order_) {
      if (seen[static_cast<std::size_t>(id)]) {
        list.order.push_back(KeyedTerm{prefix_key(m.terms_.term(static_cast<std::size_t>(id))), id});
      }
    }
    return list;
  }

  // Adds the chunks the workers memoized (ids below base are the memo's, the others their
  // own new terms) to the memo, unless another fit holds it. Called after counting,
  // without the shared lock.
  static void merge(TermMemo& m, std::deque<Worker>& workers, std::int32_t base) {
    std::unique_lock<std::shared_mutex> lock(m.mutex_, std::try_to_lock);
    if (!lock.owns_lock()) return;
    std::size_t hits = 0, added = 0;
    for (const Worker& w : workers) {
      hits += w.memo.parent_hits();
      added += w.memo.size();
    }
    if (added == 0) return;
    // Full, and the text moved on (fewer of this fit's chunks found than analysed): start
    // over with this fit's chunks. The ids below base then name terms of the old table.
    Vocabulary old_terms;
    std::vector<std::int32_t> renumbered;  // old id -> new id (-1: not yet)
    const bool restart = m.full_ && hits < added;
    if (restart) {
      old_terms = std::move(m.terms_);
      m.terms_ = Vocabulary();
      m.order_.clear();
      m.chunks_ = ChunkMemo(m.chunks_cap());
      m.full_ = false;
      renumbered.assign(static_cast<std::size_t>(base), -1);
    }
    const std::size_t first_new = m.terms_.size();
    auto terms_full = [&] {
      return m.terms_.bytes() + m.order_.capacity() * sizeof(std::int32_t) > m.terms_cap();
    };
    // The largest memo first: into an empty memo it is moved whole, its ids rewritten in
    // place, instead of copied entry by entry (the first fit of a process).
    std::vector<Worker*> order;
    for (Worker& w : workers) order.push_back(&w);
    std::sort(order.begin(), order.end(),
              [](const Worker* a, const Worker* b) { return a->memo.size() > b->memo.size(); });
    std::vector<std::int32_t> ids;
    bool full = false;
    for (Worker* w : order) {
      std::vector<std::int32_t> interned(w->vocab.size(), -1);  // own id -> memo id
      auto memo_id = [&](std::int32_t id) {
        if (id < base) {
          if (!restart) return id;
          std::int32_t& r = renumbered[static_cast<std::size_t>(id)];
          if (r < 0) r = m.terms_.insert(old_terms.term(static_cast<std::size_t>(id)));
          return r;
        }
        std::int32_t& r = interned[static_cast<std::size_t>(id - base)];
        if (r < 0) r = m.terms_.insert(w->vocab.term(static_cast<std::size_t>(id - base)));
        return r;
      };
      // A memo larger than the TermMemo's (the first fits of a process) becomes the
      // TermMemo's, its ids rewritten in place, and the smaller one is added to it: adding
      // entry by entry costs a table probe or two (cache misses) per entry.
      if (w->memo.size() > m.chunks_.size() && w->memo.bytes() <= m.chunks_cap() &&
          m.terms_.bytes() + w->vocab.bytes() + (restart ? old_terms.bytes() : 0) +
                  (m.terms_.size() + w->vocab.size() + static_cast<std::size_t>(base)) *
                      sizeof(std::int32_t) <=
              m.terms_cap()) {
        w->memo.remap_columns(memo_id);
        w->memo.set_parent(nullptr);
        w->memo.set_cap(m.chunks_cap());
        ChunkMemo smaller = std::move(m.chunks_);
        m.chunks_ = std::move(w->memo);
        w->memo = ChunkMemo();
        smaller.for_each([&](std::u32string_view key, const std::int32_t* cols, std::size_t n) {
          if (full) return;
          ids.assign(cols, cols + n);  // memo ids already
          full = !m.chunks_.add(key, ids);
        });
        continue;
      }
      w->memo.for_each([&](std::u32string_view key, const std::int32_t* cols, std::size_t n) {
        if (full || (full = terms_full())) return;
        ids.clear();
        for (std::size_t k = 0; k < n; ++k) ids.push_back(memo_id(cols[k]));
        full = !m.chunks_.add(key, ids);
      });
      w->memo = ChunkMemo();  // its memory goes back before the next worker's is merged
    }
    m.full_ = m.full_ || full;
    // Keep order_ sorted: sort the new terms (by their first 8 bytes, then the strings),
    // then merge them in.
    const Vocabulary& v = m.terms_;
    std::vector<KeyedTerm> fresh;
    fresh.reserve(v.size() - first_new);
    for (std::size_t id = first_new; id < v.size(); ++id) {
      fresh.push_back(KeyedTerm{prefix_key(v.term(id)), static_cast<std::int32_t>(id)});
    }
    auto keyed_less = [&](const KeyedTerm& a, const KeyedTerm& b) {
      return a.key != b.key ? a.key < b.key
                            : v.term(static_cast<std::size_t>(a.id)) < v.term(static_cast<std::size_t>(b.id));
    };
    std::sort(fresh.begin(), fresh.end(), keyed_less);
    const std::size_t old_n = m.order_.size();
    for (const KeyedTerm& t : fresh) m.order_.push_back(t.id);
    auto less = [&](std::int32_t a, std::int32_t b) {
      return v.term(static_cast<std::size_t>(a)) < v.term(static_cast<std::size_t>(b));
    };
    std::inplace_merge(m.order_.begin(), m.order_.begin() + static_cast<std::ptrdiff_t>(old_n),
                       m.order_.end(), less);
  }
};

TermMemo::TermMemo(std::size_t cap_bytes) : cap_bytes_(cap_bytes), chunks_(chunks_cap()) {}

std::size_t TermMemo::chunks() const {
  std::shared_lock<std::shared_mutex> lock(mutex_);
  return chunks_.size();
}

std::size_t TermMemo::terms() const {
  std::shared_lock<std::shared_mutex> lock(mutex_);
  return terms_.size();
}

std::size_t TermMemo::bytes() const {
  std::shared_lock<std::shared_mutex> lock(mutex_);
  return chunks_.bytes() + terms_.bytes() + order_.capacity() * sizeof(std::int32_t);
}

namespace {
struct TermMemoRegistry {
  std::mutex mutex;
  std::vector<std::pair<std::string, std::shared_ptr<TermMemo>>> memos;  // most recent first
};
TermMemoRegistry& term_memo_registry() {
  static auto* registry = new TermMemoRegistry();  // never destroyed: used at exit too
  return *registry;
}
}  // namespace

std::shared_ptr<TermMemo> term_memo(const std::string& key) {
  TermMemoRegistry& r = term_memo_registry();
  std::lock_guard<std::mutex> lock(r.mutex);
  auto it = std::find_if(r.memos.begin(), r.memos.end(),
                         [&](const auto& entry) { return entry.first == key; });
  if (it == r.memos.end()) {
    if (r.memos.size() == kTermMemoSettings) r.memos.pop_back();
    r.memos.emplace(r.memos.begin(), key, std::make_shared<TermMemo>());
  } else {
    std::rotate(r.memos.begin(), it, it + 1);
  }
  return r.memos.front().second;
}

void clear_term_memos() {
  TermMemoRegistry& r = term_memo_registry();
  std::lock_guard<std::mutex> lock(r.mutex);
  r.memos.clear();
}

CountResult count_learn(std::size_t n_docs, const Analyzer& analyze, int n_jobs, TermMemo* shared) {
  std::deque<Worker> workers;
  std::vector<Block> blocks;
  std::vector<SortedTerms> lists;
  CountResult result;
  std::int32_t base = 0;
  {
    std::shared_lock<std::shared_mutex> lock;
    SharedView view;
    if (shared) {
      lock = std::shared_lock<std::shared_mutex>(TermMemoAccess::mutex(*shared));
      view = TermMemoAccess::view(*shared);
      base = view.base;
    }
    blocks = count_blocks(n_docs, analyze, nullptr, shared ? &view : nullptr, n_jobs, workers);
    // Sorted feature order (UTF-8 byte order == code point order == Python's str order):
    // each worker sorts its own terms (in parallel), then the sorted lists (and the memo's
    // terms seen, already sorted) are merged, numbering each distinct term once. Serially
    // inserting every worker's terms into one table and sorting that was most of the time
    // between counting and assembling.
    const std::size_t n_workers = workers.size();
    lists.resize(n_workers + (shared ? 1 : 0));
    parallel_for(n_workers, n_jobs, [&](std::size_t w) {
      if (!shared) workers[w].memo = ChunkMemo();
      lists[w] = all_terms_sorted(workers[w].vocab);
    });
    if (shared) lists[n_workers] = TermMemoAccess::seen_terms(*shared, workers, base);
    result.terms = merge_sorted(lists);
  }
  // Column of each id of each worker: the memo's ids first, then the worker's own.
  std::vector<std::vector<std::int32_t>> remap(workers.size());
  for (std::size_t w = 0; w < workers.size(); ++w) {
    std::vector<std::int32_t>& map = remap[w];
    if (shared) map = lists.back().column;
    map.insert(map.end(), lists[w].column.begin(), lists[w].column.end());
  }
  lists.clear();
  if (shared) TermMemoAccess::merge(*shared, workers, base);
  for (auto& w : workers) {
    w.vocab = Vocabulary();
    w.memo = ChunkMemo();
    std::vector<Worker::Cell>().swap(w.cells);
  }
  result.counts = assemble(blocks, n_docs, static_cast<std::int64_t>(result.terms.size()), &remap,
                           n_jobs);
  return result;
}

CsrMatrix count_fixed(std::size_t n_docs, const Analyzer& analyze, const Vocabulary& vocabulary,
                      int n_jobs, TermMemo* shared) {
  std::deque<Worker> workers;
  std::vector<Block> blocks;
  std::int32_t base = 0;
  {
    std::shared_lock<std::shared_mutex> lock;
    SharedView view;
    if (shared) {
      lock = std::shared_lock<std::shared_mutex>(TermMemoAccess::mutex(*shared));
      view = TermMemoAccess::view(*shared);
      base = view.base;
    }
    blocks = count_blocks(n_docs, analyze, &vocabulary, shared ? &view : nullptr, n_jobs, workers);
  }
  if (shared) TermMemoAccess::merge(*shared, workers, base);
  workers.clear();
  return assemble(blocks, n_docs, static_cast<std::int64_t>(vocabulary.size()), nullptr, n_jobs);
}

std::vector<std::int64_t> document_frequency(const CsrMatrix& m, int n_jobs) {
  const auto n_cols = static_cast<std::size_t>(m.n_cols);
  const std::size_t nnz = m.indices.size();
  // Slices of the stored values, each counted into its own array, then summed: the
  // arrays cost n_cols each, so only large matrices get more than one.
  const std::size_t slices =
      std::max<std::size_t>(1, std::min<std::size_t>(static_cast<std::size_t>(resolve_n_jobs(n_jobs, nnz)),
                                                     nnz / (4 * n_cols + 1)));
  std::vector<std::vector<std::int64_t>> partial(slices);
  parallel_for(slices, n_jobs, [&](std::size_t p) {
    auto& df = partial[p];
    df.assign(n_cols, 0);
    const std::size_t stop = nnz * (p + 1) / slices;
    for (std::size_t k = nnz * p / slices; k < stop; ++k) {
      if (m.data[k] != 0) ++df[static_cast<std::size_t>(m.indices[k])];
    }
  });
  std::vector<std::int64_t> df = std::move(partial[0]);
  for (std::size_t p = 1; p < slices; ++p) {
    for (std::size_t j = 0; j < n_cols; ++j) df[j] += partial[p][j];
  }
  return df;
}

std::vector<double> column_sums(const CsrMatrix& m) {
  std::vector<double> s(static_cast<std::size_t>(m.n_cols), 0.0);
  for (std::size_t k = 0; k < m.indices.size(); ++k) s[static_cast<std::size_t>(m.indices[k])] += m.data[k];
  return s;
}

void keep_columns(CsrMatrix& m, const std::vector<bool>& keep) {
  if (keep.size() != static_cast<std::size_t>(m.n_cols)) {
    throw InvalidArgument("keep_columns: mask has " + std::to_string(keep.size()) +
                          " entries for " + std::to_string(m.n_cols) + " columns");
  }
  std::vector<std::int32_t> new_index(keep.size(), -1);
  std::int32_t next = 0;
  for (std::size_t j = 0; j < keep.size(); ++j) {
    if (keep[j]) new_index[j] = next++;
  }
  std::size_t out = 0;
  std::size_t row_start = 0;
  for (std::int64_t r = 0; r < m.n_rows; ++r) {
    const auto end = static_cast<std::size_t>(m.indptr[static_cast<std::size_t>(r) + 1]);
    for (std::size_t k = row_start; k < end; ++k) {
      std::int32_t j = new_index[static_cast<std::size_t>(m.indices[k])];
      if (j < 0) continue;
      m.indices[out] = j;
      m.data[out] = m.data[k];
      ++out;
    }
    row_start = end;
    m.indptr[static_cast<std::size_t>(r) + 1] = static_cast<std::int64_t>(out);
  }
  m.indices.resize(out);
  m.data.resize(out);
  m.indices.shrink_to_fit();
  m.data.shrink_to_fit();
  m.n_cols = next;
}

}  // namespace kotext
