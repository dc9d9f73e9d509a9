/// @file vocabulary.hpp
/// @brief Counting features (tokens, word n-grams, character n-grams) of many documents
/// into a CSR term-count matrix, learning the vocabulary or using a fixed one.
///
/// The feature order follows scikit-learn's CountVectorizer: a learned vocabulary is sorted
/// by the features' code points (UTF-8 byte order is code point order), and every row
/// holds its column indices sorted, without duplicates (scipy's canonical CSR format).
#pragma once
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <functional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <memory>
#include <shared_mutex>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "kotext/text_view.hpp"

namespace kotext {

/// An allocator that leaves new elements uninitialized on resize (for trivial types):
/// std::vector zero-fills them otherwise, and for a count matrix that is 12 bytes per
/// stored value written twice, the first time serially (with a page fault every 4 KB)
/// before the threads fill in the values. Here the threads touch the pages first.
template <class T>
struct UninitializedAllocator : std::allocator<T> {
  template <class U>
  struct rebind {
    using other = UninitializedAllocator<U>;
  };
  UninitializedAllocator() = default;
  template <class U>
  UninitializedAllocator(const UninitializedAllocator<U>&) noexcept {}  // NOLINT
  template <class U>
  void construct(U* p) noexcept(std::is_nothrow_default_constructible<U>::value) {
    ::new (static_cast<void*>(p)) U;
  }
  template <class U, class... Args>
  void construct(U* p, Args&&... args) {
    ::new (static_cast<void*>(p)) U(std::forward<Args>(args)...);
  }
};

/// A sparse matrix in compressed sparse row form (rows = documents, columns = features).
/// Column indices of a row are sorted and unique.
struct CsrMatrix {
  std::int64_t n_rows = 0;                ///< number of rows (documents)
  std::int64_t n_cols = 0;                ///< number of columns (features)
  std::vector<std::int64_t> indptr{0};    ///< row i is [indptr[i], indptr[i+1])
  /// column index per stored value
  std::vector<std::int32_t, UninitializedAllocator<std::int32_t>> indices;
  /// stored values
  std::vector<double, UninitializedAllocator<double>> data;

  /// Number of stored values.
  std::size_t nnz() const noexcept { return indices.size(); }
};

namespace detail {
/// The hash of the vocabulary and the chunk memo (word-at-a-time; inline because the
/// counting path hashes every chunk of every document).
inline std::uint64_t hash_bytes(const char* p, std::size_t n) noexcept {
  std::uint64_t h = 0x9E3779B97F4A7C15ull ^ (n * 0xFF51AFD7ED558CCDull);
  while (n >= 8) {
    std::uint64_t w;
    std::memcpy(&w, p, 8);
    h = (h ^ w) * 0x9FB21C651E98DF25ull;
    h ^= h >> 32;
    p += 8;
    n -= 8;
  }
  if (n) {  // the tail without a variable-length memcpy: overlapping fixed-size loads
    std::uint64_t w;
    if (n >= 4) {
      std::uint32_t lo, hi;
      std::memcpy(&lo, p, 4);
      std::memcpy(&hi, p + n - 4, 4);
      w = (static_cast<std::uint64_t>(hi) << 32) | lo;
    } else {
      const auto* u = reinterpret_cast<const unsigned char*>(p);
      w = (static_cast<std::uint64_t>(u[0]) << 16) | (static_cast<std::uint64_t>(u[n / 2]) << 8) | u[n - 1];
    }
    h = (h ^ w) * 0x9FB21C651E98DF25ull;
  }
  h ^= h >> 29;
  h *= 0xBF58476D1CE4E5B9ull;
  h ^= h >> 32;
  return h;
}

}  // namespace detail

/// A term -> column index map: terms are stored once in one byte arena, looked up by an
/// open-addressing hash table (no allocation per lookup).
class Vocabulary {
 public:
  Vocabulary() = default;

  /// Builds a vocabulary whose term i is @p terms[i]; throws InvalidArgument on a duplicate.
  explicit Vocabulary(const std::vector<std::string>& terms);

