/// @file pairs.hpp
/// @brief Every pair of rows whose cosine similarity reaches a threshold, found exactly
/// without the n x n product: an inverted index over each row's rare-term suffix (the
/// all-pairs prefix filter of Bayardo, Ma and Srikant 2007, with the L2 bound of Anastasiu
/// and Karypis 2014) and exact verification of every candidate.
#pragma once
#include <cstdint>
#include <vector>

#include "kotext/similarity.hpp"

namespace kotext {

/// Pairs (a, b) with a < b and their cosine, in no particular order.
struct PairList {
  std::vector<std::int64_t> a;
  std::vector<std::int64_t> b;
  std::vector<double> score;
  /// Rows whose candidate search stopped at the work cap (0 when uncapped).
  std::int64_t capped_rows = 0;
};

/// An index over the rows of one matrix for thresholded cosine self-join.
///
/// Rows are L2-normalized internally; rows of zeros have no pairs. Terms are ordered by
/// document frequency, most frequent first; each row leaves out of the index its longest
/// run of frequent terms whose L2 norm stays below the threshold (a pair that reaches the
/// threshold must share an indexed term, by Cauchy-Schwarz), so the posting lists hold
/// mostly rare terms. Candidates are then verified with the full dot product: the result
/// is exact, every pair at or above the threshold however many copies a document has.
class CosinePairIndex {
 public:
  /// Builds the index. @p threshold must be in (0, 1]; throws InvalidArgument otherwise or
  /// when a column index is out of range. The matrix buffers are copied.
  CosinePairIndex(const CsrView& x, double threshold, int n_jobs);

  /// Pairs (i, j), i in [@p begin, @p end), j > i, with cosine >= threshold. Calling it for
  /// consecutive ranges covering all rows gives every pair once.
  ///
  /// @p max_work < 0: exact. Otherwise a cap on the posting entries one row's search may
  /// walk (rarest terms first): a row that reaches it stops looking for new candidates and
  /// only the candidates met so far (those sharing its rarer terms) are verified, exactly.
  /// Such rows are counted in PairList::capped_rows; the pairs listed are still all true.
  PairList query(std::int64_t begin, std::int64_t end, int n_jobs,
                 std::int64_t max_work = -1) const;

  std::int64_t n_rows() const { return n_rows_; }
  double threshold() const { return threshold_; }

 private:
  std::int64_t n_rows_ = 0;
  std::int64_t n_cols_ = 0;
  double threshold_ = 1.0;
  // Normalized rows, entries ordered by term rank (most frequent term first).
  std::vector<std::int64_t> indptr_;
  std::vector<std::int32_t> rank_;    ///< term rank per entry
  std::vector<double> value_;
  std::vector<std::int64_t> split_;   ///< per row: first indexed entry
  std::vector<double> prefix_norm_;   ///< per row: L2 norm of the unindexed entries
  std::vector<float> before_sq_;      ///< per entry: squared norm of its row's entries before it
  double max_prefix_norm_ = 0.0;
  // Inverted index over term ranks: postings_[post_ptr_[t] ..) = (row, value), rows ascending.
  std::vector<std::int64_t> post_ptr_;
  std::vector<std::int64_t> post_row_;
  std::vector<double> post_value_;
};

/// Convenience: every pair of rows of @p x with cosine >= @p threshold.
PairList cosine_pairs(const CsrView& x, double threshold, int n_jobs);

}  // namespace kotext
