// pybind11 shim for kotext::Tokenizer: converts a batch once, releases the GIL, runs the
// core on its thread pool, and builds the Python lists. State goes in and out as plain
// Python data (dict of lists) for pickling.
#include <pybind11/stl.h>

#include "common.hpp"
#include "errors.hpp"
#include "kotext/noun_learner.hpp"
#include "kotext/tokenize.hpp"

namespace kotext::bindings {
namespace {

TokenizerOptions make_options(bool normalize, const std::string& form, bool strip_particles,
                              bool drop_predicates, bool split_compounds, bool use_stopwords, bool keep_latin,
                              bool keep_numbers, bool keep_other, bool lowercase, int min_length,
                              int ngram_min, int ngram_max, const std::string& dictionary,
                              bool keep_lemmas, bool strip_plural) {
  TokenizerOptions o;
  if (!dictionary.empty()) {
    py::gil_scoped_release release;  // loading maps 100 MB
    o.lexicon = Lexicon::open(dictionary);
  }
  o.keep_lemmas = keep_lemmas;
  o.strip_plural = strip_plural;
  o.normalize = normalize;
  o.normalize_options.form = parse_unicode_form(form);
  o.strip_particles = strip_particles;
  o.drop_predicates = drop_predicates;
  o.split_compounds = split_compounds;
  o.use_stopwords = use_stopwords;
  o.keep_latin = keep_latin;
  o.keep_numbers = keep_numbers;
  o.keep_other = keep_other;
  o.lowercase = lowercase;
  if (min_length < 0) throw py::value_error("min_length must be >= 0");
  o.min_length = min_length;
  if (ngram_min < 1 || ngram_max < ngram_min) {
    throw py::value_error("ngram_range must be (min_n, max_n) with 1 <= min_n <= max_n");
  }
  o.ngram_min = ngram_min;
  o.ngram_max = ngram_max;
  return o;
}

std::vector<std::string> str_list(const py::iterable& items, const char* what) {
  std::vector<std::string> out;
  std::size_t i = 0;
  for (py::handle h : items) {
    out.emplace_back(utf8_view(h.ptr(), std::string(what) + " " + std::to_string(i)));
    ++i;
  }
  return out;
}

// A tuple subclass instance (the Python Token namedtuple) holding @p items; namedtuples
// have no __dict__, so allocating through the type and filling the slots is what
// tuple.__new__ does, without the Python-level call per token.
PyObject* make_token(PyTypeObject* cls, PyObject* text, std::int64_t begin, std::int64_t end,
                     PyObject* type, PyObject* tag) {
  PyObject* t = cls ? cls->tp_alloc(cls, 5) : PyTuple_New(5);
  if (!t) throw py::error_already_set();
  PyObject* b = PyLong_FromLongLong(begin);
  PyObject* e = PyLong_FromLongLong(end);
  if (!b || !e) {
    Py_XDECREF(b);
    Py_XDECREF(e);
    Py_DECREF(t);
    Py_DECREF(text);
    throw py::error_already_set();
  }
  Py_INCREF(type);
  Py_INCREF(tag);
  PyTuple_SET_ITEM(t, 0, text);
  PyTuple_SET_ITEM(t, 1, b);
  PyTuple_SET_ITEM(t, 2, e);
  PyTuple_SET_ITEM(t, 3, type);
  PyTuple_SET_ITEM(t, 4, tag);
  return t;
}

// Python str objects for token texts, shared between equal tokens of a batch: news text
// repeats its words, so most tokens reuse an existing str (less time, less memory).
class StrCache {
 public:
  StrCache() : slots_(16384) {}
  StrCache(const StrCache&) = delete;
  StrCache& operator=(const StrCache&) = delete;
  ~StrCache() {
    for (auto& s : slots_) Py_XDECREF(s.obj);
  }
  PyObject* get(const std::string& text) {
    Slot& s = slots_[std::hash<std::string>{}(text) & (slots_.size() - 1)];
    if (s.obj && s.key == text) {
      Py_INCREF(s.obj);
      return s.obj;
    }
    PyObject* o = to_py_str(text).release().ptr();
    Py_XDECREF(s.obj);
    s.key = text;
    s.obj = o;
    Py_INCREF(o);
    return o;
  }

