/// @file similarity.hpp
/// @brief Cosine similarity between the rows of two sparse matrices (sparse x sparse),
/// dense or as each row's top-n neighbours computed block-wise (never n x n in memory),
/// and per-row top-k pruning (keyword vectors).
#pragma once
#include <cstdint>
#include <vector>

namespace kotext {

/// A read-only view of a CSR matrix whose buffers belong to someone else.
struct CsrView {
  std::int64_t n_rows = 0;
  std::int64_t n_cols = 0;
  const std::int64_t* indptr = nullptr;   ///< n_rows + 1 entries
  const std::int32_t* indices = nullptr;  ///< column indices (any order, no duplicates needed)
  const double* data = nullptr;
};

/// Dense cosine similarity: out[i * y.n_rows + j] = cos(x_i, y_j); rows of zeros give 0.
/// @p out must hold x.n_rows * y.n_rows values. Throws InvalidArgument when the column
/// counts differ.
void cosine_dense(const CsrView& x, const CsrView& y, double* out, int n_jobs);

/// For each row of @p x, the @p top_n rows of @p y with the highest cosine (ties: lower
/// index first), written to indices[i * top_n + k] / scores[...]; missing neighbours (y has
/// fewer rows, or fewer with a non-zero similarity when @p skip_zero) get index -1 and score
/// 0. With @p exclude_self, pair (i, i) is skipped (for x == y). Memory: O(y.n_rows) per
/// thread.
void cosine_top_n(const CsrView& x, const CsrView& y, std::int64_t top_n, bool exclude_self,
                  bool skip_zero, std::int64_t* indices, double* scores, int n_jobs);

/// Per row, positions (into x.data) of the @p k largest values, by value descending then
/// column ascending; row r's positions go to out[offsets[r] .. offsets[r+1]).
void top_k_per_row(const CsrView& x, std::int64_t k, std::vector<std::int64_t>& offsets,
                   std::vector<std::int64_t>& positions, int n_jobs);

}  // namespace kotext
