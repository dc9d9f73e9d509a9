// Translates core exceptions into Python exceptions. Invalid UTF-8 becomes
// kotext._core.Utf8Error(message, byte_offset, byte_length, reason, document_index), which
// the Python layer re-raises as UnicodeDecodeError over the caller's bytes.
#include "common.hpp"
#include "errors.hpp"

namespace kotext::bindings {

void bind_errors(py::module_& m) {
  static py::exception<IndexedUtf8Error> utf8_error(m, "Utf8Error", PyExc_ValueError);
  py::register_exception_translator([](std::exception_ptr p) {
    try {
      if (p) std::rethrow_exception(p);
    } catch (const IndexedUtf8Error& e) {
      py::object args = py::make_tuple(std::string(e.error.what()), e.error.byte_offset(),
                                       e.error.byte_length(), e.error.reason(), e.index);
      PyErr_SetObject(utf8_error.ptr(), args.ptr());
    } catch (const kotext::Utf8Error& e) {
      py::object args = py::make_tuple(std::string(e.what()), e.byte_offset(), e.byte_length(),
                                       e.reason(), -1);
      PyErr_SetObject(utf8_error.ptr(), args.ptr());
    } catch (const LoneSurrogate& e) {
      PyErr_SetString(PyExc_ValueError, e.what());
    } catch (const kotext::InvalidArgument& e) {
      PyErr_SetString(PyExc_ValueError, e.what());
    } catch (const kotext::Error& e) {
      PyErr_SetString(PyExc_RuntimeError, e.what());
    }
  });
}

}  // namespace kotext::bindings
