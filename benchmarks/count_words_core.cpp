// The TF-IDF word counting of the default TfidfVectorizer in C++ alone (no Python objects):
// count_learn over word_analyzer, on documents separated by NUL bytes in a file, repeated
// to the given number of copies. For profiling (perf record) the counting path; by hand:
//   cmake -S . -B /tmp/bld -DCMAKE_CXX_FLAGS=-g -DKOTEXT_BUILD_PYTHON=OFF && cmake --build /tmp/bld
//   g++ -O2 -g -std=c++17 -Icpp/include benchmarks/count_words_core.cpp /tmp/bld/libkotext_core.a \
//       -lutf8proc -lpthread -o /tmp/count_words_core && /tmp/count_words_core docs.bin 16 1 5
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "kotext/word_counts.hpp"

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s docs.bin [copies] [threads] [runs] [utf8|ucs2]\n", argv[0]);
    return 2;
  }
  const int copies = argc > 2 ? std::atoi(argv[2]) : 16;
  const int threads = argc > 3 ? std::atoi(argv[3]) : 1;
  const int runs = argc > 4 ? std::atoi(argv[4]) : 5;
  std::ifstream f(argv[1], std::ios::binary);
  std::stringstream ss;
  ss << f.rdbuf();
  const std::string all = ss.str();
  std::vector<std::string_view> once;
  for (std::size_t a = 0; a <= all.size();) {
    std::size_t b = all.find('\0', a);
    if (b == std::string::npos) b = all.size();
    once.emplace_back(all.data() + a, b - a);
    a = b + 1;
  }
  // ucs2: the documents as CPython stores a Korean str (what the Python binding passes)
  const bool ucs2 = argc > 5 && std::string(argv[5]) == "ucs2";
  std::vector<std::u16string> wide;
  std::vector<kotext::TextView> views(once.begin(), once.end());
  if (ucs2) {
    for (auto d : once) {
      std::u16string w;
      for (char32_t c : kotext::utf8::decode(d)) w.push_back(static_cast<char16_t>(c));
      wide.push_back(std::move(w));
    }
    for (std::size_t i = 0; i < once.size(); ++i) {
      views[i] = kotext::TextView(wide[i].data(), wide[i].size(), kotext::TextEncoding::Ucs2);
    }
  }
  std::vector<kotext::TextView> docs;
  for (int c = 0; c < copies; ++c) docs.insert(docs.end(), views.begin(), views.end());
  kotext::Tokenizer tokenizer;
  kotext::WordAnalyzerOptions options;
  const kotext::Analyzer analyze = kotext::word_analyzer(docs, tokenizer, options);
  // The process's memo of chunks, as the Python binding passes it: the first run is cold,
  // the later ones count chunks from it.
  const std::shared_ptr<kotext::TermMemo> memo = kotext::word_term_memo(tokenizer, options);
  std::vector<double> secs;
  std::size_t nnz = 0, terms = 0;
  for (int r = 0; r < runs; ++r) {
    const auto t0 = std::chrono::steady_clock::now();
    kotext::CountResult res = kotext::count_learn(docs.size(), analyze, threads, memo.get());
    secs.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
    nnz = res.counts.nnz();
    terms = res.terms.size();
  }
  std::printf("runs:");
  for (double s : secs) std::printf(" %.3f", s);
  std::printf(" s (the first cold); memo %zu chunks, %zu terms, %.1f MB\n", memo->chunks(), memo->terms(), static_cast<double>(memo->bytes()) / 1e6);
  std::sort(secs.begin(), secs.end());
  double mb = 0;
  for (auto d : once) mb += static_cast<double>(d.size()) * copies / 1e6;
  std::printf("%zu docs, %.1f MB, %s, %zu terms, nnz %zu; %d thread(s): median %.3f s (%.1f MB/s), min %.3f s\n",
              docs.size(), mb, ucs2 ? "UCS-2" : "UTF-8", terms, nnz, threads, secs[secs.size() / 2],
              mb / secs[secs.size() / 2], secs[0]);
}
