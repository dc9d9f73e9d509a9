/// @file parallel.hpp
/// @brief The core's thread pool for batch calls: a dynamic parallel-for that rethrows the
/// first worker error and stops handing out work once an error occurred; and the
/// interruption points through which a caller stops a long call (Ctrl-C in Python).
#pragma once
#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <exception>
#include <functional>
#include <mutex>
#include <thread>
#include <utility>
#include <vector>

#include "kotext/error.hpp"

namespace kotext {

/// Thrown by check_interrupt() inside an item of a parallel_for that has stopped (another
/// item failed, or the call was interrupted): the item's result would be discarded, so it
/// ends early. parallel_for never rethrows it in place of the error that stopped it.
class Cancelled : public Error {
 public:
  Cancelled() : Error("cancelled: the parallel call stopped") {}
};

namespace detail {
struct InterruptHook {
  std::function<void()> hook;
  std::chrono::steady_clock::duration interval;
  std::chrono::steady_clock::time_point next;
  InterruptHook* previous;
};
inline thread_local InterruptHook* current_interrupt_hook = nullptr;
// The stop flag of the parallel_for whose item this thread is running (null outside one).
inline thread_local const std::atomic<bool>* current_stop_flag = nullptr;
}  // namespace detail

/// Installs @p hook on the current thread for the scope's lifetime: check_interrupt() on
/// this thread runs it, at most once per @p interval. The hook may throw to abandon the
/// call in progress (the Python bindings run Python's signal handlers there, so Ctrl-C
/// raises KeyboardInterrupt). Scopes nest; the innermost one is active.
class InterruptScope {
 public:
  explicit InterruptScope(std::function<void()> hook,
                          std::chrono::milliseconds interval = std::chrono::milliseconds(20))
      : state_{std::move(hook), interval, std::chrono::steady_clock::now() + interval,
               detail::current_interrupt_hook} {
    detail::current_interrupt_hook = &state_;
  }
  ~InterruptScope() { detail::current_interrupt_hook = state_.previous; }
  InterruptScope(const InterruptScope&) = delete;
  InterruptScope& operator=(const InterruptScope&) = delete;

