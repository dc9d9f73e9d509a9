// pybind11 shim for the tfidf component (filled in by its issue).
#include "common.hpp"

namespace kotext::bindings {
void bind_tfidf(py::module_& /*m*/) {}
}  // namespace kotext::bindings
