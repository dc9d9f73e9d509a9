// libFuzzer target for the word counting fast path (split_chunks + chunk memo) on every
// text storage (build with -DKOTEXT_FUZZ=ON and clang, see fuzz_tfidf.cpp):
//   cmake --build build/fuzz --target fuzz_word_counts && build/fuzz/fuzz_word_counts -max_total_time=60
// The first byte picks the storage (UTF-8, Latin-1, UCS-2, UCS-4) and whether documents
// repeat; the rest is split into documents at '\n' (UTF-8, Latin-1) or at U+000A code units.
// Checks: word_analyzer's counts (chunk memo, one and two threads) equal counting the token
// lists of tokenize_strings() on the same text in UTF-8; invalid UTF-8 throws only
// Utf8Error and a lone surrogate only InvalidArgument, from both paths alike.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "kotext/error.hpp"
#include "kotext/text_view.hpp"
#include "kotext/tokenize.hpp"
#include "kotext/vocabulary.hpp"
#include "kotext/word_counts.hpp"

namespace {

void check(bool ok) {
  if (!ok) std::abort();
}

bool same(const kotext::CountResult& a, const kotext::CountResult& b) {
  return a.terms == b.terms && a.counts.indptr == b.counts.indptr &&
         a.counts.indices == b.counts.indices && a.counts.data == b.counts.data;
}

template <class Unit>
void split_units(const std::uint8_t* data, std::size_t size, std::vector<std::basic_string<Unit>>& out) {
  std::basic_string<Unit> cur;
  for (std::size_t i = 0; i + sizeof(Unit) <= size; i += sizeof(Unit)) {
    Unit u;
    std::memcpy(&u, data + i, sizeof(Unit));
    if constexpr (sizeof(Unit) == 4) u = u % 0x110000;  // keep to Unicode's range
    if (u == Unit('\n')) {
      out.push_back(cur);
      cur.clear();
    } else {
      cur.push_back(u);
    }
  }
  out.push_back(cur);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const unsigned storage = data[0] & 3;
  const bool repeat = (data[0] >> 2) & 1;
  ++data;
  --size;
  std::vector<std::string> bytes;             // UTF-8 or Latin-1 documents
  std::vector<std::u16string> ucs2;
  std::vector<std::u32string> ucs4;
  std::vector<kotext::TextView> views;
  if (storage <= 1) {
    split_units<char>(data, size, bytes);
    for (const auto& d : bytes) {
      views.push_back(storage == 0 ? kotext::TextView(d)
                                   : kotext::TextView(d.data(), d.size(), kotext::TextEncoding::Latin1));
    }
  } else if (storage == 2) {
    split_units<char16_t>(data, size, ucs2);
    for (const auto& d : ucs2) views.emplace_back(d.data(), d.size(), kotext::TextEncoding::Ucs2);
  } else {
    split_units<char32_t>(data, size, ucs4);
    for (const auto& d : ucs4) views.emplace_back(d.data(), d.size(), kotext::TextEncoding::Ucs4);
  }
  if (repeat) {  // every chunk seen again: memo hits
    const std::size_t n = views.size();
    for (std::size_t i = 0; i < n; ++i) views.push_back(views[i]);
  }
  kotext::Tokenizer tokenizer;
  kotext::WordAnalyzerOptions options;
  const kotext::Analyzer fast = kotext::word_analyzer(views, tokenizer, options);
  const kotext::Analyzer slow = [&](std::size_t d, kotext::FeatureSink& sink) {
    std::string utf8;
    std::vector<std::string> tokens;
    tokenizer.tokenize_strings(kotext::as_utf8(views[d], utf8), tokens);
    std::vector<std::string_view> v;
    for (auto& t : tokens) {
      for (char& c : t) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
      }
      v.emplace_back(t);
    }
    std::string scratch;
    kotext::word_ngrams(v.data(), v.size(), options.ngrams, sink, scratch);
  };
  int fast_error = 0, slow_error = 0;  // 1: Utf8Error, 2: InvalidArgument
  kotext::CountResult a, b, c;
  try {
    a = kotext::count_learn(views.size(), fast, 1);
    c = kotext::count_learn(views.size(), fast, 2);
  } catch (const kotext::Utf8Error&) {
    fast_error = 1;
  } catch (const kotext::InvalidArgument&) {
    fast_error = 2;
  }
  try {
    b = kotext::count_learn(views.size(), slow, 1);
  } catch (const kotext::Utf8Error&) {
    slow_error = 1;
  } catch (const kotext::InvalidArgument&) {
    slow_error = 2;
  }
  check(fast_error == slow_error);
  check(fast_error != 1 || storage == 0);  // only UTF-8 can be invalid UTF-8
  if (fast_error) return 0;
  check(same(a, b));
  check(same(a, c));
  return 0;
}
