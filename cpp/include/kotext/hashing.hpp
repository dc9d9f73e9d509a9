/// @file hashing.hpp
/// @brief The hashing trick of scikit-learn's HashingVectorizer / FeatureHasher:
/// MurmurHash3 (x86, 32-bit) of each feature's UTF-8 bytes with seed 0, column
/// |h| mod n_features, sign of h when alternate_sign, duplicates summed per row.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "kotext/vocabulary.hpp"

namespace kotext {

/// MurmurHash3_x86_32 of @p n bytes at @p key (Austin Appleby's reference algorithm).
std::uint32_t murmurhash3_32(const void* key, std::size_t n, std::uint32_t seed) noexcept;

/// Options of @ref count_hashed.
struct HashingOptions {
  std::int64_t n_features = std::int64_t{1} << 20;  ///< number of columns (1 .. 2^31 - 1)
  bool alternate_sign = true;  ///< features whose signed hash is negative count -1
};

/// Column of @p feature, and its sign (+1 or -1), exactly as scikit-learn computes them.
std::int32_t hashed_column(std::string_view feature, const HashingOptions& options,
                           int& sign) noexcept;

/// Hashes the features of @p n_docs documents into a CSR matrix of
/// options.n_features columns, on @p n_jobs threads. Columns of a row are sorted; values
/// are summed signs, and an entry whose signs cancel stays stored as 0 (as scipy's
/// sum_duplicates leaves it). Throws InvalidArgument on n_features out of range.
CsrMatrix count_hashed(std::size_t n_docs, const Analyzer& analyze, const HashingOptions& options,
                       int n_jobs);

}  // namespace kotext
