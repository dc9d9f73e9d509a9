/// @file parallel.hpp
/// @brief The core's thread pool for batch calls: a dynamic parallel-for that rethrows the
/// first worker error and stops handing out work once an error occurred.
#pragma once
#include <algorithm>
#include <atomic>
#include <cstddef>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace kotext {

/// Number of worker threads for @p n_jobs: values <= 0 mean all cores (like scikit-learn's
/// n_jobs=-1), and the result is never more than @p n_items (no idle threads).
inline int resolve_n_jobs(int n_jobs, std::size_t n_items = static_cast<std::size_t>(-1)) {
  int hw = static_cast<int>(std::thread::hardware_concurrency());
  if (hw <= 0) hw = 1;
  int n = n_jobs <= 0 ? hw : n_jobs;
  if (n_items < static_cast<std::size_t>(n)) n = static_cast<int>(std::max<std::size_t>(n_items, 1));
  return n;
}

/// Calls fn(i) for every i in [0, n) on up to @p n_jobs threads (the calling thread is
/// one of them). Items are handed out in small dynamic chunks, so long and short
/// documents balance. The first exception thrown by any fn is rethrown here after all
/// threads stopped; items not yet started are then skipped.
template <class Fn>
void parallel_for(std::size_t n, int n_jobs, Fn&& fn) {
  if (n == 0) return;
  const int threads = resolve_n_jobs(n_jobs, n);
  if (threads == 1) {
    for (std::size_t i = 0; i < n; ++i) fn(i);
    return;
  }
  std::atomic<std::size_t> next{0};
  std::atomic<bool> failed{false};
  std::exception_ptr first_error;
  std::mutex error_mutex;
  const std::size_t chunk = std::max<std::size_t>(1, n / (static_cast<std::size_t>(threads) * 16));
  auto worker = [&]() {
    while (!failed.load(std::memory_order_relaxed)) {
      std::size_t begin = next.fetch_add(chunk);
      if (begin >= n) break;
      std::size_t end = std::min(n, begin + chunk);
      try {
        for (std::size_t i = begin; i < end; ++i) fn(i);
      } catch (...) {
        std::lock_guard<std::mutex> lock(error_mutex);
        if (!first_error) first_error = std::current_exception();
        failed.store(true);
      }
    }
  };
  std::vector<std::thread> pool;
  pool.reserve(static_cast<std::size_t>(threads - 1));
  for (int t = 1; t < threads; ++t) pool.emplace_back(worker);
  worker();
  for (auto& th : pool) th.join();
  if (first_error) std::rethrow_exception(first_error);
}

}  // namespace kotext