  /// Column of @p term, or -1 when absent. Thread-safe while no insert() runs.
  std::int32_t find(std::string_view term) const noexcept;
  /// Column of @p term, adding it at the end when absent (invalidates term() views).
  std::int32_t insert(std::string_view term);
  /// Number of terms.
  std::size_t size() const noexcept { return offsets_.size() - 1; }
  /// Bytes held (the terms and the table).
  std::size_t bytes() const noexcept {
    return arena_.capacity() + offsets_.capacity() * sizeof(std::size_t) +
           slots_.capacity() * sizeof(Slot);
  }
  /// Term of column @p i (valid until the next insert()).
  std::string_view term(std::size_t i) const noexcept {
    return std::string_view(arena_.data() + offsets_[i], offsets_[i + 1] - offsets_[i]);
  }

 private:
  void grow();
  std::string arena_;
  std::vector<std::size_t> offsets_{0};
  struct Slot {
    std::uint32_t tag;  // high bits of the term's hash
    std::int32_t id;    // column, or -1 when empty
  };
  std::vector<Slot> slots_;  // one cache line holds 8 probes
  std::size_t mask_ = 0;
};

/// Memo of analyzed text chunks: chunk (code points) -> the columns of the features it
/// produced, so that a chunk seen before costs one hash lookup instead of its analysis and
/// one vocabulary lookup per feature. Each entry keeps its key and its columns side by
/// side in one array (a hit touches two cache lines: the slot and the entry). Bounded:
/// its entries and table stay under the cap given (kDefaultCapBytes); an entry that does
/// not fit is not added.
///
/// A memo may have a parent (set_parent()): find() looks there first, and add() only ever
/// adds here. A fit's per-thread memo has the process's TermMemo as its parent, so a chunk
/// an earlier fit saw is found without a lock (nothing writes the parent during a fit).
class ChunkMemo {
 public:
  /// The default cap: 64 MB (about 1.5 million distinct chunks); a corpus of that many
  /// distinct chunks gains little from more.
  static constexpr std::size_t kDefaultCapBytes = std::size_t{64} << 20;

  explicit ChunkMemo(std::size_t cap_bytes = kDefaultCapBytes) noexcept : cap_bytes_(cap_bytes) {}

  /// The columns memoized for @p key (set @p n), or null when @p key is unknown.
  const std::int32_t* find(std::u32string_view key, std::size_t& n) const noexcept {
    return find(key, hash(key), n);
  }
  /// The same with the key's hash(), computed once.
  const std::int32_t* find(std::u32string_view key, std::uint64_t hash, std::size_t& n) const noexcept {
    if (parent_) {
      if (const std::int32_t* found = parent_->find_here(key, hash, n)) {
        ++parent_hits_;
        return found;
      }
    }
    return find_here(key, hash, n);
  }
  /// The hash of @p key used by the table.
  static std::uint64_t hash(std::u32string_view key) noexcept {
    return detail::hash_bytes(reinterpret_cast<const char*>(key.data()), key.size() * sizeof(char32_t));
  }
  /// Whether the entry at @p e has the key @p key.
  static bool entry_is(const std::uint32_t* e, std::u32string_view key) noexcept {
    if (e[0] != key.size()) return false;
    for (std::size_t k = 0; k < key.size(); ++k) {
      if (e[2 + k] != key[k]) return false;
    }
    return true;
  }
  /// Memoizes @p columns for @p key (a no-op past the cap or when @p key is known here).
  /// Returns whether the entry is in this memo afterwards (false: past the cap).
  bool add(std::u32string_view key, const std::vector<std::int32_t>& columns);
  /// The same with the key's hash(), computed once.
  bool add(std::u32string_view key, std::uint64_t hash, const std::vector<std::int32_t>& columns);

  /// Looks up keys in @p parent before this memo (null: none). The parent must outlive
  /// the lookups and not change during them.
  void set_parent(const ChunkMemo* parent) noexcept { parent_ = parent; }

