// The hashing trick with scikit-learn's exact columns (sklearn/utils/murmurhash.pyx and
// feature_extraction/_hashing_fast.pyx): the signed 32-bit MurmurHash3 h of the UTF-8
// bytes, column abs(h) % n_features (h = INT32_MIN, whose abs overflows, is mapped as
// scikit-learn maps it), sign +1 for h >= 0.
#include "kotext/hashing.hpp"

#include <algorithm>
#include <climits>
#include <cstring>
#include <numeric>
#include <string>

#include "kotext/error.hpp"
#include "kotext/parallel.hpp"

namespace kotext {

namespace {
inline std::uint32_t rotl32(std::uint32_t x, int r) noexcept { return (x << r) | (x >> (32 - r)); }
inline std::uint32_t fmix32(std::uint32_t h) noexcept {
  h ^= h >> 16;
  h *= 0x85ebca6b;
  h ^= h >> 13;
  h *= 0xc2b2ae35;
  h ^= h >> 16;
  return h;
}
}  // namespace

std::uint32_t murmurhash3_32(const void* key, std::size_t n, std::uint32_t seed) noexcept {
  const auto* data = static_cast<const unsigned char*>(key);
  const std::size_t n_blocks = n / 4;
  std::uint32_t h1 = seed;
  constexpr std::uint32_t c1 = 0xcc9e2d51, c2 = 0x1b873593;
  for (std::size_t i = 0; i < n_blocks; ++i) {
    std::uint32_t k1;
    std::memcpy(&k1, data + 4 * i, 4);  // little-endian reads, as the reference on x86
    k1 *= c1;
    k1 = rotl32(k1, 15);
    k1 *= c2;
    h1 ^= k1;
    h1 = rotl32(h1, 13);
    h1 = h1 * 5 + 0xe6546b64;
  }
  const unsigned char* tail = data + 4 * n_blocks;
  std::uint32_t k1 = 0;
  switch (n & 3) {
    case 3: k1 ^= std::uint32_t{tail[2]} << 16; [[fallthrough]];
    case 2: k1 ^= std::uint32_t{tail[1]} << 8; [[fallthrough]];
    case 1:
      k1 ^= tail[0];
      k1 *= c1;
      k1 = rotl32(k1, 15);
      k1 *= c2;
      h1 ^= k1;
      break;
    default: break;
  }
  h1 ^= static_cast<std::uint32_t>(n);
  return fmix32(h1);
}

std::int32_t hashed_column(std::string_view feature, const HashingOptions& o, int& sign) noexcept {
  const auto h = static_cast<std::int32_t>(murmurhash3_32(feature.data(), feature.size(), 0));
  const std::int64_t n = o.n_features;
  std::int64_t index;
  if (h == INT32_MIN) {
    index = (std::int64_t{INT32_MAX} - (n - 1)) % n;
  } else {
    index = (h < 0 ? -std::int64_t{h} : std::int64_t{h}) % n;
  }
  sign = o.alternate_sign && h < 0 ? -1 : 1;
  return static_cast<std::int32_t>(index);
}

namespace {
// One block of rows: per stored value column << 32 | (summed sign, as int32).
struct HashedBlock {
  std::size_t begin = 0, end = 0;
  std::vector<std::int64_t> row_nnz;
  std::vector<std::int32_t> columns;
  std::vector<std::int32_t> values;
};

class HashSink final : public FeatureSink {
 public:
  explicit HashSink(const HashingOptions& o) : o_(o) {}
  void add(std::string_view feature) override {
    int sign = 1;
    const std::int32_t c = hashed_column(feature, o_, sign);
    row_.push_back((static_cast<std::uint64_t>(static_cast<std::uint32_t>(c)) << 1) |
                   (sign < 0 ? 1u : 0u));
  }
  void finish_row(HashedBlock& block) {
    std::sort(row_.begin(), row_.end());
    std::size_t stored = 0;
    for (std::size_t k = 0; k < row_.size();) {
      const std::uint64_t col = row_[k] >> 1;
      std::int32_t sum = 0;
      for (; k < row_.size() && (row_[k] >> 1) == col; ++k) sum += (row_[k] & 1u) ? -1 : 1;
      block.columns.push_back(static_cast<std::int32_t>(col));
      block.values.push_back(sum);
      ++stored;
    }
    block.row_nnz.push_back(static_cast<std::int64_t>(stored));
    row_.clear();
  }

 private:
  const HashingOptions& o_;
  std::vector<std::uint64_t> row_;
};
}  // namespace

CsrMatrix count_hashed(std::size_t n_docs, const Analyzer& analyze, const HashingOptions& o,
                       int n_jobs) {
  if (o.n_features < 1 || o.n_features > INT32_MAX) {
    throw InvalidArgument("n_features must be in [1, 2^31 - 1], got " + std::to_string(o.n_features));
  }
  const int threads = resolve_n_jobs(n_jobs, n_docs);
  std::size_t n_blocks = threads == 1 ? 1 : static_cast<std::size_t>(threads) * 4;
  n_blocks = std::max<std::size_t>(1, std::min(n_blocks, n_docs));
  std::vector<HashedBlock> blocks(n_blocks);
  parallel_for(n_blocks, threads, [&](std::size_t b) {
    HashedBlock& block = blocks[b];
    block.begin = n_docs * b / n_blocks;
    block.end = n_docs * (b + 1) / n_blocks;
    HashSink sink(o);
    for (std::size_t d = block.begin; d < block.end; ++d) {
      analyze(d, sink);
      sink.finish_row(block);
    }
  });
  CsrMatrix m;
  m.n_rows = static_cast<std::int64_t>(n_docs);
  m.n_cols = o.n_features;
  m.indptr.assign(n_docs + 1, 0);
  for (const HashedBlock& block : blocks) {
    for (std::size_t k = 0; k < block.row_nnz.size(); ++k) m.indptr[block.begin + k + 1] = block.row_nnz[k];
  }
  std::partial_sum(m.indptr.begin(), m.indptr.end(), m.indptr.begin());
  m.indices.resize(static_cast<std::size_t>(m.indptr.back()));
  m.data.resize(m.indices.size());
  parallel_for(blocks.size(), threads, [&](std::size_t b) {
    HashedBlock& block = blocks[b];
    const auto start = static_cast<std::size_t>(m.indptr[block.begin]);
    std::copy(block.columns.begin(), block.columns.end(), m.indices.begin() + static_cast<std::ptrdiff_t>(start));
    for (std::size_t k = 0; k < block.values.size(); ++k) m.data[start + k] = block.values[k];
    HashedBlock().columns.swap(block.columns);
  });
  return m;
}

}  // namespace kotext
