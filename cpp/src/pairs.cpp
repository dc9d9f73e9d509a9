// Exact cosine searches by an inverted index walked rarest term first.
//
// The bound both searches rest on: a query u walks its terms in descending rank (rarest
// first). A row v first met at a term of rank t shares none of u's rarer terms, so
// u.v = u_{<=t} . v_{<=t} <= |u_{<=t}| |v_{<=t}| (Cauchy-Schwarz over ranks <= t). Each
// posting stores |v_{<=t}|^2, so whether a row can still make it costs one multiplication
// when it is met; and the largest such value over every posting at ranks <= t bounds every
// row not met yet, which ends the walk. Rows that survive the walk are finished with
// the dot over their entries the walk did not cover (u's unwalked terms), after a last
// bound acc + |u_unwalked| |v_uncovered| on each.
//
// Threshold join (duplicates, stories): each row's leading run of frequent terms with
// norm below the threshold is left out of the index (the all-pairs prefix filter: a pair
// at or above the threshold must share an indexed term), so posting lists are short.
// Top-n (similar): every entry is indexed; the threshold is the query's own n-th best
// exact score so far, raised by verifying the best accumulated candidates at checkpoints.
#include "kotext/pairs.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <string>
#include <utility>

#include "kotext/error.hpp"
#include "kotext/parallel.hpp"

namespace kotext {

namespace {

// The prefix's squared norm stays below t^2 by this relative margin, so that rounding in
// the sums can never push a qualifying pair out of the candidates.
constexpr double kPrefixSafety = 1e-9;
// Bounds are compared with the threshold less this (rounding in sums and float storage).
constexpr double kBoundSlack = 1e-9;
// Query rows per work item of the parallel queries.
constexpr std::size_t kRowsPerBlock = 32;

// The query rows [begin, end), clamped to the stored rows, cut into blocks of kRowsPerBlock
// for the pool: both indexes walk them the same way.
struct RowBlocks {
  std::int64_t begin;
  std::int64_t end;
  std::size_t count;
  RowBlocks(std::int64_t first, std::int64_t last, std::int64_t n_rows)
      : begin(std::max<std::int64_t>(0, first)), end(std::min(last, n_rows)),
        count(begin < end ? (static_cast<std::size_t>(end - begin) + kRowsPerBlock - 1) /
                                kRowsPerBlock
                          : 0) {}
  std::int64_t lo(std::size_t block) const {
    return begin + static_cast<std::int64_t>(block * kRowsPerBlock);
  }
  std::int64_t hi(std::size_t block) const {
    return std::min(end, lo(block) + static_cast<std::int64_t>(kRowsPerBlock));
  }
};
// Top-n: the first checkpoint (best candidates verified to raise the n-th score) comes
// after this many posting entries, the next ones each after kCheckpointGrowth times as
// many. A checkpoint selects among every row met (tens of thousands at 100k rows), so
// a few suffice: the n-th score settles early, from the rare terms.
constexpr std::int64_t kFirstCheckpoint = 2048;
constexpr std::int64_t kCheckpointGrowth = 4;

// Rounds a non-negative double up to a float (stored norms only ever bound from above).
float up(double x) {
  auto f = static_cast<float>(x);
  if (static_cast<double>(f) < x) f = std::nextafter(f, std::numeric_limits<float>::infinity());
  return f;
}

// Per-thread buffers of one query row: sized once per thread, cleared per row.
struct Scratch {
  std::vector<double> acc;           // per indexed row: dot over the walked terms
  std::vector<unsigned char> state;  // per indexed row: kUnseen, kCandidate, ...
  std::vector<std::int32_t> touched;
  std::vector<double> dense;         // the query row by term rank
  std::vector<double> cum_sq;        // the query row: squared norm of its first k entries
  std::vector<std::pair<double, std::int32_t>> cand;

