/// @file text_view.hpp
/// @brief A read-only view of a text stored as UTF-8 or as fixed-width code points
/// (Latin-1, UCS-2, UCS-4: the three ways CPython stores a str, PEP 393), so that batch
/// APIs can read their caller's strings in place instead of converting each to UTF-8.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "kotext/error.hpp"
#include "kotext/utf8.hpp"

namespace kotext {

/// How the units of a TextView encode code points.
enum class TextEncoding : std::uint8_t {
  Utf8,    ///< UTF-8 bytes
  Latin1,  ///< one byte per code point (U+0000..U+00FF)
  Ucs2,    ///< 16 bits per code point (the BMP; no surrogate pairs)
  Ucs4     ///< 32 bits per code point
};

/// A text of @ref length units in @ref encoding; the caller keeps the storage alive.
struct TextView {
  const void* data = "";
  std::size_t length = 0;  ///< bytes for UTF-8, code points otherwise
  TextEncoding encoding = TextEncoding::Utf8;

  TextView() = default;
  /// UTF-8 text (implicit, so that UTF-8 callers pass their string_view unchanged).
  TextView(std::string_view utf8)  // NOLINT(google-explicit-constructor)
      : data(utf8.data()), length(utf8.size()) {}
  TextView(const std::string& utf8)  // NOLINT(google-explicit-constructor)
      : TextView(std::string_view(utf8)) {}
  TextView(const char* utf8)  // NOLINT(google-explicit-constructor)
      : TextView(std::string_view(utf8)) {}
  TextView(const void* units, std::size_t n, TextEncoding e) : data(units), length(n), encoding(e) {}
};

/// The UTF-8 form of @p text: itself for UTF-8, else encoded into @p buffer. Throws
/// InvalidArgument naming the character of a lone surrogate, which has no UTF-8 form.
inline std::string_view as_utf8(const TextView& text, std::string& buffer) {
  if (text.encoding == TextEncoding::Utf8) {
    return std::string_view(static_cast<const char*>(text.data), text.length);
  }
  buffer.clear();
  buffer.reserve(text.length * 3);
  for (std::size_t i = 0; i < text.length; ++i) {
    char32_t c;
    switch (text.encoding) {
      case TextEncoding::Latin1: c = static_cast<const unsigned char*>(text.data)[i]; break;
      case TextEncoding::Ucs2: c = static_cast<const char16_t*>(text.data)[i]; break;
      default: c = static_cast<const char32_t*>(text.data)[i]; break;
    }
    if (c >= 0xD800 && c <= 0xDFFF) {
      throw InvalidArgument("contains a lone surrogate at character " + std::to_string(i) +
                            " and cannot be encoded as UTF-8");
    }
    utf8::append(buffer, c);
  }
  return buffer;
}

}  // namespace kotext
