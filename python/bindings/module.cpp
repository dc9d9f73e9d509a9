// The private _core extension: one module, each component registered by its own shim.
#include "common.hpp"

PYBIND11_MODULE(_core, m) {
  m.doc() = "kotext C++ core (private; use the kotext package)";
  kotext::bindings::bind_errors(m);
  kotext::bindings::bind_normalize(m);
  kotext::bindings::bind_tokenize(m);
  kotext::bindings::bind_tfidf(m);
  kotext::bindings::bind_segment(m);
  kotext::bindings::bind_sentences(m);
  kotext::bindings::bind_pairs(m);
}
