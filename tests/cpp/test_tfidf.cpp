// Counting, weighting and similarity in the core, without Python.
#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

#include "kotext/error.hpp"
#include "kotext/similarity.hpp"
#include "kotext/tfidf.hpp"
#include "kotext/vocabulary.hpp"

namespace {

using Docs = std::vector<std::vector<std::string_view>>;

kotext::Analyzer tokens_of(const Docs& docs, const kotext::NgramOptions& o) {
  return [&docs, o](std::size_t d, kotext::FeatureSink& sink) {
    std::string scratch;
    kotext::word_ngrams(docs[d].data(), docs[d].size(), o, sink, scratch);
  };
}

TEST(Count, LearnsSortedVocabularyAndCounts) {
  Docs docs = {{"나", "가", "나"}, {}, {"다", "가"}};
  auto r = kotext::count_learn(docs.size(), tokens_of(docs, {}), 2);
  ASSERT_EQ(r.terms, (std::vector<std::string>{"가", "나", "다"}));
  EXPECT_EQ(r.counts.indptr, (std::vector<std::int64_t>{0, 2, 2, 4}));
  EXPECT_EQ(std::vector<std::int32_t>(r.counts.indices.begin(), r.counts.indices.end()),
            (std::vector<std::int32_t>{0, 1, 0, 2}));
  EXPECT_EQ(std::vector<double>(r.counts.data.begin(), r.counts.data.end()),
            (std::vector<double>{1, 2, 1, 1}));
}

TEST(Count, ThreadsGiveTheSameMatrix) {
  std::vector<std::string> words;
  for (int i = 0; i < 200; ++i) words.push_back("w" + std::to_string(i % 37));
  Docs docs(500);
  for (std::size_t d = 0; d < docs.size(); ++d) {
    for (std::size_t k = 0; k < d % 13; ++k) docs[d].push_back(words[(d * 7 + k * 3) % words.size()]);
  }
  kotext::NgramOptions o;
  o.max_n = 2;
  auto a = kotext::count_learn(docs.size(), tokens_of(docs, o), 1);
  auto b = kotext::count_learn(docs.size(), tokens_of(docs, o), 4);
  EXPECT_EQ(a.terms, b.terms);
  EXPECT_EQ(a.counts.indptr, b.counts.indptr);
  EXPECT_EQ(a.counts.indices, b.counts.indices);
  EXPECT_EQ(a.counts.data, b.counts.data);
}

TEST(Count, WordNgramsDropStopWordsFirst) {
  std::unordered_set<std::string_view> stops = {"의"};
  kotext::NgramOptions o;
  o.min_n = 1;
  o.max_n = 2;
  o.stop_words = &stops;
  Docs docs = {{"정부", "의", "예산"}};
  auto r = kotext::count_learn(1, tokens_of(docs, o), 1);
  EXPECT_EQ(r.terms, (std::vector<std::string>{"예산", "정부", "정부 예산"}));
}

struct Collect : kotext::FeatureSink {
  std::vector<std::string> out;
  void add(std::string_view f) override { out.emplace_back(f); }
};

TEST(Count, CharWbPadsWordsLikeSklearn) {
  Collect c;
  kotext::NgramOptions o;
  o.min_n = 2;
  o.max_n = 3;
  kotext::char_wb_ngrams("가나  다", o, false, c);
  EXPECT_EQ(c.out, (std::vector<std::string>{" 가", "가나", "나 ", " 가나", "가나 ", " 다", "다 ",
                                             " 다 "}));
  Collect d;
  kotext::char_ngrams("A\t b", o, true, d);
  EXPECT_EQ(d.out, (std::vector<std::string>{"a ", " b", "a b"}));
  EXPECT_THROW(kotext::char_ngrams("\xff", o, false, d), kotext::Utf8Error);
}

TEST(Weight, SklearnSmoothIdfAndL2) {
  Docs docs = {{"a", "a", "b"}, {"b"}};
  auto r = kotext::count_learn(docs.size(), tokens_of(docs, {}), 1);
  auto idf = kotext::tfidf_idf(kotext::document_frequency(r.counts), 2, true);
  EXPECT_DOUBLE_EQ(idf[0], std::log(3.0 / 2.0) + 1.0);
  EXPECT_DOUBLE_EQ(idf[1], 1.0);
  kotext::WeightOptions o;
  kotext::weight_in_place(r.counts, idf, o, 1);
  const double a = 2 * idf[0], b = 1.0, n = std::sqrt(a * a + b * b);
  EXPECT_NEAR(r.counts.data[0], a / n, 1e-15);
  EXPECT_NEAR(r.counts.data[2], 1.0, 1e-15);
  EXPECT_THROW(kotext::weight_in_place(r.counts, {1.0}, o, 1), kotext::InvalidArgument);
}

TEST(Similarity, TopNWithoutSelf) {
  std::vector<std::int64_t> indptr = {0, 2, 3, 4, 4};
  std::vector<std::int32_t> indices = {0, 1, 0, 1};
  std::vector<double> data = {1, 1, 1, 1};
  kotext::CsrView x{4, 2, indptr.data(), indices.data(), data.data()};
  std::vector<std::int64_t> idx(8);
  std::vector<double> sc(8);
  kotext::cosine_top_n(x, x, 2, true, false, idx.data(), sc.data(), 2);
  EXPECT_EQ(idx[0], 1);
  EXPECT_NEAR(sc[0], std::sqrt(0.5), 1e-15);
  EXPECT_EQ(idx[2], 0);  // row 1: row 0 (0.707) then zero-similarity row 2 by index
  EXPECT_EQ(idx[3], 2);
  EXPECT_EQ(sc[3], 0.0);
  std::vector<double> dense(16);
  kotext::cosine_dense(x, x, dense.data(), 1);
  EXPECT_NEAR(dense[0], 1.0, 1e-15);
  EXPECT_EQ(dense[15], 0.0);  // empty row
}

}  // namespace
