// Sentence splitter (first cut: blank lines and line breaks only; rules land next).
#include "kotext/sentences.hpp"

namespace kotext {

std::vector<SentenceSpan> split_sentences(std::string_view text, const SentenceOptions& options) {
  (void)options;
  std::vector<SentenceSpan> out;
  std::size_t cp = 0, pos = 0, start_cp = 0, start_b = 0, last_cp = 0, last_b = 0;
  bool in = false;
  while (pos < text.size()) {
    std::size_t b = pos;
    char32_t c;
    std::size_t bad = 0;
    const char* reason = nullptr;
    if (!utf8::decode_one(text, pos, c, bad, &reason)) {
      if (options.errors == utf8::ErrorMode::Strict) throw Utf8Error(pos, bad, reason);
      c = 0xFFFD;
      pos += 1;
    }
    bool ws = c == ' ' || c == '\t' || c == '\n' || c == '\r';
    if (c == '\n' && in) {
      out.push_back({start_cp, last_cp, start_b, last_b});
      in = false;
    } else if (!ws) {
      if (!in) { in = true; start_cp = cp; start_b = b; }
      last_cp = cp + 1;
      last_b = pos;
    }
    ++cp;
  }
  if (in) out.push_back({start_cp, last_cp, start_b, last_b});
  return out;
}

}  // namespace kotext
