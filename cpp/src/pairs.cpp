// Exact thresholded cosine self-join. For unit vectors u, v split into an unindexed prefix
// p (frequent terms) and an indexed suffix s: u.v = u.s_v + u.p_v <= u.s_v + |p_v|. The
// prefix is chosen with |p_v| < t, so u.v >= t forces u.s_v > 0: the pair shows up when u
// probes the index of suffixes. Frequent terms are the ones left out, so the posting lists
// are mostly of rare terms. The probe walks u's terms rarest first and admits a new
// candidate only while the part of u not yet walked could still reach t with it (the L2
// bound of L2AP); every candidate whose bound reaches t gets its exact dot product.
#include "kotext/pairs.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <string>

#include "kotext/error.hpp"
#include "kotext/parallel.hpp"

namespace kotext {

namespace {

// The prefix's squared norm stays below t^2 by this relative margin, so that rounding in
// the sums can never push a qualifying pair out of the candidates.
constexpr double kPrefixSafety = 1e-9;
// Candidates are verified when their bound is within this of the threshold (rounding).
constexpr double kBoundSlack = 1e-12;
// Rows per work item of the parallel query.
constexpr std::size_t kRowsPerBlock = 32;

struct Scratch {
  std::vector<double> acc;       // per row of the index: partial dot with the suffix
  std::vector<char> seen;
  std::vector<std::int64_t> touched;
  std::vector<double> dense;     // the query row by term rank
  std::vector<double> cum_sq;    // the query row: squared norm of its first k entries
};

}  // namespace

CosinePairIndex::CosinePairIndex(const CsrView& x, double threshold, int n_jobs)
    : n_rows_(x.n_rows), n_cols_(x.n_cols), threshold_(threshold) {
  (void)n_jobs;
  if (!(threshold > 0.0 && threshold <= 1.0)) {
    throw InvalidArgument("threshold must be in (0, 1], got " + std::to_string(threshold));
  }
  if (x.n_rows < 0 || x.n_cols < 0 || x.n_cols > INT32_MAX) {
    throw InvalidArgument("invalid matrix shape");
  }
  const auto n = static_cast<std::size_t>(x.n_rows);
  const auto m = static_cast<std::size_t>(x.n_cols);
  // Document frequency per column, then rank: most frequent first, ties by column.
  std::vector<std::int64_t> df(m, 0);
  for (std::size_t r = 0; r < n; ++r) {
    for (std::int64_t k = x.indptr[r]; k < x.indptr[r + 1]; ++k) {
      const std::int32_t c = x.indices[k];
      if (c < 0 || c >= x.n_cols) {
        throw InvalidArgument("column index " + std::to_string(c) + " out of range in row " +
                              std::to_string(r));
      }
      if (x.data[k] != 0.0) ++df[static_cast<std::size_t>(c)];
    }
  }
  std::vector<std::int32_t> by_rank(m);
  std::iota(by_rank.begin(), by_rank.end(), 0);
  std::stable_sort(by_rank.begin(), by_rank.end(), [&](std::int32_t a, std::int32_t b) {
    return df[static_cast<std::size_t>(a)] > df[static_cast<std::size_t>(b)];
  });
  std::vector<std::int32_t> rank_of(m);
  for (std::size_t i = 0; i < m; ++i) rank_of[static_cast<std::size_t>(by_rank[i])] =
      static_cast<std::int32_t>(i);

  // Normalized rows in rank order, with their split into prefix and indexed suffix.
  indptr_.assign(n + 1, 0);
  split_.assign(n, 0);
  prefix_norm_.assign(n, 0.0);
  const double cap = threshold * threshold * (1.0 - kPrefixSafety);
  std::vector<std::pair<std::int32_t, double>> row;
  for (std::size_t r = 0; r < n; ++r) {
    row.clear();
    double sq = 0;
    for (std::int64_t k = x.indptr[r]; k < x.indptr[r + 1]; ++k) {
      const double v = x.data[k];
      if (v == 0.0 || !std::isfinite(v)) {
        if (!std::isfinite(v)) {
          throw InvalidArgument("value " + std::to_string(v) + " in row " + std::to_string(r) +
                                " is not finite");
        }
        continue;
      }
      row.emplace_back(rank_of[static_cast<std::size_t>(x.indices[k])], v);
      sq += v * v;
    }
    const std::int64_t start = static_cast<std::int64_t>(rank_.size());
    if (sq > 0) {
      const double norm = std::sqrt(sq);
      std::sort(row.begin(), row.end());
      double prefix = 0;
      double row_sq = 0;
      std::int64_t s = 0;
      bool in_prefix = true;  // the prefix is the leading run of entries that fits
      for (const auto& [t, v] : row) {
        const double u = v / norm;
        if (in_prefix && prefix + u * u < cap) {
          prefix += u * u;
          ++s;
        } else {
          in_prefix = false;
        }
        rank_.push_back(t);
        value_.push_back(u);
        before_sq_.push_back(static_cast<float>(row_sq));
        row_sq += u * u;
      }
      split_[r] = start + s;
      prefix_norm_[r] = std::sqrt(prefix);
      max_prefix_norm_ = std::max(max_prefix_norm_, prefix_norm_[r]);
    } else {
      split_[r] = start;
    }
    indptr_[r + 1] = static_cast<std::int64_t>(rank_.size());
  }

  // Postings of the suffixes, rows ascending within each term.
  post_ptr_.assign(m + 1, 0);
  for (std::size_t r = 0; r < n; ++r) {
    for (std::int64_t k = split_[r]; k < indptr_[r + 1]; ++k) {
      ++post_ptr_[static_cast<std::size_t>(rank_[static_cast<std::size_t>(k)]) + 1];
    }
  }
  for (std::size_t t = 0; t < m; ++t) post_ptr_[t + 1] += post_ptr_[t];
  post_row_.resize(static_cast<std::size_t>(post_ptr_[m]));
  post_value_.resize(post_row_.size());
  std::vector<std::int64_t> fill(post_ptr_.begin(), post_ptr_.end() - 1);
  for (std::size_t r = 0; r < n; ++r) {
    for (std::int64_t k = split_[r]; k < indptr_[r + 1]; ++k) {
      const auto t = static_cast<std::size_t>(rank_[static_cast<std::size_t>(k)]);
      const auto at = static_cast<std::size_t>(fill[t]++);
      post_row_[at] = static_cast<std::int64_t>(r);
      post_value_[at] = value_[static_cast<std::size_t>(k)];
    }
  }
}

PairList CosinePairIndex::query(std::int64_t begin, std::int64_t end, int n_jobs,
                                std::int64_t max_work) const {
  begin = std::max<std::int64_t>(0, begin);
  end = std::min(end, n_rows_);
  PairList out;
  if (begin >= end) return out;
  const auto n_blocks =
      (static_cast<std::size_t>(end - begin) + kRowsPerBlock - 1) / kRowsPerBlock;
  std::vector<PairList> parts(n_blocks);
  parallel_for(n_blocks, n_jobs, [&](std::size_t blk) {
    thread_local Scratch s;
    if (s.acc.size() < static_cast<std::size_t>(n_rows_)) {
      s.acc.assign(static_cast<std::size_t>(n_rows_), 0.0);
      s.seen.assign(static_cast<std::size_t>(n_rows_), 0);
    }
    if (s.dense.size() < static_cast<std::size_t>(n_cols_)) {
      s.dense.assign(static_cast<std::size_t>(n_cols_), 0.0);
    }
    PairList& part = parts[blk];
    const std::int64_t lo = begin + static_cast<std::int64_t>(blk * kRowsPerBlock);
    const std::int64_t hi = std::min(end, lo + static_cast<std::int64_t>(kRowsPerBlock));
    for (std::int64_t i = lo; i < hi; ++i) {
      const auto ii = static_cast<std::size_t>(i);
      const std::int64_t row_begin = indptr_[ii], row_end = indptr_[ii + 1];
      s.touched.clear();
      s.cum_sq.assign(1, 0.0);
      for (std::int64_t k = row_begin; k < row_end; ++k) {
        const double v = value_[static_cast<std::size_t>(k)];
        s.dense[static_cast<std::size_t>(rank_[static_cast<std::size_t>(k)])] = v;
        s.cum_sq.push_back(s.cum_sq.back() + v * v);
      }
      // |u restricted to the terms of row j's unindexed prefix| <= |u over ranks below
      // j's first indexed rank|: with |p_v| it bounds u.p_v by Cauchy-Schwarz, far tighter
      // than |p_v| alone (u's own weight on frequent terms is small).
      const auto* row_ranks = rank_.data() + row_begin;
      const auto n_row = static_cast<std::ptrdiff_t>(row_end - row_begin);
      auto u_below = [&](std::size_t j) {
        if (prefix_norm_[j] == 0.0) return 0.0;
        const std::int32_t first = split_[j] < indptr_[j + 1]
            ? rank_[static_cast<std::size_t>(split_[j])] : INT32_MAX;
        const auto at = std::lower_bound(row_ranks, row_ranks + n_row, first) - row_ranks;
        return std::sqrt(s.cum_sq[static_cast<std::size_t>(at)]) * prefix_norm_[j];
      };
      // Rarest terms first. rem = norm of this row's terms not yet walked: a row v first
      // met at a term has u.v <= rem + |p_v| (nothing rarer is in its suffix), so it only
      // becomes a candidate when that reaches the threshold; once no row can, the walk
      // stops and the bound keeps the unwalked rest.
      double rem_sq = 1.0;
      double rem_walk = 0.0;  // norm of the terms left unwalked
      std::int32_t stop_rank = -1;  // the rarest unwalked term (-1: all walked)
      std::int64_t work = 0;  // posting entries walked so far
      for (std::int64_t k = row_end - 1; k >= row_begin; --k) {
        const double rem = std::sqrt(std::max(rem_sq, 0.0));
        if (rem + max_prefix_norm_ < threshold_ - kBoundSlack) {
          rem_walk = rem;
          stop_rank = rank_[static_cast<std::size_t>(k)];
          break;
        }
        const auto t = static_cast<std::size_t>(rank_[static_cast<std::size_t>(k)]);
        const auto first = post_row_.begin() + post_ptr_[t];
        const auto last = post_row_.begin() + post_ptr_[t + 1];
        const auto from = std::upper_bound(first, last, i);
        if (max_work >= 0 && work + (last - from) > max_work) {
          // The cap: this term's postings (and every more frequent term's) are not walked;
          // the candidates met so far are verified in full below (rem_walk > 0).
          rem_walk = std::max(rem, 1e-300);
          stop_rank = static_cast<std::int32_t>(t);
          ++part.capped_rows;
          break;
        }
        work += last - from;
        const double w = value_[static_cast<std::size_t>(k)];
        rem_sq -= w * w;
        for (auto it = from; it != last; ++it) {
          const auto j = static_cast<std::size_t>(*it);
          if (!s.seen[j]) {
            if (rem + u_below(j) < threshold_ - kBoundSlack) continue;
            s.seen[j] = 1;
            s.touched.push_back(*it);
          }
          s.acc[j] += w * post_value_[static_cast<std::size_t>(it - post_row_.begin())];
        }
      }
      for (const std::int64_t j : s.touched) {
        const auto jj = static_cast<std::size_t>(j);
        // The unwalked terms of u (ranks <= stop_rank) meet only v's entries there:
        // u_unwalked.v <= rem_walk * |v over ranks <= stop_rank|.
        double v_unwalked = 0.0;
        if (rem_walk > 0.0) {
          const auto* first = rank_.data() + indptr_[jj];
          const auto* last = rank_.data() + indptr_[jj + 1];
          const auto at = std::upper_bound(first, last, stop_rank) - rank_.data();
          v_unwalked = at < indptr_[jj + 1]
              ? std::sqrt(static_cast<double>(before_sq_[static_cast<std::size_t>(at)]))
              : 1.0;
          // float storage: round up so that the bound never falls below the truth
          v_unwalked = std::min(1.0, v_unwalked * (1.0 + 1e-6) + 1e-6);
        }
        if (s.acc[jj] + rem_walk * v_unwalked + u_below(jj) >= threshold_ - kBoundSlack) {
          // Walked to the end: acc is u.s_v and only u.p_v is missing; otherwise the
          // exact dot from scratch.
          double dot = rem_walk == 0.0 ? s.acc[jj] : 0.0;
          const std::int64_t stop = rem_walk == 0.0 ? split_[jj] : indptr_[jj + 1];
          for (std::int64_t k = indptr_[jj]; k < stop; ++k) {
            dot += s.dense[static_cast<std::size_t>(rank_[static_cast<std::size_t>(k)])] *
                   value_[static_cast<std::size_t>(k)];
          }
          if (dot >= threshold_) {
            part.a.push_back(i);
            part.b.push_back(j);
            part.score.push_back(std::min(dot, 1.0));
          }
        }
        s.acc[jj] = 0.0;
        s.seen[jj] = 0;
      }
      for (std::int64_t k = row_begin; k < row_end; ++k) {
        s.dense[static_cast<std::size_t>(rank_[static_cast<std::size_t>(k)])] = 0.0;
      }
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

}  // namespace kotext
