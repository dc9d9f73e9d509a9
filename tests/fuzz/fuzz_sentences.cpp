// libFuzzer target for kotext::split_sentences (build: see fuzz_normalize.cpp). Checks the
// documented contract: spans are non-empty, ordered, non-overlapping, inside the text, with
// consistent byte offsets, and nothing but whitespace lies between them.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "kotext/error.hpp"
#include "kotext/sentences.hpp"

namespace {
void check(bool ok) {
  if (!ok) std::abort();
}
bool only_ascii_space(std::string_view s) {
  // The splitter treats as spaces what Python's str.isspace() does: \t-\r, \x1c-\x1f, ' '.
  for (char c : s)
    if (!(c == ' ' || (c >= '\t' && c <= '\r') || (c >= 0x1c && c <= 0x1f))) return false;
  return true;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const unsigned bits = data[0];
  std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
  kotext::SentenceOptions o;
  o.split_unpunctuated_endings = bits & 1;
  o.errors = (bits & 2) ? kotext::utf8::ErrorMode::Replace : kotext::utf8::ErrorMode::Strict;
  if (bits & 4) o.protected_byte_spans.push_back({text.size() / 3, text.size() / 2});
  try {
    auto spans = kotext::split_sentences(text, o);
    std::size_t prev_end = 0, prev_byte_end = 0;
    for (const auto& s : spans) {
      check(s.begin < s.end && s.byte_begin < s.byte_end && s.byte_end <= text.size());
      check(s.begin >= prev_end && s.byte_begin >= prev_byte_end);
      // Between sentences there is whitespace only (Unicode spaces are multi-byte, so
      // check only when the gap is pure ASCII).
      std::string_view gap = text.substr(prev_byte_end, s.byte_begin - prev_byte_end);
      bool ascii = true;
      for (unsigned char c : gap) ascii &= c < 0x80;
      if (ascii) check(only_ascii_space(gap));
      prev_end = s.end;
      prev_byte_end = s.byte_end;
    }
  } catch (const kotext::Utf8Error& e) {
    check(o.errors == kotext::utf8::ErrorMode::Strict && e.byte_offset() < text.size());
  }
  return 0;
}
