// The thread pool, interruption points and the pieces of long inputs: what the Python layer
// relies on for Ctrl-C, for bounded memory and for thread safety (run under TSan by
// `make test-tsan`, whose filter selects the Parallel* groups).
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <random>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "kotext/error.hpp"
#include "kotext/noun_learner.hpp"
#include "kotext/normalize.hpp"
#include "kotext/parallel.hpp"
#include "kotext/similarity.hpp"
#include "kotext/utf8.hpp"

namespace {

struct Stop : std::runtime_error {
  Stop() : std::runtime_error("stop") {}
};

// A text that exercises every rule that looks at neighbours, mixed with plain Korean so that
// pieces can end anywhere: references, NFD jamo, repeats, spaces and line breaks, emoji
// sequences, ㆍ between jamo, CRLF, invisible characters.
std::string tricky_text(std::size_t copies, unsigned seed) {
  const char* parts[] = {
      "한국섬유산업연합회는 ", "&amp;lt;b&amp;gt;", "\xe1\x84\x92\xe1\x85\xa1\xe1\x86\xab",
      "각각각각", "ㅋㅋㅋㅋ", "!!!!", "\r\n\r\n", "  \t ", "👨\u200d👩\u200d👧", "ㄱㆍㄴ",
      "\u200b", "…", "“인용”", "ＫＯＴＥＸＴ", "하하하하하", "&am\u200bp;", "e\u0301", "가나다라",
      "\n\n\n", "&#44032;", "ﾾ", "각", "가\xe1\x86\xa8"};
  std::mt19937 rng(seed);
  std::string s;
  for (std::size_t i = 0; i < copies; ++i) s += parts[rng() % (sizeof(parts) / sizeof(parts[0]))];
  return s;
}

}  // namespace

TEST(ParallelPool, VisitsEveryItemOnce) {
  std::vector<std::atomic<int>> hits(10007);
  kotext::parallel_for(hits.size(), 4, [&](std::size_t i) { hits[i].fetch_add(1); });
  for (const auto& h : hits) ASSERT_EQ(h.load(), 1);
}

TEST(ParallelPool, RethrowsAWorkerErrorAndStops) {
  std::atomic<std::size_t> ran{0};
  EXPECT_THROW(kotext::parallel_for(100000, 4,
                                    [&](std::size_t i) {
                                      ran.fetch_add(1);
                                      if (i == 10) throw kotext::InvalidArgument("item 10");
                                    }),
               kotext::InvalidArgument);
  EXPECT_LT(ran.load(), 100000u);  // items not yet started were skipped
}

TEST(ParallelInterrupt, HookRunsOnlyOnTheCallingThreadAndStopsTheCall) {
  const auto caller = std::this_thread::get_id();
  std::atomic<int> calls{0};
  std::atomic<bool> other_thread{false};
  std::atomic<std::size_t> ran{0};
  kotext::InterruptScope scope(
      [&] {
        if (std::this_thread::get_id() != caller) other_thread = true;
        if (++calls >= 3) throw Stop();
      },
      std::chrono::milliseconds(1));
  EXPECT_THROW(kotext::parallel_for(1u << 30, 2,
                                    [&](std::size_t) {
                                      ran.fetch_add(1);
                                      std::this_thread::sleep_for(std::chrono::microseconds(50));
                                    }),
               Stop);
  EXPECT_FALSE(other_thread.load());
  EXPECT_LT(ran.load(), 1u << 30);
}

TEST(ParallelInterrupt, NoHookOutsideTheScope) {
  {
    kotext::InterruptScope scope([] { throw Stop(); }, std::chrono::milliseconds(0));
    EXPECT_THROW(kotext::check_interrupt(), Stop);
  }
  EXPECT_NO_THROW(kotext::check_interrupt());
}

TEST(ParallelInterrupt, LongNormalizeStopsBetweenPieces) {
  const std::string text = tricky_text(200000, 1);
  kotext::NormalizeOptions o;
  o.piece_units = 4096;
  int calls = 0;
  kotext::InterruptScope scope([&] { if (++calls == 2) throw Stop(); },
                               std::chrono::milliseconds(0));
  EXPECT_THROW(kotext::normalize(text, o), Stop);
}

TEST(ParallelInterrupt, NounLearnerAndSimilarityStop) {
  std::vector<std::string> docs(2000, "정부가 예산을 늘렸다 정부는 예산이 부족하다 ");
  std::vector<std::string_view> views(docs.begin(), docs.end());
  {
    kotext::InterruptScope scope([] { throw Stop(); }, std::chrono::milliseconds(0));
    EXPECT_THROW(kotext::learn_nouns(views, {}, 2), Stop);
  }
  // 300 x 300 identity-like rows
  const std::int64_t n = 300;
  std::vector<std::int64_t> indptr(n + 1);
  std::vector<std::int32_t> indices(n);
  std::vector<double> data(n, 1.0);
  for (std::int64_t r = 0; r <= n; ++r) indptr[r] = r;
  for (std::int64_t r = 0; r < n; ++r) indices[r] = static_cast<std::int32_t>(r % 7);
  kotext::CsrView x{n, 7, indptr.data(), indices.data(), data.data()};
  std::vector<std::int64_t> idx(n * 3);
  std::vector<double> sc(n * 3);
  kotext::InterruptScope scope([] { throw Stop(); }, std::chrono::milliseconds(0));
  EXPECT_THROW(kotext::cosine_top_n(x, x, 3, true, false, idx.data(), sc.data(), 2), Stop);
}

