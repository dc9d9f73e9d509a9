// pybind11 shim for the tokenize component (filled in by its issue).
#include "common.hpp"

namespace kotext::bindings {
void bind_tokenize(py::module_& /*m*/) {}
}  // namespace kotext::bindings