  void size_for(std::int64_t n_rows, std::int64_t n_cols) {
    if (acc.size() < static_cast<std::size_t>(n_rows)) {
      acc.assign(static_cast<std::size_t>(n_rows), 0.0);
      state.assign(static_cast<std::size_t>(n_rows), 0);
    }
    if (dense.size() < static_cast<std::size_t>(n_cols)) {
      dense.assign(static_cast<std::size_t>(n_cols), 0.0);
    }
  }
};
constexpr unsigned char kUnseen = 0, kCandidate = 1, kRuledOut = 2, kVerified = 3;

// Loads query row i into the scratch (dense by rank, cumulative squared norms).
void load_query(const RankedRows& rows, std::int64_t i, Scratch& s) {
  s.touched.clear();
  s.cum_sq.assign(1, 0.0);
  for (std::int64_t k = rows.indptr[static_cast<std::size_t>(i)];
       k < rows.indptr[static_cast<std::size_t>(i) + 1]; ++k) {
    const double v = rows.value[static_cast<std::size_t>(k)];
    s.dense[static_cast<std::size_t>(rows.rank[static_cast<std::size_t>(k)])] = v;
    s.cum_sq.push_back(s.cum_sq.back() + v * v);
  }
}

void unload_query(const RankedRows& rows, std::int64_t i, Scratch& s) {
  for (std::int64_t k = rows.indptr[static_cast<std::size_t>(i)];
       k < rows.indptr[static_cast<std::size_t>(i) + 1]; ++k) {
    s.dense[static_cast<std::size_t>(rows.rank[static_cast<std::size_t>(k)])] = 0.0;
  }
  const auto n = static_cast<std::size_t>(rows.n_rows);
  if (s.touched.size() > n / 4) {  // most rows met: clearing all is the cheaper pass
    std::fill(s.acc.begin(), s.acc.begin() + static_cast<std::ptrdiff_t>(n), 0.0);
    std::fill(s.state.begin(), s.state.begin() + static_cast<std::ptrdiff_t>(n), kUnseen);
  } else {
    for (const std::int32_t j : s.touched) {
      s.acc[static_cast<std::size_t>(j)] = 0.0;
      s.state[static_cast<std::size_t>(j)] = kUnseen;
    }
  }
  s.touched.clear();
}

// First entry of row j with rank > r (r = -1: the row's first entry).
std::int64_t first_above(const RankedRows& rows, std::int64_t j, std::int32_t r) {
  const auto* first = rows.rank.data() + rows.indptr[static_cast<std::size_t>(j)];
  const auto* last = rows.rank.data() + rows.indptr[static_cast<std::size_t>(j) + 1];
  return std::upper_bound(first, last, r) - rows.rank.data();
}

// The dot of the query (dense) with row entries [from, to).
double partial_dot(const RankedRows& rows, const Scratch& s, std::int64_t from, std::int64_t to) {
  double dot = 0.0;
  for (std::int64_t k = from; k < to; ++k) {
    dot += s.dense[static_cast<std::size_t>(rows.rank[static_cast<std::size_t>(k)])] *
           rows.value[static_cast<std::size_t>(k)];
  }
  return dot;
}

// Postings over the entries [first[r], indptr[r + 1]) of each row, rows ascending, with
// each entry's squared norm through itself; max_upto[t] = the largest of those at ranks
// <= t (the bound of every row first met at or below rank t).
void build_postings(const RankedRows& rows, const std::vector<std::int64_t>& first,
                    std::vector<std::int64_t>& ptr, std::vector<std::int32_t>& row,
                    std::vector<double>& value, std::vector<float>& upto,
                    std::vector<float>& max_upto) {
  const auto n = static_cast<std::size_t>(rows.n_rows);
  const auto m = static_cast<std::size_t>(rows.n_cols);
  ptr.assign(m + 1, 0);
  for (std::size_t r = 0; r < n; ++r) {
    for (std::int64_t k = first[r]; k < rows.indptr[r + 1]; ++k) {
      ++ptr[static_cast<std::size_t>(rows.rank[static_cast<std::size_t>(k)]) + 1];
    }
  }
  for (std::size_t t = 0; t < m; ++t) ptr[t + 1] += ptr[t];
  const auto total = static_cast<std::size_t>(ptr[m]);
  row.resize(total);
  value.resize(total);
  upto.resize(total);
  max_upto.assign(m, 0.0f);
  std::vector<std::int64_t> fill(ptr.begin(), ptr.end() - 1);
  for (std::size_t r = 0; r < n; ++r) {
    for (std::int64_t k = first[r]; k < rows.indptr[r + 1]; ++k) {
      const auto kk = static_cast<std::size_t>(k);
      const auto t = static_cast<std::size_t>(rows.rank[kk]);
      const auto at = static_cast<std::size_t>(fill[t]++);
      const double w = rows.value[kk];
      row[at] = static_cast<std::int32_t>(r);
      value[at] = w;
      upto[at] = up(static_cast<double>(rows.before_sq[kk]) + w * w);
      max_upto[t] = std::max(max_upto[t], upto[at]);
    }
  }
  for (std::size_t t = 1; t < m; ++t) max_upto[t] = std::max(max_upto[t], max_upto[t - 1]);
}

}  // namespace

RankedRows::RankedRows(const CsrView& x, int n_jobs) : n_rows(x.n_rows), n_cols(x.n_cols) {
  if (x.n_rows < 0 || x.n_cols < 0 || x.n_cols > INT32_MAX || x.n_rows > INT32_MAX) {
    throw InvalidArgument("invalid matrix shape");
  }
  const auto n = static_cast<std::size_t>(x.n_rows);
  const auto m = static_cast<std::size_t>(x.n_cols);
  // Document frequency per column, then rank: most frequent first, ties by column.
  std::vector<std::int64_t> df(m, 0);
  indptr.assign(n + 1, 0);
  for (std::size_t r = 0; r < n; ++r) {
    for (std::int64_t k = x.indptr[r]; k < x.indptr[r + 1]; ++k) {
      const std::int32_t c = x.indices[k];
      if (c < 0 || c >= x.n_cols) {
        throw InvalidArgument("column index " + std::to_string(c) + " out of range in row " +
                              std::to_string(r));
      }
      const double v = x.data[k];
      if (!std::isfinite(v)) {
        throw InvalidArgument("value " + std::to_string(v) + " in row " + std::to_string(r) +
                              " is not finite");
      }
      if (v != 0.0) {
        ++df[static_cast<std::size_t>(c)];
        ++indptr[r + 1];
      }
    }
  }
  for (std::size_t r = 0; r < n; ++r) indptr[r + 1] += indptr[r];
  std::vector<std::int32_t> by_rank(m);
  std::iota(by_rank.begin(), by_rank.end(), 0);
  std::stable_sort(by_rank.begin(), by_rank.end(), [&](std::int32_t a, std::int32_t b) {
    return df[static_cast<std::size_t>(a)] > df[static_cast<std::size_t>(b)];
  });
  std::vector<std::int32_t> rank_of(m);
  for (std::size_t i = 0; i < m; ++i) {
    rank_of[static_cast<std::size_t>(by_rank[i])] = static_cast<std::int32_t>(i);
  }
  const auto nnz = static_cast<std::size_t>(indptr[n]);
  rank.resize(nnz);
  value.resize(nnz);
  before_sq.resize(nnz);
  profile.assign(n * kCuts, 0.0f);
  // Rows are independent: normalized and sorted by rank in parallel.
  parallel_for(n, n_jobs, [&](std::size_t r) {
    thread_local std::vector<std::pair<std::int32_t, double>> row;
    row.clear();
    double sq = 0;
    for (std::int64_t k = x.indptr[r]; k < x.indptr[r + 1]; ++k) {
      const double v = x.data[k];
      if (v == 0.0) continue;
      row.emplace_back(rank_of[static_cast<std::size_t>(x.indices[k])], v);
      sq += v * v;
    }
    // A column repeated within a row stays two entries (their sum is the value).
    std::sort(row.begin(), row.end());
    const double norm = std::sqrt(sq);
    double before = 0;
    auto at = static_cast<std::size_t>(indptr[r]);
    int c = 0;
    auto set = [&](int cc, double v) { profile[static_cast<std::size_t>(cc) * n + r] = up(v); };
    for (const auto& [t, v] : row) {
      while (c < kCuts && cut(c) < t) set(c++, before);
      const double u = v / norm;
      rank[at] = t;
      value[at] = u;
      before_sq[at] = up(before);
      before += u * u;
      ++at;
    }
    while (c < kCuts) set(c++, before);
  });
}

const float* RankedRows::profile_at(std::int32_t rank_) const {
  if (rank_ < 0) return nullptr;
  int c = 0;
  while (cut(c) < rank_) ++c;  // cut(kCuts - 1) is INT32_MAX
  return profile.data() + static_cast<std::size_t>(c) * static_cast<std::size_t>(n_rows);
}

double RankedRows::norm_sq_upto(std::int64_t r, std::int32_t rank_) const {
  const float* p = profile_at(rank_);
  return p == nullptr ? 0.0 : static_cast<double>(p[r]);
}

// ---- thresholded self-join -------------------------------------------------------------

CosinePairIndex::CosinePairIndex(const CsrView& x, double threshold, int n_jobs)
    : rows_((threshold > 0.0 && threshold <= 1.0)
                ? x
                : throw InvalidArgument("threshold must be in (0, 1], got " +
                                        std::to_string(threshold)),
            n_jobs),
      threshold_(threshold) {
  const auto n = static_cast<std::size_t>(rows_.n_rows);
  // The prefix left out of the index: the leading run of entries whose squared norm
  // stays below t^2.
  const double cap = threshold * threshold * (1.0 - kPrefixSafety);
  split_.assign(n, 0);
  prefix_last_.assign(n, -1);
  for (std::size_t r = 0; r < n; ++r) {
    std::int64_t k = rows_.indptr[r];
    double prefix = 0;
    while (k < rows_.indptr[r + 1]) {
      const double u = rows_.value[static_cast<std::size_t>(k)];
      if (prefix + u * u >= cap) break;
      prefix += u * u;
      ++k;
    }
    split_[r] = k;
    prefix_last_[r] = k > rows_.indptr[r] ? rows_.rank[static_cast<std::size_t>(k - 1)] : -1;
  }
  build_postings(rows_, split_, post_ptr_, post_row_, post_value_, post_upto_, max_upto_);
}

PairList CosinePairIndex::query(std::int64_t begin, std::int64_t end, int n_jobs,
                                std::int64_t max_work) const {
  const RowBlocks blocks(begin, end, rows_.n_rows);
  PairList out;
  if (blocks.count == 0) return out;
  std::vector<PairList> parts(blocks.count);
  const double t_slack = threshold_ - kBoundSlack;
  const double t2 = t_slack * t_slack;
  parallel_for(blocks.count, n_jobs, [&](std::size_t blk) {
    thread_local Scratch tls_scratch;  // a reference per block (see the top-n query)
    Scratch& s = tls_scratch;
    s.size_for(rows_.n_rows, rows_.n_cols);
    PairList& part = parts[blk];
    const std::int64_t lo = blocks.lo(blk), hi = blocks.hi(blk);
    for (std::int64_t i = lo; i < hi; ++i) {
      const auto ii = static_cast<std::size_t>(i);
      const std::int64_t row_begin = rows_.indptr[ii], row_end = rows_.indptr[ii + 1];
      load_query(rows_, i, s);
      // Walk rarest first; k_stop: the last entry left unwalked (row_begin - 1: none).
      std::int64_t k_stop = row_begin - 1;
      std::int64_t work = 0;
      for (std::int64_t k = row_end - 1; k >= row_begin; --k) {
        const auto t = static_cast<std::size_t>(rows_.rank[static_cast<std::size_t>(k)]);
        const double q_sq = s.cum_sq[static_cast<std::size_t>(k + 1 - row_begin)];
        // No row met from here on can reach the threshold: stop.
        if (q_sq * static_cast<double>(max_upto_[t]) < t2) {
          k_stop = k;
          break;
        }
        const auto first = post_row_.begin() + post_ptr_[t];
        const auto last = post_row_.begin() + post_ptr_[t + 1];
        const auto from = std::upper_bound(first, last, static_cast<std::int32_t>(i));
        if (max_work >= 0 && work + (last - from) > max_work) {
          // The cap: this term's postings (and every more frequent term's) are not
          // walked; the candidates met so far are finished exactly below.
          k_stop = k;
          ++part.capped_rows;
          break;
        }
        work += last - from;
        const double w = rows_.value[static_cast<std::size_t>(k)];
        const double need = t2 / std::max(q_sq, 1e-300);  // |v_{<=t}|^2 a new row needs
        for (auto it = from; it != last; ++it) {
          const auto j = static_cast<std::size_t>(*it);
          const auto at = static_cast<std::size_t>(it - post_row_.begin());
          unsigned char& st = s.state[j];
          if (st == kUnseen) {
            s.touched.push_back(*it);
            if (static_cast<double>(post_upto_[at]) < need) {
              st = kRuledOut;
              continue;
            }
            st = kCandidate;
          } else if (st == kRuledOut) {
            continue;
          }
          s.acc[j] += w * post_value_[at];
        }
      }
      // Finish the candidates: their entries not yet covered are the unindexed prefix and
      // the indexed ones at the unwalked ranks (<= r_stop).
      const std::int32_t r_stop =
          k_stop >= row_begin ? rows_.rank[static_cast<std::size_t>(k_stop)] : -1;
      const auto* q_ranks = rows_.rank.data() + row_begin;
      const auto q_len = static_cast<std::ptrdiff_t>(row_end - row_begin);
      for (const std::int32_t j : s.touched) {
        const auto jj = static_cast<std::size_t>(j);
        if (s.state[jj] != kCandidate) continue;
        // u . v_uncovered <= |u over ranks <= R| |v over ranks <= R|, R the last
        // uncovered rank (the profile bounds the second without searching v's entries).
        const std::int32_t r_last = std::max(r_stop, prefix_last_[jj]);
        if (r_last >= 0) {
          const auto q_at = std::upper_bound(q_ranks, q_ranks + q_len, r_last) - q_ranks;
          const double bound =
              s.acc[jj] + std::sqrt(s.cum_sq[static_cast<std::size_t>(q_at)] *
                                    rows_.norm_sq_upto(j, r_last));
          if (bound < t_slack) continue;
        } else if (s.acc[jj] < t_slack) {
          continue;
        }
        const std::int64_t cover = std::max(split_[jj], first_above(rows_, j, r_stop));
        const double dot = s.acc[jj] + partial_dot(rows_, s, rows_.indptr[jj], cover);
        if (dot >= threshold_) {
          part.a.push_back(i);
          part.b.push_back(j);
          part.score.push_back(std::min(dot, 1.0));
        }
      }
      unload_query(rows_, i, s);
    }
  });
  std::size_t total = 0;
  for (const auto& p : parts) {
    total += p.a.size();
    out.capped_rows += p.capped_rows;
  }
  out.a.reserve(total);
  out.b.reserve(total);
  out.score.reserve(total);
  for (auto& p : parts) {
    out.a.insert(out.a.end(), p.a.begin(), p.a.end());
    out.b.insert(out.b.end(), p.b.begin(), p.b.end());
    out.score.insert(out.score.end(), p.score.begin(), p.score.end());
  }
  return out;
}

PairList cosine_pairs(const CsrView& x, double threshold, int n_jobs) {
  const CosinePairIndex index(x, threshold, n_jobs);
  return index.query(0, index.n_rows(), n_jobs);
}

// ---- top-n neighbours ------------------------------------------------------------------

CosineNeighbourIndex::CosineNeighbourIndex(const CsrView& x, int n_jobs) : rows_(x, n_jobs) {
  const std::vector<std::int64_t> first(rows_.indptr.begin(), rows_.indptr.end() - 1);
  build_postings(rows_, first, post_ptr_, post_row_, post_value_, post_upto_, max_upto_);
}

namespace {

// A query's best rows so far: a heap whose top is the worst kept (lowest score, then
// highest row), holding at most n.
struct Best {
  std::vector<std::pair<double, std::int32_t>> heap;
  std::size_t n = 0;
  static bool better(const std::pair<double, std::int32_t>& a,
                     const std::pair<double, std::int32_t>& b) {
    return a.first > b.first || (a.first == b.first && a.second < b.second);
  }
  bool full() const { return heap.size() >= n; }
  // The score a row must reach to matter (bounds below it rule the row out).
  double floor() const { return full() ? heap.front().first - kBoundSlack : 0.0; }
  void offer(double score, std::int32_t row) {
    if (!(score > 0.0)) return;  // only rows that share something
    const std::pair<double, std::int32_t> c{score, row};
    if (!full()) {
      heap.push_back(c);
      std::push_heap(heap.begin(), heap.end(), better);
    } else if (better(c, heap.front())) {
      std::pop_heap(heap.begin(), heap.end(), better);
      heap.back() = c;
      std::push_heap(heap.begin(), heap.end(), better);
    }
  }
};

}  // namespace

void CosineNeighbourIndex::query(std::int64_t begin, std::int64_t end, std::int64_t top_n,
                                 std::int64_t* indices, double* scores, int n_jobs) const {
  if (top_n < 1) throw InvalidArgument("top_n must be >= 1");
  const RowBlocks blocks(begin, end, rows_.n_rows);
  if (blocks.count == 0) return;
  const auto k_out = static_cast<std::size_t>(top_n);
  parallel_for(blocks.count, n_jobs, [&](std::size_t blk) {
    // One reference per block: a thread_local named in the hot loops costs a TLS
    // lookup (with its initialization guard) at every use.
    thread_local Scratch tls_scratch;
    thread_local Best tls_best;
    Scratch& s = tls_scratch;
    Best& best = tls_best;
    s.size_for(rows_.n_rows, rows_.n_cols);
    const std::int64_t lo = blocks.lo(blk), hi = blocks.hi(blk);
    for (std::int64_t i = lo; i < hi; ++i) {
      const auto ii = static_cast<std::size_t>(i);
      const std::int64_t row_begin = rows_.indptr[ii], row_end = rows_.indptr[ii + 1];
      load_query(rows_, i, s);
      best.heap.clear();
      best.n = k_out;
      // Every row accumulates (a dense scatter, as the brute-force product does); the
      // touched list (rows met) serves the checkpoints and the reset. kVerified marks
      // rows already offered with their exact score.
      auto verify = [&](std::int32_t j, std::int32_t r) {
        const auto jj = static_cast<std::size_t>(j);
        if (s.state[jj] == kVerified || jj == ii) return;
        const double dot =
            s.acc[jj] + partial_dot(rows_, s, rows_.indptr[jj], first_above(rows_, j, r));
        s.state[jj] = kVerified;
        best.offer(dot, j);
      };
      // Checkpoint: the best accumulated rows verified, raising the n-th score.
      auto checkpoint = [&](std::int32_t r) {
        s.cand.clear();
        for (const std::int32_t j : s.touched) {
          if (s.state[static_cast<std::size_t>(j)] != kVerified) {
            s.cand.emplace_back(s.acc[static_cast<std::size_t>(j)], j);
          }
        }
        const std::size_t take = std::min(k_out, s.cand.size());
        std::nth_element(s.cand.begin(), s.cand.begin() + static_cast<std::ptrdiff_t>(take),
                         s.cand.end(), Best::better);
        for (std::size_t c = 0; c < take; ++c) verify(s.cand[c].second, r);
      };
      std::int64_t k_stop = row_begin - 1;
      std::int64_t work = 0, next_check = kFirstCheckpoint;
      for (std::int64_t k = row_end - 1; k >= row_begin; --k) {
        const std::int32_t r = rows_.rank[static_cast<std::size_t>(k)];
        const auto t = static_cast<std::size_t>(r);
        if (work >= next_check) {
          checkpoint(r);
          next_check = kCheckpointGrowth * work;
        }
        const double q_sq = s.cum_sq[static_cast<std::size_t>(k + 1 - row_begin)];
        const double floor = best.floor();
        if (best.full() && floor > 0.0 && q_sq * static_cast<double>(max_upto_[t]) < floor * floor) {
          k_stop = k;  // no row can gain enough from the unwalked terms to be new
          break;
        }
        const double w = rows_.value[static_cast<std::size_t>(k)];
        const std::int64_t from = post_ptr_[t], to = post_ptr_[t + 1];
        work += to - from;
        double* acc = s.acc.data();  // raw pointers: the stores cannot alias the vectors
        unsigned char* state = s.state.data();
        const std::int32_t* prow = post_row_.data();
        const double* pval = post_value_.data();
        for (std::int64_t e = from; e < to; ++e) {
          const auto j = static_cast<std::size_t>(prow[e]);
          if (state[j] == kUnseen) {
            state[j] = kCandidate;
            s.touched.push_back(prow[e]);
          }
          acc[j] += w * pval[e];
        }
      }
      // The rest: rows whose bound acc + |q_rest| |v over the unwalked ranks| reaches the
      // n-th score, best bound first. A row with nothing accumulated cannot (that is what
      // stopped the walk), so only the rows met are bounded.
      const std::int32_t r_stop =
          k_stop >= row_begin ? rows_.rank[static_cast<std::size_t>(k_stop)] : -1;
      const double q_rest = s.cum_sq[static_cast<std::size_t>(k_stop + 1 - row_begin)];
      const float* prof = rows_.profile_at(r_stop);
      s.cand.clear();
      const double floor = best.floor();
      auto consider = [&](std::size_t jj) {
        const double a = s.acc[jj];
        if (a == 0.0 || s.state[jj] == kVerified || jj == ii) return;
        const double bound = prof == nullptr ? a : a + std::sqrt(q_rest * prof[jj]);
        if (bound > 0.0 && bound >= floor) s.cand.emplace_back(bound, static_cast<std::int32_t>(jj));
      };
      const auto n = static_cast<std::size_t>(rows_.n_rows);
      if (s.touched.size() > n / 4) {  // most rows met: one pass in row order
        for (std::size_t jj = 0; jj < n; ++jj) consider(jj);
      } else {
        for (const std::int32_t j : s.touched) consider(static_cast<std::size_t>(j));
      }
      std::sort(s.cand.begin(), s.cand.end(), Best::better);
      for (const auto& [bound, j] : s.cand) {
        if (best.full() && bound < best.floor()) break;
        verify(j, r_stop);
      }
      // Out: best first.
      std::sort(best.heap.begin(), best.heap.end(), Best::better);
      std::int64_t* out_i = indices + static_cast<std::size_t>(i - blocks.begin) * k_out;
      double* out_s = scores + static_cast<std::size_t>(i - blocks.begin) * k_out;
      for (std::size_t c = 0; c < k_out; ++c) {
        out_i[c] = c < best.heap.size() ? best.heap[c].second : -1;
        out_s[c] = c < best.heap.size() ? std::min(best.heap[c].first, 1.0) : 0.0;
      }
      unload_query(rows_, i, s);
    }
  });
}

}  // namespace kotext