 private:
  struct Slot {
    std::string key;
    PyObject* obj = nullptr;
  };
  std::vector<Slot> slots_;
};

py::list tokenize_batch(const Tokenizer& self, const py::sequence& docs, bool return_offsets,
                        int n_jobs, const py::object& token_type) {
  Utf8Batch batch = to_utf8_batch(docs);
  const std::size_t n = batch.views.size();
  // A copy shares the tables; a concurrent add_words() on self copies on write.
  const Tokenizer tok = self;
  py::list out(n);
  if (!return_offsets && n == 1) {
    // One long document: its pieces (Tokenizer::pieces: the same tokens) are tokenized a
    // group at a time on the threads and converted as they come, so the std::string
    // tokens (about 4x the text) are held for one group of pieces, not the whole document.
    const std::vector<TextView> pieces = tok.pieces(batch.views[0]);
    if (pieces.size() > 1) {
      const auto group = static_cast<std::size_t>(kotext::resolve_n_jobs(n_jobs));
      std::vector<std::vector<std::string>> results(group);
      StrCache strings;
      py::list tokens;
      for (std::size_t g = 0; g < pieces.size(); g += group) {
        const std::size_t m = std::min(group, pieces.size() - g);
        run_batch(m, n_jobs, [&](std::size_t k) {
          const TextView& p = pieces[g + k];
          with_document_index(0, [&] {
            tok.tokenize_strings(std::string_view(static_cast<const char*>(p.data), p.length),
                                 results[k]);
          });
        });
        for (std::size_t k = 0; k < m; ++k) {
          for (const std::string& t : results[k]) {
            PyObject* o = strings.get(t);  // a new reference
            const int rc = PyList_Append(tokens.ptr(), o);
            Py_DECREF(o);
            if (rc != 0) throw py::error_already_set();
          }
          std::vector<std::string>().swap(results[k]);
        }
      }
      out[0] = std::move(tokens);
      return out;
    }
  }
  if (!return_offsets) {
    std::vector<std::vector<std::string>> results(n);
    run_batch(n, n_jobs, [&](std::size_t i) {
      with_document_index(static_cast<std::int64_t>(i),
                          [&] { tok.tokenize_strings(batch.views[i], results[i]); });
    });
    StrCache strings;
    for (std::size_t i = 0; i < n; ++i) {
      py::list l(results[i].size());
      for (std::size_t k = 0; k < results[i].size(); ++k) {
        PyList_SET_ITEM(l.ptr(), static_cast<Py_ssize_t>(k), strings.get(results[i][k]));
      }
      std::vector<std::string>().swap(results[i]);
      out[i] = std::move(l);
    }
    return out;
  }
  std::vector<std::vector<Token>> results(n);
  run_batch(n, n_jobs, [&](std::size_t i) {
    with_document_index(static_cast<std::int64_t>(i), [&] { results[i] = tok.tokenize(batch.views[i]); });
  });
  py::str names[] = {py::str("hangul"), py::str("latin"), py::str("number"),
                     py::str("mixed"), py::str("other"), py::str("ngram")};
  PyTypeObject* cls = nullptr;
  if (!token_type.is_none()) {
    if (!PyType_Check(token_type.ptr()) ||
        !PyType_IsSubtype(reinterpret_cast<PyTypeObject*>(token_type.ptr()), &PyTuple_Type)) {
      throw py::type_error("token_type must be a tuple subclass");
    }
    cls = reinterpret_cast<PyTypeObject*>(token_type.ptr());
  }
  StrCache strings;
  for (std::size_t i = 0; i < n; ++i) {
    py::list l(results[i].size());
    for (std::size_t k = 0; k < results[i].size(); ++k) {
      const Token& t = results[i][k];
      PyObject* tag = strings.get(t.tag);
      PyObject* tok = make_token(cls, strings.get(t.text), t.begin, t.end,
                                 names[static_cast<int>(t.type)].ptr(), tag);
      Py_DECREF(tag);
      PyList_SET_ITEM(l.ptr(), static_cast<Py_ssize_t>(k), tok);
    }
    std::vector<Token>().swap(results[i]);
    out[i] = std::move(l);
  }
  return out;
}

NounLearnerOptions learner_options(int min_count, int max_length, double min_score,
                                   int min_particle_count) {
  if (min_count < 1) throw py::value_error("min_count must be >= 1");
  if (max_length < 1) throw py::value_error("max_length must be >= 1");
  if (min_particle_count < 0) throw py::value_error("min_particle_count must be >= 0");
  NounLearnerOptions o;
  o.min_count = min_count;
  o.max_length = max_length;
  o.min_score = min_score;
  o.min_particle_count = min_particle_count;
  return o;
}

py::dict export_state(const Tokenizer& t) {
  TokenizerState st = t.export_state();
  py::list words, scores;
  for (const auto& [w, s] : st.nouns) {
    words.append(to_py_str(w));
    scores.append(s);
  }
  py::list user, stop;
  for (const auto& w : st.user_words) user.append(to_py_str(w));
  for (const auto& w : st.stopwords) stop.append(to_py_str(w));
  py::dict d;
  d["user_words"] = user;
  d["stopwords"] = stop;
  d["noun_words"] = words;
  d["noun_scores"] = scores;
  d["noun_threshold"] = st.noun_threshold;
  d["fitted"] = st.fitted;
  return d;
}

void import_state(Tokenizer& t, const py::dict& d) {
  TokenizerState st;
  st.user_words = str_list(d["user_words"], "user word");
  st.stopwords = str_list(d["stopwords"], "stopword");
  std::vector<std::string> words = str_list(d["noun_words"], "noun");
  std::vector<double> scores = d["noun_scores"].cast<std::vector<double>>();
  if (words.size() != scores.size()) throw py::value_error("noun_words and noun_scores differ in length");
  for (std::size_t i = 0; i < words.size(); ++i) st.nouns.emplace_back(std::move(words[i]), scores[i]);
  st.noun_threshold = d["noun_threshold"].cast<double>();
  st.fitted = d["fitted"].cast<bool>();
  t.import_state(st);
}

}  // namespace

void bind_tokenize(py::module_& m) {
  py::class_<Tokenizer>(m, "Tokenizer")
      .def(py::init([](bool normalize, const std::string& form, bool strip_particles,
                       bool drop_predicates, bool split_compounds, bool use_stopwords, bool keep_latin,
                       bool keep_numbers, bool keep_other, bool lowercase, int min_length,
                       int ngram_min, int ngram_max, const std::string& dictionary,
                       bool keep_lemmas, bool strip_plural) {
             return Tokenizer(make_options(normalize, form, strip_particles, drop_predicates,
                                           split_compounds,
                                           use_stopwords, keep_latin, keep_numbers, keep_other,
                                           lowercase, min_length, ngram_min, ngram_max,
                                           dictionary, keep_lemmas, strip_plural));
           }),
           py::arg("normalize"), py::arg("form"), py::arg("strip_particles"),
           py::arg("drop_predicates"), py::arg("split_compounds"), py::arg("use_stopwords"), py::arg("keep_latin"),
           py::arg("keep_numbers"), py::arg("keep_other"), py::arg("lowercase"),
           py::arg("min_length"), py::arg("ngram_min"), py::arg("ngram_max"),
           py::arg("dictionary") = "", py::arg("keep_lemmas") = false,
           py::arg("strip_plural") = false)
      .def_property_readonly(
          "dictionary_checksum",
          [](const Tokenizer& self) -> py::object {
            if (!self.options().lexicon) return py::none();
            return py::str(self.options().lexicon->checksum());
          },
          "Fingerprint of the dictionary files (None without a dictionary).")
      .def("tokenize_batch", &tokenize_batch, py::arg("docs"), py::arg("return_offsets"),
           py::arg("n_jobs"), py::arg("token_type") = py::none(),
           "Tokenize a list of str; list of token lists (str, or (text, start, end, type) tuples).")
      .def(
          "fit",
          [](Tokenizer& self, const py::sequence& docs, int min_count, int max_length,
             double min_score, int min_particle_count, int n_jobs) {
            Utf8Batch batch = to_utf8_batch(docs);
            NounLearnerOptions o = learner_options(min_count, max_length, min_score, min_particle_count);
            // Fit a copy (it shares the tables, so fitting copies them on write) and commit
            // it with the GIL held: threads tokenizing with self (they copy it under the
            // GIL) see the old or the new state, and Ctrl-C leaves self as it was.
            Tokenizer fitted = self;
            interruptible([&] { fitted.fit(batch.views, o, n_jobs); });
            self = std::move(fitted);
          },
          py::arg("docs"), py::arg("min_count"), py::arg("max_length"), py::arg("min_score"),
          py::arg("min_particle_count"), py::arg("n_jobs"))
      .def(
          "count_eojeols",
          [](const Tokenizer& self, const py::sequence& docs, int n_jobs) {
            Utf8Batch batch = to_utf8_batch(docs);
            EojeolCounts c;
            {
              py::gil_scoped_release release;
              c = self.count_eojeols(batch.views, n_jobs);
            }
            return py::make_tuple(c.words, c.counts);
          },
          py::arg("docs"), py::arg("n_jobs"),
          "The eojeol counts fit() learns from: (sorted words, counts).")
      .def(
          "fit_counts",
          [](Tokenizer& self, std::vector<std::string> words, std::vector<std::int64_t> counts,
             int min_count, int max_length, double min_score, int min_particle_count) {
            NounLearnerOptions o = learner_options(min_count, max_length, min_score, min_particle_count);
            EojeolCounts c{std::move(words), std::move(counts)};
            py::gil_scoped_release release;
            self.fit(c, o);
          },
          py::arg("words"), py::arg("counts"), py::arg("min_count"), py::arg("max_length"),
          py::arg("min_score"), py::arg("min_particle_count"))
      .def("add_words", [](Tokenizer& self, const py::iterable& words) {
        self.add_words(str_list(words, "word"));
      })
      .def("set_stopwords", [](Tokenizer& self, const py::iterable& words) {
        self.set_stopwords(str_list(words, "stopword"));
      })
      .def("add_stopwords", [](Tokenizer& self, const py::iterable& words) {
        self.add_stopwords(str_list(words, "stopword"));
      })
      .def("stopwords", &Tokenizer::stopwords)
      .def("learned_nouns", &Tokenizer::learned_nouns)
      .def_property_readonly("fitted", &Tokenizer::fitted)
      .def("stem",
           [](const Tokenizer& self, const std::string& word) -> py::object {
             std::u32string w = utf8::decode(word);
             StemResult r = self.stem(w);
             if (r.drop) return py::none();
             return to_py_str(utf8::encode(w.substr(0, r.stem_length)));
           })
      .def("export_state", &export_state)
      .def("import_state", &import_state);

  m.def(
      "merge_eojeol_counts",
      [](const std::vector<std::pair<std::vector<std::string>, std::vector<std::int64_t>>>& parts) {
        std::vector<EojeolCounts> owned;
        owned.reserve(parts.size());
        for (const auto& [w, c] : parts) owned.push_back(EojeolCounts{w, c});
        std::vector<const EojeolCounts*> ptrs;
        for (const auto& p : owned) ptrs.push_back(&p);
        EojeolCounts m;
        {
          py::gil_scoped_release release;
          m = merge_eojeol_counts(ptrs);
        }
        return py::make_tuple(m.words, m.counts);
      },
      py::arg("parts"), "Summed eojeol counts of several (words, counts) pairs.");
  m.def(
      "learn_nouns",
      [](const py::sequence& docs, int min_count, int max_length, double min_score,
         int min_particle_count, int n_jobs) {
        Utf8Batch batch = to_utf8_batch(docs);
        NounLearnerOptions o = learner_options(min_count, max_length, min_score, min_particle_count);
        std::vector<NounCandidate> cands;
        interruptible([&] { cands = learn_nouns(batch.views, o, n_jobs); });
        py::list out;
        for (const auto& c : cands) {
          out.append(py::make_tuple(to_py_str(c.word), c.score, c.count, c.positive, c.negative,
                                    c.entropy, c.cohesion, c.noun));
        }
        return out;
      },
      py::arg("docs"), py::arg("min_count"), py::arg("max_length"), py::arg("min_score"),
      py::arg("min_particle_count"), py::arg("n_jobs"),
      "Scored left parts: (word, score, count, positive, negative, entropy, cohesion, noun).");
  py::list defaults;
  for (const auto& w : default_stopwords()) defaults.append(to_py_str(w));
  m.attr("default_stopwords") = defaults;
}

}  // namespace kotext::bindings
