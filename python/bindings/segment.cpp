// pybind11 shim for the segment component (filled in by its issue).
#include "common.hpp"

namespace kotext::bindings {
void bind_segment(py::module_& /*m*/) {}
}  // namespace kotext::bindings
