// libFuzzer target for scikit-learn's default word pattern and the hashing trick (build with
// -DKOTEXT_FUZZ=ON and clang, see fuzz_tfidf.cpp). The input is one UTF-8 document, also
// read as UCS-4 units when its length allows. Checks: invalid UTF-8 throws only Utf8Error;
// every token is two or more word characters; the same text as UTF-8 and as UCS-4 code
// points gives the same tokens; hashed columns lie in [0, n_features) and a row's summed
// signs never exceed its number of tokens.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "kotext/error.hpp"
#include "kotext/hashing.hpp"
#include "kotext/utf8.hpp"
#include "kotext/word_pattern.hpp"

namespace {
void check(bool ok) {
  if (!ok) std::abort();
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto& tables = kotext::UnicodeTables::builtin();
  std::string_view text(reinterpret_cast<const char*>(data), size);
  for (bool lowercase : {false, true}) {
    std::string bytes;
    std::vector<std::size_t> offsets;
    try {
      kotext::regex_word_tokens(text, lowercase, tables, bytes, offsets);
    } catch (const kotext::Utf8Error&) {
      continue;
    }
    std::size_t n_tokens = offsets.size() - 1;
    for (std::size_t k = 0; k < n_tokens; ++k) {
      std::string_view tok(bytes.data() + offsets[k], offsets[k + 1] - offsets[k]);
      std::size_t pos = 0, cps = 0, bad = 0;
      while (pos < tok.size()) {
        char32_t cp;
        check(kotext::utf8::decode_one(tok, pos, cp, bad));
        check(tables.is_word(cp));
        ++cps;
      }
      check(cps >= 2);
    }
    // the same code points as UCS-4 units give the same tokens
    std::u32string cps;
    kotext::decode_text(text, cps);
    std::string bytes4;
    std::vector<std::size_t> offsets4;
    kotext::regex_word_tokens(kotext::TextView(cps.data(), cps.size(), kotext::TextEncoding::Ucs4),
                              lowercase, tables, bytes4, offsets4);
    check(bytes4 == bytes && offsets4 == offsets);
    // hashing: columns in range, |summed signs| <= tokens
    kotext::HashingOptions o;
    o.n_features = 1 + (size % 97);
    kotext::Analyzer analyze = [&](std::size_t, kotext::FeatureSink& sink) {
      for (std::size_t k = 0; k < n_tokens; ++k) {
        sink.add(std::string_view(bytes.data() + offsets[k], offsets[k + 1] - offsets[k]));
      }
    };
    const kotext::CsrMatrix m = kotext::count_hashed(1, analyze, o, 1);
    double total = 0;
    for (std::size_t k = 0; k < m.nnz(); ++k) {
      check(m.indices[k] >= 0 && m.indices[k] < o.n_features);
      check(k == 0 || m.indices[k] > m.indices[k - 1]);
      total += m.data[k] < 0 ? -m.data[k] : m.data[k];
    }
    check(total <= static_cast<double>(n_tokens));
  }
  return 0;
}
