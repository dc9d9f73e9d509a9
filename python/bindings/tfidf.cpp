// pybind11 shim for counting, weighting and similarity. Inputs are converted once per
// batch (UTF-8 views over the caller's str objects), the core runs with the GIL released,
// and CSR buffers move into numpy arrays without a copy (a capsule owns the vector).
#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <thread>
#include <memory>
#include <unordered_set>

#include "common.hpp"
#include "errors.hpp"
#include "kotext/hashing.hpp"
#include "kotext/similarity.hpp"
#include "kotext/tfidf.hpp"
#include "kotext/tokenize.hpp"
#include "kotext/vocabulary.hpp"
#include "kotext/word_counts.hpp"
#include "kotext/word_pattern.hpp"

namespace kotext::bindings {
namespace {

template <class T, class A>
py::array_t<T> to_numpy(std::vector<T, A>&& v) {
  auto* owned = new std::vector<T, A>(std::move(v));
  py::capsule owner(owned, [](void* p) { delete static_cast<std::vector<T, A>*>(p); });
  return py::array_t<T>({static_cast<py::ssize_t>(owned->size())}, {sizeof(T)}, owned->data(),
                        owner);
}

// Counts plus the learned terms; Python prunes and weights it, then releases the buffers.
struct Counts {
  CsrMatrix m;
};

NgramOptions ngram_options(int min_n, int max_n) {
  check_ngram_range(min_n, max_n);
  NgramOptions o;
  o.min_n = min_n;
  o.max_n = max_n;
  return o;
}

// Counts with the GIL released, stoppable with Ctrl-C: the calling thread (one of the
// workers) checks Python's signals between documents, at most every kSignalCheckInterval
// (by time, not by document count: a dictionary analysis of a cold corpus takes far longer
// per document than a warm or rule one); once one fired, every
// worker skips its remaining documents and the KeyboardInterrupt propagates (the partial
// counts are thrown away).
// What counting produces: a learned vocabulary (target None), counts over a fixed one
// (a Vocabulary), or hashed columns (a HashingOptions).
// With @p memo (a TermMemo of the analyzer's settings), chunks seen by earlier fits are
// counted from it (count_learn / count_fixed).
py::tuple finish(std::size_t n_docs, const Analyzer& analyze, const py::object& target, int n_jobs,
                 TermMemo* memo = nullptr) {
  const Vocabulary* fixed = nullptr;
  const HashingOptions* hashing = nullptr;
  if (py::isinstance<Vocabulary>(target)) fixed = target.cast<const Vocabulary*>();
  else if (py::isinstance<HashingOptions>(target)) hashing = target.cast<const HashingOptions*>();
  else if (!target.is_none()) throw py::type_error("target must be None, a Vocabulary or a Hasher");
  const std::thread::id caller = std::this_thread::get_id();
  std::atomic<bool> interrupted{false};
  // The core's interruption points use the same interval (about 20 ms, see parallel.hpp).
  constexpr std::chrono::milliseconds kSignalCheckInterval{20};
  auto next_check = std::chrono::steady_clock::now() + kSignalCheckInterval;  // caller only
  const Analyzer checked = [&](std::size_t d, FeatureSink& sink) {
    if (interrupted.load(std::memory_order_relaxed)) return;
    if (std::this_thread::get_id() == caller && std::chrono::steady_clock::now() >= next_check) {
      next_check = std::chrono::steady_clock::now() + kSignalCheckInterval;
      py::gil_scoped_acquire gil;
      if (PyErr_CheckSignals() != 0) {
        interrupted.store(true);
        throw py::error_already_set();
      }
    }
    analyze(d, sink);
  };
  auto counts = std::make_unique<Counts>();
  py::object terms = py::none();
  if (hashing) {
    py::gil_scoped_release release;
    counts->m = count_hashed(n_docs, checked, *hashing, n_jobs);
  } else if (fixed) {
    py::gil_scoped_release release;
    counts->m = count_fixed(n_docs, checked, *fixed, n_jobs, memo);
  } else {
    CountResult r;
    {
      py::gil_scoped_release release;
      r = count_learn(n_docs, checked, n_jobs, memo);
    }
    counts->m = std::move(r.counts);
    py::list t(r.terms.size());
    for (std::size_t i = 0; i < r.terms.size(); ++i) {
      t[i] = to_py_str(r.terms[i]);
      std::string().swap(r.terms[i]);
    }
    terms = std::move(t);
  }
  if (PyErr_CheckSignals() != 0) throw py::error_already_set();
  return py::make_tuple(py::cast(std::move(counts)), terms);
}

// Tokens of pre-tokenized documents: one flat array of views plus offsets.
struct TokenBatch {
  std::vector<std::string_view> tokens;
  std::vector<std::size_t> offsets{0};
};

TokenBatch to_token_batch(const py::sequence& docs) {
  TokenBatch b;
  const std::size_t n = docs.size();
  b.offsets.reserve(n + 1);
  for (std::size_t i = 0; i < n; ++i) {
    py::object doc = docs[i];
    if (PyUnicode_Check(doc.ptr()) || !PySequence_Check(doc.ptr())) {
      throw py::type_error("document " + std::to_string(i) +
                           " must be a list of str tokens, not " +
                           std::string(Py_TYPE(doc.ptr())->tp_name));
    }
    py::object fast = py::reinterpret_steal<py::object>(
        PySequence_Fast(doc.ptr(), "document must be a sequence of str"));
    if (!fast) throw py::error_already_set();
    const Py_ssize_t len = PySequence_Fast_GET_SIZE(fast.ptr());
    PyObject** items = PySequence_Fast_ITEMS(fast.ptr());
    for (Py_ssize_t k = 0; k < len; ++k) {
      Py_ssize_t size = 0;
      const char* data = PyUnicode_Check(items[k]) ? PyUnicode_AsUTF8AndSize(items[k], &size)
                                                   : nullptr;
      if (!data) {  // slow path: the precise error
        PyErr_Clear();
        utf8_view(items[k], "token " + std::to_string(k) + " of document " + std::to_string(i));
      }
      b.tokens.emplace_back(data, static_cast<std::size_t>(size));
    }
    b.offsets.push_back(b.tokens.size());
  }
  return b;
}

std::unordered_set<std::string_view> stop_set(const std::vector<py::object>& owners) {
  std::unordered_set<std::string_view> s;
  for (std::size_t i = 0; i < owners.size(); ++i) {
    s.insert(utf8_view(owners[i].ptr(), "stop word " + std::to_string(i)));
  }
  return s;
}

Norm parse_norm(const py::object& norm) {
  if (norm.is_none()) return Norm::None;
  auto s = norm.cast<std::string>();
  if (s == "l2") return Norm::L2;
  if (s == "l1") return Norm::L1;
  throw py::value_error("norm must be 'l1', 'l2' or None, not '" + s + "'");
}

CsrView view_of(const py::array_t<std::int64_t, py::array::c_style>& indptr,
                const py::array_t<std::int32_t, py::array::c_style>& indices,
                const py::array_t<double, py::array::c_style>& data, std::int64_t n_cols,
                const char* name) {
  CsrView v;
  if (indptr.ndim() != 1 || indptr.size() < 1) {
    throw py::value_error(std::string(name) + ": indptr must be 1-D and non-empty");
  }
  v.n_rows = indptr.size() - 1;
  v.n_cols = n_cols;
  v.indptr = indptr.data();
  v.indices = indices.data();
  v.data = data.data();
  const std::int64_t nnz = v.indptr[v.n_rows];
  if (indices.size() < nnz || data.size() < nnz || v.indptr[0] != 0) {
    throw py::value_error(std::string(name) + ": inconsistent CSR arrays");
  }
  for (std::int64_t r = 0; r < v.n_rows; ++r) {
    if (v.indptr[r + 1] < v.indptr[r]) {
      throw py::value_error(std::string(name) + ": indptr must be non-decreasing");
    }
  }
  return v;
}

}  // namespace

void bind_tfidf(py::module_& m) {
  py::class_<UnicodeTables>(m, "UnicodeTables",
                            "Character classes of the word pattern and str.lower (see word_pattern.hpp).")
      .def(py::init([](const py::array_t<std::uint32_t, py::array::c_style | py::array::forcecast>& word,
                       const py::array_t<std::uint32_t, py::array::c_style | py::array::forcecast>& lower,
                       const py::array_t<std::uint8_t, py::array::c_style | py::array::forcecast>& case_class) {
             const auto n = static_cast<py::ssize_t>(UnicodeTables::kCodePoints);
             if (lower.size() != n || case_class.size() != n) {
               throw py::value_error("lower and case_class need one entry per code point");
             }
             auto t = std::make_unique<UnicodeTables>();
             t->word.assign(UnicodeTables::kCodePoints / 64, 0);
             for (py::ssize_t k = 0; k < word.size(); ++k) {
               const std::uint32_t c = word.data()[k];
               if (c >= UnicodeTables::kCodePoints) throw py::value_error("word code point out of range");
               t->word[c >> 6] |= std::uint64_t{1} << (c & 63);
             }
             t->lower.assign(lower.data(), lower.data() + n);
             t->case_class.assign(case_class.data(), case_class.data() + n);
             return t;
           }),
           py::arg("word"), py::arg("lower"), py::arg("case_class"))
      .def_static("builtin", []() { return UnicodeTables::builtin(); },
                  "The utf8proc-derived tables (a copy), as C++ callers get by default.")
      .def("is_word", [](const UnicodeTables& t, std::uint32_t c) { return t.is_word(c); })
      .def("lower", [](const UnicodeTables& t, const std::u32string& s) {
             std::u32string out;
             python_lower(s.data(), s.size(), t, out);
             return out;
           });

  py::class_<HashingOptions>(m, "Hasher", "scikit-learn's feature hashing (MurmurHash3, seed 0).")
      .def(py::init([](std::int64_t n_features, bool alternate_sign) {
             if (n_features < 1 || n_features > INT32_MAX) {
               throw py::value_error("n_features must be in [1, 2**31 - 1]");
             }
             HashingOptions o;
             o.n_features = n_features;
             o.alternate_sign = alternate_sign;
             return o;
           }),
           py::arg("n_features"), py::arg("alternate_sign"))
      .def("column", [](const HashingOptions& o, const std::string& feature) {
             int sign = 1;
             const std::int32_t c = hashed_column(feature, o, sign);
             return py::make_tuple(c, sign);
           });
  m.def("murmurhash3_32", [](const py::bytes& key, std::uint32_t seed) {
          const std::string k = key;
          return murmurhash3_32(k.data(), k.size(), seed);
        }, py::arg("key"), py::arg("seed") = 0, "Unsigned MurmurHash3_x86_32 of bytes.");
  m.def("check_ngram_range", [](long long min_n, long long max_n) { check_ngram_range(min_n, max_n); },
        py::arg("min_n"), py::arg("max_n"),
        "ValueError with scikit-learn's message unless 1 <= min_n <= max_n.");
  m.def("tfidf_idf", [](const py::array_t<std::int64_t, py::array::c_style | py::array::forcecast>& df,
                        std::int64_t n_docs, bool smooth) {
          std::vector<std::int64_t> d(df.data(), df.data() + df.size());
          return to_numpy(tfidf_idf(d, n_docs, smooth));
        }, py::arg("df"), py::arg("n_docs"), py::arg("smooth"));
  m.def("bm25_idf", [](const py::array_t<std::int64_t, py::array::c_style | py::array::forcecast>& df,
                       std::int64_t n_docs) {
          std::vector<std::int64_t> d(df.data(), df.data() + df.size());
          return to_numpy(bm25_idf(d, n_docs));
        }, py::arg("df"), py::arg("n_docs"));
  m.def(
      "weight_csr",
      [](const py::array_t<std::int64_t, py::array::c_style>& indptr,
         const py::array_t<std::int32_t, py::array::c_style>& indices,
         py::array_t<double, py::array::c_style>& data, std::int64_t n_cols, const py::object& idf,
         bool binary, bool sublinear_tf, const py::object& norm, int n_jobs) {
        CsrValuesView v;
        if (indptr.ndim() != 1 || indptr.size() < 1) throw py::value_error("indptr must be 1-D and non-empty");
        v.n_rows = indptr.size() - 1;
        v.n_cols = n_cols;
        v.indptr = indptr.data();
        v.indices = indices.data();
        v.data = data.mutable_data();
        const std::int64_t nnz = v.indptr[v.n_rows];
        if (indices.size() < nnz || data.size() < nnz || v.indptr[0] != 0) {
          throw py::value_error("inconsistent CSR arrays");
        }
        for (std::int64_t r = 0; r < v.n_rows; ++r) {
          if (v.indptr[r + 1] < v.indptr[r]) throw py::value_error("indptr must be non-decreasing");
        }
        WeightOptions o;
        o.binary = binary;
        o.sublinear_tf = sublinear_tf;
        o.norm = parse_norm(norm);
        std::vector<double> w;
        if (!idf.is_none()) {
          auto a = idf.cast<py::array_t<double, py::array::c_style | py::array::forcecast>>();
          w.assign(a.data(), a.data() + a.size());
        }
        py::gil_scoped_release release;
        weight_in_place(v, w, o, n_jobs);
      },
      py::arg("indptr"), py::arg("indices"), py::arg("data"), py::arg("n_cols"), py::arg("idf"),
      py::arg("binary"), py::arg("sublinear_tf"), py::arg("norm"), py::arg("n_jobs"),
      "TF-IDF weighting of a CSR matrix's float64 values in place (TfidfTransformer.transform).");

  py::class_<Vocabulary>(m, "Vocabulary", "A fixed term -> column map (for transform).")
      .def(py::init([](const std::vector<std::string>& terms) {
             return std::make_unique<Vocabulary>(terms);
           }),
           py::arg("terms"))
      .def("__len__", &Vocabulary::size)
      .def("find", [](const Vocabulary& v, const std::string& t) { return v.find(t); });

  py::class_<Counts>(m, "CountMatrix", "Term counts in CSR form, owned by the core.")
      .def_property_readonly("shape", [](const Counts& c) {
        return py::make_tuple(c.m.n_rows, c.m.n_cols);
      })
      .def_property_readonly("nnz", [](const Counts& c) { return c.m.nnz(); })
      .def("document_frequency",
           [](const Counts& c, int n_jobs) {
             std::vector<std::int64_t> df;
             {
               py::gil_scoped_release release;
               df = document_frequency(c.m, n_jobs);
             }
             return to_numpy(std::move(df));
           },
           py::arg("n_jobs") = 1)
      .def("column_sums", [](const Counts& c) { return to_numpy(column_sums(c.m)); })
      .def("average_length", [](const Counts& c, bool binary) { return average_length(c.m, binary); },
           py::arg("binary"))
      .def("keep_columns",
           [](Counts& c, const py::array_t<bool, py::array::c_style | py::array::forcecast>& keep) {
             std::vector<bool> k(keep.data(), keep.data() + keep.size());
             py::gil_scoped_release release;
             keep_columns(c.m, k);
           },
           py::arg("keep"))
      .def("weight",
           [](Counts& c, const py::object& idf, const std::string& weighting, bool binary,
              bool sublinear_tf, const py::object& norm, double k1, double b, double avgdl,
              int n_jobs) {
             WeightOptions o;
             if (weighting == "tfidf") o.weighting = Weighting::TfIdf;
             else if (weighting == "bm25") o.weighting = Weighting::Bm25;
             else throw py::value_error("weighting must be 'tfidf' or 'bm25', not '" + weighting + "'");
             o.binary = binary;
             o.sublinear_tf = sublinear_tf;
             o.norm = parse_norm(norm);
             o.k1 = k1;
             o.b = b;
             o.avgdl = avgdl;
             std::vector<double> w;
             if (!idf.is_none()) {
               auto a = idf.cast<py::array_t<double, py::array::c_style | py::array::forcecast>>();
               w.assign(a.data(), a.data() + a.size());
             }
             py::gil_scoped_release release;
             weight_in_place(c.m, w, o, n_jobs);
           },
           py::arg("idf"), py::arg("weighting"), py::arg("binary"), py::arg("sublinear_tf"),
           py::arg("norm"), py::arg("k1"), py::arg("b"), py::arg("avgdl"), py::arg("n_jobs"))
      .def("release",
           [](Counts& c) -> py::tuple {
             // scipy wants one index dtype for indptr and indices: int32 while nnz fits.
             CsrMatrix mm = std::move(c.m);
             c.m = CsrMatrix();
             py::tuple shape = py::make_tuple(mm.n_rows, mm.n_cols);
             py::array data = to_numpy(std::move(mm.data));
             if (mm.nnz() < static_cast<std::size_t>(INT32_MAX)) {
               std::vector<std::int32_t> p(mm.indptr.begin(), mm.indptr.end());
               std::vector<std::int64_t>().swap(mm.indptr);
               return py::make_tuple(data, to_numpy(std::move(mm.indices)), to_numpy(std::move(p)),
                                     shape);
             }
             std::vector<std::int64_t> idx(mm.indices.begin(), mm.indices.end());
             decltype(mm.indices)().swap(mm.indices);
             return py::make_tuple(data, to_numpy(std::move(idx)), to_numpy(std::move(mm.indptr)),
                                   shape);
           },
           "Moves the buffers out as (data, indices, indptr, shape) numpy arrays (no copy).");

  m.def(
      "count_tokens",
      [](const py::sequence& docs, const py::object& vocabulary, int min_n, int max_n,
         const std::vector<py::object>& stop_words, int n_jobs) {
        NgramOptions o = ngram_options(min_n, max_n);
        TokenBatch batch = to_token_batch(docs);
        auto stops = stop_set(stop_words);
        o.stop_words = &stops;
        Analyzer analyze = [&](std::size_t d, FeatureSink& sink) {
          thread_local std::string scratch;
          word_ngrams(batch.tokens.data() + batch.offsets[d], batch.offsets[d + 1] - batch.offsets[d],
                      o, sink, scratch);
        };
        return finish(batch.offsets.size() - 1, analyze, vocabulary, n_jobs);
      },
      py::arg("docs"), py::arg("vocabulary"), py::arg("min_n"), py::arg("max_n"),
      py::arg("stop_words"), py::arg("n_jobs"),
      "Count pre-tokenized documents (lists of str); returns (CountMatrix, terms or None).");

  m.def(
      "count_chars",
      [](const py::sequence& docs, const std::string& mode, bool lowercase, const py::object& vocabulary,
         int min_n, int max_n, int n_jobs, const UnicodeTables* tables) {
        NgramOptions o = ngram_options(min_n, max_n);
        if (mode != "char" && mode != "char_wb") {
          throw py::value_error("mode must be 'char' or 'char_wb'");
        }
        const bool wb = mode == "char_wb";
        TextBatch batch = to_text_batch(docs);
        Analyzer analyze = [&](std::size_t d, FeatureSink& sink) {
          with_document_index(static_cast<std::int64_t>(d), [&] {
            if (wb) char_wb_ngrams(batch.views[d], o, lowercase, sink, tables);
            else char_ngrams(batch.views[d], o, lowercase, sink, tables);
          });
        };
        return finish(batch.views.size(), analyze, vocabulary,
                      jobs_for_work(n_jobs, batch.views.size(), batch.total_units));
      },
      py::arg("docs"), py::arg("mode"), py::arg("lowercase"), py::arg("vocabulary"),
      py::arg("min_n"), py::arg("max_n"), py::arg("n_jobs"), py::arg("tables") = nullptr,
      "Count character n-grams of str documents; returns (CountMatrix, terms or None).");

  m.def(
      "count_regex_words",
      [](const py::sequence& docs, const UnicodeTables& tables, bool lowercase,
         const py::object& target, int min_n, int max_n, const std::vector<py::object>& stop_words,
         int n_jobs) {
        RegexWordOptions o;
        o.ngrams = ngram_options(min_n, max_n);
        o.lowercase = lowercase;
        TextBatch batch = to_text_batch(docs);
        auto stops = stop_set(stop_words);
        o.ngrams.stop_words = &stops;
        const Analyzer words = regex_word_analyzer(batch.views, tables, o);
        Analyzer analyze = [&](std::size_t d, FeatureSink& sink) {
          with_document_index(static_cast<std::int64_t>(d), [&] { words(d, sink); });
        };
        return finish(batch.views.size(), analyze, target,
                      jobs_for_work(n_jobs, batch.views.size(), batch.total_units));
      },
      py::arg("docs"), py::arg("tables"), py::arg("lowercase"), py::arg("target"),
      py::arg("min_n"), py::arg("max_n"), py::arg("stop_words"), py::arg("n_jobs"),
      "Count scikit-learn's default word features ((?u)\\b\\w\\w+\\b tokens, then n-grams), all in C++.");

  m.def(
      "count_words",
      [](const py::sequence& docs, const Tokenizer& tokenizer, bool lowercase,
         const py::object& vocabulary, int min_n, int max_n,
         const std::vector<py::object>& stop_words, int n_jobs) {
        WordAnalyzerOptions o;
        o.ngrams = ngram_options(min_n, max_n);
        o.lowercase = lowercase;
        TextBatch batch = to_text_batch(docs);
        auto stops = stop_set(stop_words);
        o.ngrams.stop_words = &stops;
        const Tokenizer tok = tokenizer;  // a snapshot: Python may mutate the original
        const Analyzer words = word_analyzer(batch.views, tok, o);
        Analyzer analyze = [&](std::size_t d, FeatureSink& sink) {
          with_document_index(static_cast<std::int64_t>(d), [&] { words(d, sink); });
        };
        const std::shared_ptr<TermMemo> memo = word_term_memo(tok, o);
        return finish(batch.views.size(), analyze, vocabulary,
                      jobs_for_work(n_jobs, batch.views.size(), batch.total_units), memo.get());
      },
      py::arg("docs"), py::arg("tokenizer"), py::arg("lowercase"), py::arg("vocabulary"),
      py::arg("min_n"), py::arg("max_n"), py::arg("stop_words"), py::arg("n_jobs"),
      "Tokenize str documents with a kotext Tokenizer and count word n-grams, all in C++.");

  m.def(
      "term_index",
      [](const py::list& terms) {
        // dict(zip(terms, range(n))) grows its table a dozen times on 100,000 terms and
        // was a tenth of a warm fit; this one is sized once.
        const Py_ssize_t n = PyList_GET_SIZE(terms.ptr());
#if PY_VERSION_HEX < 0x030D0000
        auto d = py::reinterpret_steal<py::object>(_PyDict_NewPresized(n));
#else
        auto d = py::reinterpret_steal<py::object>(PyDict_New());
#endif
        if (!d) throw py::error_already_set();
        for (Py_ssize_t i = 0; i < n; ++i) {
          auto v = py::reinterpret_steal<py::object>(PyLong_FromSsize_t(i));
          if (!v || PyDict_SetItem(d.ptr(), PyList_GET_ITEM(terms.ptr(), i), v.ptr()) != 0) {
            throw py::error_already_set();
          }
        }
        return d;
      },
      py::arg("terms"), "{terms[i]: i} (a later duplicate keeps its last index, as dict(zip) does).");

  m.def(
      "all_str",
      [](const py::list& items) {
        const Py_ssize_t n = PyList_GET_SIZE(items.ptr());
        for (Py_ssize_t i = 0; i < n; ++i) {
          if (!PyUnicode_Check(PyList_GET_ITEM(items.ptr(), i))) return false;
        }
        return true;
      },
      py::arg("items"), "Whether every item of the list is a str (or a str subclass).");

  using I64 = py::array_t<std::int64_t, py::array::c_style>;
  using I32 = py::array_t<std::int32_t, py::array::c_style>;
  using F64 = py::array_t<double, py::array::c_style>;
  m.def(
      "cosine_dense",
      [](const I64& xp, const I32& xi, const F64& xd, const I64& yp, const I32& yi, const F64& yd,
         std::int64_t n_cols, int n_jobs) {
        CsrView x = view_of(xp, xi, xd, n_cols, "X"), y = view_of(yp, yi, yd, n_cols, "Y");
        py::array_t<double> out({static_cast<py::ssize_t>(x.n_rows), static_cast<py::ssize_t>(y.n_rows)});
        double* o = out.mutable_data();
        interruptible([&] { cosine_dense(x, y, o, n_jobs); });
        return out;
      },
      py::arg("x_indptr"), py::arg("x_indices"), py::arg("x_data"), py::arg("y_indptr"),
      py::arg("y_indices"), py::arg("y_data"), py::arg("n_cols"), py::arg("n_jobs"));

  m.def(
      "cosine_top_n",
      [](const I64& xp, const I32& xi, const F64& xd, const I64& yp, const I32& yi, const F64& yd,
         std::int64_t n_cols, std::int64_t top_n, bool exclude_self, bool skip_zero, int n_jobs) {
        CsrView x = view_of(xp, xi, xd, n_cols, "X"), y = view_of(yp, yi, yd, n_cols, "Y");
        if (top_n < 1) throw py::value_error("top_n must be >= 1");
        py::array_t<std::int64_t> idx({static_cast<py::ssize_t>(x.n_rows), static_cast<py::ssize_t>(top_n)});
        py::array_t<double> sc({static_cast<py::ssize_t>(x.n_rows), static_cast<py::ssize_t>(top_n)});
        std::int64_t* pi = idx.mutable_data();
        double* ps = sc.mutable_data();
        interruptible([&] { cosine_top_n(x, y, top_n, exclude_self, skip_zero, pi, ps, n_jobs); });
        return py::make_tuple(idx, sc);
      },
      py::arg("x_indptr"), py::arg("x_indices"), py::arg("x_data"), py::arg("y_indptr"),
      py::arg("y_indices"), py::arg("y_data"), py::arg("n_cols"), py::arg("top_n"),
      py::arg("exclude_self"), py::arg("skip_zero"), py::arg("n_jobs"));

  m.def(
      "top_k_positions",
      [](const I64& xp, const I32& xi, const F64& xd, std::int64_t n_cols, std::int64_t k, int n_jobs) {
        CsrView x = view_of(xp, xi, xd, n_cols, "X");
        if (k < 0) throw py::value_error("k must be >= 0");
        std::vector<std::int64_t> offsets, positions;
        interruptible([&] { top_k_per_row(x, k, offsets, positions, n_jobs); });
        return py::make_tuple(to_numpy(std::move(offsets)), to_numpy(std::move(positions)));
      },
      py::arg("indptr"), py::arg("indices"), py::arg("data"), py::arg("n_cols"), py::arg("k"),
      py::arg("n_jobs"));
}

}  // namespace kotext::bindings
