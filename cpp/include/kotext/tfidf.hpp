/// @file tfidf.hpp
/// @brief TF-IDF and BM25 weighting of a term-count matrix, in place, with the numbers of
/// scikit-learn's TfidfTransformer (for TF-IDF) and Lucene/Okapi's BM25.
#pragma once
#include <cstdint>
#include <vector>

#include "kotext/vocabulary.hpp"

namespace kotext {

/// Row normalization after weighting.
enum class Norm { None, L1, L2 };

/// Term-frequency transform.
enum class Weighting {
  TfIdf,  ///< tf (or 1 + log tf with sublinear_tf) times idf
  Bm25    ///< tf * (k1 + 1) / (tf + k1 * (1 - b + b * doc_length / avgdl)) times idf
};

/// Options of @ref weight_in_place.
struct WeightOptions {
  Weighting weighting = Weighting::TfIdf;
  bool binary = false;        ///< counts become 1 first
  bool sublinear_tf = false;  ///< tf -> 1 + log(tf) (TF-IDF only)
  Norm norm = Norm::L2;       ///< row normalization at the end
  double k1 = 1.2;            ///< BM25 saturation
  double b = 0.75;            ///< BM25 length normalization
  double avgdl = 0.0;         ///< BM25 average document length of the fitted corpus (> 0)
};

/// scikit-learn's inverse document frequency: log(n / df) + 1, or with @p smooth
/// log((n + 1) / (df + 1)) + 1. Terms with df = 0 and no smoothing get +inf like sklearn.
std::vector<double> tfidf_idf(const std::vector<std::int64_t>& df, std::int64_t n_docs, bool smooth);

/// BM25 (Lucene) inverse document frequency: log(1 + (n - df + 0.5) / (df + 0.5)).
std::vector<double> bm25_idf(const std::vector<std::int64_t>& df, std::int64_t n_docs);

/// Average document length (sum of counts per row) of @p counts (after binary if set).
double average_length(const CsrMatrix& counts, bool binary);

/// A CSR matrix whose values are weighted in place, over buffers owned elsewhere (for
/// example a scipy matrix's arrays).
struct CsrValuesView {
  std::int64_t n_rows = 0;
  std::int64_t n_cols = 0;
  const std::int64_t* indptr = nullptr;  ///< n_rows + 1 offsets
  const std::int32_t* indices = nullptr;
  double* data = nullptr;
};

/// weight_in_place() over a view (InvalidArgument on an index out of range).
void weight_in_place(const CsrValuesView& m, const std::vector<double>& idf,
                     const WeightOptions& options, int n_jobs);

/// Weights @p m in place: binary, tf transform, times @p idf (if not empty; one per
/// column), then row normalization (rows of zeros stay zero). Runs on @p n_jobs threads.
/// Throws InvalidArgument when @p idf has the wrong size or options are out of range.
void weight_in_place(CsrMatrix& m, const std::vector<double>& idf, const WeightOptions& options,
                     int n_jobs);

/// Normalizes the rows of @p m in place (L1: sum of absolute values; L2: Euclidean).
void normalize_rows(CsrMatrix& m, Norm norm, int n_jobs);

}  // namespace kotext
