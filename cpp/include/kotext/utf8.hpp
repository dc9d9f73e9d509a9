/// @file utf8.hpp
/// @brief Small, fast UTF-8 decoding and encoding helpers shared by every component.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "kotext/error.hpp"

namespace kotext::utf8 {

/// How undecodable bytes are treated, mirroring Python's `errors=` argument.
enum class ErrorMode { Strict, Replace, Ignore };

/// Appends the UTF-8 encoding of code point @p cp to @p out.
inline void append(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

/// Decodes one code point starting at @p pos and advances @p pos past it.
/// Returns false (and leaves @p pos unchanged) when the bytes at @p pos are not valid
/// UTF-8; @p bad_length is then the number of bytes that form the maximal invalid prefix
/// (the unit Python's decoder reports and replaces).
inline bool decode_one(std::string_view s, std::size_t& pos, char32_t& cp,
                       std::size_t& bad_length, const char** reason = nullptr) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const std::size_t n = s.size();
  unsigned char c = p[pos];
  if (c < 0x80) { cp = c; ++pos; return true; }
  std::size_t need;
  char32_t min;
  unsigned char lo = 0x80, hi = 0xBF;
  if (c >= 0xC2 && c <= 0xDF) { need = 1; cp = c & 0x1F; min = 0x80; }
  else if (c >= 0xE0 && c <= 0xEF) {
    need = 2; cp = c & 0x0F; min = 0x800;
    if (c == 0xE0) lo = 0xA0;
    if (c == 0xED) hi = 0x9F;  // surrogates are not valid UTF-8
  } else if (c >= 0xF0 && c <= 0xF4) {
    need = 3; cp = c & 0x07; min = 0x10000;
    if (c == 0xF0) lo = 0x90;
    if (c == 0xF4) hi = 0x8F;
  } else {
    bad_length = 1;
    if (reason) *reason = "invalid start byte";
    return false;
  }
  for (std::size_t k = 1; k <= need; ++k) {
    if (pos + k >= n) {
      bad_length = k;
      if (reason) *reason = "unexpected end of data";
      return false;
    }
    unsigned char b = p[pos + k];
    unsigned char l = (k == 1) ? lo : 0x80, h = (k == 1) ? hi : 0xBF;
    if (b < l || b > h) {
      bad_length = k;
      if (reason) *reason = "invalid continuation byte";
      return false;
    }
    cp = (cp << 6) | (b & 0x3F);
  }
  (void)min;
  pos += need + 1;
  return true;
}

/// Decodes @p s into code points. Invalid bytes throw Utf8Error (Strict), become U+FFFD
/// (Replace) or are skipped (Ignore). When @p byte_starts is given it receives, for each
/// code point, the byte offset it starts at.
inline std::u32string decode(std::string_view s, ErrorMode mode = ErrorMode::Strict,
                             std::vector<std::size_t>* byte_starts = nullptr) {
  std::u32string out;
  if (!byte_starts) {
    // Fast path (the tokenizer decodes every document): write into a buffer sized for the
    // worst case, ASCII and valid 3-byte sequences (Hangul, CJK) inline; anything else
    // goes through decode_one exactly as below.
    out.resize(s.size());
    char32_t* o = &out[0];
    const auto* p = reinterpret_cast<const unsigned char*>(s.data());
    const std::size_t n = s.size();
    std::size_t pos = 0;
    while (pos < n) {
      const unsigned char c = p[pos];
      if (c < 0x80) {
        *o++ = c;
        ++pos;
        continue;
      }
      if ((c & 0xF0) == 0xE0 && pos + 2 < n) {
        const unsigned char b1 = p[pos + 1], b2 = p[pos + 2];
        const unsigned char lo = c == 0xE0 ? 0xA0 : 0x80, hi = c == 0xED ? 0x9F : 0xBF;
        if (b1 >= lo && b1 <= hi && (b2 & 0xC0) == 0x80) {
          *o++ = (static_cast<char32_t>(c & 0x0F) << 12) | (static_cast<char32_t>(b1 & 0x3F) << 6) |
                 (b2 & 0x3F);
          pos += 3;
          continue;
        }
      }
      char32_t cp;
      std::size_t bad = 0;
      const char* reason = nullptr;
      if (decode_one(s, pos, cp, bad, &reason)) {
        *o++ = cp;
        continue;
      }
      if (mode == ErrorMode::Strict) throw Utf8Error(pos, bad, reason);
      if (mode == ErrorMode::Replace) *o++ = 0xFFFD;
      pos += bad;
    }
    out.resize(static_cast<std::size_t>(o - out.data()));
    return out;
  }
  out.reserve(s.size());
  std::size_t pos = 0;
  while (pos < s.size()) {
    char32_t cp;
    std::size_t bad = 0;
    const char* reason = nullptr;
    std::size_t start = pos;
    if (decode_one(s, pos, cp, bad, &reason)) {
      out.push_back(cp);
      if (byte_starts) byte_starts->push_back(start);
      continue;
    }
    if (mode == ErrorMode::Strict) throw Utf8Error(pos, bad, reason);
    if (mode == ErrorMode::Replace) {
      out.push_back(0xFFFD);
      if (byte_starts) byte_starts->push_back(start);
    }
    pos += bad;
  }
  return out;
}

/// Encodes code points as UTF-8.
inline std::string encode(std::u32string_view cps) {
  std::string out;
  out.reserve(cps.size() * 3);
  for (char32_t cp : cps) append(out, cp);
  return out;
}

/// Number of code points in valid UTF-8 @p s (counts lead bytes).
inline std::size_t length(std::string_view s) {
  std::size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

}  // namespace kotext::utf8
