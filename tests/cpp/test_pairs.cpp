// CosinePairIndex against brute force: every pair at or above the threshold, none below,
// on random sparse rows with injected copies (the case a top-n search under-reports).
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>
#include <set>
#include <utility>
#include <vector>

#include "kotext/error.hpp"
#include "kotext/pairs.hpp"

namespace {

struct Csr {
  std::vector<std::int64_t> indptr{0};
  std::vector<std::int32_t> indices;
  std::vector<double> data;
  std::int64_t n_cols = 0;
  kotext::CsrView view() const {
    kotext::CsrView v;
    v.n_rows = static_cast<std::int64_t>(indptr.size()) - 1;
    v.n_cols = n_cols;
    v.indptr = indptr.data();
    v.indices = indices.data();
    v.data = data.data();
    return v;
  }
};

Csr random_rows(int n, int n_cols, int copies, unsigned seed) {
  std::mt19937 rng(seed);
  // Zipf-like term choice: low columns are frequent, as in text.
  std::uniform_real_distribution<double> u(0.0, 1.0);
  Csr m;
  m.n_cols = n_cols;
  std::vector<std::vector<std::pair<std::int32_t, double>>> rows;
  for (int i = 0; i < n; ++i) {
    std::set<std::int32_t> cols;
    const int len = std::min(n_cols, 1 + static_cast<int>(u(rng) * 12));
    while (static_cast<int>(cols.size()) < len) {
      cols.insert(static_cast<std::int32_t>(std::pow(u(rng), 2.5) * n_cols) % n_cols);
    }
    std::vector<std::pair<std::int32_t, double>> row;
    for (auto c : cols) row.emplace_back(c, 0.1 + u(rng));
    rows.push_back(row);
  }
  for (int c = 0; c < copies; ++c) rows.push_back(rows[static_cast<std::size_t>(c % n)]);
  rows.emplace_back();  // a row of zeros has no pairs
  for (const auto& row : rows) {
    for (const auto& [c, v] : row) {
      m.indices.push_back(c);
      m.data.push_back(v);
    }
    m.indptr.push_back(static_cast<std::int64_t>(m.indices.size()));
  }
  return m;
}

std::set<std::pair<std::int64_t, std::int64_t>> brute(const Csr& m, double t) {
  const auto v = m.view();
  std::vector<std::vector<double>> dense(static_cast<std::size_t>(v.n_rows),
                                         std::vector<double>(static_cast<std::size_t>(m.n_cols)));
  for (std::int64_t r = 0; r < v.n_rows; ++r) {
    for (std::int64_t k = v.indptr[r]; k < v.indptr[r + 1]; ++k) {
      dense[static_cast<std::size_t>(r)][static_cast<std::size_t>(v.indices[k])] = v.data[k];
    }
  }
  std::set<std::pair<std::int64_t, std::int64_t>> out;
  for (std::size_t i = 0; i < dense.size(); ++i) {
    for (std::size_t j = i + 1; j < dense.size(); ++j) {
      double dot = 0, ni = 0, nj = 0;
      for (std::size_t c = 0; c < dense[i].size(); ++c) {
        dot += dense[i][c] * dense[j][c];
        ni += dense[i][c] * dense[i][c];
        nj += dense[j][c] * dense[j][c];
      }
      if (ni > 0 && nj > 0 && dot / std::sqrt(ni * nj) >= t) out.emplace(i, j);
    }
  }
  return out;
}

}  // namespace

TEST(CosinePairs, EqualsBruteForce) {
  const Csr m = random_rows(300, 60, 40, 7);
  for (double t : {0.2, 0.5, 0.8, 0.99, 1.0 - 1e-9}) {
    const auto p = kotext::cosine_pairs(m.view(), t, 2);
    std::set<std::pair<std::int64_t, std::int64_t>> got;
    for (std::size_t k = 0; k < p.a.size(); ++k) {
      ASSERT_LT(p.a[k], p.b[k]);
      ASSERT_GE(p.score[k], t);
      ASSERT_LE(p.score[k], 1.0);
      got.emplace(p.a[k], p.b[k]);
    }
    EXPECT_EQ(got.size(), p.a.size()) << "a pair was reported twice";
    EXPECT_EQ(got, brute(m, t)) << "threshold " << t;
  }
}

TEST(CosinePairs, RangesCoverEveryPairOnce) {
  const Csr m = random_rows(200, 40, 30, 3);
  const kotext::CosinePairIndex index(m.view(), 0.6, 1);
  std::size_t total = 0;
  for (std::int64_t b = 0; b < index.n_rows(); b += 17) total += index.query(b, b + 17, 2).a.size();
  EXPECT_EQ(total, brute(m, 0.6).size());
}

