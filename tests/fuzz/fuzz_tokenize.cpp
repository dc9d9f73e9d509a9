// libFuzzer target for kotext::Tokenizer (build with -DKOTEXT_FUZZ=ON and clang):
//   cmake -S . -B build/fuzz -DKOTEXT_FUZZ=ON -DCMAKE_CXX_COMPILER=clang++
//   cmake --build build/fuzz --target fuzz_tokenize && build/fuzz/fuzz_tokenize -max_total_time=60
// The first byte picks the options, the rest is the text. Beyond "no crash, no sanitizer
// report" it checks: only Utf8Error is thrown, offsets are inside the input and ordered
// begin < end, without normalization every unigram is the input's substring at its
// offsets, and tokenize_strings() gives the same texts as tokenize().
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "kotext/error.hpp"
#include "kotext/tokenize.hpp"
#include "kotext/utf8.hpp"

namespace {
void check(bool ok) {
  if (!ok) std::abort();
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const unsigned bits = data[0];
  std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
  kotext::TokenizerOptions o;
  o.normalize = bits & 1;
  o.strip_particles = !(bits & 2);
  o.drop_predicates = !(bits & 4);
  o.use_stopwords = bits & 8;
  o.split_compounds = bits & 16;
  o.ngram_max = (bits & 32) ? 2 : 1;
  kotext::Tokenizer tok(o);
  if (bits & 64) tok.add_words({"디지털 전환", "패션"});
  std::vector<kotext::Token> toks;
  try {
    toks = tok.tokenize(text);
  } catch (const kotext::Utf8Error&) {
    return 0;
  }
  const std::u32string cps = kotext::utf8::decode(text);
  std::vector<std::string> strings;
  tok.tokenize_strings(text, strings);
  check(strings.size() == toks.size());
  for (std::size_t i = 0; i < toks.size(); ++i) {
    const auto& t = toks[i];
    check(strings[i] == t.text);
    check(0 <= t.begin && t.begin < t.end && t.end <= static_cast<std::int64_t>(cps.size()));
    if (!o.normalize && t.type != kotext::TokenType::Ngram) {
      check(kotext::utf8::encode(cps.substr(static_cast<std::size_t>(t.begin),
                                            static_cast<std::size_t>(t.end - t.begin))) == t.text);
    }
  }
  return 0;
}
