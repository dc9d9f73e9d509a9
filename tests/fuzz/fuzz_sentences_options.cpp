// libFuzzer target for kotext::split_sentences with its options (build with -DKOTEXT_FUZZ=ON and clang):
//   cmake -S . -B build/fuzz -DKOTEXT_FUZZ=ON -DCMAKE_CXX_COMPILER=clang++
//   cmake --build build/fuzz --target fuzz_sentences_options && build/fuzz/fuzz_sentences_options -max_total_time=60
// The first byte picks the options (newline mode, unpunctuated endings, error mode, one
// protected span), the rest is the text. Beyond "no crash, no sanitizer report" it checks
// the documented properties: spans are non-empty, ordered, inside the input, agree in code
// points and bytes, never start or end with whitespace, leave only whitespace between them,
// and never cut inside the protected span.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "kotext/error.hpp"
#include "kotext/sentences.hpp"

namespace {

void check(bool ok) {
  if (!ok) std::abort();
}

bool is_ascii_space(unsigned char c) { return c == ' ' || (c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x1F); }

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const unsigned bits = data[0];
  std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
  kotext::SentenceOptions o;
  o.newline = static_cast<kotext::NewlineMode>(bits % 3);
  o.split_unpunctuated_endings = (bits & 4) == 0;
  o.errors = (bits & 8) ? kotext::utf8::ErrorMode::Replace : kotext::utf8::ErrorMode::Strict;
  if (bits & 16) o.protected_spans.push_back({(bits >> 5) * 3u, (bits >> 5) * 3u + 40u});
  std::vector<kotext::SentenceSpan> spans;
  try {
    spans = kotext::split_sentences(text, o);
  } catch (const kotext::Utf8Error& e) {
    check(o.errors == kotext::utf8::ErrorMode::Strict && e.byte_offset() < text.size());
    return 0;
  }
  std::size_t prev_cp = 0, prev_byte = 0;
  for (const auto& s : spans) {
    check(s.begin < s.end && s.byte_begin < s.byte_end && s.byte_end <= text.size());
    check(s.begin >= prev_cp && s.byte_begin >= prev_byte);
    check(s.end - s.begin <= s.byte_end - s.byte_begin);
    check(!is_ascii_space(static_cast<unsigned char>(text[s.byte_begin])));
    check(!is_ascii_space(static_cast<unsigned char>(text[s.byte_end - 1])));
    for (std::size_t b = prev_byte; b < s.byte_begin; ++b) {
      const unsigned char c = static_cast<unsigned char>(text[b]);
      check(c >= 0x80 || is_ascii_space(c));  // gaps hold only whitespace (multi-byte: Zs)
    }
    prev_cp = s.end;
    prev_byte = s.byte_end;
  }
  for (std::size_t k = 0; k + 1 < spans.size(); ++k) {
    for (auto [b, e] : o.protected_spans) check(!(b < spans[k].end && spans[k].end < e));
  }
  return 0;
}