TEST(CosinePairs, WorkCapListsOnlyTruePairsAndCountsCappedRows) {
  const Csr m = random_rows(300, 60, 40, 5);
  const kotext::CosinePairIndex index(m.view(), 0.5, 1);
  const auto exact = brute(m, 0.5);
  const auto all = index.query(0, index.n_rows(), 2, -1);
  EXPECT_EQ(all.capped_rows, 0);
  EXPECT_EQ(all.a.size(), exact.size());
  // A cap far above any row's work changes nothing.
  const auto loose = index.query(0, index.n_rows(), 2, 1 << 30);
  EXPECT_EQ(loose.capped_rows, 0);
  EXPECT_EQ(loose.a.size(), exact.size());
  // A tight cap: fewer pairs, every one of them true, and the capped rows counted.
  const auto tight = index.query(0, index.n_rows(), 2, 5);
  EXPECT_GT(tight.capped_rows, 0);
  EXPECT_LT(tight.a.size(), exact.size());
  for (std::size_t k = 0; k < tight.a.size(); ++k) {
    EXPECT_TRUE(exact.count({tight.a[k], tight.b[k]})) << tight.a[k] << ", " << tight.b[k];
  }
}

TEST(CosinePairs, CopiesGiveEveryPair) {
  Csr m;
  m.n_cols = 3;
  for (int i = 0; i < 12; ++i) {  // 12 copies of one row: 66 pairs
    m.indices.insert(m.indices.end(), {0, 2});
    m.data.insert(m.data.end(), {1.0, 2.0});
    m.indptr.push_back(static_cast<std::int64_t>(m.indices.size()));
  }
  EXPECT_EQ(kotext::cosine_pairs(m.view(), 0.8, 2).a.size(), 66u);
}

TEST(CosinePairs, BadInput) {
  Csr m = random_rows(5, 4, 0, 1);
  EXPECT_THROW(kotext::cosine_pairs(m.view(), 0.0, 1), kotext::InvalidArgument);
  EXPECT_THROW(kotext::cosine_pairs(m.view(), 1.5, 1), kotext::InvalidArgument);
  m.indices[0] = 9;
  EXPECT_THROW(kotext::cosine_pairs(m.view(), 0.5, 1), kotext::InvalidArgument);
}

TEST(CosineNeighbours, EqualsBruteForce) {
  // Top-n of every row among the others: the same as the full product, ties lower row first.
  const Csr m = random_rows(300, 60, 40, 11);
  const auto v = m.view();
  const kotext::CosineNeighbourIndex index(v, 2);
  const std::int64_t n = v.n_rows, k = 5;
  std::vector<std::int64_t> idx(static_cast<std::size_t>(n * k));
  std::vector<double> sc(idx.size());
  index.query(0, n, k, idx.data(), sc.data(), 2);
  std::vector<std::vector<double>> dense(static_cast<std::size_t>(n),
                                         std::vector<double>(static_cast<std::size_t>(m.n_cols)));
  for (std::int64_t r = 0; r < n; ++r) {
    double norm = 0;
    for (std::int64_t e = v.indptr[r]; e < v.indptr[r + 1]; ++e) norm += v.data[e] * v.data[e];
    for (std::int64_t e = v.indptr[r]; e < v.indptr[r + 1]; ++e) {
      dense[static_cast<std::size_t>(r)][static_cast<std::size_t>(v.indices[e])] =
          v.data[e] / std::sqrt(norm);
    }
  }
  for (std::int64_t i = 0; i < n; ++i) {
    std::vector<std::pair<double, std::int64_t>> ref;
    for (std::int64_t j = 0; j < n; ++j) {
      if (j == i) continue;
      double dot = 0;
      for (std::size_t c = 0; c < dense[0].size(); ++c) {
        dot += dense[static_cast<std::size_t>(i)][c] * dense[static_cast<std::size_t>(j)][c];
      }
      if (dot > 0) ref.emplace_back(-dot, j);
    }
    std::sort(ref.begin(), ref.end());
    for (std::int64_t c = 0; c < k; ++c) {
      const auto at = static_cast<std::size_t>(i * k + c);
      if (static_cast<std::size_t>(c) >= ref.size()) {
        EXPECT_EQ(idx[at], -1) << "row " << i;
        continue;
      }
      EXPECT_NEAR(sc[at], -ref[static_cast<std::size_t>(c)].first, 1e-12) << "row " << i;
      // ids agree unless two scores tie to rounding
      const bool tie = (c + 1 < static_cast<std::int64_t>(ref.size()) &&
                        std::abs(ref[c + 1].first - ref[c].first) < 1e-12) ||
                       (c > 0 && std::abs(ref[c - 1].first - ref[c].first) < 1e-12);
      if (!tie) EXPECT_EQ(idx[at], ref[static_cast<std::size_t>(c)].second) << "row " << i;
    }
  }
  EXPECT_THROW(index.query(0, 1, 0, idx.data(), sc.data(), 1), kotext::InvalidArgument);
}