TEST(ParallelSimilarity, TopNEqualsDenseOverManyBlocks) {
  // More rows than blocks of any thread count: the per-block accumulators must be clean.
  const std::int64_t n = 2000, cols = 50;
  std::mt19937 rng(7);
  std::vector<std::int64_t> indptr{0};
  std::vector<std::int32_t> indices;
  std::vector<double> data;
  for (std::int64_t r = 0; r < n; ++r) {
    for (std::int32_t c = 0; c < cols; ++c)
      if (rng() % 10 == 0) {
        indices.push_back(c);
        data.push_back(1.0 + rng() % 5);
      }
    indptr.push_back(static_cast<std::int64_t>(indices.size()));
  }
  kotext::CsrView x{n, cols, indptr.data(), indices.data(), data.data()};
  std::vector<double> dense(static_cast<std::size_t>(n * n));
  kotext::cosine_dense(x, x, dense.data(), 2);
  const std::int64_t k = 4;
  std::vector<std::int64_t> idx1(n * k), idx3(n * k);
  std::vector<double> sc1(n * k), sc3(n * k);
  kotext::cosine_top_n(x, x, k, true, true, idx1.data(), sc1.data(), 1);
  kotext::cosine_top_n(x, x, k, true, true, idx3.data(), sc3.data(), 3);
  EXPECT_EQ(idx1, idx3);
  EXPECT_EQ(sc1, sc3);
  for (std::int64_t r = 0; r < n; ++r) {
    for (std::int64_t j = 0; j < k; ++j) {
      const std::int64_t c = idx1[r * k + j];
      if (c >= 0) EXPECT_DOUBLE_EQ(sc1[r * k + j], dense[r * n + c]);
    }
  }
}

TEST(ParallelNouns, ThreadsGiveTheSameCandidates) {
  std::vector<std::string> docs;
  for (int i = 0; i < 400; ++i)
    docs.push_back("정부가 예산을 " + std::to_string(i) + "억 늘렸다. 협회는 포럼을 열었고 협회가 발표했다.");
  std::vector<std::string_view> views(docs.begin(), docs.end());
  kotext::NounLearnerOptions o;
  o.min_count = 2;
  const auto a = kotext::learn_nouns(views, o, 1);
  const auto b = kotext::learn_nouns(views, o, 4);
  ASSERT_EQ(a.size(), b.size());
  for (std::size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a[i].word, b[i].word);
    EXPECT_EQ(a[i].count, b[i].count);
    EXPECT_EQ(a[i].positive, b[i].positive);
  }
}

TEST(ParallelNormalize, SharedOptionsFromManyThreads) {
  std::vector<std::string> docs;
  for (unsigned i = 0; i < 64; ++i) docs.push_back(tricky_text(50 + i, i));
  const kotext::NormalizeOptions o;
  std::vector<std::string> serial(docs.size()), threaded(docs.size());
  for (std::size_t i = 0; i < docs.size(); ++i) serial[i] = kotext::normalize(docs[i], o);
  kotext::parallel_for(docs.size(), 4, [&](std::size_t i) { threaded[i] = kotext::normalize(docs[i], o); });
  EXPECT_EQ(serial, threaded);
}

// Pieces: the same text, offsets and errors as normalizing the whole input at once.
TEST(NormalizePieces, SameTextAndOffsetsAsWhole) {
  for (unsigned seed = 0; seed < 6; ++seed) {
    const std::string text = tricky_text(3000, seed);
    for (auto form : {kotext::UnicodeForm::NFC, kotext::UnicodeForm::NFKC}) {
      kotext::NormalizeOptions whole;
      whole.form = form;
      whole.lowercase = seed % 2;
      whole.piece_units = text.size() + 1;
      kotext::NormalizeOptions pieces = whole;
      pieces.piece_units = 64 + seed * 13;
      const auto a = kotext::normalize_with_offsets(text, whole);
      const auto b = kotext::normalize_with_offsets(text, pieces);
      ASSERT_EQ(a.text, b.text) << "seed " << seed;
      ASSERT_EQ(a.source, b.source) << "seed " << seed;
      const std::u32string cps = kotext::utf8::decode(text);
      std::vector<std::int64_t> sa, sb;
      ASSERT_EQ(kotext::normalize_codepoints(cps, whole, &sa),
                kotext::normalize_codepoints(cps, pieces, &sb));
      ASSERT_EQ(sa, sb);
    }
  }
}

TEST(NormalizePieces, ErrorOffsetIsInTheWholeInput) {
  std::string text = tricky_text(3000, 3);
  const std::size_t bad = text.size() - 100;
  // Put an invalid byte at a character boundary near the end.
  std::size_t at = bad;
  while ((static_cast<unsigned char>(text[at]) & 0xC0) == 0x80) ++at;
  text.insert(at, "\xff");
  kotext::NormalizeOptions o;
  o.piece_units = 256;
  try {
    kotext::normalize(text, o);
    FAIL() << "no error";
  } catch (const kotext::Utf8Error& e) {
    EXPECT_EQ(e.byte_offset(), at);
  }
  o.errors = kotext::utf8::ErrorMode::Replace;
  kotext::NormalizeOptions whole = o;
  whole.piece_units = text.size() + 1;
  EXPECT_EQ(kotext::normalize_with_offsets(text, o).source,
            kotext::normalize_with_offsets(text, whole).source);
}
