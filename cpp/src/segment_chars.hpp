// Character predicates of the segment component, shared by its implementation files
// (segment.cpp: block features; segment_clean.cpp: in-paragraph cleaning and titles;
// segment_html.cpp and segment_meta.cpp: the HTML walk and the metadata).
#pragma once
#include <string_view>

#include "kotext/utf8.hpp"

namespace kotext::segment_chars {

inline bool is_hangul(char32_t c) { return c >= 0xAC00 && c <= 0xD7A3; }
inline bool is_jamo(char32_t c) {
  return (c >= 0x1100 && c <= 0x11FF) || (c >= 0x3131 && c <= 0x318E);
}
inline bool is_latin(char32_t c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
inline bool is_han(char32_t c) { return c >= 0x4E00 && c <= 0x9FFF; }
inline bool is_digit(char32_t c) { return c >= '0' && c <= '9'; }
inline bool is_space(char32_t c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0xA0 || c == 0x3000 ||
         (c >= 0x2000 && c <= 0x200B) || c == 0xFEFF || c == 0x202F;
}
/// Python's str.isspace() code points: the HTML walk and the metadata reader split and strip
/// text the way the reference walk in Python does, so both give the same text.
inline bool is_py_space(char32_t c) {
  return (c >= 0x09 && c <= 0x0d) || (c >= 0x1c && c <= 0x20) || c == 0x85 || c == 0xa0 ||
         c == 0x1680 || (c >= 0x2000 && c <= 0x200a) || c == 0x2028 || c == 0x2029 ||
         c == 0x202f || c == 0x205f || c == 0x3000;
}
/// str.strip(): @p s without Python's whitespace at both ends (the metadata reader and the
/// dump splitter trim the way the Python API they replaced did).
inline std::string_view py_strip(std::string_view s) {
  std::size_t b = 0, e = s.size();
  while (b < e) {
    std::size_t pos = b, bad = 1;
    char32_t cp = 0;
    if (!utf8::decode_one(s, pos, cp, bad) || !is_py_space(cp)) break;
    b = pos;
  }
  while (e > b) {
    std::size_t start = e - 1;
    while (start > b && (static_cast<unsigned char>(s[start]) & 0xC0) == 0x80) --start;
    std::size_t pos = start, bad = 1;
    char32_t cp = 0;
    if (!utf8::decode_one(s, pos, cp, bad) || pos != e || !is_py_space(cp)) break;
    e = start;
  }
  return s.substr(b, e - b);
}
/// Closing quotes and brackets that may follow a sentence ending.
inline bool is_closer(char32_t c) {
  return c == '"' || c == '\'' || c == ')' || c == ']' || c == 0x201D || c == 0x2019 ||
         c == 0x300D || c == 0x300F || c == 0x300B || c == 0x3009 || c == '>' || c == 0x3011;
}
inline bool is_email_char(char32_t c) {
  return is_latin(c) || is_digit(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-';
}

}  // namespace kotext::segment_chars
