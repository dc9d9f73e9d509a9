/// @file error.hpp
/// @brief Exceptions thrown by the kotext core. The core never aborts and never prints:
/// every failure is one of these, and the Python bindings turn them into Python exceptions.
#pragma once
#include <cstddef>
#include <stdexcept>
#include <string>

namespace kotext {

/// Base class of every error the core throws.
class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// Invalid UTF-8 in an input buffer.
class Utf8Error : public Error {
 public:
  /// @param byte_offset offset of the first byte of the invalid sequence
  /// @param byte_length length of the invalid sequence (at least 1)
  /// @param reason short description, e.g. "invalid start byte"
  Utf8Error(std::size_t byte_offset, std::size_t byte_length, const std::string& reason)
      : Error("invalid UTF-8 at byte " + std::to_string(byte_offset) + ": " + reason),
        byte_offset_(byte_offset), byte_length_(byte_length), reason_(reason) {}
  std::size_t byte_offset() const noexcept { return byte_offset_; }
  std::size_t byte_length() const noexcept { return byte_length_; }
  const std::string& reason() const noexcept { return reason_; }

 private:
  std::size_t byte_offset_;
  std::size_t byte_length_;
  std::string reason_;
};

/// An argument outside its documented domain (bad option value, mismatched sizes...).
class InvalidArgument : public Error {
 public:
  using Error::Error;
};

}  // namespace kotext
