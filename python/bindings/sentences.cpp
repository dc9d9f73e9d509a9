// pybind11 shim for kotext::split_sentences: converts the batch once, splits on the core's
// thread pool with the GIL released, then slices the caller's own str objects (code point
// offsets), so sentences are never re-encoded.
#include <pybind11/stl.h>

#include "common.hpp"
#include "errors.hpp"
#include "kotext/sentences.hpp"

namespace kotext::bindings {
namespace {

NewlineMode parse_newline(const std::string& mode) {
  if (mode == "always") return NewlineMode::Always;
  if (mode == "ending") return NewlineMode::Ending;
  if (mode == "never") return NewlineMode::Never;
  throw py::value_error("newline must be 'always', 'ending' or 'never', not '" + mode + "'");
}

// One document's protected spans: a sequence of (start, end) pairs of non-negative ints.
std::vector<std::pair<std::size_t, std::size_t>> to_spans(const py::handle& obj, std::size_t doc,
                                                          bool single) {
  std::vector<std::pair<std::size_t, std::size_t>> spans;
  if (obj.is_none()) return spans;
  const std::string where = single ? "protected" : "protected[" + std::to_string(doc) + "]";
  if (!py::isinstance<py::sequence>(obj) || py::isinstance<py::str>(obj))
    throw py::type_error(where + " must be a list of (start, end) pairs");
  auto seq = py::reinterpret_borrow<py::sequence>(obj);
  for (std::size_t k = 0; k < seq.size(); ++k) {
    py::object item = seq[k];
    if (!py::isinstance<py::sequence>(item) || py::len(item) != 2)
      throw py::type_error(where + "[" + std::to_string(k) + "] must be a (start, end) pair");
    auto pair = py::reinterpret_borrow<py::sequence>(item);
    long long s = pair[0].cast<long long>(), e = pair[1].cast<long long>();
    if (s < 0 || e < s)
      throw py::value_error(where + "[" + std::to_string(k) + "] = (" + std::to_string(s) + ", " +
                            std::to_string(e) + ") is not a valid span (0 <= start <= end)");
    spans.emplace_back(static_cast<std::size_t>(s), static_cast<std::size_t>(e));
  }
  return spans;
}

py::list split_batch(const py::list& docs, const py::object& protected_spans, bool single,
                     const std::string& newline, bool unpunctuated, bool return_offsets,
                     int n_jobs) {
  Utf8Batch batch = to_utf8_batch(docs);
  const std::size_t n = batch.views.size();
  SentenceOptions base;
  base.newline = parse_newline(newline);
  base.split_unpunctuated_endings = unpunctuated;
  std::vector<SentenceOptions> options(n, base);
  if (!protected_spans.is_none()) {
    if (single) {
      options[0].protected_spans = to_spans(protected_spans, 0, true);
    } else {
      if (!py::isinstance<py::sequence>(protected_spans) || py::len(protected_spans) != n)
        throw py::value_error("protected must hold one list of spans (or None) per document");
      auto seq = py::reinterpret_borrow<py::sequence>(protected_spans);
      for (std::size_t i = 0; i < n; ++i) options[i].protected_spans = to_spans(seq[i], i, false);
    }
  }
  std::vector<std::vector<SentenceSpan>> results(n);
  run_batch(n, n_jobs, [&](std::size_t i) {
    with_document_index(static_cast<std::int64_t>(i),
                        [&] { results[i] = split_sentences(batch.views[i], options[i]); });
  });
  py::list out(n);
  for (std::size_t i = 0; i < n; ++i) {
    PyObject* doc = batch.owners[i].ptr();
    py::list sents(results[i].size());
    for (std::size_t k = 0; k < results[i].size(); ++k) {
      const auto& sp = results[i][k];
      PyObject* sub = PyUnicode_Substring(doc, static_cast<Py_ssize_t>(sp.begin),
                                          static_cast<Py_ssize_t>(sp.end));
      if (!sub) throw py::error_already_set();
      auto text = py::reinterpret_steal<py::str>(sub);
      if (return_offsets) {
        sents[k] = py::make_tuple(text, sp.begin, sp.end);
      } else {
        sents[k] = text;
      }
    }
    out[i] = sents;
    std::vector<SentenceSpan>().swap(results[i]);
  }
  return out;
}

}  // namespace

void bind_sentences(py::module_& m) {
  m.def("split_sentences_batch", &split_batch, py::arg("docs"), py::arg("protected_spans"),
        py::arg("single"), py::arg("newline"), py::arg("split_unpunctuated_endings"),
        py::arg("return_offsets"), py::arg("n_jobs"),
        "Split a list of str into sentences; per document a list of str or of "
        "(text, start, end) tuples with code point offsets.");
}

}  // namespace kotext::bindings
