// libFuzzer target for counting, weighting and similarity (build with -DKOTEXT_FUZZ=ON and clang):
//   cmake -S . -B build/fuzz -DKOTEXT_FUZZ=ON -DCMAKE_CXX_COMPILER=clang++
//   cmake --build build/fuzz --target fuzz_tfidf && build/fuzz/fuzz_tfidf -max_total_time=60
// The first byte picks the analyzer and n-gram range, the rest is split into documents at
// '\n'. Checks: invalid UTF-8 throws only Utf8Error; the learned vocabulary is sorted and
// unique; rows are sorted; counting with the learned vocabulary as a fixed one gives the same
// matrix; 1 and 3 threads agree; weighted rows have unit L2 norm (or are empty); cosine
// top-n scores lie in [-1, 1] and equal the dense matrix.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "kotext/error.hpp"
#include "kotext/similarity.hpp"
#include "kotext/tfidf.hpp"
#include "kotext/vocabulary.hpp"

namespace {

void check(bool ok) {
  if (!ok) std::abort();
}

bool same(const kotext::CsrMatrix& a, const kotext::CsrMatrix& b) {
  return a.indptr == b.indptr && a.indices == b.indices && a.data == b.data;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const unsigned bits = data[0];
  std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
  std::vector<std::string_view> docs;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= text.size(); ++i) {
    if (i == text.size() || text[i] == '\n') {
      docs.push_back(text.substr(start, i - start));
      start = i + 1;
    }
  }
  kotext::NgramOptions o;
  o.min_n = 1 + static_cast<int>(bits & 1);
  o.max_n = o.min_n + static_cast<int>((bits >> 1) & 3);
  const int mode = static_cast<int>((bits >> 3) % 3);
  const bool lowercase = (bits >> 5) & 1;
  // word mode: tokens are the space-separated pieces
  std::vector<std::vector<std::string_view>> tokens(docs.size());
  for (std::size_t d = 0; d < docs.size(); ++d) {
    std::size_t s = 0;
    for (std::size_t i = 0; i <= docs[d].size(); ++i) {
      if (i == docs[d].size() || docs[d][i] == ' ') {
        if (i > s) tokens[d].push_back(docs[d].substr(s, i - s));
        s = i + 1;
      }
    }
  }
  kotext::Analyzer analyze = [&](std::size_t d, kotext::FeatureSink& sink) {
    std::string scratch;
    if (mode == 0) kotext::char_ngrams(docs[d], o, lowercase, sink);
    else if (mode == 1) kotext::char_wb_ngrams(docs[d], o, lowercase, sink);
    else kotext::word_ngrams(tokens[d].data(), tokens[d].size(), o, sink, scratch);
  };
  kotext::CountResult r;
  try {
    r = kotext::count_learn(docs.size(), analyze, 1);
  } catch (const kotext::Utf8Error&) {
    check(mode != 2);
    return 0;
  }
  for (std::size_t i = 1; i < r.terms.size(); ++i) check(r.terms[i - 1] < r.terms[i]);
  for (std::int64_t row = 0; row < r.counts.n_rows; ++row) {
    for (auto k = r.counts.indptr[row] + 1; k < r.counts.indptr[row + 1]; ++k) {
      check(r.counts.indices[k - 1] < r.counts.indices[k]);
    }
  }
  check(same(r.counts, kotext::count_learn(docs.size(), analyze, 3).counts));
  kotext::Vocabulary vocab(r.terms);
  check(same(r.counts, kotext::count_fixed(docs.size(), analyze, vocab, 2)));
  auto idf = kotext::tfidf_idf(kotext::document_frequency(r.counts), r.counts.n_rows, true);
  kotext::CsrMatrix w = r.counts;
  kotext::weight_in_place(w, idf, kotext::WeightOptions{}, 2);
  for (std::int64_t row = 0; row < w.n_rows; ++row) {
    double s = 0;
    for (auto k = w.indptr[row]; k < w.indptr[row + 1]; ++k) s += w.data[k] * w.data[k];
    check(w.indptr[row] == w.indptr[row + 1] || std::fabs(s - 1.0) < 1e-9);
  }
  kotext::CsrView v{w.n_rows, w.n_cols, w.indptr.data(), w.indices.data(), w.data.data()};
  const std::int64_t n = w.n_rows, top = 2;
  std::vector<double> dense(static_cast<std::size_t>(n * n));
  kotext::cosine_dense(v, v, dense.data(), 2);
  std::vector<std::int64_t> idx(static_cast<std::size_t>(n * top));
  std::vector<double> sc(static_cast<std::size_t>(n * top));
  kotext::cosine_top_n(v, v, top, true, false, idx.data(), sc.data(), 2);
  for (std::int64_t i = 0; i < n * top; ++i) {
    check(sc[i] >= -1 - 1e-9 && sc[i] <= 1 + 1e-9);
    if (idx[i] >= 0) check(std::fabs(dense[(i / top) * n + idx[i]] - sc[i]) < 1e-12);
  }
  return 0;
}