 private:
  detail::InterruptHook state_;
};

/// An interruption point: long core loops call it where stopping leaves every object as it
/// was (between documents, between blocks of rows, before results are committed). Inside
/// an item of a parallel_for that has stopped it throws Cancelled, so that the other
/// threads leave long items too; otherwise it runs the current thread's hook when one is
/// installed and its interval has passed. Cost without a hook: two thread-local reads.
inline void check_interrupt() {
  const std::atomic<bool>* stop = detail::current_stop_flag;
  if (stop != nullptr && stop->load(std::memory_order_relaxed)) throw Cancelled();
  detail::InterruptHook* h = detail::current_interrupt_hook;
  if (h == nullptr) return;
  const auto now = std::chrono::steady_clock::now();
  if (now < h->next) return;
  h->next = now + h->interval;
  h->hook();
}

/// Number of worker threads for @p n_jobs: values <= 0 mean all cores (like scikit-learn's
/// n_jobs=-1), and the result is never more than @p n_items (no idle threads).
inline int resolve_n_jobs(int n_jobs, std::size_t n_items = static_cast<std::size_t>(-1)) {
  int hw = static_cast<int>(std::thread::hardware_concurrency());
  if (hw <= 0) hw = 1;
  int n = n_jobs <= 0 ? hw : n_jobs;
  if (n_items < static_cast<std::size_t>(n)) n = static_cast<int>(std::max<std::size_t>(n_items, 1));
  return n;
}

/// Least input (bytes of text, or code points) worth a thread of its own in a batch call.
/// A worker thread costs more than its start (tens of microseconds): it begins with cold
/// per-thread state (the tokenizer's and the dictionary's word caches, a MeCab lattice, the
/// chunk memo and vocabulary of TF-IDF counting) that the calling thread has already warmed,
/// and its results are merged afterwards. Below about 256 KB per thread (some milliseconds
/// of tokenizing) that costs more wall time than the second core saves, so n_jobs=-1 on a
/// few dozen documents ran slower than n_jobs=1.
inline constexpr std::size_t kMinWorkPerThread = std::size_t{1} << 18;

/// resolve_n_jobs() for a batch of @p n_items items holding @p work units of input in all
/// (see kMinWorkPerThread): never more threads than the work fills.
inline int jobs_for_work(int n_jobs, std::size_t n_items, std::size_t work) {
  const int n = resolve_n_jobs(n_jobs, n_items);
  const std::size_t fill = std::max<std::size_t>(1, work / kMinWorkPerThread);
  return fill < static_cast<std::size_t>(n) ? static_cast<int>(fill) : n;
}

/// Calls fn(i) for every i in [0, n) on up to @p n_jobs threads (the calling thread is
/// one of them). Items are handed out in small dynamic chunks, so long and short
/// documents balance. The first exception thrown by any fn is rethrown here after all
/// threads stopped; items not yet started are then skipped. The calling thread passes an
/// interruption point (check_interrupt) before each item it runs.
template <class Fn>
void parallel_for(std::size_t n, int n_jobs, Fn&& fn) {
  if (n == 0) return;
  const int threads = resolve_n_jobs(n_jobs, n);
  if (threads == 1) {
    for (std::size_t i = 0; i < n; ++i) {
      check_interrupt();
      fn(i);
    }
    return;
  }
  std::atomic<std::size_t> next{0};
  std::atomic<bool> failed{false};
  std::exception_ptr first_error;
  std::mutex error_mutex;
  const std::size_t chunk = std::max<std::size_t>(1, n / (static_cast<std::size_t>(threads) * 16));
  auto worker = [&]() {
    const std::atomic<bool>* outer_stop = detail::current_stop_flag;
    detail::current_stop_flag = &failed;
    while (!failed.load(std::memory_order_relaxed)) {
      std::size_t begin = next.fetch_add(chunk);
      if (begin >= n) break;
      std::size_t end = std::min(n, begin + chunk);
      try {
        // Each item checks the flag, not only each chunk: after an error or an interrupt
        // the other threads stop within one item, not one chunk (up to n / 32 items).
        for (std::size_t i = begin; i < end && !failed.load(std::memory_order_relaxed); ++i) {
          check_interrupt();
          fn(i);
        }
      } catch (const Cancelled&) {
        // another item's error (or the interrupt) is the one to report
      } catch (...) {
        std::lock_guard<std::mutex> lock(error_mutex);
        if (!first_error) first_error = std::current_exception();
        failed.store(true);
      }
    }
    detail::current_stop_flag = outer_stop;
  };
  std::mutex done_mutex;
  std::condition_variable done_cv;
  int running = threads - 1;  // pool threads still working, guarded by done_mutex
  std::vector<std::thread> pool;
  pool.reserve(static_cast<std::size_t>(threads - 1));
  for (int t = 1; t < threads; ++t) {
    pool.emplace_back([&] {
      worker();
      std::lock_guard<std::mutex> lock(done_mutex);
      --running;
      done_cv.notify_one();
    });
  }
  worker();
  // Out of items, the calling thread keeps passing interruption points while the others
  // finish theirs: an interrupt must not wait for another thread's long item.
  if (detail::current_interrupt_hook != nullptr) {
    std::unique_lock<std::mutex> lock(done_mutex);
    while (running > 0) {
      done_cv.wait_for(lock, std::chrono::milliseconds(5));
      lock.unlock();
      try {
        check_interrupt();
      } catch (...) {
        std::lock_guard<std::mutex> error_lock(error_mutex);
        if (!first_error) first_error = std::current_exception();
        failed.store(true);
      }
      lock.lock();
    }
  }
  for (auto& th : pool) th.join();
  if (first_error) std::rethrow_exception(first_error);
}

}  // namespace kotext