  /// Calls fn(key, columns, n) for every entry of this memo (not the parent's).
  template <class Fn>
  void for_each(Fn&& fn) const {
    for (std::size_t at = 0; at < data_.size();) {
      const std::uint32_t* e = data_.data() + at;
      const std::u32string_view key(reinterpret_cast<const char32_t*>(e + 2), e[0]);
      fn(key, reinterpret_cast<const std::int32_t*>(e + 2 + e[0]), static_cast<std::size_t>(e[1]));
      at += 2 + e[0] + e[1];
    }
  }
  /// Rewrites the columns of every entry in place: c -> fn(c).
  template <class Fn>
  void remap_columns(Fn&& fn) {
    for (std::size_t at = 0; at < data_.size();) {
      std::uint32_t* e = data_.data() + at;
      for (std::uint32_t k = 0; k < e[1]; ++k) {
        std::uint32_t& c = e[2 + e[0] + k];
        c = static_cast<std::uint32_t>(fn(static_cast<std::int32_t>(c)));
      }
      at += 2 + e[0] + e[1];
    }
  }
  /// Sets the cap for later add() calls (entries already held stay).
  void set_cap(std::size_t cap_bytes) noexcept { cap_bytes_ = cap_bytes; }
  /// Number of entries (not counting the parent's).
  std::size_t size() const noexcept { return size_; }
  /// Bytes held (entries and table).
  std::size_t bytes() const noexcept {
    return data_.capacity() * sizeof(std::uint32_t) + slots_.capacity() * sizeof(Slot);
  }
  /// Whether add() has stopped adding (an entry did not fit under the cap).
  bool full() const noexcept { return full_; }
  /// Number of find() calls answered by the parent.
  std::size_t parent_hits() const noexcept { return parent_hits_; }

  /// Hints that the key of @p hash will be looked up soon: fetches its first slot (in the
  /// parent, where a warm fit finds its chunks, when there is one).
  void prefetch_slot(std::uint64_t hash) const noexcept {
    (parent_ ? parent_ : this)->prefetch_slot_here(hash);
  }
  /// Hints the same later on: fetches the entry of the key's first slot (after
  /// prefetch_slot(), so that reading the slot does not stall). A lookup then touches
  /// cached lines only: a miss in this table is two dependent cache misses, most of the
  /// cost of a lookup in a memo larger than the L2 cache.
  void prefetch_entry(std::uint64_t hash) const noexcept {
    (parent_ ? parent_ : this)->prefetch_entry_here(hash);
  }

 private:
  const std::int32_t* find_here(std::u32string_view key, std::uint64_t hash, std::size_t& n) const noexcept {
    if (slots_.empty()) return nullptr;
    const auto tag = static_cast<std::uint32_t>(hash >> 32);
    for (std::size_t i = hash & mask_;; i = (i + 1) & mask_) {
      const Slot s = slots_[i];
      if (s.entry == 0) return nullptr;
      const std::uint32_t* e = data_.data() + (s.entry - 1);
      if (s.tag == tag && entry_is(e, key)) {
        n = e[1];
        return reinterpret_cast<const std::int32_t*>(e + 2 + e[0]);
      }
    }
  }
  void prefetch_slot_here(std::uint64_t hash) const noexcept {
    if (!slots_.empty()) prefetch(&slots_[hash & mask_]);
  }
  void prefetch_entry_here(std::uint64_t hash) const noexcept {
    if (slots_.empty()) return;
    const Slot s = slots_[hash & mask_];
    if (s.entry != 0 && s.tag == static_cast<std::uint32_t>(hash >> 32)) {
      prefetch(data_.data() + (s.entry - 1));
    }
  }
  static void prefetch(const void* p) noexcept {
#if defined(__GNUC__) || defined(__clang__)
    __builtin_prefetch(p);
#else
    (void)p;
#endif
  }
  struct Slot {
    std::uint32_t tag;    // high bits of the key's hash
    std::uint32_t entry;  // offset of the entry in data_ + 1, 0 when empty
  };
  std::vector<Slot> slots_;
  std::size_t mask_ = 0;
  std::size_t size_ = 0;
  std::size_t cap_bytes_;
  bool full_ = false;
  const ChunkMemo* parent_ = nullptr;
  mutable std::size_t parent_hits_ = 0;  // a fit's memo is used by one thread only
  // entries: [key length][number of columns][key code points...][columns...]
  std::vector<std::uint32_t> data_;
};

/// A chunk memo that outlives a fit, for the analyzers whose features of a chunk depend on
/// the chunk alone (the kotext tokenizer's unigrams): chunk -> the ids of its features in
/// a table of interned terms, both kept between fits. count_learn() and count_fixed()
/// given one look chunks up there first (the per-thread memo of the fit has it as parent):
/// a warm fit, whose chunks earlier fits with the same settings saw, does one lookup per
/// chunk and counts the ids (no analysis, no memo inserts, no hashing of terms); the
/// columns of the fit are then the terms seen, in term order.
///
/// Thread safety: a fit holds the memo shared while counting, so any number of threads
/// and fits read it without locks; afterwards it adds the chunks it analysed under an
/// exclusive try-lock. When another fit is counting then, nothing is added (a cache: only
/// speed is lost), so a fit never waits for another one.
///
/// Bounded: entries and terms together stay under the cap given (kDefaultCapBytes);
/// once full, adding stops, and a fit that then finds fewer than half its chunks here
/// empties it first, so that the memo follows the text the process sees.
class TermMemo {
 public:
  /// The default cap: 48 MB, the memo of about a million distinct chunks (6.7 MB of
  /// news that never repeats fills 13 MB).
  static constexpr std::size_t kDefaultCapBytes = std::size_t{48} << 20;

