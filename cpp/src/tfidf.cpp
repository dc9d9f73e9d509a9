// Weighting works on rows through an Eigen map of the CSR buffers (no copy). Each step
// follows scikit-learn's order of floating-point operations so results agree to the last
// few ulps: log(n / df) + 1; log(tf) + 1; data * idf; data / norm.
#include "kotext/tfidf.hpp"

#include <cmath>
#include <limits>
#include <string>

#include <Eigen/SparseCore>

#include "kotext/error.hpp"
#include "kotext/parallel.hpp"

namespace kotext {

namespace {
using RowMap = Eigen::Map<Eigen::Matrix<double, Eigen::Dynamic, 1>>;

template <class Fn>
void for_rows(const CsrValuesView& m, int n_jobs, Fn&& fn) {
  const auto n = static_cast<std::size_t>(m.n_rows);
  // Blocks of rows, so tiny rows do not pay one task each.
  const std::size_t block = 1024;
  parallel_for((n + block - 1) / block, n_jobs, [&](std::size_t b) {
    const std::size_t stop = std::min(n, (b + 1) * block);
    for (std::size_t r = b * block; r < stop; ++r) {
      const auto start = static_cast<std::size_t>(m.indptr[r]);
      const auto len = static_cast<Eigen::Index>(m.indptr[r + 1] - m.indptr[r]);
      RowMap values(m.data + start, len);
      fn(r, start, values);
    }
  });
}

CsrValuesView view_of(CsrMatrix& m) {
  return CsrValuesView{m.n_rows, m.n_cols, m.indptr.data(), m.indices.data(), m.data.data()};
}

// Row norms summed left to right, as scikit-learn's _inplace_csr_row_normalize_l1/l2 do
// (Eigen's vectorized reductions add in another order). scikit-learn's rows are stored in
// first-seen term order rather than sorted, so a long row can still differ in the last ulps.
double row_norm(const RowMap& v, Norm norm) {
  double s = 0.0;
  if (norm == Norm::L2) {
    for (Eigen::Index k = 0; k < v.size(); ++k) s += v[k] * v[k];
    return std::sqrt(s);
  }
  for (Eigen::Index k = 0; k < v.size(); ++k) s += std::fabs(v[k]);
  return s;
}

constexpr double kLogTable = 256.0;

// 1 + log(tf) for tf = 0 .. 255 (entry 0 unused).
const double* one_plus_log() {
  static const auto* table = [] {
    auto* t = new double[static_cast<std::size_t>(kLogTable)];
    for (std::size_t i = 0; i < static_cast<std::size_t>(kLogTable); ++i) {
      t[i] = std::log(static_cast<double>(i)) + 1.0;
    }
    return t;
  }();
  return table;
}
}  // namespace

std::vector<double> tfidf_idf(const std::vector<std::int64_t>& df, std::int64_t n_docs, bool smooth) {
  std::vector<double> idf(df.size());
  const double n = static_cast<double>(n_docs + (smooth ? 1 : 0));
  for (std::size_t j = 0; j < df.size(); ++j) {
    const double d = static_cast<double>(df[j]) + (smooth ? 1.0 : 0.0);
    idf[j] = std::log(n / d) + 1.0;
  }
  return idf;
}

std::vector<double> bm25_idf(const std::vector<std::int64_t>& df, std::int64_t n_docs) {
  std::vector<double> idf(df.size());
  for (std::size_t j = 0; j < df.size(); ++j) {
    const double d = static_cast<double>(df[j]);
    idf[j] = std::log(1.0 + (static_cast<double>(n_docs) - d + 0.5) / (d + 0.5));
  }
  return idf;
}

double average_length(const CsrMatrix& counts, bool binary) {
  if (counts.n_rows == 0) return 0.0;
  double total = 0.0;
  if (binary) {
    total = static_cast<double>(counts.nnz());
  } else {
    for (double v : counts.data) total += v;
  }
  return total / static_cast<double>(counts.n_rows);
}

void normalize_rows(CsrMatrix& m, Norm norm, int n_jobs) {
  if (norm == Norm::None) return;
  for_rows(view_of(m), n_jobs, [&](std::size_t, std::size_t, RowMap& v) {
    const double s = row_norm(v, norm);
    if (s == 0.0) return;
    v /= s;
  });
}

namespace {
void weight_rows(const CsrValuesView& m, const std::vector<double>& idf, const WeightOptions& o,
                 int n_jobs);
}  // namespace

void weight_in_place(CsrMatrix& m, const std::vector<double>& idf, const WeightOptions& o,
                     int n_jobs) {
  weight_rows(view_of(m), idf, o, n_jobs);
}

void weight_in_place(const CsrValuesView& m, const std::vector<double>& idf,
                     const WeightOptions& o, int n_jobs) {
  // Buffers from elsewhere: their column indices are checked once before idf[col].
  if (!idf.empty()) {
    const std::int64_t nnz = m.n_rows > 0 ? m.indptr[m.n_rows] : 0;
    for (std::int64_t k = 0; k < nnz; ++k) {
      if (m.indices[k] < 0 || m.indices[k] >= m.n_cols) {
        throw InvalidArgument("column index " + std::to_string(m.indices[k]) +
                              " out of range for " + std::to_string(m.n_cols) + " columns");
      }
    }
  }
  weight_rows(m, idf, o, n_jobs);
}

namespace {
void weight_rows(const CsrValuesView& m, const std::vector<double>& idf, const WeightOptions& o,
                 int n_jobs) {
  if (!idf.empty() && idf.size() != static_cast<std::size_t>(m.n_cols)) {
    throw InvalidArgument("idf has " + std::to_string(idf.size()) + " entries for " +
                          std::to_string(m.n_cols) + " columns");
  }
  if (o.weighting == Weighting::Bm25 && (!(o.k1 >= 0) || !(o.b >= 0 && o.b <= 1))) {
    throw InvalidArgument("BM25 needs k1 >= 0 and 0 <= b <= 1");
  }
  const double avgdl = o.avgdl > 0 ? o.avgdl : 1.0;
  for_rows(m, n_jobs, [&](std::size_t, std::size_t start, RowMap& v) {
    if (o.binary) v.setOnes();
    if (o.weighting == Weighting::Bm25) {
      const double dl = v.sum();
      const double denom_add = o.k1 * (1.0 - o.b + o.b * dl / avgdl);
      for (Eigen::Index k = 0; k < v.size(); ++k) v[k] = v[k] * (o.k1 + 1.0) / (v[k] + denom_add);
    } else if (o.sublinear_tf) {
      // Counts are small integers: their 1 + log(tf) from a table (the same std::log
      // values, bit for bit) instead of a log call per stored value.
      for (Eigen::Index k = 0; k < v.size(); ++k) {
        const double tf = v[k];
        v[k] = tf >= 1.0 && tf < kLogTable && tf == std::floor(tf)
                   ? one_plus_log()[static_cast<std::size_t>(tf)]
                   : std::log(tf) + 1.0;
      }
    }
    if (!idf.empty()) {
      const std::int32_t* cols = m.indices + start;
      for (Eigen::Index k = 0; k < v.size(); ++k) v[k] *= idf[static_cast<std::size_t>(cols[k])];
    }
    if (o.norm != Norm::None) {
      const double s = row_norm(v, o.norm);
      if (s != 0.0) v /= s;
    }
  });
}

}  // namespace

}  // namespace kotext
