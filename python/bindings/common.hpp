// Shared helpers for the pybind11 shims: batch conversion of Python str lists to UTF-8
// views (one pass, with clear errors naming the index), and a GIL-released batch runner
// that polls for Ctrl-C between blocks.
#pragma once
#include <pybind11/pybind11.h>

#include <string>
#include <string_view>
#include <vector>

#include "kotext/normalize.hpp"
#include "kotext/parallel.hpp"
#include "kotext/text_view.hpp"

namespace kotext::bindings {
namespace py = pybind11;

/// UTF-8 views over a list of Python str, keeping the str objects alive.
struct Utf8Batch {
  std::vector<py::object> owners;
  std::vector<std::string_view> views;
  std::size_t total_bytes = 0;
};

/// Position (in code points) of the first lone surrogate in @p s, or -1.
inline Py_ssize_t first_surrogate(PyObject* s) {
  Py_ssize_t n = PyUnicode_GET_LENGTH(s);
  int kind = PyUnicode_KIND(s);
  const void* data = PyUnicode_DATA(s);
  for (Py_ssize_t i = 0; i < n; ++i) {
    Py_UCS4 c = PyUnicode_READ(kind, data, i);
    if (c >= 0xD800 && c <= 0xDFFF) return i;
  }
  return -1;
}

/// UTF-8 view of one str; raises TypeError / ValueError naming @p what.
inline std::string_view utf8_view(PyObject* obj, const std::string& what) {
  if (!PyUnicode_Check(obj)) {
    throw py::type_error(what + " must be str, not " + std::string(Py_TYPE(obj)->tp_name));
  }
  Py_ssize_t size = 0;
  const char* data = PyUnicode_AsUTF8AndSize(obj, &size);
  if (!data) {
    PyErr_Clear();
    Py_ssize_t pos = first_surrogate(obj);
    throw py::value_error(what + " contains a lone surrogate at character " + std::to_string(pos) +
                          " and cannot be encoded as UTF-8");
  }
  return std::string_view(data, static_cast<std::size_t>(size));
}

/// Converts a sequence of str into UTF-8 views; errors name the document index.
/// Documents converted between two polls for Ctrl-C in the GIL-held conversions below: the
/// UTF-8 encoding of a million news paragraphs takes a few hundred milliseconds, so it must
/// poll; 256 short documents take well under a millisecond, and a poll costs a flag read.
constexpr std::size_t kSignalPollDocs = 256;

inline void poll_signals(std::size_t i) {
  if (i % kSignalPollDocs == 0 && i != 0 && PyErr_CheckSignals() != 0) throw py::error_already_set();
}

inline Utf8Batch to_utf8_batch(const py::sequence& docs, const char* name = "document") {
  Utf8Batch batch;
  const std::size_t n = docs.size();
  batch.owners.reserve(n);
  batch.views.reserve(n);
  for (std::size_t i = 0; i < n; ++i) {
    poll_signals(i);
    py::object item = docs[i];
    batch.views.push_back(utf8_view(item.ptr(), std::string(name) + " " + std::to_string(i)));
    batch.total_bytes += batch.views.back().size();
    batch.owners.push_back(std::move(item));
  }
  return batch;
}

/// Views of a sequence of str in their own storage (PEP 393: Latin-1, UCS-2 or UCS-4), for
/// core functions that take TextView: no UTF-8 conversion (which costs a serial pass over
/// the corpus and leaves a cached UTF-8 copy in every str). TypeError names the index; a
/// lone surrogate is reported by the core when it needs UTF-8.
struct TextBatch {
  std::vector<py::object> owners;
  std::vector<kotext::TextView> views;
  std::size_t total_units = 0;  ///< code points of all the views
};

inline TextBatch to_text_batch(const py::sequence& docs, const char* name = "document") {
  TextBatch batch;
  const std::size_t n = docs.size();
  batch.owners.reserve(n);
  batch.views.reserve(n);
  for (std::size_t i = 0; i < n; ++i) {
    poll_signals(i);
    py::object item = docs[i];
    PyObject* o = item.ptr();
    if (!PyUnicode_Check(o)) {
      throw py::type_error(std::string(name) + " " + std::to_string(i) + " must be str, not " +
                           std::string(Py_TYPE(o)->tp_name));
    }
#if PY_VERSION_HEX < 0x030C0000
    if (PyUnicode_READY(o) < 0) throw py::error_already_set();  // legacy str: make it compact
#endif
    const auto len = static_cast<std::size_t>(PyUnicode_GET_LENGTH(o));
    batch.total_units += len;
    const void* data = PyUnicode_DATA(o);
    switch (PyUnicode_KIND(o)) {
      case PyUnicode_1BYTE_KIND:
        batch.views.emplace_back(data, len, kotext::TextEncoding::Latin1);
        break;
      case PyUnicode_2BYTE_KIND:
        batch.views.emplace_back(data, len, kotext::TextEncoding::Ucs2);
        break;
      default:
        batch.views.emplace_back(data, len, kotext::TextEncoding::Ucs4);
        break;
    }
    batch.owners.push_back(std::move(item));
  }
  return batch;
}

/// Interruption hook for the core's check_interrupt(): runs Python's signal handlers (on
/// the main thread; elsewhere it is a no-op) and throws when one raised (KeyboardInterrupt).
inline void check_python_signals() {
  py::gil_scoped_acquire gil;
  if (PyErr_CheckSignals() != 0) throw py::error_already_set();
}

/// Runs fn() with the GIL released and Ctrl-C checked at the core's interruption points
/// (about every 20 ms): a KeyboardInterrupt abandons the call and propagates.
template <class Fn>
decltype(auto) interruptible(Fn&& fn) {
  kotext::InterruptScope scope(check_python_signals);
  py::gil_scoped_release release;
  return fn();
}

/// Runs fn(i) for i in [0, n) on the core's thread pool with the GIL released, stoppable
/// with Ctrl-C between documents. Worker exceptions propagate.
template <class Fn>
void run_batch(std::size_t n, int n_jobs, Fn&& fn) {
  interruptible([&] { kotext::parallel_for(n, n_jobs, fn); });
}

/// Parses the `form` argument shared by normalize and tokenize.
inline kotext::UnicodeForm parse_unicode_form(const std::string& form) {
  if (form == "NFC") return kotext::UnicodeForm::NFC;
  if (form == "NFKC") return kotext::UnicodeForm::NFKC;
  if (form == "none") return kotext::UnicodeForm::None;
  throw py::value_error("form must be 'NFC', 'NFKC' or 'none', not '" + form + "'");
}

/// A Python str from UTF-8 produced by the core (always valid UTF-8).
inline py::str to_py_str(const std::string& s) {
  PyObject* o = PyUnicode_DecodeUTF8(s.data(), static_cast<Py_ssize_t>(s.size()), "strict");
  if (!o) throw py::error_already_set();
  return py::reinterpret_steal<py::str>(o);
}

void bind_errors(py::module_& m);
void bind_normalize(py::module_& m);
void bind_tokenize(py::module_& m);
void bind_tfidf(py::module_& m);
void bind_segment(py::module_& m);
void bind_sentences(py::module_& m);
void bind_pairs(py::module_& m);

}  // namespace kotext::bindings