  explicit TermMemo(std::size_t cap_bytes = kDefaultCapBytes);
  TermMemo(const TermMemo&) = delete;
  TermMemo& operator=(const TermMemo&) = delete;

  /// Number of chunks memoized.
  std::size_t chunks() const;
  /// Number of terms interned.
  std::size_t terms() const;
  /// Bytes held (chunk entries, their table, the terms and their order).
  std::size_t bytes() const;

 private:
  friend struct TermMemoAccess;  // the counting of vocabulary.cpp
  // The cap is shared: three quarters for the chunks, a quarter for the terms (a chunk
  // entry takes about 45 bytes, a term about 35, and there are 3 chunks per term).
  std::size_t terms_cap() const noexcept { return cap_bytes_ / 4; }
  std::size_t chunks_cap() const noexcept { return cap_bytes_ - terms_cap(); }
  std::size_t cap_bytes_;
  mutable std::shared_mutex mutex_;
  Vocabulary terms_;                 // interned terms: id -> term
  std::vector<std::int32_t> order_;  // the ids of terms_ sorted by term
  ChunkMemo chunks_;                 // chunk -> ids in terms_
  bool full_ = false;                // an entry did not fit: adding has stopped
};

/// The TermMemo of the analyzer settings @p key (a string naming the analyzer and every
/// option its features depend on: count_words uses the tokenizer's state_id(), lowercase
/// and the stop words), created on first use. The memos of the kTermMemoSettings most
/// recently used settings are kept (so at most kTermMemoSettings * cap bytes in all); a
/// memo dropped while a fit uses it lives until that fit ends. Thread-safe.
std::shared_ptr<TermMemo> term_memo(const std::string& key);

/// Number of settings whose TermMemo term_memo() keeps: a process alternating between a
/// few vectorizers keeps all of them warm.
inline constexpr std::size_t kTermMemoSettings = 4;

/// Drops every TermMemo term_memo() keeps (tests, and memory for a long-lived process).
void clear_term_memos();

/// Receives the features of one document, one call per occurrence.
class FeatureSink {
 public:
  virtual ~FeatureSink() = default;
  /// One occurrence of @p feature (the view need only live during the call).
  virtual void add(std::string_view feature) = 0;
  /// A memo whose columns stay valid for every document given to this sink; null (the
  /// default) when the sink has no column-level fast path.
  virtual ChunkMemo* memo() { return nullptr; }
  /// Column-level fast path, only called when memo() is not null: the column of
  /// @p feature in this sink's vocabulary (learning it), or -1 when the feature is not
  /// counted (absent from a fixed vocabulary). add(f) is add_column(column(f)).
  virtual std::int32_t column(std::string_view /*feature*/) { return -1; }
  /// One occurrence of the feature of column @p c (ignored when @p c < 0).
  virtual void add_column(std::int32_t /*c*/) {}
  /// add_column() for each of @p n columns (one virtual call per memoized chunk).
  virtual void add_columns(const std::int32_t* columns, std::size_t n) {
    for (std::size_t k = 0; k < n; ++k) add_column(columns[k]);
  }
};

/// Produces the features of document @p doc into @p sink. Called concurrently from
/// several threads for different documents, so it must be thread-safe.
using Analyzer = std::function<void(std::size_t doc, FeatureSink& sink)>;

/// Options shared by the built-in analyzers.
struct NgramOptions {
  int min_n = 1;  ///< smallest n-gram length (>= 1)
  int max_n = 1;  ///< largest n-gram length (>= min_n)
  /// Tokens dropped before word n-grams are built (word analyzer only); may be null.
  const std::unordered_set<std::string_view>* stop_words = nullptr;
};

/// Throws InvalidArgument with scikit-learn's message unless 1 <= @p min_n <= @p max_n:
/// the one check of an n-gram range, for every analyzer and binding.
void check_ngram_range(long long min_n, long long max_n);

struct UnicodeTables;

/// Word n-grams of @p tokens as scikit-learn builds them: stop words removed first, then
/// every run of n consecutive tokens (min_n <= n <= max_n) joined by one space.
void word_ngrams(const std::string_view* tokens, std::size_t n_tokens, const NgramOptions& options,
                 FeatureSink& sink, std::string& scratch);

/// Character n-grams of @p text like scikit-learn's analyzer='char': runs of two or more
/// whitespace characters (Python's str.isspace) become one space, then every n code points.
/// With @p lowercase, the text is lowercased first like Python's str.lower, with
/// @p tables (null: UnicodeTables::builtin()). @p text is read in place (UTF-8 or fixed
/// width). Throws Utf8Error on invalid UTF-8, InvalidArgument on a lone surrogate.
void char_ngrams(const TextView& text, const NgramOptions& options, bool lowercase,
                 FeatureSink& sink, const UnicodeTables* tables = nullptr);

/// Character n-grams inside words like scikit-learn's analyzer='char_wb': each
/// whitespace-separated word is padded with one space on each side; a padded word shorter
/// than n gives itself once. Lowercasing, input and errors as char_ngrams().
void char_wb_ngrams(const TextView& text, const NgramOptions& options, bool lowercase,
                    FeatureSink& sink, const UnicodeTables* tables = nullptr);

/// True when @p cp is whitespace for Python's str.isspace() (and regex \\s).
bool is_python_space(char32_t cp) noexcept;

/// Result of counting with a learned vocabulary.
struct CountResult {
  CsrMatrix counts;                ///< term counts, columns in @ref terms order
  std::vector<std::string> terms;  ///< the vocabulary, sorted by code point
};

/// Counts the features of @p n_docs documents, learning the vocabulary, on up to
/// @p n_jobs threads (<= 0: all cores). Columns are sorted by feature (code point order).
/// With @p shared (see TermMemo), the chunks @p analyze memoizes through FeatureSink::memo()
/// are looked up there first and added there afterwards: it must memoize only chunks whose
/// features depend on the chunk alone, under the settings @p shared was obtained for.
CountResult count_learn(std::size_t n_docs, const Analyzer& analyze, int n_jobs,
                        TermMemo* shared = nullptr);

/// Counts the features of @p n_docs documents over the fixed @p vocabulary (features not
/// in it are ignored); column j is vocabulary.term(j).
/// @p shared as in count_learn().
CsrMatrix count_fixed(std::size_t n_docs, const Analyzer& analyze, const Vocabulary& vocabulary,
                      int n_jobs, TermMemo* shared = nullptr);

/// Number of rows in which each column has a stored non-zero value (on @p n_jobs threads).
std::vector<std::int64_t> document_frequency(const CsrMatrix& m, int n_jobs = 1);

/// Sum of each column.
std::vector<double> column_sums(const CsrMatrix& m);

/// Keeps the columns whose @p keep flag is set (renumbered in order), in place.
void keep_columns(CsrMatrix& m, const std::vector<bool>& keep);

}  // namespace kotext
