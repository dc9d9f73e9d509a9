// The C++ tokenizer alone (no Python objects), one thread: tokenize_strings over
// documents separated by NUL bytes in a file. benchmarks/tokenize.py --core writes the
// file, builds this with the installed core library and runs it; by hand:
//   g++ -O2 -std=c++17 -Icpp/include benchmarks/tokenize_core.cpp build/cpp/libkotext_core.a \
//       -lutf8proc -lpthread -o /tmp/tokenize_core && /tmp/tokenize_core docs.bin 7
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "kotext/tokenize.hpp"

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s docs.bin [runs]\n", argv[0]);
    return 2;
  }
  std::ifstream f(argv[1], std::ios::binary);
  std::stringstream ss;
  ss << f.rdbuf();
  const std::string all = ss.str();
  std::vector<std::string_view> docs;
  for (std::size_t a = 0; a < all.size();) {
    std::size_t b = all.find('\0', a);
    if (b == std::string::npos) b = all.size();
    docs.emplace_back(all.data() + a, b - a);
    a = b + 1;
  }
  const int runs = argc > 2 ? std::atoi(argv[2]) : 7;
  for (int normalize = 1; normalize >= 0; --normalize) {
    kotext::TokenizerOptions o;
    o.normalize = normalize;
    kotext::Tokenizer tok(o);
    std::vector<double> times, cpu;
    std::size_t n_tokens = 0;
    for (int r = 0; r < runs; ++r) {
      std::vector<std::string> out;
      n_tokens = 0;
      const std::clock_t c0 = std::clock();
      auto t0 = std::chrono::steady_clock::now();
      for (auto d : docs) {
        out.clear();
        tok.tokenize_strings(d, out);
        n_tokens += out.size();
      }
      times.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
      cpu.push_back(static_cast<double>(std::clock() - c0) / CLOCKS_PER_SEC);
    }
    std::sort(cpu.begin(), cpu.end());
    const double c = cpu[cpu.size() / 2];
    std::sort(times.begin(), times.end());
    const double t = times[times.size() / 2];
    std::printf("C++ Tokenizer::tokenize_strings, 1 thread, normalize=%d: wall %.3f s (median of %d), "
                "%.1f MB/s (best %.1f); cpu %.3f s, %.1f MB per CPU-second; %zu tokens\n",
                normalize, t, runs, all.size() / 1e6 / t, all.size() / 1e6 / times.front(), c,
                all.size() / 1e6 / c, n_tokens);
  }
  return 0;
}
