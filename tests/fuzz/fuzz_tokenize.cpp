// libFuzzer target for kotext::Tokenizer (build: see fuzz_normalize.cpp). Checks, beyond
// "no crash, no sanitizer report": invalid UTF-8 throws only Utf8Error; every token has
// 0 <= begin < end <= number of input code points and non-empty text; tokenize() and
// tokenize_strings() agree; without normalization every unigram is the input's substring
// at its offsets; a Tokenizer fitted on the input still tokenizes it.
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
  o.strip_particles = !(bits & 1);
  o.drop_predicates = !(bits & 2);
  o.use_stopwords = !(bits & 4);
  o.ngram_max = (bits & 8) ? 3 : 1;
  o.normalize = !(bits & 16);
  o.split_compounds = bits & 128;
  kotext::Tokenizer tokenizer(o);
  if (bits & 32) tokenizer.add_words({"디지털 전환", "K패션"});
  std::vector<kotext::Token> tokens;
  try {
    tokens = tokenizer.tokenize(text);
  } catch (const kotext::Utf8Error& e) {
    check(e.byte_offset() < text.size());
    return 0;
  }
  const auto n = static_cast<std::int64_t>(kotext::utf8::length(text));
  std::vector<std::string> strings;
  tokenizer.tokenize_strings(text, strings);
  check(strings.size() == tokens.size());
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    const auto& t = tokens[i];
    check(!t.text.empty() && t.begin >= 0 && t.begin < t.end && t.end <= n);
    check(strings[i] == t.text);
  }
  if (!o.normalize) {
    const std::u32string cps = kotext::utf8::decode(text);
    for (const auto& t : tokens) {
      if (t.type == kotext::TokenType::Ngram) continue;
      check(kotext::utf8::encode(cps.substr(static_cast<std::size_t>(t.begin),
                                            static_cast<std::size_t>(t.end - t.begin))) == t.text);
    }
  }
  if (bits & 64) {
    kotext::Tokenizer fitted(o);
    std::vector<std::string_view> docs{text, text};
    fitted.fit(docs);
    fitted.tokenize(text);
  }
  return 0;
}
