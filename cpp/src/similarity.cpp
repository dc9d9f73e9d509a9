// Sparse x sparse cosine. y is transposed once into column-major (a counting sort over
// its columns), then each row of x scatters into a dense accumulator over y's rows:
// O(nnz work + n_y) per row, one accumulator per thread, nothing n x n.
#include "kotext/similarity.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <numeric>
#include <string>
#include <vector>

#include "kotext/error.hpp"
#include "kotext/parallel.hpp"

namespace kotext {

namespace {


void check_pair(const CsrView& x, const CsrView& y) {
  if (x.n_cols != y.n_cols) {
    throw InvalidArgument("incompatible dimensions: X has " + std::to_string(x.n_cols) +
                          " columns, Y has " + std::to_string(y.n_cols));
  }
}

std::vector<double> row_norms(const CsrView& m) {
  std::vector<double> n(static_cast<std::size_t>(m.n_rows));
  for (std::int64_t r = 0; r < m.n_rows; ++r) {
    double s = 0;
    for (std::int64_t k = m.indptr[r]; k < m.indptr[r + 1]; ++k) s += m.data[k] * m.data[k];
    n[static_cast<std::size_t>(r)] = std::sqrt(s);
  }
  return n;
}

// y^T in column-major order == y's columns as "rows": for term t, the (doc, value) pairs
// at start[t] .. start[t + 1], documents ascending. A counting sort (two passes over y,
// O(nnz + n_cols)) with an interruption point every kInterruptRows rows: Eigen's
// setFromTriplets did the same work in one uninterruptible call on a triplet copy of y
// (24 bytes per entry; hundreds of milliseconds for a few million entries). Duplicate
// entries stay separate; the scatter adds them up as the sum would.
struct Transposed {
  std::vector<std::int64_t> start;  // n_cols + 1
  std::vector<std::int64_t> row;
  std::vector<double> value;
  std::int64_t n_rows = 0;
};
constexpr std::int64_t kInterruptRows = 4096;

Transposed transpose_of(const CsrView& y) {
  Transposed t;
  t.n_rows = y.n_rows;
  t.start.assign(static_cast<std::size_t>(y.n_cols) + 1, 0);
  for (std::int64_t r = 0; r < y.n_rows; ++r) {
    if (r % kInterruptRows == 0) check_interrupt();
    for (std::int64_t k = y.indptr[r]; k < y.indptr[r + 1]; ++k) {
      if (y.indices[k] < 0 || y.indices[k] >= y.n_cols) {
        throw InvalidArgument("column index " + std::to_string(y.indices[k]) +
                              " out of range in row " + std::to_string(r));
      }
      ++t.start[static_cast<std::size_t>(y.indices[k]) + 1];
    }
  }
  std::partial_sum(t.start.begin(), t.start.end(), t.start.begin());
  const auto nnz = static_cast<std::size_t>(t.start.back());
  t.row.resize(nnz);
  t.value.resize(nnz);
  std::vector<std::int64_t> next(t.start.begin(), t.start.end() - 1);
  for (std::int64_t r = 0; r < y.n_rows; ++r) {
    if (r % kInterruptRows == 0) check_interrupt();
    for (std::int64_t k = y.indptr[r]; k < y.indptr[r + 1]; ++k) {
      const auto at = static_cast<std::size_t>(next[static_cast<std::size_t>(y.indices[k])]++);
      t.row[at] = r;
      t.value[at] = y.data[k];
    }
  }
  return t;
}

// Rows are handed out in blocks, each with its own accumulator over y's rows. The
// accumulators cost O(n_y) to allocate and zero, so the number of blocks is bounded by the
// thread count (kBlocksPerThread each, for load balance), not by the rows: the total stays
// linear in n_x + n_y (64-row blocks made it n_x / 64 * n_y). Every row is an interruption
// point.
constexpr std::size_t kBlocksPerThread = 8;
constexpr std::size_t kMinBlockRows = 64;

template <class Fn>
void scatter_rows(const CsrView& x, const Transposed& yt, int n_jobs, Fn&& fn) {
  const auto n = static_cast<std::size_t>(x.n_rows);
  if (n == 0) return;
  const auto threads = static_cast<std::size_t>(resolve_n_jobs(n_jobs));
  const std::size_t block =
      std::max(kMinBlockRows, (n + threads * kBlocksPerThread - 1) / (threads * kBlocksPerThread));
  const std::size_t n_blocks = (n + block - 1) / block;
  parallel_for(n_blocks, n_jobs, [&](std::size_t b) {
    std::vector<double> acc(static_cast<std::size_t>(yt.n_rows), 0.0);
    std::vector<std::int64_t> touched;
    std::vector<char> seen(static_cast<std::size_t>(yt.n_rows), 0);
    const std::size_t end = std::min(n, (b + 1) * block);
    for (std::size_t r = b * block; r < end; ++r) {
      check_interrupt();  // also ends this block early once the call stopped
      touched.clear();
      for (std::int64_t k = x.indptr[r]; k < x.indptr[r + 1]; ++k) {
        const std::int64_t t = x.indices[k];
        if (t < 0 || t >= x.n_cols) {
          throw InvalidArgument("column index " + std::to_string(t) + " out of range in row " +
                                std::to_string(r));
        }
        const double w = x.data[k];
        const auto col = static_cast<std::size_t>(t);
        for (std::int64_t e = yt.start[col]; e < yt.start[col + 1]; ++e) {
          const auto j = static_cast<std::size_t>(yt.row[static_cast<std::size_t>(e)]);
          if (!seen[j]) {
            seen[j] = 1;
            touched.push_back(static_cast<std::int64_t>(j));
          }
          acc[j] += w * yt.value[static_cast<std::size_t>(e)];
        }
      }
      fn(r, acc, touched);
      for (std::int64_t j : touched) {
        acc[static_cast<std::size_t>(j)] = 0.0;
        seen[static_cast<std::size_t>(j)] = 0;
      }
    }
  });
}

}  // namespace

void cosine_dense(const CsrView& x, const CsrView& y, double* out, int n_jobs) {
  check_pair(x, y);
  const Transposed yt = transpose_of(y);
  const std::vector<double> nx = row_norms(x), ny = row_norms(y);
  const auto m = static_cast<std::size_t>(y.n_rows);
  scatter_rows(x, yt, n_jobs, [&](std::size_t r, const std::vector<double>& acc,
                                  const std::vector<std::int64_t>& touched) {
    double* row = out + r * m;
    std::fill(row, row + m, 0.0);
    if (nx[r] == 0) return;
    for (std::int64_t j : touched) {
      const auto u = static_cast<std::size_t>(j);
      if (ny[u] != 0) row[u] = acc[u] / (nx[r] * ny[u]);
    }
  });
}

void cosine_top_n(const CsrView& x, const CsrView& y, std::int64_t top_n, bool exclude_self,
                  bool skip_zero, std::int64_t* indices, double* scores, int n_jobs) {
  check_pair(x, y);
  if (top_n < 1) throw InvalidArgument("top_n must be >= 1");
  const Transposed yt = transpose_of(y);
  const std::vector<double> nx = row_norms(x), ny = row_norms(y);
  const auto k = static_cast<std::size_t>(top_n);
  scatter_rows(x, yt, n_jobs, [&](std::size_t r, const std::vector<double>& acc,
                                  const std::vector<std::int64_t>& touched) {
    std::int64_t* out_i = indices + r * k;
    double* out_s = scores + r * k;
    std::fill(out_i, out_i + k, -1);
    std::fill(out_s, out_s + k, 0.0);
    thread_local std::vector<std::pair<double, std::int64_t>> cand;
    cand.clear();
    auto score = [&](std::size_t u) {
      return (nx[r] == 0 || ny[u] == 0) ? 0.0 : acc[u] / (nx[r] * ny[u]);
    };
    for (std::int64_t j : touched) {
      const auto u = static_cast<std::size_t>(j);
      if (exclude_self && u == r) continue;
      const double s = score(u);
      if (s != 0.0) cand.emplace_back(s, j);
    }
    auto better = [](const std::pair<double, std::int64_t>& a,
                     const std::pair<double, std::int64_t>& b) {
      return a.first > b.first || (a.first == b.first && a.second < b.second);
    };
    const std::size_t take = std::min(k, cand.size());
    std::partial_sort(cand.begin(), cand.begin() + static_cast<std::ptrdiff_t>(take), cand.end(),
                      better);
    cand.resize(take);
    std::size_t t = 0, c = 0;
    for (; c < cand.size() && t < k && cand[c].first > 0; ++c, ++t) {
      out_i[t] = cand[c].second;
      out_s[t] = cand[c].first;
    }
    // Zero similarities rank between positive and negative ones, by index.
    for (std::int64_t j = 0; !skip_zero && t < k && j < y.n_rows; ++j) {
      const auto u = static_cast<std::size_t>(j);
      if ((exclude_self && u == r) || score(u) != 0.0) continue;
      out_i[t] = j;
      out_s[t] = 0.0;
      ++t;
    }
    for (; c < cand.size() && t < k; ++c, ++t) {
      out_i[t] = cand[c].second;
      out_s[t] = cand[c].first;
    }
  });
}

void top_k_per_row(const CsrView& x, std::int64_t k, std::vector<std::int64_t>& offsets,
                   std::vector<std::int64_t>& positions, int n_jobs) {
  if (k < 0) throw InvalidArgument("k must be >= 0");
  const auto n = static_cast<std::size_t>(x.n_rows);
  offsets.assign(n + 1, 0);
  for (std::size_t r = 0; r < n; ++r) {
    offsets[r + 1] = offsets[r] + std::min<std::int64_t>(k, x.indptr[r + 1] - x.indptr[r]);
  }
  positions.assign(static_cast<std::size_t>(offsets[n]), 0);
  parallel_for(n, n_jobs, [&](std::size_t r) {
    const std::int64_t begin = x.indptr[r], end = x.indptr[r + 1];
    std::vector<std::int64_t> pos(static_cast<std::size_t>(end - begin));
    std::iota(pos.begin(), pos.end(), begin);
    const auto take = static_cast<std::size_t>(offsets[r + 1] - offsets[r]);
    std::partial_sort(pos.begin(), pos.begin() + static_cast<std::ptrdiff_t>(take), pos.end(),
                      [&](std::int64_t a, std::int64_t b) {
                        return x.data[a] > x.data[b] ||
                               (x.data[a] == x.data[b] && x.indices[a] < x.indices[b]);
                      });
    std::copy(pos.begin(), pos.begin() + static_cast<std::ptrdiff_t>(take),
              positions.begin() + offsets[r]);
  });
}

}  // namespace kotext
