// pybind11 shim for the exact cosine searches (thresholded self-join, top-n neighbours):
// the indexes are built and queried with the GIL released; Python queries them range by
// range (progress bar, Ctrl-C between calls).
#include <pybind11/numpy.h>

#include <algorithm>
#include <memory>
#include <string>

#include "common.hpp"
#include "kotext/pairs.hpp"

namespace kotext::bindings {
namespace {

using I64 = py::array_t<std::int64_t, py::array::c_style>;
using I32 = py::array_t<std::int32_t, py::array::c_style>;
using F64 = py::array_t<double, py::array::c_style>;

template <class T>
py::array_t<T> move_to_numpy(std::vector<T>&& v) {
  auto* owned = new std::vector<T>(std::move(v));
  py::capsule owner(owned, [](void* p) { delete static_cast<std::vector<T>*>(p); });
  return py::array_t<T>({static_cast<py::ssize_t>(owned->size())}, {sizeof(T)}, owned->data(),
                        owner);
}

// The CSR arrays as a view, checked (the index copies them).
CsrView csr_view(const I64& indptr, const I32& indices, const F64& data, std::int64_t n_cols) {
  if (indptr.ndim() != 1 || indptr.size() < 1 || indptr.data()[0] != 0) {
    throw py::value_error("indptr must be 1-D, non-empty and start at 0");
  }
  CsrView v;
  v.n_rows = indptr.size() - 1;
  v.n_cols = n_cols;
  v.indptr = indptr.data();
  v.indices = indices.data();
  v.data = data.data();
  for (std::int64_t r = 0; r < v.n_rows; ++r) {
    if (v.indptr[r + 1] < v.indptr[r]) throw py::value_error("indptr must be non-decreasing");
  }
  const std::int64_t nnz = v.indptr[v.n_rows];
  if (indices.size() < nnz || data.size() < nnz) {
    throw py::value_error("inconsistent CSR arrays: indptr says " + std::to_string(nnz) +
                          " stored values");
  }
  return v;
}

std::unique_ptr<CosinePairIndex> build(const I64& indptr, const I32& indices, const F64& data,
                                       std::int64_t n_cols, double threshold, int n_jobs) {
  const CsrView v = csr_view(indptr, indices, data, n_cols);
  py::gil_scoped_release release;
  return std::make_unique<CosinePairIndex>(v, threshold, n_jobs);
}

std::unique_ptr<CosineNeighbourIndex> build_neighbours(const I64& indptr, const I32& indices,
                                                       const F64& data, std::int64_t n_cols,
                                                       int n_jobs) {
  const CsrView v = csr_view(indptr, indices, data, n_cols);
  py::gil_scoped_release release;
  return std::make_unique<CosineNeighbourIndex>(v, n_jobs);
}

}  // namespace

void bind_pairs(py::module_& m) {
  py::class_<CosinePairIndex>(m, "CosinePairIndex",
                              "Exact thresholded cosine self-join over the rows of a CSR matrix.")
      .def(py::init(&build), py::arg("indptr"), py::arg("indices"), py::arg("data"),
           py::arg("n_cols"), py::arg("threshold"), py::arg("n_jobs"))
      .def_property_readonly("n_rows", &CosinePairIndex::n_rows)
      .def(
          "query",
          [](const CosinePairIndex& index, std::int64_t begin, std::int64_t end, int n_jobs,
             std::int64_t max_work) {
            PairList p;
            {
              py::gil_scoped_release release;
              p = index.query(begin, end, n_jobs, max_work);
            }
            return py::make_tuple(move_to_numpy(std::move(p.a)), move_to_numpy(std::move(p.b)),
                                  move_to_numpy(std::move(p.score)), p.capped_rows);
          },
          py::arg("begin"), py::arg("end"), py::arg("n_jobs"), py::arg("max_work") = -1);
  py::class_<CosineNeighbourIndex>(m, "CosineNeighbourIndex",
                                   "Exact top-n cosine neighbours among the rows of a CSR matrix.")
      .def(py::init(&build_neighbours), py::arg("indptr"), py::arg("indices"), py::arg("data"),
           py::arg("n_cols"), py::arg("n_jobs"))
      .def_property_readonly("n_rows", &CosineNeighbourIndex::n_rows)
      .def(
          "query",
          [](const CosineNeighbourIndex& index, std::int64_t begin, std::int64_t end,
             std::int64_t top_n, int n_jobs) {
            if (top_n < 1) throw py::value_error("top_n must be >= 1");
            begin = std::max<std::int64_t>(0, begin);
            end = std::max(begin, std::min(end, index.n_rows()));
            py::array_t<std::int64_t> idx({end - begin, top_n});
            py::array_t<double> sc({end - begin, top_n});
            auto* pi = idx.mutable_data();
            auto* ps = sc.mutable_data();
            {
              py::gil_scoped_release release;
              index.query(begin, end, top_n, pi, ps, n_jobs);
            }
            return py::make_tuple(idx, sc);
          },
          py::arg("begin"), py::arg("end"), py::arg("top_n"), py::arg("n_jobs"));
}

}  // namespace kotext::bindings
