/// @file pairs.hpp
/// @brief Exact cosine searches over the rows of one matrix without the n x n product:
/// every pair at or above a threshold (the all-pairs prefix filter of Bayardo, Ma and
/// Srikant 2007, with the L2 bounds of Anastasiu and Karypis 2014), and each row's top-n
/// neighbours (term-at-a-time over an inverted index, rarest terms first, with a running
/// n-th score that stops the walk once no unseen row can reach it: MaxScore-style pruning
/// with Cauchy-Schwarz bounds). Every candidate a bound cannot rule out gets its exact dot.
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

/// The rows of a matrix as both searches read them: L2-normalized, zeros dropped, entries
/// ordered by term rank (rank 0 = the term in most rows; ties by column), each entry with
/// the squared norm of its row's entries before it (rounded up: it only ever bounds).
struct RankedRows {
  /// Validates and copies @p x (InvalidArgument for a column out of range, a value that
  /// is not finite, or more than INT32_MAX rows or columns).
  RankedRows(const CsrView& x, int n_jobs);

  std::int64_t n_rows = 0;
  std::int64_t n_cols = 0;
  std::vector<std::int64_t> indptr;
  std::vector<std::int32_t> rank;
  std::vector<double> value;
  std::vector<float> before_sq;

  /// Each row's norm profile: kCuts squared norms over ranks <= cut(c), c = 0 .. kCuts - 1,
  /// rounded up, stored cut by cut (profile[c * n_rows + r]): the bound of a candidate
  /// without a search of its entries (what a query's thousands of candidates would
  /// otherwise cost), read in row order for one cut.
  static constexpr int kCuts = 16;
  static std::int32_t cut(int c) { return c + 1 < kCuts ? (std::int32_t{16} << c) - 1 : INT32_MAX; }
  std::vector<float> profile;
  /// An upper bound of row @p r's squared norm over ranks <= @p rank (0 for rank < 0).
  double norm_sq_upto(std::int64_t r, std::int32_t rank) const;
  /// The profile column that bounds every row over ranks <= @p rank (null for rank < 0).
  const float* profile_at(std::int32_t rank) const;
};

/// An index over the rows of one matrix for thresholded cosine self-join.
///
/// Terms are ordered by document frequency, most frequent first; each row leaves out of
/// the index its longest run of frequent terms whose L2 norm stays below the threshold (a
/// pair that reaches the threshold must share an indexed term, by Cauchy-Schwarz), so the
/// posting lists hold mostly rare terms. Candidates are then verified with the exact dot
/// product: the result is exact, every pair at or above the threshold however many copies
/// a document has.
class CosinePairIndex {
 public:
  /// Builds the index. @p threshold must be in (0, 1]; throws InvalidArgument otherwise or
  /// for bad matrix contents (see RankedRows). The matrix buffers are copied.
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

  std::int64_t n_rows() const { return rows_.n_rows; }
  double threshold() const { return threshold_; }

 private:
  RankedRows rows_;
  double threshold_ = 1.0;
  std::vector<std::int64_t> split_;  ///< per row: first indexed entry
  std::vector<std::int32_t> prefix_last_;  ///< per row: rank of its last unindexed entry, or -1
  // Inverted index over term ranks: postings [post_ptr_[t], post_ptr_[t + 1]) = (row,
  // value, squared norm of the row through this entry), rows ascending.
  std::vector<std::int64_t> post_ptr_;
  std::vector<std::int32_t> post_row_;
  std::vector<double> post_value_;
  std::vector<float> post_upto_;
  std::vector<float> max_upto_;  ///< per rank t: the largest post_upto_ at ranks <= t
};

/// Convenience: every pair of rows of @p x with cosine >= @p threshold.
PairList cosine_pairs(const CsrView& x, double threshold, int n_jobs);

/// An index over the rows of one matrix for each row's nearest other rows by cosine.
///
/// Each query row walks its terms rarest first through a full inverted index, verifying
/// its best candidates now and then so that its n-th best exact score (a lower bound of
/// the final one) rises early. A row not met yet can only share the query's unwalked
/// (more frequent) terms, so its cosine is at most |query over them| x |row over them|;
/// once that cannot reach the n-th score the walk stops, and the candidates are verified
/// in order of their bounds until the bound falls below the n-th score. The result is
/// the same as the brute-force product's (scores up to rounding), at a fraction of its
/// work when the frequent terms carry little of each row's norm, as in TF-IDF.
class CosineNeighbourIndex {
 public:
  /// Builds the index (buffers copied; InvalidArgument as for RankedRows).
  CosineNeighbourIndex(const CsrView& x, int n_jobs);

  /// For each row i in [@p begin, @p end): the @p top_n other rows with the highest
  /// positive cosine (ties: lower row first), written to indices[(i - begin) * top_n + k]
  /// and scores[...]; missing neighbours (fewer rows share a term) get -1 and 0. Throws
  /// InvalidArgument when @p top_n < 1.
  void query(std::int64_t begin, std::int64_t end, std::int64_t top_n, std::int64_t* indices,
             double* scores, int n_jobs) const;

  std::int64_t n_rows() const { return rows_.n_rows; }

 private:
  RankedRows rows_;
  std::vector<std::int64_t> post_ptr_;
  std::vector<std::int32_t> post_row_;
  std::vector<double> post_value_;
  std::vector<float> post_upto_;
  std::vector<float> max_upto_;
};

}  // namespace kotext
