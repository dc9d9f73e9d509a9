// Core errors tagged with the index of the document they happened in.
#pragma once
#include <cstdint>
#include <exception>
#include <string>

#include "kotext/error.hpp"

namespace kotext::bindings {

struct IndexedUtf8Error : std::exception {
  IndexedUtf8Error(std::int64_t i, kotext::Utf8Error e) : index(i), error(std::move(e)) {}
  const char* what() const noexcept override { return error.what(); }
  std::int64_t index;
  kotext::Utf8Error error;
};

/// A str document holding a lone surrogate (raised as ValueError naming both positions).
struct LoneSurrogate : std::exception {
  LoneSurrogate(std::int64_t doc, std::int64_t pos)
      : message("document " + std::to_string(doc) + " contains a lone surrogate at character " +
                std::to_string(pos) + " and is not valid Unicode text") {}
  const char* what() const noexcept override { return message.c_str(); }
  std::string message;
};

/// Calls fn(); a Utf8Error escaping it is re-thrown tagged with document @p index.
template <class Fn>
auto with_document_index(std::int64_t index, Fn&& fn) -> decltype(fn()) {
  try {
    return fn();
  } catch (const kotext::Utf8Error& e) {
    throw IndexedUtf8Error(index, e);
  } catch (const kotext::InvalidArgument& e) {
    throw kotext::InvalidArgument("document " + std::to_string(index) + ": " + e.what());
  } catch (const kotext::Error& e) {
    throw kotext::Error("document " + std::to_string(index) + ": " + e.what());
  }
}

}  // namespace kotext::bindings
