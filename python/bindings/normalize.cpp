// pybind11 shim for kotext::normalize: converts a batch once, releases the GIL, runs the
// core on its thread pool, and builds the Python results.
#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include "common.hpp"
#include "errors.hpp"
#include "kotext/normalize.hpp"

#include <utf8proc.h>

namespace kotext::bindings {
namespace {

NormalizeOptions make_options(const std::string& form, bool decode_html, bool width, bool quotes,
                              bool middle_dots, bool dashes, bool ellipsis, bool keep_paragraphs,
                              bool lowercase, bool strip_emoji, int max_repeat,
                              const std::string& errors) {
  NormalizeOptions o;
  if (form == "NFC") o.form = UnicodeForm::NFC;
  else if (form == "NFKC") o.form = UnicodeForm::NFKC;
  else if (form == "none") o.form = UnicodeForm::None;
  else throw py::value_error("form must be 'NFC', 'NFKC' or 'none', not '" + form + "'");
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

// Views over str (UTF-8 cached by CPython) or bytes (decoded by the core).
std::vector<std::string_view> views_of(const py::list& docs, std::vector<py::object>& owners) {
  std::vector<std::string_view> views;
  views.reserve(docs.size());
  owners.reserve(docs.size());
  for (std::size_t i = 0; i < docs.size(); ++i) {
    py::object item = docs[i];
    if (PyBytes_Check(item.ptr())) {
      char* data;
      Py_ssize_t size;
      PyBytes_AsStringAndSize(item.ptr(), &data, &size);
      views.emplace_back(data, static_cast<std::size_t>(size));
    } else {
      views.push_back(utf8_view(item.ptr(), "document " + std::to_string(i)));
    }
    owners.push_back(std::move(item));
  }
  return views;
}

py::list normalize_batch(const py::list& docs, const NormalizeOptions& options, bool return_offsets,
                         int n_jobs) {
  std::vector<py::object> owners;
  std::vector<std::string_view> views = views_of(docs, owners);
  const std::size_t n = views.size();
  std::vector<NormalizeResult> results(n);
  run_batch(n, n_jobs, [&](std::size_t i) {
    with_document_index(static_cast<std::int64_t>(i), [&] {
      if (return_offsets) results[i] = normalize_with_offsets(views[i], options);
      else results[i].text = normalize(views[i], options);
    });
  });
  py::list out(n);
  for (std::size_t i = 0; i < n; ++i) {
    if (return_offsets) {
      auto& src = results[i].source;
      py::array_t<std::int64_t> offsets(static_cast<py::ssize_t>(src.size()));
      std::copy(src.begin(), src.end(), offsets.mutable_data());
      out[i] = py::make_tuple(to_py_str(results[i].text), offsets);
    } else {
      out[i] = to_py_str(results[i].text);
    }
    std::string().swap(results[i].text);
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
