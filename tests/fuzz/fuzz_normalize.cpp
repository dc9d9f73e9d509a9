// libFuzzer target for kotext::normalize (build with -DKOTEXT_FUZZ=ON and clang):
//   cmake -S . -B build/fuzz -DKOTEXT_FUZZ=ON -DCMAKE_CXX_COMPILER=clang++
//   cmake --build build/fuzz --target fuzz_normalize && build/fuzz/fuzz_normalize -max_total_time=60
// The first byte picks the options, the rest is the text. Beyond "no crash, no sanitizer
// report" it checks the documented properties: strict mode throws only Utf8Error (with an
// offset inside the input), the output is valid UTF-8, normalize() is idempotent, and the
// offsets have one entry per output code point, never decrease and point into the input;
// normalizing in pieces gives the same result.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "kotext/error.hpp"
#include "kotext/normalize.hpp"

namespace {

void check(bool ok) {
  if (!ok) std::abort();
}

bool valid_utf8(std::string_view s) {
  std::size_t pos = 0;
  while (pos < s.size()) {
    char32_t cp;
    std::size_t bad = 0;
    if (!kotext::utf8::decode_one(s, pos, cp, bad)) return false;
  }
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const unsigned bits = data[0];
  std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);

  kotext::NormalizeOptions o;
  o.form = (bits & 3) == 0 ? kotext::UnicodeForm::NFC
           : (bits & 3) == 1 ? kotext::UnicodeForm::NFKC
           : (bits & 3) == 2 ? kotext::UnicodeForm::None
                             : kotext::UnicodeForm::NFC;
  o.lowercase = bits & 4;
  o.strip_emoji = bits & 8;
  o.keep_paragraphs = !(bits & 16);
  o.decode_html = !(bits & 32);
  o.width = !(bits & 64);
  o.max_repeat = (bits & 128) ? 1 : 2;

  // Strict: either a result or a Utf8Error pointing into the input.
  try {
    kotext::normalize(text, o);
  } catch (const kotext::Utf8Error& e) {
    check(e.byte_offset() < text.size() && e.byte_length() >= 1);
  }

  // Replace: always a result, checked against the documented properties.
  o.errors = kotext::utf8::ErrorMode::Replace;
  const auto result = kotext::normalize_with_offsets(text, o);
  check(valid_utf8(result.text));
  check(result.text == kotext::normalize(text, o));
  check(result.source.size() == kotext::utf8::length(result.text));
  const auto input_length = static_cast<std::int64_t>(kotext::utf8::decode(text, o.errors).size());
  for (std::size_t k = 0; k < result.source.size(); ++k) {
    check(result.source[k] >= 0 && result.source[k] < input_length);
    if (k > 0) check(result.source[k - 1] <= result.source[k]);
  }
  check(kotext::normalize(result.text, o) == result.text);
  // A long input is normalized in pieces: tiny pieces give the same text and offsets.
  kotext::NormalizeOptions pieces = o;
  pieces.piece_units = 1 + data[0] % 13;
  const auto in_pieces = kotext::normalize_with_offsets(text, pieces);
  check(in_pieces.text == result.text && in_pieces.source == result.source);

  // The code point entry points agree with the UTF-8 one on the same text...
  std::vector<std::int64_t> source;
  const std::u32string cps = kotext::utf8::decode(text, o.errors);
  check(kotext::utf8::encode(kotext::normalize_codepoints(cps, o, &source)) == result.text);
  check(source == result.source);
  // ...and take any units, surrogates and values above 0x10FFFF included.
  std::u32string units(text.size() / 4, 0);
  for (std::size_t k = 0; k < units.size(); ++k)
    units[k] = static_cast<char32_t>(data[1 + 4 * k] | data[2 + 4 * k] << 8 |
                                     data[3 + 4 * k] << 16 | (data[4 + 4 * k] & 0x11) << 24);
  try {
    kotext::normalize_codepoints(units, o);
    o.errors = kotext::utf8::ErrorMode::Strict;
    kotext::normalize_codepoints(std::u16string(units.begin(), units.end()), o);
  } catch (const kotext::InvalidArgument&) {
  }
  return 0;
}
