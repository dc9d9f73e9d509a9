// pybind11 shim for kotext::normalize: converts a batch once, releases the GIL, runs the
// core on its thread pool, and builds the Python results.
#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include "common.hpp"
#include "errors.hpp"
#include "kotext/normalize.hpp"

#include <utf8proc.h>

#include <cstring>

namespace kotext::bindings {
namespace {

NormalizeOptions make_options(const std::string& form, bool decode_html, bool width, bool quotes,
                              bool middle_dots, bool dashes, bool ellipsis, bool keep_paragraphs,
                              bool lowercase, bool strip_emoji, int max_repeat,
                              const std::string& errors) {
  NormalizeOptions o;
  o.form = parse_unicode_form(form);
  if (errors == "strict") o.errors = utf8::ErrorMode::Strict;
  else if (errors == "replace") o.errors = utf8::ErrorMode::Replace;
  else if (errors == "ignore") o.errors = utf8::ErrorMode::Ignore;
  else throw py::value_error("errors must be 'strict', 'replace' or 'ignore', not '" + errors + "'");
  if (max_repeat < 0) throw py::value_error("max_repeat must be >= 0");
  o.decode_html = decode_html;
  o.width = width;
  o.quotes = quotes;
  o.middle_dots = middle_dots;
  o.dashes = dashes;
  o.ellipsis = ellipsis;
  o.keep_paragraphs = keep_paragraphs;
  o.lowercase = lowercase;
  o.strip_emoji = strip_emoji;
  o.max_repeat = max_repeat;
  return o;
}

// One document as the core reads it: UTF-8 (bytes, and str stored one byte per
// character: ASCII is its own UTF-8, so no copy) or CPython's own two- or four-byte storage
// of a str, read in place without a UTF-8 round trip.
struct Doc {
  enum Kind { Utf8, Ucs2, Ucs4 } kind = Utf8;
  std::string_view utf8;
  std::u16string_view ucs2;
  std::u32string_view ucs4;
};

// A str result is narrowed by the worker to CPython's storage for its widest character, so
// that building the str under the GIL is one allocation and one memcpy.
struct Result {
  std::string utf8;          // for UTF-8 documents
  std::u32string ucs4;       // the core's output for str documents
  std::string latin1;        // ucs4 narrowed when every character is < U+0100
  std::u16string ucs2;       // ucs4 narrowed when every character is < U+10000
  char32_t max_char = 0;
  std::vector<std::int64_t> source;
};

void narrow(Result& r) {
  char32_t m = 0;
  for (char32_t c : r.ucs4) m = c > m ? c : m;
  r.max_char = m;
  if (m < 0x100) {
    r.latin1.assign(r.ucs4.size(), '\0');
    for (std::size_t k = 0; k < r.ucs4.size(); ++k) r.latin1[k] = static_cast<char>(r.ucs4[k]);
    std::u32string().swap(r.ucs4);
  } else if (m < 0x10000) {
    r.ucs2.assign(r.ucs4.size(), u'\0');
    for (std::size_t k = 0; k < r.ucs4.size(); ++k) r.ucs2[k] = static_cast<char16_t>(r.ucs4[k]);
    std::u32string().swap(r.ucs4);
  }
}

py::str result_to_py_str(const Result& r) {
  const std::size_t n = r.latin1.size() + r.ucs2.size() + r.ucs4.size();
  PyObject* o = PyUnicode_New(static_cast<Py_ssize_t>(n), static_cast<Py_UCS4>(r.max_char));
  if (!o) throw py::error_already_set();
  if (!r.latin1.empty()) std::memcpy(PyUnicode_DATA(o), r.latin1.data(), n);
  else if (!r.ucs2.empty()) std::memcpy(PyUnicode_DATA(o), r.ucs2.data(), 2 * n);
  else if (!r.ucs4.empty()) std::memcpy(PyUnicode_DATA(o), r.ucs4.data(), 4 * n);
  return py::reinterpret_steal<py::str>(o);
}

// Index of the first surrogate code unit in @p units, or -1.
template <class Unit>
Py_ssize_t first_surrogate_unit(const Unit* units, Py_ssize_t n) {
  for (Py_ssize_t i = 0; i < n; ++i)
    if ((static_cast<std::uint32_t>(units[i]) & 0xFFFFF800u) == 0xD800u) return i;
  return -1;
}

std::vector<Doc> docs_of(const py::list& docs, std::vector<py::object>& owners) {
  std::vector<Doc> out(docs.size());
  owners.reserve(docs.size());
  for (std::size_t i = 0; i < docs.size(); ++i) {
    py::object item = docs[i];
    PyObject* o = item.ptr();
    Doc& d = out[i];
    if (PyBytes_Check(o)) {
      char* data;
      Py_ssize_t size;
      PyBytes_AsStringAndSize(o, &data, &size);
      d.utf8 = std::string_view(data, static_cast<std::size_t>(size));
    } else if (PyUnicode_Check(o) && PyUnicode_KIND(o) != PyUnicode_1BYTE_KIND) {
      const Py_ssize_t n = PyUnicode_GET_LENGTH(o);
      if (PyUnicode_KIND(o) == PyUnicode_2BYTE_KIND) {
        const auto* data = static_cast<const char16_t*>(PyUnicode_DATA(o));
        d.kind = Doc::Ucs2;
        d.ucs2 = std::u16string_view(data, static_cast<std::size_t>(n));
      } else {
        const auto* data = static_cast<const char32_t*>(PyUnicode_DATA(o));
        d.kind = Doc::Ucs4;
        d.ucs4 = std::u32string_view(data, static_cast<std::size_t>(n));
      }
    } else {
      d.utf8 = utf8_view(o, "document " + std::to_string(i));
    }
    owners.push_back(std::move(item));
  }
  return out;
}

py::list normalize_batch(const py::list& docs, const NormalizeOptions& options, bool return_offsets,
                         int n_jobs) {
  std::vector<py::object> owners;
  std::vector<Doc> views = docs_of(docs, owners);
  const std::size_t n = views.size();
  std::vector<Result> results(n);
  run_batch(n, n_jobs, [&](std::size_t i) {
    with_document_index(static_cast<std::int64_t>(i), [&] {
      const Doc& d = views[i];
      Result& r = results[i];
      auto* source = return_offsets ? &r.source : nullptr;
      // A str may hold lone surrogates (from surrogateescape, say): name the first one.
      Py_ssize_t bad = d.kind == Doc::Ucs2   ? first_surrogate_unit(d.ucs2.data(), d.ucs2.size())
                       : d.kind == Doc::Ucs4 ? first_surrogate_unit(d.ucs4.data(), d.ucs4.size())
                                             : -1;
      if (bad >= 0) {
        throw LoneSurrogate(static_cast<std::int64_t>(i), static_cast<std::int64_t>(bad));
      }
      if (d.kind == Doc::Ucs2) {
        r.ucs4 = normalize_codepoints(d.ucs2, options, source);
        narrow(r);
      } else if (d.kind == Doc::Ucs4) {
        r.ucs4 = normalize_codepoints(d.ucs4, options, source);
        narrow(r);
      } else if (return_offsets) {
        auto res = normalize_with_offsets(d.utf8, options);
        r.utf8 = std::move(res.text);
        r.source = std::move(res.source);
      } else {
        r.utf8 = normalize(d.utf8, options);
      }
    });
  });
  py::list out(n);
  for (std::size_t i = 0; i < n; ++i) {
    Result& r = results[i];
    py::str text = views[i].kind == Doc::Utf8 ? to_py_str(r.utf8) : result_to_py_str(r);
    if (return_offsets) {
      py::array_t<std::int64_t> offsets(static_cast<py::ssize_t>(r.source.size()));
      std::copy(r.source.begin(), r.source.end(), offsets.mutable_data());
      out[i] = py::make_tuple(text, offsets);
    } else {
      out[i] = text;
    }
    r = Result();  // free as we go: peak memory is about one copy of the outputs
  }
  return out;
}

}  // namespace

void bind_normalize(py::module_& m) {
  m.def(
      "normalize_batch",
      [](const py::list& docs, const std::string& form, bool decode_html, bool width, bool quotes,
         bool middle_dots, bool dashes, bool ellipsis, bool keep_paragraphs, bool lowercase,
         bool strip_emoji, int max_repeat, const std::string& errors, bool return_offsets,
         int n_jobs) {
        NormalizeOptions o = make_options(form, decode_html, width, quotes, middle_dots, dashes,
                                          ellipsis, keep_paragraphs, lowercase, strip_emoji,
                                          max_repeat, errors);
        return normalize_batch(docs, o, return_offsets, n_jobs);
      },
      py::arg("docs"), py::arg("form"), py::arg("decode_html"), py::arg("width"),
      py::arg("quotes"), py::arg("middle_dots"), py::arg("dashes"), py::arg("ellipsis"),
      py::arg("keep_paragraphs"), py::arg("lowercase"), py::arg("strip_emoji"),
      py::arg("max_repeat"), py::arg("errors"), py::arg("return_offsets"), py::arg("n_jobs"),
      "Normalize a list of str/bytes; returns a list of str (or (str, offsets) tuples).");
  m.attr("utf8proc_version") = std::string(utf8proc_version());
}

}  // namespace kotext::bindings
